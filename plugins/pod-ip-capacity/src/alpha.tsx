/**
 * Pod IP Capacity for Backstage's new frontend system.
 *
 * @packageDocumentation
 */

import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { POD_IP_CAPACITY_PLUGIN_ID } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { rootRouteRef } from './routes';
import { PodIpCapacityIcon } from './components/PodIpCapacityIcon';

/**
 * The overview page at `/pod-ip-capacity`, listed in the sidebar.
 *
 * @alpha
 */
export const podIpCapacityPage = PageBlueprint.make({
  params: {
    path: '/pod-ip-capacity',
    title: 'Pod IP Capacity',
    icon: <PodIpCapacityIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/PodIpCapacityPage').then(m => (
        <m.PodIpCapacityPage />
      )),
  },
});

/**
 * The Pod IP Capacity frontend plugin, for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: POD_IP_CAPACITY_PLUGIN_ID,
  title: 'Pod IP Capacity',
  icon: <PodIpCapacityIcon />,
  extensions: [podIpCapacityPage],
  routes: {
    root: rootRouteRef,
  },
});
