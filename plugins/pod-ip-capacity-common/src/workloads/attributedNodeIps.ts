import { WorkloadUsage } from '../types';

/**
 * The addresses a workload's nodes hold on its behalf: each node's held and
 * idle pod IPs shared out by pods with VPC IPs on it. A service with one pod
 * on a prefix-mode node that holds 32 addresses for 2 pods "costs" 16 of
 * them, 15 idle: the price of /28 granularity that a team causes.
 *
 * @public
 */
export function attributedNodeIps(usage: WorkloadUsage): {
  held: number;
  idle: number;
} {
  let held = 0;
  let idle = 0;
  for (const { node, workloadPods } of usage.nodes) {
    const podsWithIp = node.pods.withVpcIp;
    if (podsWithIp === 0 || workloadPods === 0) continue;
    const share = Math.min(1, workloadPods / podsWithIp);
    held += node.ips.held * share;
    idle += node.ips.idle * share;
  }
  return { held: round(held), idle: round(idle) };
}

/** One decimal is enough for a share of addresses, and keeps sums stable. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}
