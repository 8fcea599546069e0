import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { POD_IP_CAPACITY_PLUGIN_ID } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { createRouter } from './router';

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
        httpRouter: coreServices.httpRouter,
      },
      async init({ httpRouter }) {
        httpRouter.use(await createRouter());
        // The health route answers load balancers and probes, which carry no
        // Backstage credentials; every other route will require them.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
