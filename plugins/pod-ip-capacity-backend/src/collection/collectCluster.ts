import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { PodIpCapacityConfig } from '../config';
import { ClusterProblem, ClusterProblemError } from '../lib/problems';
import {
  ClusterAwsSettings,
  instanceIdOfProviderId,
  mergeClusterAwsSettings,
  regionOfNodes,
} from './aws/clusterAwsSettings';
import {
  KubernetesClusterListing,
  KubernetesPluginClient,
} from './kubernetes/KubernetesPluginClient';
import {
  collectKubernetesInventory,
  KubernetesInventory,
} from './kubernetes/collectKubernetesInventory';
import { collectEc2Inventory, Ec2Inventory } from './aws/collectEc2Inventory';
import { createEc2Client } from './aws/createEc2Client';

/** Everything collected for one cluster, before the engine sees it. */
export interface CollectedCluster {
  cluster: KubernetesClusterListing;
  region?: string;
  accountId?: string;
  kubernetes: KubernetesInventory;
  /** Absent when the EC2 side could not be read at all. */
  ec2?: Ec2Inventory;
  problems: ClusterProblem[];
}

export interface CollectClusterDeps {
  kubernetes: KubernetesPluginClient;
  awsCredentials: AwsCredentialsManager;
  config: PodIpCapacityConfig;
  /** Assume-role settings from the clusters' own definitions. */
  definitions: Map<string, ClusterAwsSettings>;
  logger: LoggerService;
}

/**
 * Collects one cluster: its nodes and pods through the Kubernetes plugin, then
 * the EC2 side of those nodes. A Kubernetes failure is fatal for the cluster
 * (there is nothing to count without nodes); an EC2 failure still returns the
 * Kubernetes side with the problem beside it.
 */
export async function collectCluster(
  cluster: KubernetesClusterListing,
  deps: CollectClusterDeps,
): Promise<CollectedCluster> {
  const { config } = deps;
  const kubernetes = await collectKubernetesInventory(
    deps.kubernetes,
    cluster.name,
    { pageSize: config.kubernetes.pageSize },
  );
  const settings = mergeClusterAwsSettings(
    deps.definitions.get(cluster.name),
    config.clusters.get(cluster.name),
  );
  const region = settings.region ?? regionOfNodes(kubernetes.nodes);
  const problems: ClusterProblem[] = [];
  const instanceIds = kubernetes.nodes
    .map(n => instanceIdOfProviderId(n.providerId))
    .filter((id): id is string => !!id);

  const base = {
    cluster,
    ...(region ? { region } : {}),
    ...(settings.accountId ? { accountId: settings.accountId } : {}),
    kubernetes,
  };
  if (instanceIds.length === 0) {
    return { ...base, problems };
  }
  if (!region) {
    problems.push({
      source: 'config',
      code: 'UnknownRegion',
      message: `The AWS region of cluster ${cluster.name} is unknown: its nodes have no topology.kubernetes.io/region label. Set podIpCapacity.clusters[].region.`,
    });
    return { ...base, problems };
  }

  try {
    const { client: ec2Client, accountId } = await createEc2Client({
      credentials: deps.awsCredentials,
      settings,
      region,
      endpoint: config.aws.endpoint,
      maxAttempts: config.aws.maxAttempts,
    });
    try {
      const ec2 = await collectEc2Inventory(ec2Client, instanceIds, {
        region,
        concurrency: config.aws.concurrency,
        pageSize: config.aws.pageSize,
      });
      problems.push(...ec2.problems);
      return { ...base, ...(accountId ? { accountId } : {}), ec2, problems };
    } finally {
      ec2Client.destroy();
    }
  } catch (error) {
    if (error instanceof ClusterProblemError) {
      problems.push(error.problem);
      deps.logger.warn(
        `Pod IP capacity: EC2 collection of cluster ${cluster.name} failed: ${error.problem.code}`,
      );
      return { ...base, problems };
    }
    throw error;
  }
}
