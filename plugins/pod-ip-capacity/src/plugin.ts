import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { POD_IP_CAPACITY_PLUGIN_ID } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { podIpCapacityApiRef, PodIpCapacityClient } from './api';
import { rootRouteRef } from './routes';

/**
 * The Pod IP Capacity frontend plugin, for the legacy frontend system.
 *
 * @public
 */
export const podIpCapacityPlugin = createPlugin({
  id: POD_IP_CAPACITY_PLUGIN_ID,
  apis: [
    createApiFactory({
      api: podIpCapacityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PodIpCapacityClient({ discoveryApi, fetchApi }),
    }),
  ],
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

/**
 * The "Pod IP Capacity" entity tab, for the legacy frontend system:
 * `<EntityLayout.Route path="/pod-ip-capacity" title="Pod IP Capacity" if={isPodIpCapacityAvailable}>`.
 *
 * @public
 */
export const EntityPodIpCapacityContent = podIpCapacityPlugin.provide(
  createComponentExtension({
    name: 'EntityPodIpCapacityContent',
    component: {
      lazy: () =>
        import('./components/EntityPodIpCapacityContent').then(
          m => m.EntityPodIpCapacityContent,
        ),
    },
  }),
);
