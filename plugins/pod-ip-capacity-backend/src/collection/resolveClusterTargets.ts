import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PodIpCapacityConfig } from '../config';
import { describeForLog } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { withTimeout } from '../lib/withTimeout';
import {
  ClusterAwsSettings,
  mergeClusterAwsSettings,
  roleSettingsFromCatalog,
  roleSettingsFromKubernetesConfig,
} from './aws/clusterAwsSettings';
import {
  KubernetesClusterListing,
  KubernetesPluginClient,
} from './kubernetes/KubernetesPluginClient';

/** A cluster to collect, and how to reach its EC2 side. */
export interface ClusterTarget {
  cluster: KubernetesClusterListing;
  aws: ClusterAwsSettings;
}

/**
 * The clusters to collect in one refresh: the Kubernetes plugin's clusters
 * less the excluded ones, each with its AWS settings resolved once —
 * `podIpCapacity.clusters[]` over the cluster's own definition (a `config`
 * locator entry, or the catalog's `kubernetes-cluster` Resource, read once
 * per refresh because it can change between refreshes).
 */
export async function resolveClusterTargets(deps: {
  config: Config;
  settings: PodIpCapacityConfig;
  kubernetes: KubernetesPluginClient;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): Promise<ClusterTarget[]> {
  const { settings } = deps;
  const listings = (
    await deps.kubernetes.listClusters({
      requestTimeoutMs: settings.kubernetes.requestTimeoutMs,
    })
  ).filter(cluster => !settings.clusters.get(cluster.name)?.exclude);
  const definitions = await readDefinitions(deps);
  return listings.map(cluster => ({
    cluster,
    aws: mergeClusterAwsSettings(
      definitions.get(cluster.name),
      settings.clusters.get(cluster.name),
    ),
  }));
}

async function readDefinitions(deps: {
  config: Config;
  settings: PodIpCapacityConfig;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): Promise<Map<string, ClusterAwsSettings>> {
  const definitions = roleSettingsFromKubernetesConfig(deps.config);
  try {
    // A catalog that does not answer must not hold up every refresh: the
    // clusters are then collected with their config-defined settings.
    const { items } = await withTimeout(
      deps.catalog.getEntities(
        {
          filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
          fields: ['kind', 'metadata.name', 'metadata.annotations'],
        },
        { credentials: await deps.auth.getOwnServiceCredentials() },
      ),
      deps.settings.catalog.requestTimeoutMs,
    );
    for (const [name, fromCatalog] of roleSettingsFromCatalog(items)) {
      if (!definitions.get(name)?.roleArn) definitions.set(name, fromCatalog);
    }
  } catch (error) {
    deps.logger.warn(
      `Pod IP capacity: could not read kubernetes-cluster Resources from the catalog: ${describeForLog(
        error,
      )}`,
    );
  }
  return definitions;
}
