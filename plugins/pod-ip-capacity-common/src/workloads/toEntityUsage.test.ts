import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { makePod } from '../testing/builders';
import { domainSample1 } from '../testing/domainSamples';
import { computeOwnerUsage } from './computeOwnerUsage';
import {
  MAX_LISTED_PODS_WITHOUT_NODE_IP,
  toEntityUsage,
} from './toEntityUsage';

const ID = 'backstage.io/kubernetes-id';

/**
 * Sample 1 with every pod labelled `web`, plus `completed` completed web pods
 * (stale IPs, released) and, when asked, one hostNetwork web pod: pods that
 * hold no pod IP of their node. The usage of the team owning `web`.
 */
function webTeamUsage(completed: number, withHostPod: boolean) {
  const inventory = domainSample1();
  for (const pod of inventory.pods) pod.labels = { [ID]: 'web' };
  const width = String(completed - 1).length;
  for (let i = 0; i < completed; i++) {
    inventory.pods.push(
      makePod(
        `done-${String(i).padStart(width, '0')}`,
        'i-aaaaaaaaaaaaaaaaa',
        ['192.168.71.83'],
        { phase: 'Succeeded', labels: { [ID]: 'web' } },
      ),
    );
  }
  if (withHostPod) {
    inventory.pods.push(
      makePod('a-host', 'i-bbbbbbbbbbbbbbbbb', ['192.168.81.38'], {
        hostNetwork: true,
        labels: { [ID]: 'web' },
      }),
    );
  }
  return computeOwnerUsage(
    'group:default/web-team',
    [{ entityRef: 'component:default/web', kubernetesId: 'web' }],
    [{ capacity: computeClusterCapacity(inventory), pods: inventory.pods }],
  );
}

describe('toEntityUsage', () => {
  // 61 pods that hold no pod IP of their node, more than an entity view lists.
  const usage = webTeamUsage(60, true);
  const view = toEntityUsage(usage);
  const [workload] = view.entities;
  const [full] = usage.entities;

  it('counts the nodes and the pods without a pod IP instead of listing them', () => {
    // The sample's pods run on its three nodes a, b and c.
    expect(full.nodes).toHaveLength(3);
    expect(workload.nodes).toBe(3);
    expect(workload.podsWithoutNodeIp).toEqual([
      { reason: 'completed', pods: 60 },
      { reason: 'host-network', pods: 1 },
    ]);
    expect(workload).not.toHaveProperty('podList');
    // Sums, subnets and headroom are the full usage's.
    expect(workload.pods).toBe(full.pods);
    expect(workload.podsWithVpcIp).toBe(full.podsWithVpcIp);
    expect(workload.subnets).toEqual(full.subnets);
    expect(workload.headroom).toEqual(full.headroom);
    expect(view.headroom).toEqual(usage.headroom);
    expect(view.nodes).toBe(usage.nodes);
  });

  it('lists the first 50 pods without a pod IP by namespace and name', () => {
    const listed = workload.podsWithoutNodeIpListed.map(p => p.name);
    expect(listed).toHaveLength(MAX_LISTED_PODS_WITHOUT_NODE_IP);
    // All in namespace default: a-host sorts before done-00 … done-48.
    expect(listed[0]).toBe('a-host');
    expect(listed[1]).toBe('done-00');
    expect(listed[49]).toBe('done-48');
  });

  it('is the same size however many pods the entity has', () => {
    // 10× the completed pods: the full usage grows, the view does not.
    const bigger = webTeamUsage(600, false);
    const size = (x: unknown) => JSON.stringify(x).length;
    expect(size(bigger)).toBeGreaterThan(size(usage) * 3);
    expect(size(toEntityUsage(bigger))).toBeLessThan(size(view) * 1.1);
  });
});
