import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  POD_IP_CAPACITY_PLUGIN_ID,
  podIpCapacityPermissions,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { readPodIpCapacityConfig } from './config';
import { KubernetesPluginClient } from './collection/kubernetes/KubernetesPluginClient';
import { createCollector } from './collection/createCollector';
import { SnapshotStore } from './snapshots/SnapshotStore';
import { summarizeCapacity } from './snapshots/capacitySnapshots';
import { createRouter } from './service/createRouter';
import { PodIpCapacityService } from './service/PodIpCapacityService';

/** The id of the scheduled task that refreshes every cluster. */
export const REFRESH_TASK_ID = 'pod-ip-capacity-refresh';

/**
 * The Pod IP Capacity backend plugin, for the new backend system.
 *
 * @public
 */
export const podIpCapacityPlugin = createBackendPlugin({
  pluginId: POD_IP_CAPACITY_PLUGIN_ID,
  register(env) {
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
        cache: coreServices.cache,
        catalog: catalogServiceRef,
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
        const store = new SnapshotStore({
          listTargets: collector.listTargets,
          collect: collector.collect,
          summarize: summarizeCapacity,
          cache: deps.cache,
          logger,
          concurrency: settings.refreshConcurrency,
          clusterTimeoutMs: settings.clusterTimeoutMs,
          cooldownMs: settings.refreshCooldownMs,
        });

        // A global task: with several replicas, one of them refreshes at a time.
        await scheduler.scheduleTask({
          id: REFRESH_TASK_ID,
          frequency: settings.refreshFrequency,
          timeout: settings.refreshTimeout,
          initialDelay: { seconds: 1 },
          scope: 'global',
          fn: async () => {
            await store.refreshAll();
          },
        });

        const service = new PodIpCapacityService({
          store,
          settings,
          catalog: deps.catalog,
          logger,
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
