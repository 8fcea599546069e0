import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { podIpCapacityHistoryExtensionPoint } from '@pod-ip-capacity/plugin-pod-ip-capacity-backend';

/** Each call to the simulator's admin API gives up after this long. */
const ADMIN_TIMEOUT_MS = 10_000;

async function admin<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(ADMIN_TIMEOUT_MS),
  });
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}`);
  }
  return (await response.json()) as T;
}

/**
 * The demo's past: on a first start, the EKS simulator plays its scenario's
 * timeline (workloads growing, a node group rotated, a subnet filling) and
 * the Pod IP Capacity plugin collects each past instant through its real
 * collector, with the instant as its clock; the history it keeps is marked
 * simulated. Then the simulator serves the instant it started on again. Only with
 * `podIpCapacityDemo.simulatorAdminUrl` set (the demo's app-config.yaml).
 */
export default createBackendModule({
  pluginId: 'pod-ip-capacity',
  moduleId: 'simulator-history',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        history: podIpCapacityHistoryExtensionPoint,
      },
      async init({ config, history }) {
        const base = config.getOptionalString(
          'podIpCapacityDemo.simulatorAdminUrl',
        );
        if (!base) return;
        history.setBackfill({
          id: 'eks-simulator-timeline',
          async run({ collectAt, logger }) {
            const timeline = await admin<{
              current: number;
              instants: number[];
            }>(`${base}/timeline`);
            // Up to the instant the simulator was started on (the present
            // for the demo, the file's own world for the end-to-end tests).
            const past = timeline.instants.filter(at => at <= timeline.current);
            logger.info(
              `Demo: collecting ${past.length} past instants of the simulator's timeline`,
            );
            try {
              for (const at of past) {
                await admin(`${base}/timeline/seek`, { at });
                await collectAt(new Date(at));
              }
            } finally {
              await admin(`${base}/timeline/seek`, { at: timeline.current });
            }
          },
        });
      },
    });
  },
});
