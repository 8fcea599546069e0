import {
  ClusterForecast,
  OwnerUsage,
  runOuts,
  withQuantity,
  WorkloadRunOut,
  workloadSubnetsRunOut,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/**
 * When the subnets an entity's pods take IPs from (in one cluster) run
 * out of what their nodes need: "the subnets your pods use run out of /28
 * blocks in about 12 days (9–16)".
 */
export function entityRunOut(
  usage: OwnerUsage,
  forecasts: ClusterForecast,
): WorkloadRunOut {
  const subnetIds = new Set(
    usage.entities.flatMap(e => e.subnets.map(s => s.subnet.subnetId)),
  );
  return withQuantity(
    workloadSubnetsRunOut([...subnetIds], runOuts(forecasts.subnets)),
    forecasts.subnets,
  );
}
