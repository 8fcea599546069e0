import { ClusterCapacity } from '../types';
import { domainSample1, domainSample2 } from '../testing/domainSamples';
import { computeClusterCapacity } from './computeClusterCapacity';

/**
 * The per-ENI report of how-pod-ips-are-counted.md §6: one row per prefix, or one row saying
 * "none" for an ENI without prefixes.
 */
function perEniReport(capacity: ClusterCapacity) {
  return capacity.nodes
    .flatMap(node =>
      node.networkInterfaces.flatMap(eni =>
        eni.prefixes.length === 0
          ? [
              [
                node.name,
                eni.networkInterfaceId,
                eni.primaryIp,
                eni.subnetCidr,
                'none',
              ],
            ]
          : eni.prefixes.map(p => [
              node.name,
              eni.networkInterfaceId,
              eni.primaryIp,
              eni.subnetCidr,
              p.cidr,
              p.assigned,
              p.podIps,
              p.available,
            ]),
      ),
    )
    .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
}

describe('how-pod-ips-are-counted.md §6 samples, number for number', () => {
  it('sample 1 — Auto Mode, prefixes on the primary ENI', () => {
    const capacity = computeClusterCapacity(domainSample1());
    expect(perEniReport(capacity)).toEqual([
      [
        'i-aaaaaaaaaaaaaaaaa',
        'eni-aaaaaaaaaaaaaaaaa',
        '192.168.183.45',
        '192.168.160.0/19',
        '192.168.181.240/28',
        1,
        ['192.168.181.240'],
        15,
      ],
      [
        'i-bbbbbbbbbbbbbbbbb',
        'eni-bbbbbbbbbbbbbbbbb',
        '192.168.81.38',
        '192.168.64.0/19',
        '192.168.71.80/28',
        3,
        ['192.168.71.80', '192.168.71.81', '192.168.71.82'],
        13,
      ],
      [
        'i-ccccccccccccccccc',
        'eni-ccccccccccccccccc',
        '192.168.71.108',
        '192.168.64.0/19',
        '192.168.85.160/28',
        1,
        ['192.168.85.161'],
        15,
      ],
    ]);
    for (const node of capacity.nodes) {
      expect(node.mode).toBe('auto-mode');
      expect(node.networkInterfaces[0].total).toBe(16);
    }
    expect(capacity.nodeGroups).toEqual([
      expect.objectContaining({
        name: 'general-purpose',
        source: 'karpenter.sh/nodepool',
        nodes: 3,
        mode: 'auto-mode',
        podsWithVpcIp: 5,
        // 3 prefixes × 16 held, 5 used
        heldIps: 48,
        usedIps: 5,
        idleIps: 43,
      }),
    ]);
  });

  it('sample 2 — custom networking, pods on secondary ENIs in 100.64 subnets', () => {
    const capacity = computeClusterCapacity(domainSample2());
    expect(perEniReport(capacity)).toEqual([
      [
        'i-0e8217b21d04ed516',
        'eni-ccccccccccccccccc',
        '192.168.177.125',
        '192.168.160.0/19',
        'none',
      ],
      [
        'i-0e8217b21d04ed516',
        'eni-ddddddddddddddddd',
        '100.64.70.70',
        '100.64.64.0/19',
        '100.64.72.176/28',
        2,
        ['100.64.72.176', '100.64.72.177'],
        14,
      ],
      [
        'i-aaaaaaaaaaaaaaaaa',
        'eni-aaaaaaaaaaaaaaaaa',
        '192.168.137.198',
        '192.168.128.0/19',
        'none',
      ],
      [
        'i-aaaaaaaaaaaaaaaaa',
        'eni-bbbbbbbbbbbbbbbbb',
        '100.64.51.12',
        '100.64.32.0/19',
        '100.64.43.16/28',
        3,
        ['100.64.43.16', '100.64.43.17', '100.64.43.18'],
        13,
      ],
    ]);
    const a = capacity.nodes.find(n => n.name === 'i-aaaaaaaaaaaaaaaaa')!;
    expect(a.mode).toBe('custom-networking');
    expect(a.customNetworking).toBe(true);
    expect(a.prefixDelegation).toBe(true);
    // New pod IPs come from the pod subnet, never the node's primary subnet.
    expect(a.podSubnetId).toBe('subnet-0pods1b');
    // The primary ENI says "none": it holds no pod addresses.
    expect(a.networkInterfaces[0]).toMatchObject({
      deviceIndex: 0,
      mode: 'none',
      total: 0,
    });
  });

  it('maps pod IPs to subnets through the ENI, not the node', () => {
    const capacity = computeClusterCapacity(domainSample2());
    const podIps = Object.fromEntries(
      capacity.subnets.map(s => [s.cidr, s.podIps]),
    );
    expect(podIps).toEqual({
      '100.64.32.0/19': 3,
      '100.64.64.0/19': 2,
      '192.168.128.0/19': 0,
      '192.168.160.0/19': 0,
    });
  });

  it('accounts for every address of the sample 1 subnets', () => {
    const capacity = computeClusterCapacity(domainSample1());
    const subnet = capacity.subnets.find(s => s.cidr === '192.168.64.0/19')!;
    // 8187 usable − 8153 available = 34 = 2 node IPs + 2 prefixes × 16
    expect(subnet.used).toBe(34);
    expect(subnet.holders).toMatchObject({
      nodePrimaryIps: 2,
      prefixes: 2,
      prefixAddresses: 32,
      unexplained: 0,
    });
    // 512 blocks: 2 AWS-reserved, 2 prefixes, and 2 fragmented by the node
    // IPs .81.38 (block .81.32) and .71.108 (block .71.96): 506 free.
    expect(subnet.blocks).toMatchObject({
      total: 512,
      reserved: 2,
      allocated: 2,
      fragmented: 2,
      free: 506,
    });
    expect(subnet.podIps).toBe(4);
    expect(subnet.podNodes).toBe(2);
    expect(subnet.atRisk).toBe(false);
  });

  it('gives node headroom up to the pod limit when IPs are plentiful', () => {
    const capacity = computeClusterCapacity(domainSample1());
    const a = capacity.nodes.find(n => n.name === 'i-aaaaaaaaaaaaaaaaa')!;
    expect(a.ips).toEqual({ held: 16, used: 1, idle: 15 });
    expect(a.limits).toEqual({
      allocatable: 110,
      secondaryIp: 29,
      customNetworking: 20,
      prefix: 110,
      effective: 110,
    });
    // 110 − 1 pod = 109 under the pod limit. IPs: 15 idle + 26 free slots
    // (9 − 1 on the primary ENI, 2 more ENIs × 9) × 16 = 431.
    expect(a.headroom).toEqual({
      pods: 109,
      podLimitRoom: 109,
      ipRoom: 431,
      fromIdleIps: 15,
      attachablePrefixes: 26,
      attachableSecondaryIps: 0,
      freeAddressSlots: 26,
      wall: 'pod-limit',
    });
    // 109 + 107 + 109 for the three nodes.
    expect(capacity.totals.headroomPods).toBe(325);
  });
});
