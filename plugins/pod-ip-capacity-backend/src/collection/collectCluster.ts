import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterCapacity,
  ClusterInventory,
  computeClusterCapacity,
  InventoryPod,
  SubnetFixes,
  subnetFixes,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { PodIpCapacityConfig } from '../config';
import {
  ClusterProblem,
  ClusterProblemError,
  collectEc2Inventory,
  CollectionFailedError,
  KubeObject,
  KubernetesInventory,
  ListedInventoryPods,
  ListedKubeObjects,
  inventoryPodConversion,
  toClusterInventory,
  toKubernetesInventoryOfPods,
  toProvisioning,
  UnreadableItems,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { KubernetesPluginClient } from './kubernetes/KubernetesPluginClient';
import { createEc2Client } from './aws/createEc2Client';
import { ClusterTarget } from './resolveClusterTargets';
import { CapacitySnapshotData } from './types';
import { startProvisioningRead } from './foresight/readProvisioning';
import { landingSubnets, LandingSubnets } from './foresight/landingSubnets';
import { computeForesight } from './foresight/computeForesight';

/** One cluster collected and computed: what a snapshot keeps. */
export interface ClusterCollection {
  data: CapacitySnapshotData;
  region?: string;
  accountId?: string;
  /** What is missing or could not be read; empty when complete. */
  problems: ClusterProblem[];
  apiCalls: Record<string, Record<string, number>>;
}

export interface CollectClusterDeps {
  kubernetes: KubernetesPluginClient;
  awsCredentials: AwsCredentialsManager;
  config: PodIpCapacityConfig;
  logger: LoggerService;
}

/** Instances EC2 did not return, named in the problem, at most this many. */
const NAMED_NODES = 5;

/** No pods yet: the nodes converted alone. */
const NO_PODS: ListedInventoryPods = { items: [], pages: 0, skipped: 0 };

/**
 * The collection pipeline of one cluster: its nodes and its pods through
 * the Kubernetes plugin, at the same time, and as soon as the nodes are in,
 * the EC2 side of those nodes (which needs only the nodes), normalised once into
 * the engine's inventory, then the engine. Throws `CollectionFailedError`
 * when a required part is missing — the nodes, the region, credentials,
 * DescribeInstances, DescribeSubnets, or every node's instance — so that the
 * last good picture is kept; returns the rest with its problems.
 */
export async function collectCluster(
  target: ClusterTarget,
  deps: CollectClusterDeps,
  signal?: AbortSignal,
): Promise<ClusterCollection> {
  const { config } = deps;
  const name = target.cluster.name;
  const unreadable = new UnreadableItems();
  let region = target.aws.region;
  let accountId = target.aws.accountId;
  const apiCalls: Record<string, Record<string, number>> = {};
  const fail = (problems: ClusterProblem[]) =>
    new CollectionFailedError({ problems, region, accountId, apiCalls });

  const listing = {
    pageSize: config.kubernetes.pageSize,
    requestTimeoutMs: config.kubernetes.requestTimeoutMs,
    signal,
  };
  // Karpenter, Auto Mode and VPC CNI resources are read while the nodes
  // and pods are (optional: they never fail the refresh).
  const provisioningRead = startProvisioningRead(
    deps.kubernetes,
    name,
    listing,
  );
  const provisioned = provisioningRead.result.then(provisioning => ({
    provisioning,
    unresolved: toProvisioning(provisioning.objects),
  }));
  // The pods, the longest wait of a refresh, are listed from the start,
  // beside the nodes; EC2 needs only the nodes (their instances and
  // region), so its calls run while the pods are still listed.
  const podsAbort = new AbortController();
  // Each page's pods are kept in the engine's shape as the page arrives:
  // the raw objects (a few KiB each, 160,000 at 5,000 nodes) never pile up
  // in the heap. A restarted list reports its unreadable pods afresh.
  const podConversion = inventoryPodConversion();
  const podsRead = deps.kubernetes.listAll<KubeObject, InventoryPod>(
    name,
    '/api/v1/pods',
    {
      ...listing,
      signal: signal
        ? AbortSignal.any([signal, podsAbort.signal])
        : podsAbort.signal,
      converter: podConversion.converter,
    },
  );
  // Awaited after the nodes; failed nodes end it unheard.
  podsRead.catch(() => undefined);
  let nodes: ListedKubeObjects;
  try {
    nodes = await deps.kubernetes.listAll<KubeObject>(
      name,
      '/api/v1/nodes',
      listing,
    );
  } catch (error) {
    provisioningRead.cancel();
    podsAbort.abort();
    if (error instanceof ClusterProblemError) throw fail([error.problem]);
    throw error;
  }
  const listedNodes = toKubernetesInventoryOfPods(
    nodes,
    NO_PODS,
    new UnreadableItems(),
  );
  region = region ?? listedNodes.region;
  const nodesByInstance = new Map<string, string>();
  for (const node of listedNodes.nodes) {
    if (node.instanceId) nodesByInstance.set(node.instanceId, node.name);
  }
  let landing: LandingSubnets | undefined;
  const ec2Abort = new AbortController();
  const ec2Signal = signal
    ? AbortSignal.any([signal, ec2Abort.signal])
    : ec2Abort.signal;
  const readEc2 = async (ec2Region: string) => {
    const { unresolved } = await provisioned;
    const created = await createEc2Client({
      credentials: deps.awsCredentials,
      settings: target.aws,
      region: ec2Region,
      endpoint: config.aws.endpoint,
      maxAttempts: config.aws.maxAttempts,
      requestTimeoutMs: config.aws.requestTimeoutMs,
      signal: ec2Signal,
    });
    const ec2Client = created.client;
    accountId = created.accountId ?? accountId;
    try {
      const context = {
        region: ec2Region,
        ...(accountId ? { accountId } : {}),
        ...(target.aws.roleArn ? { roleArn: target.aws.roleArn } : {}),
        requestTimeoutMs: config.aws.requestTimeoutMs,
      };
      const limits = {
        concurrency: config.aws.concurrency,
        pageSize: config.aws.pageSize,
        signal: ec2Signal,
      };
      // The subnets the next node may land in join the nodes' own.
      landing = await landingSubnets(ec2Client, unresolved, {
        cluster: name,
        context,
        ...limits,
      });
      return await collectEc2Inventory(ec2Client, [...nodesByInstance.keys()], {
        context,
        ...limits,
        extraSubnetIds: landing.extraSubnetIds,
      });
    } finally {
      ec2Client.destroy();
    }
  };
  const ec2Read =
    nodesByInstance.size > 0 && region ? readEc2(region) : undefined;
  // Awaited after the pods; a failed pod list ends it unheard.
  ec2Read?.catch(() => undefined);

  let kubernetes: KubernetesInventory;
  try {
    kubernetes = toKubernetesInventoryOfPods(nodes, await podsRead, unreadable);
    unreadable.addAll(podConversion.unreadable());
  } catch (error) {
    provisioningRead.cancel();
    ec2Abort.abort();
    if (error instanceof ClusterProblemError) throw fail([error.problem]);
    throw error;
  }
  const { provisioning, unresolved } = await provisioned;
  apiCalls.kubernetes = { ...kubernetes.calls, ...provisioning.calls };

  const compute = (
    ec2: Parameters<typeof toClusterInventory>[2],
    problems: ClusterProblem[],
  ): ClusterCollection => {
    const inventory = toClusterInventory(name, kubernetes, ec2, unreadable);
    const { capacity, foresight } = computeForesight({
      capacity: computeClusterCapacity(inventory),
      instanceTypes: inventory.instanceTypes,
      pods: inventory.pods,
      unresolved,
      resolve: landing?.resolve ?? (() => []),
      deployments: provisioning.deployments,
      notes: [...provisioning.notes, ...(landing?.notes ?? [])],
    });
    return {
      data: {
        capacity,
        pods: inventory.pods,
        foresight,
        fixes: fixesOf(capacity, inventory),
      },
      ...(region ? { region } : {}),
      ...(accountId ? { accountId } : {}),
      problems: [...problems, ...unreadable.toProblems(name)],
      apiCalls,
    };
  };
  if (nodesByInstance.size === 0) {
    // No EC2 nodes (empty, Fargate-only or hybrid): nothing to ask EC2.
    return compute(undefined, []);
  }
  if (!region || !ec2Read) {
    throw fail([
      {
        source: 'config',
        code: 'UnknownRegion',
        message: `The AWS region of cluster ${name} is unknown: its nodes have no topology.kubernetes.io/region label. Set podIpCapacity.clusters[].region.`,
      },
    ]);
  }
  try {
    const ec2 = await ec2Read;
    apiCalls.ec2 = landing?.calls
      ? {
          ...ec2.calls,
          DescribeSubnets: (ec2.calls.DescribeSubnets ?? 0) + landing.calls,
        }
      : ec2.calls;
    const returned = new Set(ec2.instances.map(i => i?.InstanceId));
    const missing = [...nodesByInstance]
      .filter(([id]) => !returned.has(id))
      .map(([, node]) => node)
      .sort();
    const problems = [...ec2.problems];
    if (missing.length > 0) {
      const problem = missingInstancesProblem(
        name,
        missing,
        nodesByInstance.size,
        region,
        accountId,
      );
      if (missing.length === nodesByInstance.size) throw fail([problem]);
      problems.unshift(problem);
    }
    return compute(ec2, problems);
  } catch (error) {
    if (error instanceof ClusterProblemError) throw fail([error.problem]);
    throw error;
  }
}

/**
 * Nodes whose EC2 instance EC2 did not return: a wrong account or region, a
 * role in another account, or Auto Mode instances hidden as managed
 * resources. Never a silent zero.
 */
function missingInstancesProblem(
  cluster: string,
  nodes: string[],
  total: number,
  region: string,
  accountId: string | undefined,
): ClusterProblem {
  const named = nodes.slice(0, NAMED_NODES).join(', ');
  const more =
    nodes.length > NAMED_NODES ? ` and ${nodes.length - NAMED_NODES} more` : '';
  return {
    source: 'ec2',
    code: 'InstancesNotFound',
    action: 'ec2:DescribeInstances',
    message: `EC2 in ${region}${
      accountId ? ` (account ${accountId})` : ''
    } did not return the instances of ${
      nodes.length
    } of cluster ${cluster}'s ${total} nodes (${named}${more}). Check that podIpCapacity.clusters[] names the cluster's account, region and role, and that the instances are not hidden as managed resources (Pod IP Capacity asks with IncludeManagedResources).`,
  };
}

/**
 * Ready-made fixes for every subnet that is not `ok` (fragmented, low or
 * exhausted), computed at refresh time: replacing nodes needs every address
 * of every ENI, which the snapshot does not keep.
 */
export function fixesOf(
  capacity: ClusterCapacity,
  inventory: ClusterInventory,
): SubnetFixes[] {
  return capacity.subnets
    .filter(s => s.status !== 'ok')
    .flatMap(s => {
      const fixes = subnetFixes(capacity, inventory, s.subnetId);
      return fixes && fixes.fixes.length > 0 ? [fixes] : [];
    });
}
