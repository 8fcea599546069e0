import { BUILTIN_INSTANCE_TYPES, normaliseInstanceType } from './instanceTypes';
import { markManagedInstances } from './managedResources';
import { AccountsIndex, resolveAccount } from './resolveAccount';
import { resolveCluster } from './resolveCluster';
import { ScenarioError } from './scenarioError';
import { validateTimeline } from '../timeline/validateTimeline';
import { deriveAvailableIpAddressCounts } from './subnetIndex';
import {
  InstanceTypeSpec,
  Scenario,
  ScenarioFile,
  SimCluster,
  SimRegion,
} from './types';

function instanceTypeCatalogue(file: ScenarioFile) {
  const instanceTypes = new Map<string, Required<InstanceTypeSpec>>();
  for (const t of [...BUILTIN_INSTANCE_TYPES, ...(file.instanceTypes ?? [])]) {
    instanceTypes.set(t.name, normaliseInstanceType(t));
  }
  return instanceTypes;
}

/** ENI ids are unique across the whole scenario, not only per region. */
function checkUniqueEniIds(regions: SimRegion[], problems: string[]) {
  const seen = new Set<string>();
  for (const r of regions) {
    for (const e of r.networkInterfaces) {
      if (seen.has(e.id)) problems.push(`ENI id ${e.id} is used twice`);
      seen.add(e.id);
    }
  }
}

/**
 * Pods on their own branch ENI (security groups for pods) hold that ENI's primary IP, which
 * is expected to lie outside their node's secondary IPs and prefixes.
 */
function branchEniIps(regions: SimRegion[]): Set<string> {
  return new Set(
    regions.flatMap(r =>
      r.networkInterfaces
        .filter(e => e.interfaceType === 'branch')
        .map(e => `${r.accountId}/${r.region}/${e.primaryIp}`),
    ),
  );
}

function resolveClusters(
  file: ScenarioFile,
  index: AccountsIndex,
  warnings: string[],
): SimCluster[] {
  const ctx = {
    instances: index.instancesById,
    regions: index.regions,
    instanceTypes: index.instanceTypes,
    branchIps: branchEniIps(index.regions),
    problems: index.problems,
    warnings,
  };
  const clusters: SimCluster[] = [];
  const clusterNames = new Set<string>();
  for (const spec of file.clusters ?? []) {
    if (clusterNames.has(spec.name)) {
      index.problems.push(`cluster name ${spec.name} is used twice`);
    }
    clusterNames.add(spec.name);
    clusters.push(resolveCluster(spec, ctx));
  }
  markManagedInstances(file.clusters ?? [], index.instancesById);
  return clusters;
}

/**
 * Validates a scenario file and derives everything it must not write itself: subnet
 * `AvailableIpAddressCount`, instance placement, node providerIDs and labels, pod names
 * and owners, which instances EKS manages. Linear in the number of ENIs, IPs and pods (the
 * generator builds big ones).
 */
export function resolveScenario(file: ScenarioFile): Scenario {
  const name = file.name ?? 'unnamed';
  if (!Array.isArray(file.accounts) || file.accounts.length === 0) {
    throw new ScenarioError(name, [
      'the scenario needs at least one entry in `accounts`',
    ]);
  }
  const index: AccountsIndex = {
    accounts: [],
    regions: [],
    subnetIndex: new Map(),
    instancesById: new Map(),
    accessKeys: new Set(),
    instanceTypes: instanceTypeCatalogue(file),
    problems: [],
  };
  const warnings: string[] = [];
  for (const account of file.accounts) resolveAccount(index, account);
  deriveAvailableIpAddressCounts(index.subnetIndex.values());
  checkUniqueEniIds(index.regions, index.problems);
  const clusters = resolveClusters(file, index, warnings);
  validateTimeline(file, index.problems);

  if (index.problems.length > 0) {
    throw new ScenarioError(name, index.problems);
  }
  return {
    name,
    description: file.description ?? '',
    instanceTypes: [...index.instanceTypes.values()],
    accounts: index.accounts,
    regions: index.regions,
    clusters,
    faults: file.faults ?? [],
    warnings,
    ...(file.timeline ? { timeline: { spec: file.timeline, file } } : {}),
  };
}
