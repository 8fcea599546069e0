import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  POD_IP_CAPACITY_PLUGIN_ID,
  podIpCapacityPermissions,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { durationToMilliseconds } from '@backstage/types';
import { readPodIpCapacityConfig } from './config';
import { KubernetesPluginClient } from './collection/kubernetes/KubernetesPluginClient';
import { createCollector } from './collection/createCollector';
import { SnapshotStore } from './snapshots/SnapshotStore';
import {
  migratePodIpCapacityDatabase,
  SnapshotDatabase,
} from './snapshots/SnapshotDatabase';
import {
  CapacitySnapshotDatabase,
  summarizeCapacity,
} from './snapshots/capacitySnapshots';
import { HistoryDatabase } from './history/HistoryDatabase';
import { EntityDirectory } from './history/entityDirectory';
import { historyWriter } from './history/writeHistory';
import { runBackfillOnce } from './history/runBackfill';
import {
  HistoryBackfill,
  podIpCapacityHistoryExtensionPoint,
} from './extensions';
import { forecastFromHistory } from './forecasts/forecastFromHistory';
import { createRouter } from './service/createRouter';
import { PodIpCapacityService } from './service/PodIpCapacityService';
import { AlertsDatabase } from './alerts/AlertsDatabase';
import { alertNotifier } from './alerts/alertNotifier';
import { registerCapacityMetrics } from './metrics/capacityMetrics';
import { registerPodIpCapacityActions } from './actions/registerActions';

/** The id of the scheduled task that refreshes every cluster. */
export const REFRESH_TASK_ID = 'pod-ip-capacity-refresh';
/** The id of the scheduled task that merges and prunes old history. */
export const COMPACT_TASK_ID = 'pod-ip-capacity-history-compact';

/**
 * The Pod IP Capacity backend plugin, for the new backend system.
 *
 * @public
 */
export const podIpCapacityPlugin = createBackendPlugin({
  pluginId: POD_IP_CAPACITY_PLUGIN_ID,
  register(env) {
    let backfill: HistoryBackfill | undefined;
    env.registerExtensionPoint(podIpCapacityHistoryExtensionPoint, {
      setBackfill(b) {
        if (backfill) {
          throw new Error(
            `Pod IP capacity: a history backfill (${backfill.id}) is already set; ${b.id} cannot be added`,
          );
        }
        backfill = b;
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
        catalog: catalogServiceRef,
        notifications: notificationService,
        metrics: metricsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        const settings = readPodIpCapacityConfig(config);
        deps.permissionsRegistry.addPermissions(podIpCapacityPermissions);

        // collection → engine → snapshots → service → router
        const collector = createCollector({
          config,
          settings,
          logger,
          auth: deps.auth,
          catalog: deps.catalog,
          kubernetes: new KubernetesPluginClient({
            discovery: deps.discovery,
            auth: deps.auth,
          }),
          awsCredentials: DefaultAwsCredentialsManager.fromConfig(config),
        });
        const client = await migratePodIpCapacityDatabase(deps.database);
        const history = new HistoryDatabase(client);
        const entities = new EntityDirectory({
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          requestTimeoutMs: settings.catalog.requestTimeoutMs,
        });
        const writeHistory = historyWriter({ history, entities });
        const onRefreshed = alertNotifier({
          settings: settings.alerts,
          alerts: new AlertsDatabase(client),
          entities,
          notifications: deps.notifications,
          logger,
        });
        const store = new SnapshotStore({
          listTargets: collector.listTargets,
          collect: (target, signal) => collector.collect(target, signal),
          // History first, so the forecast counts this refresh too.
          enrich: async (_target, data, clock) => {
            await writeHistory(data, clock);
            const forecasts = await forecastFromHistory(
              history,
              data,
              clock.at.getTime(),
              settings.forecast.windowMs,
            );
            return { ...data, forecasts };
          },
          // Alerts after every live refresh, good or failed (not a backfill).
          onRefreshed: (snapshot, data) => onRefreshed(snapshot, data),
          summarize: summarizeCapacity,
          database: new SnapshotDatabase(
            client,
          ) satisfies CapacitySnapshotDatabase,
          logger,
          concurrency: settings.refreshConcurrency,
          clusterTimeoutMs: settings.clusterTimeoutMs,
          cooldownMs: settings.refreshCooldownMs,
        });

        // Gauges read the latest snapshots at each scrape.
        registerCapacityMetrics({
          metrics: deps.metrics,
          store,
          refreshFrequencyMs: durationToMilliseconds(settings.refreshFrequency),
          logger,
        });

        logger.info(
          `Pod IP capacity: this replica takes refresh leases as ${store.replicaId}`,
        );

        // A global task: with several replicas, one of them refreshes at a time.
        await scheduler.scheduleTask({
          id: REFRESH_TASK_ID,
          frequency: settings.refreshFrequency,
          timeout: settings.refreshTimeout,
          initialDelay: { seconds: 1 },
          scope: 'global',
          fn: async () => {
            // A first start's past before its present: the backfill moves
            // its sources through time, so nothing else collects meanwhile.
            if (backfill) {
              await runBackfillOnce({
                backfill,
                history,
                logger,
                collectAt: async at => {
                  await store.refreshAll(undefined, { at, simulated: true });
                },
              });
              backfill = undefined;
            }
            await store.refreshAll();
          },
        });

        await scheduler.scheduleTask({
          id: COMPACT_TASK_ID,
          frequency: { hours: 1 },
          timeout: { minutes: 15 },
          initialDelay: { minutes: 1 },
          scope: 'global',
          fn: async () => {
            await history.compact(Date.now(), settings.history.retentionMs);
          },
        });

        const service = new PodIpCapacityService({
          store,
          history,
          settings,
          catalog: deps.catalog,
          logger,
        });
        // The same reads for automation and AI assistants (MCP).
        registerPodIpCapacityActions({
          actionsRegistry: deps.actionsRegistry,
          permissions: deps.permissions,
          service,
        });
        deps.httpRouter.use(
          await createRouter({
            service,
            logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
          }),
        );
        // Load balancers and probes carry no Backstage credentials.
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
