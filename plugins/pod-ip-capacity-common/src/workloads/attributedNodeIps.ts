import {
  AttributedNodeIps,
  NodeUsage,
  OwnerUsage,
  WorkloadUsage,
} from '../types';
import { chargeNodeIps } from './chargeNodeIps';

/**
 * The pod addresses of the nodes charged to a workload or to an owner's
 * entities taken together, in whole addresses:
 *
 * - each of its pods with a VPC IP on its node's ENIs: 1 used address
 *   (a pod two of its entities select counts once);
 * - a node's idle addresses (prefix granularity, warm targets): all of
 *   them when every pod with a VPC IP on that node is its own, none
 *   otherwise — a node shared with other teams' pods is "not attributed to
 *   a team" (see `apportionNodeIps`, which also gives that remainder).
 *
 * So a team whose only pod sits alone on a prefix-mode node holding 32
 * addresses is charged all 32 (1 used, 31 idle): the price of /28
 * granularity it causes (how-pod-ips-are-counted.md §1). Pass the owner's
 * usage, not its entities one by one: two of a team's services sharing a
 * node make that node wholly the team's, but neither service's alone.
 *
 * @public
 */
export function attributedNodeIps(
  usage: WorkloadUsage | OwnerUsage,
): AttributedNodeIps {
  const entities = 'entities' in usage ? usage.entities : [usage];
  const nodes = new Map<string, NodeUsage>();
  for (const entity of entities) {
    for (const n of entity.nodes)
      nodes.set(`${n.cluster}/${n.node.name}`, n.node);
  }
  return chargeNodeIps([entities], nodes)[0];
}
