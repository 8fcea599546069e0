import { ClusterInventory } from '../types';
import { domainSample1 } from '../testing/domainSamples';
import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { computeWorkloadUsage, WorkloadSource } from './computeWorkloadUsage';
import { computeOwnerUsage } from './computeOwnerUsage';
import { attributedNodeIps } from './attributedNodeIps';
import { apportionNodeIps } from './apportionNodeIps';

/**
 * Sample 1 (how-pod-ips-are-counted.md §6): each node holds one /28, 16
 * addresses. Node a: web-a-1 (1 used, 15 idle). Node b: web-b-1 is "web",
 * web-b-2 and web-b-3 are "cart" (3 used, 13 idle). Node c: web-c-1 is
 * "web" (1 used, 15 idle). The cluster holds 48.
 */
function labelled(): {
  inventory: ClusterInventory;
  sources: WorkloadSource[];
} {
  const inventory = domainSample1();
  for (const pod of inventory.pods) {
    pod.labels = {
      'backstage.io/kubernetes-id': ['web-b-2', 'web-b-3'].includes(pod.name)
        ? 'cart'
        : 'web',
    };
  }
  return {
    inventory,
    sources: [
      { capacity: computeClusterCapacity(inventory), pods: inventory.pods },
    ],
  };
}

describe('attributedNodeIps', () => {
  it("charges a workload its pods' IPs, and the idle addresses of the nodes it has to itself, in whole addresses", () => {
    // The fractional rule this replaces charged web 37.3 held / 34.3 idle
    // (a third of node b) and cart 10.7 / 8.7. Now:
    // web: 1 used on each of a, b, c = 3; a and c are web's alone, so their
    // 15 + 15 = 30 idle; node b is shared with cart, so its 13 idle are
    // nobody's. 3 + 30 = 33 held, on 2 whole nodes.
    const { sources } = labelled();
    expect(
      attributedNodeIps(computeWorkloadUsage(sources, { kubernetesId: 'web' })),
    ).toEqual({
      held: 33,
      used: 3,
      idle: 30,
      wholeNodes: 2,
      clusters: [
        { cluster: 'sample-1-auto-mode', held: 33, used: 3, idle: 30 },
      ],
    });
    // cart: its 2 pods' IPs on b; b is not cart's alone, so no idle.
    expect(
      attributedNodeIps(
        computeWorkloadUsage(sources, { kubernetesId: 'cart' }),
      ),
    ).toMatchObject({ held: 2, used: 2, idle: 0, wholeNodes: 0 });
  });

  it("charges a team a node its two services share: the node is the team's, though neither service's alone", () => {
    const { sources } = labelled();
    const team = computeOwnerUsage(
      'group:default/shop',
      [{ kubernetesId: 'web' }, { kubernetesId: 'cart' }],
      sources,
    );
    // All 5 pods are the team's: 5 used; every node is wholly the team's:
    // 15 + 13 + 15 = 43 idle; 48 held, all the cluster holds.
    expect(team.nodeIps).toMatchObject({
      held: 48,
      used: 5,
      idle: 43,
      wholeNodes: 3,
    });
    expect(attributedNodeIps(team)).toEqual(team.nodeIps);
  });
});

describe('apportionNodeIps', () => {
  it('splits the cluster\'s 48 held addresses into teams and "not attributed", exactly', () => {
    const { sources } = labelled();
    const web = computeOwnerUsage(
      'group:default/web-team',
      [{ kubernetesId: 'web' }],
      sources,
    );
    const cart = computeOwnerUsage(
      'group:default/cart-team',
      [{ kubernetesId: 'cart' }],
      sources,
    );
    const { owners, notAttributed } = apportionNodeIps(
      sources.map(s => s.capacity),
      [web, cart],
    );
    expect(owners.map(o => [o.owner, o.held, o.used, o.idle])).toEqual([
      ['group:default/web-team', 33, 3, 30],
      ['group:default/cart-team', 2, 2, 0],
    ]);
    // Node b's 13 idle addresses: shared by two teams, charged to neither.
    // 33 + 2 + 13 = 48 = totals.heldIps.
    expect(notAttributed).toEqual([
      { cluster: 'sample-1-auto-mode', held: 13, used: 0, idle: 13 },
    ]);
    expect(sources[0].capacity.totals.heldIps).toBe(48);
  });

  it('charges a pod two teams both select to neither, so no address counts twice', () => {
    const { sources } = labelled();
    // Both teams claim web: web's 3 pods and nodes a and c are contested.
    const one = computeOwnerUsage(
      'group:default/one',
      [{ kubernetesId: 'web' }],
      sources,
    );
    const two = computeOwnerUsage(
      'group:default/two',
      [{ kubernetesId: 'web' }, { kubernetesId: 'cart' }],
      sources,
    );
    const { owners, notAttributed } = apportionNodeIps(
      sources.map(s => s.capacity),
      [one, two],
    );
    // one: nothing of its own. two: cart's 2 pods; node b has web-b-1
    // (contested) too, so no idle. Not attributed: 48 − 2 = 46.
    expect(owners.map(o => o.held)).toEqual([0, 2]);
    expect(notAttributed[0].held).toBe(46);
  });
});
