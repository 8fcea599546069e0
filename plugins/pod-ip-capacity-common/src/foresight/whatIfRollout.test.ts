import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { computeWorkloadUsage } from '../workloads/computeWorkloadUsage';
import { INSTANCE_TYPES } from '../testing/builders';
import { karpenterScenario } from './__fixtures__/karpenterScenario';
import { resolveRollout } from './rolloutSurge';
import { whatIfRollout } from './whatIfRollout';

describe('resolveRollout', () => {
  it('rounds maxSurge up and maxUnavailable down, as the deployment controller does', () => {
    // Defaults 25% of 10: surge ⌈2.5⌉ = 3, unavailable ⌊2.5⌋ = 2.
    expect(resolveRollout({ replicas: 10 })).toEqual({
      maxSurge: 3,
      maxUnavailable: 2,
    });
    expect(
      resolveRollout({ replicas: 48, maxSurge: '10%', maxUnavailable: '10%' }),
    ).toEqual({
      maxSurge: 5, // ⌈4.8⌉
      maxUnavailable: 4, // ⌊4.8⌋
    });
    expect(
      resolveRollout({ replicas: 3, maxSurge: 2, maxUnavailable: 0 }),
    ).toEqual({
      maxSurge: 2,
      maxUnavailable: 0,
    });
  });

  it('lets a rollout progress when both come to zero', () => {
    // maxSurge 0, and 1% of 3 replicas unavailable is ⌊0.03⌋ = 0: no pod could
    // ever be replaced, so the controller allows 1 unavailable.
    expect(
      resolveRollout({ replicas: 3, maxSurge: 0, maxUnavailable: '1%' }),
    ).toEqual({
      maxSurge: 0,
      maxUnavailable: 1,
    });
  });

  it('rejects what Kubernetes rejects', () => {
    expect(() => resolveRollout({ replicas: 3, maxSurge: '2' })).toThrow(
      /percentage/,
    );
  });
});

describe('whatIfRollout (how-pod-ips-are-counted.md §7)', () => {
  const instanceTypes = [INSTANCE_TYPES['m5.large']];

  it('needs r + s pod IPs at the peak, and fits when the surge pods get IPs', () => {
    // 48 replicas, maxSurge 25%: 12 surge pods, 60 at the peak. a-0 has
    // room (16 idle addresses already cover 12).
    const { inventory, provisioning } = karpenterScenario();
    const capacity = computeClusterCapacity(inventory);
    const workload = computeWorkloadUsage(
      [{ capacity, pods: inventory.pods }],
      {
        kubernetesId: 'general-purpose-app',
      },
    );
    const rollout = whatIfRollout(
      capacity,
      workload,
      { replicas: 48 },
      { provisioning, instanceTypes },
    );
    expect(rollout).toMatchObject({
      replicas: 48,
      maxSurge: 12,
      maxUnavailable: 12,
      peakPods: 60,
      fits: true,
      surge: {
        placed: 12,
        onCurrentNodes: 12,
        firstFailure: null,
        subnets: [],
      },
    });
  });

  it('does not fit when the surge needs a node that lands in a subnet with no free /28', () => {
    // Nodes at their pod limit: 50% of 48 = 24 surge pods need new nodes.
    // The us-west-2a node takes 16; the us-west-2b node lands in subnet-b1
    // and gets no prefix: surge pod 17 waits for an IP.
    const { inventory, provisioning } = karpenterScenario();
    for (const node of inventory.nodes) node.allocatablePods = 18;
    const capacity = computeClusterCapacity(inventory);
    const workload = computeWorkloadUsage(
      [{ capacity, pods: inventory.pods }],
      {
        kubernetesId: 'general-purpose-app',
      },
    );
    const rollout = whatIfRollout(
      capacity,
      workload,
      { replicas: 48, maxSurge: '50%', maxUnavailable: 0 },
      { provisioning, instanceTypes },
    );
    expect(rollout).toMatchObject({
      maxSurge: 24,
      peakPods: 72,
      fits: false,
      surge: {
        placed: 16,
        firstFailure: {
          reason: 'InsufficientCidrBlocks',
          subnetId: 'subnet-b1',
          at: 17,
        },
      },
    });
  });
});
