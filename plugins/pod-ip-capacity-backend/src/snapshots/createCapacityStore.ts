import {
  AuthService,
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  ClusterSummary,
  computeClusterCapacity,
  WorkloadSource,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { PodIpCapacityConfig } from '../config';
import { KubernetesPluginClient } from '../collection/kubernetes/KubernetesPluginClient';
import {
  ClusterAwsSettings,
  roleSettingsFromCatalog,
  roleSettingsFromKubernetesConfig,
} from '../collection/aws/clusterAwsSettings';
import { collectCluster } from '../collection/collectCluster';
import { toClusterInventory } from '../collection/toClusterInventory';
import { SnapshotStore } from './SnapshotStore';

/** What cluster lists show of a snapshot. */
export type CapacitySummary = Pick<
  ClusterSummary,
  'ipFamily' | 'totals' | 'subnetsAtRisk'
>;

/**
 * The store of capacity snapshots, wired to the real collectors. Each keeps
 * the computed capacity and the pods it was computed from, which entity
 * views select from.
 */
export type CapacityStore = SnapshotStore<WorkloadSource, CapacitySummary>;

/** The summary of a computed cluster: totals and the subnets at risk. */
export function summarizeCapacity({
  capacity,
}: WorkloadSource): CapacitySummary {
  return {
    ipFamily: capacity.ipFamily,
    totals: capacity.totals,
    subnetsAtRisk: capacity.subnets
      .filter(s => s.atRisk)
      .map(s => ({ subnetId: s.subnetId, cidr: s.cidr, status: s.status })),
  };
}

export function createCapacityStore(options: {
  config: Config;
  settings: PodIpCapacityConfig;
  logger: LoggerService;
  cache: CacheService;
  auth: AuthService;
  catalog: CatalogService;
  kubernetes: KubernetesPluginClient;
  awsCredentials: AwsCredentialsManager;
}): CapacityStore {
  const { settings, logger } = options;

  // Read the clusters' own definitions once per collection: the catalog's
  // kubernetes-cluster Resources can change between refreshes.
  const loadDefinitions = async (): Promise<
    Map<string, ClusterAwsSettings>
  > => {
    const definitions = roleSettingsFromKubernetesConfig(options.config);
    try {
      const { items } = await options.catalog.getEntities(
        {
          filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
          fields: ['kind', 'metadata.name', 'metadata.annotations'],
        },
        { credentials: await options.auth.getOwnServiceCredentials() },
      );
      for (const [name, fromCatalog] of roleSettingsFromCatalog(items)) {
        if (!definitions.get(name)?.roleArn) definitions.set(name, fromCatalog);
      }
    } catch (error) {
      logger.warn(
        `Pod IP capacity: could not read kubernetes-cluster Resources from the catalog: ${error}`,
      );
    }
    return definitions;
  };

  return new SnapshotStore<WorkloadSource, CapacitySummary>({
    summarize: summarizeCapacity,
    cache: options.cache,
    logger,
    listClusters: async () =>
      (await options.kubernetes.listClusters()).filter(
        cluster => !settings.clusters.get(cluster.name)?.exclude,
      ),
    collect: async cluster => {
      const collected = await collectCluster(cluster, {
        kubernetes: options.kubernetes,
        awsCredentials: options.awsCredentials,
        config: settings,
        definitions: await loadDefinitions(),
        logger,
      });
      const inventory = toClusterInventory(collected);
      return {
        data: {
          capacity: computeClusterCapacity(inventory),
          pods: inventory.pods,
        },
        problems: collected.problems,
        region: collected.region,
        accountId: collected.accountId,
        apiCalls: {
          kubernetes: collected.kubernetes.calls,
          ec2: collected.ec2?.calls ?? {},
        },
      };
    },
  });
}
