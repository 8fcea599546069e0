import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read the cluster-wide views: every cluster's nodes, subnets and teams.
 * Entity views need it too, and the catalog's read access to the entity.
 *
 * @public
 */
export const podIpCapacityReadPermission = createPermission({
  name: 'pod-ip-capacity.read',
  attributes: { action: 'read' },
});

/**
 * Ask for a snapshot to be collected now, which costs EC2 and Kubernetes API
 * calls.
 *
 * @public
 */
export const podIpCapacityRefreshPermission = createPermission({
  name: 'pod-ip-capacity.refresh',
  attributes: { action: 'update' },
});

/**
 * All permissions of the Pod IP Capacity plugin.
 *
 * @public
 */
export const podIpCapacityPermissions = [
  podIpCapacityReadPermission,
  podIpCapacityRefreshPermission,
];
