import { createRouteRef } from '@backstage/core-plugin-api';

/** The overview page of the platform team. */
export const rootRouteRef = createRouteRef({ id: 'pod-ip-capacity' });
