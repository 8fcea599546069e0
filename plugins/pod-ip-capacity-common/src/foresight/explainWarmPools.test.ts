import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { INSTANCE_TYPES } from '../testing/builders';
import { buildCluster, FixtureNode } from './__fixtures__/buildCluster';
import { explainWarmPools } from './explainWarmPools';

const times = (n: number, spec: (i: number) => FixtureNode) =>
  Array.from({ length: n }, (_, i) => spec(i));

/**
 * web: 37 prefix nodes with 16 pods each; batch: 4 prefix nodes with 1 pod
 * and one with 17; legacy: 2 secondary-IP m5.large nodes with 3 pods; one
 * Auto Mode node. Every node holds what the default warm targets ask.
 */
const inventory = buildCluster(
  'warm',
  [
    { id: 'subnet-web', cidr: '10.1.0.0/21', zone: 'eu-west-1a' },
    { id: 'subnet-batch', cidr: '10.2.0.0/22', zone: 'eu-west-1a' },
    { id: 'subnet-legacy', cidr: '10.3.0.0/24', zone: 'eu-west-1b' },
    { id: 'subnet-auto', cidr: '10.4.0.0/24', zone: 'eu-west-1c' },
  ],
  [
    ...times(37, i => ({
      name: `web-${i}`,
      group: 'web',
      zone: 'eu-west-1a',
      subnetId: 'subnet-web',
      mode: 'prefix' as const,
      pods: 16,
    })),
    ...times(4, i => ({
      name: `batch-${i}`,
      group: 'batch',
      zone: 'eu-west-1a',
      subnetId: 'subnet-batch',
      mode: 'prefix' as const,
      pods: 1,
    })),
    {
      name: 'batch-busy',
      group: 'batch',
      zone: 'eu-west-1a',
      subnetId: 'subnet-batch',
      mode: 'prefix',
      pods: 17,
    },
    ...times(2, i => ({
      name: `legacy-${i}`,
      group: 'legacy',
      zone: 'eu-west-1b',
      subnetId: 'subnet-legacy',
      mode: 'secondary-ip' as const,
      pods: 3,
    })),
    {
      name: 'auto-0',
      group: 'general-purpose',
      zone: 'eu-west-1c',
      subnetId: 'subnet-auto',
      mode: 'auto-mode',
      pods: 3,
    },
  ],
);
const capacity = computeClusterCapacity(inventory);
const context = {
  provisioning: { cni: { prefixDelegation: true } },
  instanceTypes: [INSTANCE_TYPES['m5.large']],
};
const byGroup = (name: string) =>
  explainWarmPools(capacity, context).find(g => g.nodeGroup === name)!;

describe('explainWarmPools (how-pod-ips-are-counted.md §7)', () => {
  it('explains idle addresses as the warm pool WARM_PREFIX_TARGET=1 holds', () => {
    // 16 pods fill one prefix; W=1 keeps a second, empty one: 37 × 16 = 592
    // idle of 37 × 32 = 1,184 held. A warm IP target of 5 still needs
    // ⌈(16 + 5)/16⌉ = 2 prefixes: it would release nothing here.
    expect(byGroup('web')).toEqual({
      nodeGroup: 'web',
      pool: 'vpc-cni',
      mode: 'prefix',
      nodes: 37,
      pods: 592,
      heldAddresses: 1184,
      usedAddresses: 592,
      idleAddresses: 592,
      settings: [{ name: 'WARM_PREFIX_TARGET', value: 1, assumed: true }],
      expectedAddresses: 1184,
      releases: [
        {
          change: [{ name: 'WARM_IP_TARGET', value: 5, assumed: false }],
          addresses: 0,
          prefixes: 0,
          nodes: 0,
        },
      ],
    });
  });

  it('says what WARM_IP_TARGET=5 would release on lightly loaded nodes', () => {
    // 1-pod nodes hold 2 prefixes, and would hold ⌈(1 + 5)/16⌉ = 1: one
    // prefix back each (4 × 16). The 17-pod node holds ⌈17/16⌉ + 1 = 3 and
    // would hold ⌈22/16⌉ = 2: one more. 80 addresses from 5 nodes.
    expect(byGroup('batch')).toMatchObject({
      heldAddresses: 4 * 32 + 48,
      usedAddresses: 4 + 17,
      idleAddresses: 176 - 21,
      expectedAddresses: 176,
      releases: [{ addresses: 80, prefixes: 5, nodes: 5 }],
    });
  });

  it('explains secondary-IP nodes by WARM_ENI_TARGET', () => {
    // m5.large, 3 pods: ⌈3/9⌉ + 1 = 2 ENIs of 9 IPs held, 15 idle each.
    // WARM_IP_TARGET=5 would keep 3 + 5 = 8: 10 back from each node.
    expect(byGroup('legacy')).toMatchObject({
      mode: 'secondary-ip',
      heldAddresses: 36,
      idleAddresses: 30,
      settings: [{ name: 'WARM_ENI_TARGET', value: 1, assumed: true }],
      expectedAddresses: 36,
      releases: [{ addresses: 20, nodes: 2 }],
    });
    expect(byGroup('legacy').releases[0].prefixes).toBeUndefined();
  });

  it('reports Auto Mode nodes as keeping their own pool', () => {
    // 2 prefixes for 3 pods: 29 idle, which no CNI setting would change.
    expect(byGroup('general-purpose')).toEqual({
      nodeGroup: 'general-purpose',
      pool: 'auto-mode',
      nodes: 1,
      pods: 3,
      heldAddresses: 32,
      usedAddresses: 3,
      idleAddresses: 29,
      settings: [],
      releases: [],
    });
  });

  it('uses the settings the DaemonSet has, and the changes asked for', () => {
    // With WARM_PREFIX_TARGET=2 set, a web node is expected to hold
    // ⌈16/16⌉ + 2 = 3 prefixes (it holds 2: the snapshot predates the
    // change): 37 × 48 expected.
    const withW2 = explainWarmPools(capacity, {
      ...context,
      provisioning: { cni: { warmPrefixTarget: 2 } },
    });
    const web = withW2.find(g => g.nodeGroup === 'web')!;
    expect(web.settings).toEqual([
      { name: 'WARM_PREFIX_TARGET', value: 2, assumed: false },
    ]);
    expect(web.expectedAddresses).toBe(37 * 48);
    // Weighing WARM_IP_TARGET=2 with MINIMUM_IP_TARGET=16 for batch: a
    // 1-pod node would keep max(⌈3/16⌉, ⌈16/16⌉) = 1 prefix (one back
    // each, 4 × 16), the 17-pod node max(⌈19/16⌉, 1) = 2 (one back).
    const [batch] = explainWarmPools(capacity, context, [
      { warmIpTarget: 2, minimumIpTarget: 16 },
    ]).filter(g => g.nodeGroup === 'batch');
    expect(batch.releases).toEqual([
      {
        change: [
          { name: 'WARM_IP_TARGET', value: 2, assumed: false },
          { name: 'MINIMUM_IP_TARGET', value: 16, assumed: false },
        ],
        addresses: 80,
        prefixes: 5,
        nodes: 5,
      },
    ]);
  });
});
