import {
  ClusterCapacity,
  NodeUsage,
  OwnerHeadroom,
  OwnerHeadroomPool,
  WorkloadUsage,
} from '../types';
import { sharedHeadroom } from '../nodes/nodeHeadroom';
import { entityLabel } from './entityLabel';
import { mostCommonWall } from './mostCommonWall';

/** Union-find over node group names. */
class Groups {
  private readonly parent = new Map<string, string>();

  add(group: string): void {
    if (!this.parent.has(group)) this.parent.set(group, group);
  }

  find(group: string): string {
    let root = group;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    // path compression
    let g = group;
    while (g !== root) {
      const next = this.parent.get(g)!;
      this.parent.set(g, root);
      g = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }

  members(): string[] {
    return [...this.parent.keys()];
  }
}

/**
 * An owner's room in one cluster: pools of node groups its entities
 * compete for, and the cluster's total.
 */
function clusterHeadroom(
  capacity: ClusterCapacity,
  entities: readonly WorkloadUsage[],
): { replicas: number; onCurrentNodes: number; pools: OwnerHeadroomPool[] } {
  const cluster = capacity.cluster;
  const groups = new Groups();
  const entityGroups: Array<{ label: string; groups: string[] }> = [];
  const current = new Set<string>();
  for (const entity of entities) {
    const own = [
      ...new Set(
        entity.nodes
          .filter(n => n.cluster === cluster)
          .map(n => n.node.nodeGroup),
      ),
    ];
    if (own.length === 0) continue;
    for (const n of entity.nodes)
      if (n.cluster === cluster) current.add(n.node.name);
    own.forEach(g => groups.add(g));
    // An entity that runs in several groups can put its replicas in any.
    own.slice(1).forEach(g => groups.union(own[0], g));
    entityGroups.push({ label: entityLabel(entity.selection), groups: own });
  }
  if (entityGroups.length === 0)
    return { replicas: 0, onCurrentNodes: 0, pools: [] };

  // Groups whose nodes draw pod IPs from the same subnet take the same free
  // /28 blocks (how-pod-ips-are-counted.md §5, §7): one pool.
  const members = new Set(groups.members());
  const union = capacity.nodes.filter(n => members.has(n.nodeGroup));
  const groupOfSubnet = new Map<string, string>();
  for (const node of union) {
    if (!node.podSubnetId) continue;
    const seen = groupOfSubnet.get(node.podSubnetId);
    if (seen === undefined) groupOfSubnet.set(node.podSubnetId, node.nodeGroup);
    else groups.union(seen, node.nodeGroup);
  }

  // The cluster can never take fewer pods than a part of it: cap by its
  // total (its shared room is computed over all nodes in the same order).
  const cap = capacity.totals.headroomPods;
  const byRoot = new Map<string, NodeUsage[]>();
  for (const node of union) {
    const root = groups.find(node.nodeGroup);
    let list = byRoot.get(root);
    if (!list) byRoot.set(root, (list = []));
    list.push(node);
  }
  let replicas = 0;
  const pools: OwnerHeadroomPool[] = [];
  for (const [root, nodes] of byRoot) {
    const room = sharedHeadroom(nodes, capacity.subnets);
    // Pools share no node and no pod subnet: computing them apart gives
    // each subnet's budget the same nodes in the same order as computing
    // the union at once, so the pools add up to the union's room.
    replicas += room.pods;
    const sharedBy = [
      ...new Set(
        entityGroups
          .filter(e => groups.find(e.groups[0]) === root)
          .map(e => e.label),
      ),
    ];
    pools.push({
      cluster,
      nodeGroups: [...new Set(nodes.map(n => n.nodeGroup))].sort(),
      nodes: nodes.length,
      replicas: Math.min(room.pods, cap),
      sharedBy,
      wall: mostCommonWall(room.perNode),
    });
  }
  pools.sort((a, b) => a.nodeGroups[0].localeCompare(b.nodeGroups[0]));
  const onCurrent = sharedHeadroom(
    capacity.nodes.filter(n => current.has(n.name)),
    capacity.subnets,
  ).pods;
  return {
    replicas: Math.min(replicas, cap),
    onCurrentNodes: Math.min(onCurrent, cap),
    pools,
  };
}

/**
 * How many more pods with VPC IPs an owner's (a team's or a system's)
 * entities can get together: per cluster, `sharedHeadroom` computed once
 * over the union of the node groups they run in — not each entity's room
 * added up, which counts a node's room once per entity on it — and never
 * more than the cluster's `totals.headroomPods`. The pools say which
 * entities compete for the same room. O(nodes + entities' nodes) per
 * cluster.
 *
 * @public
 */
export function ownerHeadroom(
  entities: readonly WorkloadUsage[],
  capacities: readonly ClusterCapacity[],
): OwnerHeadroom {
  const headroom: OwnerHeadroom = { replicas: 0, onCurrentNodes: 0, pools: [] };
  for (const capacity of capacities) {
    const room = clusterHeadroom(capacity, entities);
    headroom.replicas += room.replicas;
    headroom.onCurrentNodes += room.onCurrentNodes;
    headroom.pools.push(...room.pools);
  }
  return headroom;
}
