import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { INSTANCE_TYPES } from '../testing/builders';
import { buildCluster } from './__fixtures__/buildCluster';
import { karpenterScenario } from './__fixtures__/karpenterScenario';
import { clusterForesight, markLandingRisks } from './clusterForesight';
import { warmPoolReleaseMessage } from './warmPoolMessages';

const instanceTypes = [INSTANCE_TYPES['m5.large']];

describe('clusterForesight: landings and warm pools in words (how-pod-ips-are-counted.md §7)', () => {
  it("says where Karpenter's next node fails and which subnet would work", () => {
    // us-west-2b: Karpenter takes subnet-b1 (1,856 free IPs, no free /28)
    // over subnet-b2 (251, 14): the node's first prefix fails.
    const { inventory, provisioning } = karpenterScenario();
    const capacity = computeClusterCapacity(inventory);
    const { landings } = clusterForesight(capacity, {
      provisioning,
      instanceTypes,
    });
    const b = landings.find(l => l.zone === 'us-west-2b')!;
    expect(b.warnings.map(w => w.message)).toEqual([
      'The next node of pool general-purpose in us-west-2b lands in subnet-b1 (1,856 free IPs, 0 free /28 blocks): its first prefix will fail with InsufficientCidrBlocks. subnet-b2 (14 free /28 blocks) would work, but Karpenter picks the subnet with the most free IPs.',
    ]);
    expect(landings.find(l => l.zone === 'us-west-2a')!.warnings).toEqual([]);
  });

  it('marks the subnet the next node fails in at risk, even with no prefix node in it yet', () => {
    // Only b-0 and b-1 sit in subnet-b1, and they are prefix nodes, so the
    // engine already has it at risk; pretend they were not (a new pool
    // whose class selects a subnet no node of it uses yet).
    const { inventory, provisioning } = karpenterScenario();
    const computed = computeClusterCapacity(inventory);
    const capacity = {
      ...computed,
      subnets: computed.subnets.map(s => ({ ...s, atRisk: false })),
      atRisk: false,
      totals: { ...computed.totals, atRiskSubnets: 0 },
    };
    const { landings } = clusterForesight(capacity, {
      provisioning,
      instanceTypes,
    });
    const marked = markLandingRisks(capacity, landings);
    expect(marked.subnets.filter(s => s.atRisk).map(s => s.subnetId)).toEqual([
      'subnet-b1',
    ]);
    expect(marked.atRisk).toBe(true);
    expect(marked.totals.atRiskSubnets).toBe(1);
    // Nothing to mark: the same object back.
    const calm = markLandingRisks(capacity, []);
    expect(calm).toBe(capacity);
  });

  it('explains warm pools and what WARM_IP_TARGET=5 would release', () => {
    // batch: 4 nodes with 1 pod hold 2 prefixes each (⌈1/16⌉ + 1), one
    // with 17 pods 3: 176 held, 21 used, 155 idle. WARM_IP_TARGET=5 keeps
    // ⌈6/16⌉ = 1 and ⌈22/16⌉ = 2: 5 prefixes, 80 addresses back.
    const inventory = buildCluster(
      'warm',
      [{ id: 'subnet-batch', cidr: '10.2.0.0/22', zone: 'eu-west-1a' }],
      [
        ...[0, 1, 2, 3].map(i => ({
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
          mode: 'prefix' as const,
          pods: 17,
        },
      ],
    );
    const { warmPools } = clusterForesight(computeClusterCapacity(inventory), {
      provisioning: { cni: { prefixDelegation: true } },
      instanceTypes,
    });
    expect(warmPools).toHaveLength(1);
    expect(warmPools[0].message).toBe(
      "Held as warm pool: WARM_PREFIX_TARGET=1 (the VPC CNI's default), 5 nodes, 155 addresses.",
    );
    expect(warmPools[0].releases.map(r => r.message)).toEqual([
      'WARM_IP_TARGET=5 would release about 80 addresses (5 prefixes, on 5 nodes).',
    ]);
  });

  it('says when the settings predict other holdings than the nodes have, and when a change frees nothing', () => {
    // 1 pod, but WARM_PREFIX_TARGET=2 set after the node took its two
    // prefixes: ⌈1/16⌉ + 2 = 3 expected (48), 32 held.
    const inventory = buildCluster(
      'changed',
      [{ id: 'subnet-x', cidr: '10.9.0.0/24', zone: 'eu-west-1a' }],
      [
        {
          name: 'x-0',
          group: 'x',
          zone: 'eu-west-1a',
          subnetId: 'subnet-x',
          mode: 'prefix' as const,
          pods: 1,
        },
      ],
    );
    const { warmPools } = clusterForesight(computeClusterCapacity(inventory), {
      provisioning: { cni: { prefixDelegation: true, warmPrefixTarget: 2 } },
      instanceTypes,
    });
    expect(warmPools[0].message).toBe(
      'Held as warm pool: WARM_PREFIX_TARGET=2, 1 node, 31 addresses. By these settings the nodes would hold 48 addresses for their 1 pod; they hold 32.',
    );
    expect(
      warmPoolReleaseMessage({
        change: [{ name: 'WARM_IP_TARGET', value: 5, assumed: false }],
        addresses: 0,
        nodes: 0,
      }),
    ).toBe('WARM_IP_TARGET=5 would release nothing.');
  });
});
