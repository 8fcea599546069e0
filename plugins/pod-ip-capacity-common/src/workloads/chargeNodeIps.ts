import {
  AttributedNodeIps,
  ClusterNodeIpCharge,
  NodeUsage,
  WorkloadUsage,
} from '../types';

/** A pod two or more owners select: charged to none of them. */
const CONTESTED = -1;

interface Claim {
  owner: number;
  cluster: string;
  nodeName?: string;
  attributed: boolean;
}

const empty = (cluster: string): ClusterNodeIpCharge => ({
  cluster,
  held: 0,
  used: 0,
  idle: 0,
});

/**
 * The rule behind `attributedNodeIps` and `apportionNodeIps`, over any
 * number of owners at once (how-pod-ips-are-counted.md §1, §3):
 *
 * - a pod with a VPC IP on its node's ENIs charges its owner 1 used
 *   address — once, however many of the owner's entities select it;
 * - a node's idle addresses are charged to an owner only when every pod
 *   with a VPC IP on that node (`node.pods.withVpcIp`, unattributed ones
 *   included) is that owner's;
 * - a pod that several owners select is charged to none of them, and its
 *   node's idle addresses neither;
 * - everything else is charged to nobody.
 *
 * All whole numbers. `nodes` gives each node's usage by `cluster/name`.
 * O(selected pods + their nodes).
 */
export function chargeNodeIps(
  owners: ReadonlyArray<readonly WorkloadUsage[]>,
  nodes: ReadonlyMap<string, NodeUsage>,
): AttributedNodeIps[] {
  const claims = new Map<string, Claim>();
  owners.forEach((entities, owner) => {
    for (const entity of entities) {
      for (const pod of entity.podList) {
        if (!pod.podIp) continue;
        const key = `${pod.cluster}/${pod.namespace}/${pod.name}`;
        const claim = claims.get(key);
        if (!claim) {
          claims.set(key, {
            owner,
            cluster: pod.cluster,
            ...(pod.nodeName ? { nodeName: pod.nodeName } : {}),
            attributed: pod.attributed,
          });
        } else if (claim.owner !== owner) {
          claim.owner = CONTESTED;
        }
      }
    }
  });

  const charges = owners.map(() => new Map<string, ClusterNodeIpCharge>());
  const wholeNodes = owners.map(() => 0);
  const chargeOf = (owner: number, cluster: string) => {
    let charge = charges[owner].get(cluster);
    if (!charge) charges[owner].set(cluster, (charge = empty(cluster)));
    return charge;
  };
  // Pods with a VPC IP per node, by owner (CONTESTED counts as another owner).
  const onNode = new Map<
    string,
    { cluster: string; counts: Map<number, number> }
  >();
  for (const claim of claims.values()) {
    if (claim.owner !== CONTESTED && claim.attributed) {
      chargeOf(claim.owner, claim.cluster).used++;
    }
    if (!claim.nodeName) continue;
    const nodeKey = `${claim.cluster}/${claim.nodeName}`;
    let entry = onNode.get(nodeKey);
    if (!entry) {
      entry = { cluster: claim.cluster, counts: new Map() };
      onNode.set(nodeKey, entry);
    }
    entry.counts.set(claim.owner, (entry.counts.get(claim.owner) ?? 0) + 1);
  }
  for (const [nodeKey, { cluster, counts }] of onNode) {
    const node = nodes.get(nodeKey);
    if (!node || counts.size !== 1) continue;
    const [[owner, pods]] = counts;
    if (owner === CONTESTED || pods !== node.pods.withVpcIp) continue;
    chargeOf(owner, cluster).idle += node.ips.idle;
    wholeNodes[owner]++;
  }

  return charges.map((byCluster, owner) => {
    const clusters = [...byCluster.values()]
      .map(c => ({ ...c, held: c.used + c.idle }))
      .filter(c => c.held > 0)
      .sort((a, b) => a.cluster.localeCompare(b.cluster));
    const used = clusters.reduce((sum, c) => sum + c.used, 0);
    const idle = clusters.reduce((sum, c) => sum + c.idle, 0);
    return {
      held: used + idle,
      used,
      idle,
      wholeNodes: wholeNodes[owner],
      clusters,
    };
  });
}
