import {
  ClusterCapacity,
  ClusterProblem,
  clusterForesight,
  InventoryInstanceType,
  InventoryPod,
  markLandingRisks,
  ZonalSubnet,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import {
  resolveProvisioning,
  SubnetSelectorTerm,
  toDeployments,
  UnresolvedProvisioning,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { CapacityForesight } from './types';

/**
 * The engine step of foresight at refresh time: the provisioning with its
 * selector terms resolved, the landings and warm pools (with their
 * sentences), and the capacity with the subnets a landing warning names
 * marked at risk; the Deployments that own the cluster's pods, for the
 * rollout what-if. Pure: everything was collected before.
 */
export function computeForesight(input: {
  capacity: ClusterCapacity;
  instanceTypes: InventoryInstanceType[];
  pods: readonly InventoryPod[];
  unresolved: UnresolvedProvisioning;
  resolve: (terms: SubnetSelectorTerm[]) => ZonalSubnet[];
  deployments?: unknown[];
  notes: ClusterProblem[];
}): { capacity: ClusterCapacity; foresight: CapacityForesight } {
  const provisioning = resolveProvisioning(input.unresolved, input.resolve);
  const { landings, warmPools } = clusterForesight(input.capacity, {
    provisioning,
    instanceTypes: input.instanceTypes,
  });
  return {
    capacity: markLandingRisks(input.capacity, landings),
    foresight: {
      provisioning,
      landings,
      warmPools,
      notes: input.notes,
      instanceTypes: input.instanceTypes,
      ...(input.deployments
        ? { deployments: toDeployments(input.deployments, input.pods) }
        : {}),
    },
  };
}
