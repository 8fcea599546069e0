import { ManagedResourceVisibility, Scenario } from '../scenario/types';

/**
 * Each account's managed-resource visibility (how-pod-ips-are-counted.md §8), as the
 * scenario sets it and the running simulator switches it: an account-wide setting with
 * optional per-region overrides.
 */
export class ManagedResourceVisibilityStore {
  private readonly accounts = new Map<string, ManagedResourceVisibility>();
  /** `account/region` → the region's own setting. */
  private readonly regions = new Map<string, ManagedResourceVisibility>();

  constructor(scenario: Scenario) {
    for (const a of scenario.accounts) {
      this.accounts.set(a.id, a.managedResourceVisibility ?? 'visible');
    }
    for (const r of scenario.regions) {
      if (r.managedResourceVisibility) {
        this.regions.set(
          `${r.accountId}/${r.region}`,
          r.managedResourceVisibility,
        );
      }
    }
  }

  /** Throws for an account the scenario does not have. */
  requireAccount(accountId: string): void {
    if (!this.accounts.has(accountId)) {
      throw new Error(`No account ${accountId} in the scenario`);
    }
  }

  /** What EC2 applies to this account's calls in this region (EC2's default: visible). */
  get(accountId: string, region?: string): ManagedResourceVisibility {
    return (
      (region && this.regions.get(`${accountId}/${region}`)) ||
      this.accounts.get(accountId) ||
      'visible'
    );
  }

  /** Switches one region, or the whole account (every region of it) when none is named. */
  set(
    accountId: string,
    visibility: ManagedResourceVisibility,
    region?: string,
  ): void {
    this.requireAccount(accountId);
    if (visibility !== 'hidden' && visibility !== 'visible') {
      throw new Error(
        `Managed-resource visibility is hidden or visible, not ${visibility}`,
      );
    }
    if (region) {
      this.regions.set(`${accountId}/${region}`, visibility);
      return;
    }
    this.accounts.set(accountId, visibility);
    for (const key of this.regions.keys()) {
      if (key.startsWith(`${accountId}/`)) this.regions.set(key, visibility);
    }
  }
}
