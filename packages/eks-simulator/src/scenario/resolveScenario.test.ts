import { perEniReport } from '../__testUtils__/perEniReport';
import { listBuiltinScenarios, loadScenario } from './loadScenario';
import { resolveScenario } from './resolveScenario';
import { ScenarioError } from './scenarioError';
import { ScenarioFile } from './types';

const subnetsOf = (name: string) =>
  Object.fromEntries(
    loadScenario(name)
      .regions.flatMap(r => r.subnets)
      .map(s => [s.cidr, s.availableIpAddressCount]),
  );

describe('shipped scenarios', () => {
  it('lists the shipped scenarios', () => {
    expect(listBuiltinScenarios()).toEqual([
      'auto-mode',
      'custom-networking',
      'portal-demo',
      'timeline-demo',
    ]);
  });

  it('auto-mode reproduces sample 1 of how-pod-ips-are-counted.md §6 exactly', () => {
    const scenario = loadScenario('auto-mode');
    expect(scenario.warnings).toEqual([]);
    expect(perEniReport(scenario, 'auto-mode')).toEqual([
      {
        node: 'i-aaaaaaaaaaaaaaaaa',
        eni: 'eni-aaaaaaaaaaaaaaaaa',
        primaryIp: '192.168.183.45',
        subnetCidr: '192.168.160.0/19',
        prefix: '192.168.181.240/28',
        assigned: 1,
        podIps: ['192.168.181.240'],
        available: 15,
      },
      {
        node: 'i-bbbbbbbbbbbbbbbbb',
        eni: 'eni-bbbbbbbbbbbbbbbbb',
        primaryIp: '192.168.81.38',
        subnetCidr: '192.168.64.0/19',
        prefix: '192.168.71.80/28',
        assigned: 3,
        podIps: ['192.168.71.80', '192.168.71.81', '192.168.71.82'],
        available: 13,
      },
      {
        node: 'i-ccccccccccccccccc',
        eni: 'eni-ccccccccccccccccc',
        primaryIp: '192.168.71.108',
        subnetCidr: '192.168.64.0/19',
        prefix: '192.168.85.160/28',
        assigned: 1,
        podIps: ['192.168.85.161'],
        available: 15,
      },
    ]);
    expect(subnetsOf('auto-mode')).toEqual({
      '192.168.160.0/19': 8170,
      '192.168.64.0/19': 8153,
    });
  });

  it('custom-networking reproduces sample 2 of how-pod-ips-are-counted.md §6 exactly', () => {
    const scenario = loadScenario('custom-networking');
    const rows = perEniReport(scenario, 'custom-networking');
    const brief = rows.map(r => [
      r.node,
      r.eni,
      r.primaryIp,
      r.subnetCidr,
      r.prefix,
      r.assigned,
      r.podIps?.join(' '),
      r.available,
    ]);
    expect(brief).toEqual(
      expect.arrayContaining([
        [
          'i-aaaaaaaaaaaaaaaaa',
          'eni-bbbbbbbbbbbbbbbbb',
          '100.64.51.12',
          '100.64.32.0/19',
          '100.64.43.16/28',
          3,
          '100.64.43.16 100.64.43.17 100.64.43.18',
          13,
        ],
        [
          'i-aaaaaaaaaaaaaaaaa',
          'eni-aaaaaaaaaaaaaaaaa',
          '192.168.137.198',
          '192.168.128.0/19',
          'none',
          undefined,
          undefined,
          undefined,
        ],
        [
          'i-0e8217b21d04ed516',
          'eni-ccccccccccccccccc',
          '192.168.177.125',
          '192.168.160.0/19',
          'none',
          undefined,
          undefined,
          undefined,
        ],
        [
          'i-0e8217b21d04ed516',
          'eni-ddddddddddddddddd',
          '100.64.70.70',
          '100.64.64.0/19',
          '100.64.72.176/28',
          2,
          '100.64.72.176 100.64.72.177',
          14,
        ],
      ]),
    );
    expect(rows).toHaveLength(4);
    const subnetIds = scenario.regions[0].subnets
      .filter(s => s.cidr.startsWith('100.64'))
      .map(s => s.id);
    expect(new Set(subnetIds).size).toBe(2);
    // hostNetwork daemons take the node IP, not a pod IP.
    const awsNode = scenario.clusters[0].pods.filter(p =>
      p.metadata.name.startsWith('aws-node-'),
    );
    expect(awsNode.map(p => p.status.podIP).sort()).toEqual([
      '192.168.137.198',
      '192.168.177.125',
    ]);
    expect(scenario.regions[0].vpcs[0].cidrBlocks).toEqual([
      '192.168.0.0/16',
      '100.64.0.0/16',
    ]);
  });

  it('portal-demo has the documented worked values', () => {
    const scenario = loadScenario('portal-demo');
    expect(scenario.warnings).toEqual([]);
    expect(
      scenario.clusters.map(c => [
        c.name,
        c.accountId,
        c.nodes.length,
        c.pods.length,
      ]),
    ).toEqual([
      ['eks-prod', '111111111111', 4, 17],
      ['eks-dev', '111111111111', 1, 7],
      ['eks-analytics', '222222222222', 2, 13],
    ]);
    expect(subnetsOf('portal-demo')).toEqual({
      '10.0.0.0/24': 233,
      '10.0.1.0/24': 218,
      '10.0.2.0/24': 238,
      '10.1.0.0/24': 232,
      '10.20.0.0/24': 247,
      '100.64.0.0/20': 4057,
    });
    const prod = scenario.clusters[0];
    const checkout = prod.pods.filter(
      p => p.metadata.labels?.['backstage.io/kubernetes-id'] === 'checkout-api',
    );
    expect(
      checkout
        .map(p => [p.status.podIP, p.status.phase, p.spec.nodeName])
        .sort(),
    ).toEqual([
      ['10.0.0.32', 'Running', 'i-0511000000000a001'],
      ['10.0.0.33', 'Running', 'i-0511000000000a001'],
      ['10.0.0.36', 'Failed', 'i-0511000000000a001'],
      ['10.0.1.16', 'Running', 'i-0511000000000b001'],
    ]);
    const report = perEniReport(scenario, 'eks-prod');
    expect(
      report
        .filter(r => r.prefix !== 'none')
        .map(r => [r.node, r.prefix, r.assigned, r.available]),
    ).toEqual([
      ['i-0511000000000a001', '10.0.0.32/28', 4, 12],
      ['i-0511000000000b001', '10.0.1.16/28', 3, 13],
      ['i-0511000000000b001', '10.0.1.32/28', 0, 16],
    ]);
    const pending = prod.pods.filter(p => p.status.phase === 'Pending');
    expect(pending).toHaveLength(1);
    expect(pending[0].status.podIP).toBeUndefined();
    expect(pending[0].spec.nodeName).toBeUndefined();
    const nodes = Object.fromEntries(prod.nodes.map(n => [n.metadata.name, n]));
    expect(nodes['i-0511000000000a001'].spec.providerID).toBe(
      'aws:///eu-west-1a/i-0511000000000a001',
    );
    expect(
      nodes['i-0511000000000a001'].metadata.labels![
        'eks.amazonaws.com/compute-type'
      ],
    ).toBe('auto');
    expect(nodes['i-0511000000000a001'].status.allocatable.pods).toBe('110');
    // Secondary-IP node group: m5.large = 3 × (10 − 1) + 2.
    expect(nodes['i-0511000000000c001'].status.allocatable.pods).toBe('29');
    expect(
      nodes['i-0511000000000c001'].metadata.labels![
        'eks.amazonaws.com/nodegroup'
      ],
    ).toBe('legacy');
    // Security groups for pods: the pod's IP is its branch ENI's primary IP (no warning).
    const dev = scenario.clusters[1];
    const gateway = dev.pods.find(p =>
      p.metadata.name.startsWith('payments-gateway-'),
    )!;
    expect(gateway.status.podIP).toBe('10.1.0.41');
    const branch = scenario.regions[0].networkInterfaces.find(
      e => e.primaryIp === '10.1.0.41',
    )!;
    expect([branch.interfaceType, branch.attachment]).toEqual([
      'branch',
      undefined,
    ]);
    expect(
      perEniReport(scenario, 'eks-dev').map(r => [r.eni, r.prefix, r.assigned]),
    ).toEqual([
      ['eni-0511000000000d001', '10.1.0.16/28', 4],
      ['eni-0511000000000d002', 'none', undefined],
    ]);
    const analytics = scenario.clusters[2];
    expect(analytics.awsIam).toEqual({
      accounts: ['222222222222'],
      clusterId: 'eks-analytics',
    });
  });
});

describe('resolveScenario', () => {
  // how-pod-ips-are-counted.md §5 worked example: 10.0.0.0/25 → AvailableIpAddressCount 88.
  const worked: ScenarioFile = {
    name: 'worked',
    accounts: [
      {
        id: '123456789012',
        regions: [
          {
            name: 'us-east-1',
            vpcs: [
              {
                id: 'vpc-1',
                cidrBlocks: ['10.0.0.0/16'],
                subnets: [
                  {
                    id: 'subnet-1',
                    cidr: '10.0.0.0/25',
                    availabilityZone: 'us-east-1a',
                    cidrReservations: [
                      { cidr: '10.0.0.96/28', type: 'explicit' },
                    ],
                  },
                ],
              },
            ],
            instances: [
              {
                id: 'i-0000000000000000a',
                instanceType: 'm5.large',
                networkInterfaces: [
                  {
                    id: 'eni-a',
                    subnetId: 'subnet-1',
                    primaryIp: '10.0.0.10',
                    ipv4Prefixes: ['10.0.0.16/28'],
                  },
                ],
              },
              {
                id: 'i-0000000000000000b',
                instanceType: 'm5.large',
                networkInterfaces: [
                  {
                    id: 'eni-b',
                    subnetId: 'subnet-1',
                    primaryIp: '10.0.0.37',
                    ipv4Prefixes: ['10.0.0.64/28'],
                  },
                ],
              },
            ],
            networkInterfaces: [
              {
                id: 'eni-lambda',
                subnetId: 'subnet-1',
                primaryIp: '10.0.0.85',
                interfaceType: 'lambda',
              },
            ],
          },
        ],
      },
    ],
  };

  it('derives AvailableIpAddressCount as size − 5 − private IPs − 16 × prefixes', () => {
    const s = resolveScenario(worked);
    expect(s.regions[0].subnets[0].availableIpAddressCount).toBe(
      128 - 5 - 3 - 32,
    );
    expect(s.regions[0].subnets[0].cidrReservations[0]).toMatchObject({
      cidr: '10.0.0.96/28',
      type: 'explicit',
    });
    expect(
      s.regions[0].networkInterfaces.find(e => e.id === 'eni-lambda'),
    ).toMatchObject({
      interfaceType: 'lambda',
      status: 'available',
      attachment: undefined,
    });
  });

  const broken = (mutate: (f: ScenarioFile) => void) => {
    const copy: ScenarioFile = JSON.parse(JSON.stringify(worked));
    mutate(copy);
    return () => resolveScenario(copy);
  };

  it('rejects IPs outside the subnet, reserved addresses, misaligned and overlapping prefixes', () => {
    expect(
      broken(
        f =>
          (f.accounts[0].regions[0].instances![0].networkInterfaces[0].primaryIp =
            '10.0.1.10'),
      ),
    ).toThrow(/10\.0\.1\.10 lies outside its subnet 10\.0\.0\.0\/25/);
    expect(
      broken(
        f =>
          (f.accounts[0].regions[0].instances![0].networkInterfaces[0].primaryIp =
            '10.0.0.2'),
      ),
    ).toThrow(/AWS reserves/);
    expect(
      broken(
        f =>
          (f.accounts[0].regions[0].instances![0].networkInterfaces[0].ipv4Prefixes =
            ['10.0.0.20/28']),
      ),
    ).toThrow(/not aligned/);
    expect(
      broken(
        f =>
          (f.accounts[0].regions[0].networkInterfaces![0].primaryIp =
            '10.0.0.70'),
      ),
    ).toThrow(/already held by eni-b/);
    expect(
      broken(
        f => (f.accounts[0].regions[0].instances![0].instanceType = 'm4.large'),
      ),
    ).toThrow(/Nitro/);
    expect(
      broken(
        f => (f.accounts[0].regions[0].instances![0].instanceType = 'x9.huge'),
      ),
    ).toThrow(/unknown instance type/);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      broken(f => {
        f.accounts[0].regions[0].instances![0].networkInterfaces[0].primaryIp =
          '10.0.1.10';
        f.accounts[0].regions[0].instances![1].networkInterfaces[0].subnetId =
          'subnet-nope';
      })();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    // Outside the subnet; the ENI in an unknown subnet; then the instance without a primary ENI.
    expect((error as ScenarioError).problems).toHaveLength(3);
  });
});
