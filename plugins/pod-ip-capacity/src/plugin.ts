import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { POD_IP_CAPACITY_PLUGIN_ID } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { rootRouteRef } from './routes';

/**
 * The Pod IP Capacity frontend plugin, for the legacy frontend system.
 *
 * @public
 */
export const podIpCapacityPlugin = createPlugin({
  id: POD_IP_CAPACITY_PLUGIN_ID,
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The catalog-wide overview page, for the legacy frontend system.
 *
 * @public
 */
export const PodIpCapacityPage = podIpCapacityPlugin.provide(
  createRoutableExtension({
    name: 'PodIpCapacityPage',
    component: () =>
      import('./components/PodIpCapacityPage').then(m => m.PodIpCapacityPage),
    mountPoint: rootRouteRef,
  }),
);
