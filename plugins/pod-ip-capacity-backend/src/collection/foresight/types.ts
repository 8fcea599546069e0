import type {
  ClusterForesight,
  InventoryInstanceType,
  WhatIfDeployment,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/**
 * What a snapshot keeps of foresight: what `GET /clusters/{name}/foresight`
 * serves (provisioning, landings with their warnings, warm pools, notes),
 * and what only the what-ifs read: the instance types of the nodes (their
 * ENI and address limits shape a new node) and the Deployments of the
 * cluster's pods. Absent in snapshots taken before foresight existed.
 */
export interface CapacityForesight extends ClusterForesight {
  instanceTypes: InventoryInstanceType[];
  /** Undefined when the Deployments could not be read. */
  deployments?: WhatIfDeployment[];
}
