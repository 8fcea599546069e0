/*
 * The demo portal's backend: catalog, Kubernetes, permissions, guest sign-in,
 * notifications and signals, and the Pod IP Capacity backend plugin, on Backstage's new backend system.
 */

// First: Prometheus metrics on http://localhost:9464/metrics.
import './instrumentation';
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

// Notifications (the bell) and signals (live updates of it): Pod IP capacity
// alerts go to the owners of the services on a subnet at risk.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@pod-ip-capacity/plugin-pod-ip-capacity-backend'));
// Pod IP Capacity's read-only actions over MCP at /api/mcp-actions/v1
// (backend.actions.pluginSources in app-config.yaml).
backend.add(import('@backstage/plugin-mcp-actions-backend'));
// The demo's history: the simulator's timeline, collected at past instants.
backend.add(import('./modules/simulatorHistoryBackfill'));

backend.start();
