import {
  ClusterCapacity,
  computeWorkloadUsage,
  WorkloadSelection,
  WorkloadUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { CapacitySnapshotData } from '../collection/types';

/**
 * Each counted entity's pod IPs per subnet, kept with the cluster data they
 * were computed from (and gone with it): the alerts of a refresh read what
 * its history writer computed, instead of computing every entity's usage a
 * second time (the refresh profile showed both).
 */
const subnetPodIpsByData = new WeakMap<
  ClusterCapacity,
  Map<string, Map<string, number>>
>();

const keyOf = (selection: WorkloadSelection) => JSON.stringify(selection);

function computed(data: CapacitySnapshotData, selection: WorkloadSelection) {
  const usage = computeWorkloadUsage([data], {
    ...selection,
    cluster: data.capacity.cluster,
  });
  const podIps = new Map(
    usage.subnets.map(s => [s.subnet.subnetId, s.workloadPodIps]),
  );
  let kept = subnetPodIpsByData.get(data.capacity);
  if (!kept) subnetPodIpsByData.set(data.capacity, (kept = new Map()));
  kept.set(keyOf(selection), podIps);
  return { usage, podIps };
}

/** An entity's usage of one cluster's data. */
export function clusterEntityUsage(
  data: CapacitySnapshotData,
  selection: WorkloadSelection,
): WorkloadUsage {
  return computed(data, selection).usage;
}

/**
 * An entity's pod IPs per subnet of one cluster's data: as kept by
 * `clusterEntityUsage` for this data, or computed now.
 */
export function clusterEntitySubnetPodIps(
  data: CapacitySnapshotData,
  selection: WorkloadSelection,
): Map<string, number> {
  return (
    subnetPodIpsByData.get(data.capacity)?.get(keyOf(selection)) ??
    computed(data, selection).podIps
  );
}
