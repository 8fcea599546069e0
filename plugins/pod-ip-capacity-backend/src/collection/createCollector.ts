import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { PodIpCapacityConfig } from '../config';
import { KubernetesPluginClient } from './kubernetes/KubernetesPluginClient';
import { ClusterCollection, collectCluster } from './collectCluster';
import { ClusterTarget, resolveClusterTargets } from './resolveClusterTargets';

/** What a refresh asks of collection: the clusters, and one cluster's data. */
export interface Collector {
  listTargets(): Promise<ClusterTarget[]>;
  collect(
    target: ClusterTarget,
    signal: AbortSignal,
  ): Promise<ClusterCollection>;
}

/** The collection pipeline wired to the real sources. */
export function createCollector(deps: {
  config: Config;
  settings: PodIpCapacityConfig;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  kubernetes: KubernetesPluginClient;
  awsCredentials: AwsCredentialsManager;
}): Collector {
  return {
    listTargets: () => resolveClusterTargets(deps),
    collect: (target, signal) =>
      collectCluster(
        target,
        {
          kubernetes: deps.kubernetes,
          awsCredentials: deps.awsCredentials,
          config: deps.settings,
          logger: deps.logger,
        },
        signal,
      ),
  };
}
