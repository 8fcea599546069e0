import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { computeClusterCapacity } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { PodIpCapacityConfig } from '../config';
import {
  ClusterProblem,
  ClusterProblemError,
  collectEc2Inventory,
  CollectionFailedError,
  toClusterInventory,
  toProvisioning,
  UnreadableItems,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { KubernetesPluginClient } from './kubernetes/KubernetesPluginClient';
import { collectKubernetesInventory } from './kubernetes/collectKubernetesInventory';
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

/**
 * The collection pipeline of one cluster: its nodes and pods through the
 * Kubernetes plugin, then the EC2 side of those nodes, normalised once into
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

  // Karpenter, Auto Mode and VPC CNI resources are read while the nodes
  // and pods are (optional: they never fail the refresh).
  const provisioningRead = startProvisioningRead(deps.kubernetes, name, {
    pageSize: config.kubernetes.pageSize,
    requestTimeoutMs: config.kubernetes.requestTimeoutMs,
    signal,
  });
  let kubernetes;
  try {
    kubernetes = await collectKubernetesInventory(
      deps.kubernetes,
      name,
      {
        pageSize: config.kubernetes.pageSize,
        requestTimeoutMs: config.kubernetes.requestTimeoutMs,
        signal,
      },
      unreadable,
    );
  } catch (error) {
    provisioningRead.cancel();
    if (error instanceof ClusterProblemError) throw fail([error.problem]);
    throw error;
  }
  const provisioning = await provisioningRead.result;
  apiCalls.kubernetes = { ...kubernetes.calls, ...provisioning.calls };
  const unresolved = toProvisioning(provisioning.objects);
  let landing: LandingSubnets | undefined;
  region = region ?? kubernetes.region;

  const nodesByInstance = new Map<string, string>();
  for (const node of kubernetes.nodes) {
    if (node.instanceId) nodesByInstance.set(node.instanceId, node.name);
  }
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
      data: { capacity, pods: inventory.pods, foresight },
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
  if (!region) {
    throw fail([
      {
        source: 'config',
        code: 'UnknownRegion',
        message: `The AWS region of cluster ${name} is unknown: its nodes have no topology.kubernetes.io/region label. Set podIpCapacity.clusters[].region.`,
      },
    ]);
  }

  let ec2Client;
  try {
    const created = await createEc2Client({
      credentials: deps.awsCredentials,
      settings: target.aws,
      region,
      endpoint: config.aws.endpoint,
      maxAttempts: config.aws.maxAttempts,
      requestTimeoutMs: config.aws.requestTimeoutMs,
      signal,
    });
    ec2Client = created.client;
    accountId = created.accountId ?? accountId;
  } catch (error) {
    if (error instanceof ClusterProblemError) throw fail([error.problem]);
    throw error;
  }
  try {
    const context = {
      region,
      ...(accountId ? { accountId } : {}),
      ...(target.aws.roleArn ? { roleArn: target.aws.roleArn } : {}),
      requestTimeoutMs: config.aws.requestTimeoutMs,
    };
    const limits = {
      concurrency: config.aws.concurrency,
      pageSize: config.aws.pageSize,
      signal,
    };
    // The subnets the next node may land in join the nodes' own.
    landing = await landingSubnets(ec2Client, unresolved, {
      cluster: name,
      context,
      ...limits,
    });
    const ec2 = await collectEc2Inventory(
      ec2Client,
      [...nodesByInstance.keys()],
      { context, ...limits, extraSubnetIds: landing.extraSubnetIds },
    );
    apiCalls.ec2 = landing.calls
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
  } finally {
    ec2Client.destroy();
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
