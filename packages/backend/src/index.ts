/*
 * The demo portal's backend: catalog, Kubernetes, permissions, guest sign-in
 * and the Pod IP Capacity backend plugin, on Backstage's new backend system.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Guest sign-in: https://backstage.io/docs/auth/guest/provider
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// The demo allows everything; see https://backstage.io/docs/permissions/getting-started
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@backstage/plugin-kubernetes-backend'));

backend.add(import('@pod-ip-capacity/plugin-pod-ip-capacity-backend'));
// The demo's history: the simulator's timeline, collected at past instants.
backend.add(import('./modules/simulatorHistoryBackfill'));

backend.start();
