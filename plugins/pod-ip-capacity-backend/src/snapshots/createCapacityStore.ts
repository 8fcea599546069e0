import {
  AuthService,
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { ClusterSummary } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { PodIpCapacityConfig } from '../config';
import { KubernetesPluginClient } from '../collection/kubernetes/KubernetesPluginClient';
import { collectCluster } from '../collection/collectCluster';
import {
  ClusterTarget,
  resolveClusterTargets,
} from '../collection/resolveClusterTargets';
import { CapacitySnapshotData } from '../collection/types';
import { SnapshotStore } from './SnapshotStore';

/** What cluster lists show of a snapshot. */
export type CapacitySummary = Pick<
  ClusterSummary,
  'ipFamily' | 'totals' | 'subnetsAtRisk'
>;

/** The store of capacity snapshots, wired to the real collectors. */
export type CapacityStore = SnapshotStore<
  ClusterTarget,
  CapacitySnapshotData,
  CapacitySummary
>;

/** The summary of a computed cluster: totals and the subnets at risk. */
export function summarizeCapacity({
  capacity,
}: CapacitySnapshotData): CapacitySummary {
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
  return new SnapshotStore({
    summarize: summarizeCapacity,
    cache: options.cache,
    logger,
    concurrency: settings.refreshConcurrency,
    clusterTimeoutMs: settings.clusterTimeoutMs,
    cooldownMs: settings.refreshCooldownMs,
    listTargets: () => resolveClusterTargets(options),
    collect: (target, signal) =>
      collectCluster(
        target,
        {
          kubernetes: options.kubernetes,
          awsCredentials: options.awsCredentials,
          config: settings,
          logger,
        },
        signal,
      ),
  });
}
