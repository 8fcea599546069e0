import { stableHex } from './ids';
import { RegionContext } from './regionContext';
import { resolveInstance } from './resolveInstance';
import { resolveNetworkInterface } from './resolveNetworkInterface';
import { resolveVpcs } from './resolveVpcs';
import { SubnetIndex } from './subnetIndex';
import {
  AccountSpec,
  InstanceTypeSpec,
  ManagedResourceVisibility,
  RegionSpec,
  SimAccount,
  SimCredential,
  SimInstance,
  SimRegion,
} from './types';

/** What resolving the accounts builds up and later steps read. */
export interface AccountsIndex {
  accounts: SimAccount[];
  regions: SimRegion[];
  subnetIndex: Map<string, SubnetIndex>;
  instancesById: Map<string, SimInstance>;
  /** Every access key seen so far (they must be unique across accounts). */
  accessKeys: Set<string>;
  instanceTypes: Map<string, Required<InstanceTypeSpec>>;
  problems: string[];
}

function resolveCredentials(
  index: AccountsIndex,
  account: AccountSpec,
  accountId: string,
): SimCredential[] {
  return (account.credentials ?? []).map(c => {
    if (index.accessKeys.has(c.accessKeyId)) {
      index.problems.push(`access key ${c.accessKeyId} is listed twice`);
    }
    index.accessKeys.add(c.accessKeyId);
    const userName = c.userName ?? 'backstage';
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      accountId,
      arn: `arn:aws:iam::${accountId}:user/${userName}`,
      userId: `AIDA${stableHex(`${accountId}/${userName}`, 17).toUpperCase()}`,
    };
  });
}

function checkVisibility(
  index: AccountsIndex,
  where: string,
  value: unknown,
): ManagedResourceVisibility | undefined {
  if (value === undefined) return undefined;
  if (value === 'hidden' || value === 'visible') return value;
  index.problems.push(
    `${where}: managedResourceVisibility must be hidden or visible, not '${value}'`,
  );
  return undefined;
}

/** VPCs first (ENIs need their subnets), then instances with their ENIs, then loose ENIs. */
function resolveRegion(
  index: AccountsIndex,
  accountId: string,
  regionSpec: RegionSpec,
  accountVisibility: ManagedResourceVisibility,
) {
  const where = `${accountId}/${regionSpec.name}`;
  const region: SimRegion = {
    accountId,
    region: regionSpec.name,
    managedResourceVisibility:
      checkVisibility(index, where, regionSpec.managedResourceVisibility) ??
      accountVisibility,
    vpcs: [],
    subnets: [],
    instances: [],
    networkInterfaces: [],
  };
  index.regions.push(region);
  const ctx: RegionContext = {
    accountId,
    region,
    where,
    subnetIndex: index.subnetIndex,
    problems: index.problems,
  };
  resolveVpcs(ctx, regionSpec.vpcs ?? []);
  for (const inst of regionSpec.instances ?? []) {
    resolveInstance(ctx, inst, index.instanceTypes, index.instancesById);
  }
  for (const spec of regionSpec.networkInterfaces ?? []) {
    resolveNetworkInterface(ctx, spec);
  }
}

/** One account: its credentials, roles, visibility setting and everything in its regions. */
export function resolveAccount(
  index: AccountsIndex,
  account: AccountSpec,
): void {
  const accountId = String(account.id);
  if (!/^\d{12}$/.test(accountId)) {
    index.problems.push(`account id '${accountId}' is not 12 digits`);
  }
  const credentials = resolveCredentials(index, account, accountId);
  const managedResourceVisibility =
    checkVisibility(index, accountId, account.managedResourceVisibility) ??
    'visible';
  index.accounts.push({
    id: accountId,
    alias: account.alias,
    credentials,
    roles: account.roles ?? [],
    managedResourceVisibility,
  });
  for (const regionSpec of account.regions ?? []) {
    resolveRegion(index, accountId, regionSpec, managedResourceVisibility);
  }
}
