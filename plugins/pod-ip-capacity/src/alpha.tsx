/**
 * Pod IP Capacity for Backstage's new frontend system.
 *
 * @packageDocumentation
 */

import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  AGGREGATE_KINDS,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  POD_IP_CAPACITY_PLUGIN_ID,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { podIpCapacityApiRef, PodIpCapacityClient } from './api';
import { rootRouteRef } from './routes';
import { PodIpCapacityIcon } from './components/PodIpCapacityIcon';

/**
 * The client of the backend's REST API.
 *
 * @alpha
 */
export const podIpCapacityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: podIpCapacityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PodIpCapacityClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The overview page at `/pod-ip-capacity`, listed in the sidebar. The app's
 * page layout draws its title bar: the page adds no header of its own.
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
        <m.PodIpCapacityPageContent />
      )),
  },
});

/**
 * The "Pod IP Capacity" tab of entities with the Kubernetes plugin's
 * annotations, and of Groups, Users and Systems (what they own or contain).
 * Same condition as `isPodIpCapacityAvailable`, as a filter the app's
 * config can override.
 *
 * @alpha
 */
export const entityPodIpCapacityContent = EntityContentBlueprint.make({
  params: {
    path: '/pod-ip-capacity',
    title: 'Pod IP Capacity',
    filter: {
      $any: [
        {
          [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]: {
            $exists: true,
          },
        },
        {
          [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]: {
            $exists: true,
          },
        },
        // Catalog kinds are matched as written: Group, User, System, Domain.
        {
          kind: {
            $in: AGGREGATE_KINDS.map(
              k => k.charAt(0).toUpperCase() + k.slice(1),
            ),
          },
        },
      ],
    },
    loader: () =>
      import('./components/EntityPodIpCapacityContent').then(m => (
        <m.EntityPodIpCapacityContent />
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
  extensions: [podIpCapacityApi, podIpCapacityPage, entityPodIpCapacityContent],
  routes: {
    root: rootRouteRef,
  },
});
