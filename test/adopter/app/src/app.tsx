/*
 * The frontend of a new Backstage app, both ways the frontend plugin's README
 * installs it: discovered by the new frontend system, and the legacy
 * system's page and entity tab.
 */
import { createApp } from '@backstage/frontend-defaults';
import podIpCapacityPlugin from '@pod-ip-capacity/plugin-pod-ip-capacity/alpha';
import {
  EntityPodIpCapacityContent,
  isPodIpCapacityAvailable,
  PodIpCapacityPage,
  podIpCapacityApiRef,
} from '@pod-ip-capacity/plugin-pod-ip-capacity';

const app = createApp({ features: [podIpCapacityPlugin] });
export default app.createRoot();

export const legacyPage = <PodIpCapacityPage />;
export const legacyEntityTab = <EntityPodIpCapacityContent />;
export const showEntityTab: (
  entity: Parameters<typeof isPodIpCapacityAvailable>[0],
) => boolean = isPodIpCapacityAvailable;
export const apiRefId: string = podIpCapacityApiRef.id;
