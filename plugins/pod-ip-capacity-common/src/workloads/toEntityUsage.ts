import {
  EntityUsage,
  EntityWorkload,
  OwnerUsage,
  PodWithoutNodeIpReason,
  WorkloadUsage,
} from '../types';

/**
 * Pods without a pod IP of their node an entity view lists, at the most.
 *
 * @public
 */
export const MAX_LISTED_PODS_WITHOUT_NODE_IP = 50;

/** The reasons in the contract's order: the order counts are given in. */
const REASONS: PodWithoutNodeIpReason[] = [
  'completed',
  'host-network',
  'pending-without-ip',
  'ip-outside-node-prefixes',
];

/**
 * One entity as an entity view answers it: its pods and nodes counted, not
 * listed, so that the answer is as large for 8,000 pods on 5,000 nodes as
 * for 3 on 2 (the nodes are paged apart, `GET /nodes?entityRef=`).
 *
 * @public
 */
export function toEntityWorkload(workload: WorkloadUsage): EntityWorkload {
  const byReason = new Map<PodWithoutNodeIpReason, number>();
  for (const pod of workload.podsWithoutNodeIp) {
    byReason.set(pod.reason, (byReason.get(pod.reason) ?? 0) + 1);
  }
  const listed = [...workload.podsWithoutNodeIp]
    .sort(
      (a, b) =>
        a.namespace.localeCompare(b.namespace, 'en-US') ||
        a.name.localeCompare(b.name, 'en-US'),
    )
    .slice(0, MAX_LISTED_PODS_WITHOUT_NODE_IP);
  return {
    selection: workload.selection,
    pods: workload.pods,
    podsWithVpcIp: workload.podsWithVpcIp,
    unattributedPods: workload.unattributedPods,
    nodes: workload.nodes.length,
    subnets: workload.subnets,
    headroom: workload.headroom,
    podsWithoutNodeIp: REASONS.filter(r => byReason.has(r)).map(reason => ({
      reason,
      pods: byReason.get(reason)!,
    })),
    podsWithoutNodeIpListed: listed,
  };
}

/**
 * An owner's usage as an entity view answers it: each entity a summary.
 *
 * @public
 */
export function toEntityUsage(usage: OwnerUsage): EntityUsage {
  return { ...usage, entities: usage.entities.map(toEntityWorkload) };
}
