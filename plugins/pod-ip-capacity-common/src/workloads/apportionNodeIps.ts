import {
  ClusterCapacity,
  NodeIpApportionment,
  NodeUsage,
  OwnerUsage,
} from '../types';
import { chargeNodeIps } from './chargeNodeIps';

/**
 * Every held pod address of the given clusters, charged to the owners by
 * the rule of `attributedNodeIps`, and the rest per cluster as "not
 * attributed to a team": nodes shared between teams (or with pods no team
 * selects), and pods that several of the owners select (charged to none
 * of them, so that no address is counted twice). Per cluster, the owners'
 * `held` plus `notAttributed.held` equal the cluster's `totals.heldIps`
 * exactly, and the same holds for used and idle. An owner's figures equal
 * `attributedNodeIps(owner)` unless another owner selects some of its pods.
 * O(nodes + selected pods).
 *
 * @public
 */
export function apportionNodeIps(
  capacities: readonly ClusterCapacity[],
  owners: readonly OwnerUsage[],
): NodeIpApportionment {
  const nodes = new Map<string, NodeUsage>();
  for (const capacity of capacities) {
    for (const node of capacity.nodes)
      nodes.set(`${capacity.cluster}/${node.name}`, node);
  }
  const charges = chargeNodeIps(
    owners.map(o => o.entities),
    nodes,
  );
  const notAttributed = capacities.map(capacity => {
    let used = capacity.totals.usedIps;
    let idle = capacity.totals.idleIps;
    for (const charge of charges) {
      const inCluster = charge.clusters.find(
        c => c.cluster === capacity.cluster,
      );
      used -= inCluster?.used ?? 0;
      idle -= inCluster?.idle ?? 0;
    }
    return { cluster: capacity.cluster, held: used + idle, used, idle };
  });
  return {
    owners: owners.map((o, i) => ({ owner: o.owner, ...charges[i] })),
    notAttributed,
  };
}
