import { SubnetUsage } from '../types';
import { SubnetBudget } from '../nodes/nodeHeadroom';
import { SubnetChange } from './types';

/**
 * What each subnet can still give while a what-if takes from it: free /28
 * blocks and free addresses, starting from the snapshot.
 */
export type SubnetBudgets = Map<string, SubnetBudget>;

const PREFIX_ADDRESSES = 16;

export function subnetBudgets(subnets: readonly SubnetUsage[]): SubnetBudgets {
  return new Map(
    subnets.map(s => [
      s.subnetId,
      { blocks: s.freePrefixBlocks, ips: s.available },
    ]),
  );
}

/**
 * Keeps a budget possible: free blocks can never hold more than the free
 * addresses (a single IP that finds no free address outside the free
 * blocks breaks one of them, how-pod-ips-are-counted.md §5).
 */
export function settle(budget: SubnetBudget): void {
  budget.ips = Math.max(0, budget.ips);
  budget.blocks = Math.max(
    0,
    Math.min(budget.blocks, Math.floor(budget.ips / PREFIX_ADDRESSES)),
  );
}

/**
 * Takes up to `count` single IPs: from addresses outside the free blocks
 * first (already fragmented blocks), then by breaking free blocks.
 * Returns how many it got.
 */
export function takeSingleIps(budget: SubnetBudget, count: number): number {
  const taken = Math.min(Math.max(0, budget.ips), count);
  budget.ips -= taken;
  settle(budget);
  return taken;
}

/** Takes one free aligned /28; false when none is free. */
export function takePrefix(budget: SubnetBudget): boolean {
  if (budget.blocks < 1 || budget.ips < PREFIX_ADDRESSES) return false;
  budget.blocks -= 1;
  budget.ips -= PREFIX_ADDRESSES;
  return true;
}

/** Subnets whose free blocks or free IPs moved, in the snapshot's order. */
export function subnetChanges(
  subnets: readonly SubnetUsage[],
  budgets: SubnetBudgets,
): SubnetChange[] {
  return subnets.flatMap(s => {
    const after = budgets.get(s.subnetId);
    if (
      !after ||
      (after.blocks === s.freePrefixBlocks && after.ips === s.available)
    ) {
      return [];
    }
    return [
      {
        subnetId: s.subnetId,
        ...(s.availabilityZone ? { availabilityZone: s.availabilityZone } : {}),
        freePrefixBlocks: { before: s.freePrefixBlocks, after: after.blocks },
        available: { before: s.available, after: after.ips },
      },
    ];
  });
}
