import { ClusterCapacity, WorkloadUsage } from '../types';
import { DeploymentRollout, ForesightContext, RolloutWhatIf } from './types';
import { resolveRollout } from './rolloutSurge';
import { AddReplicasOptions, whatIfAddReplicas } from './whatIfAddReplicas';

/**
 * "Roll out with maxSurge S" (how-pod-ips-are-counted.md §7): a rolling
 * update of r replicas runs up to r + s pods at once, so the s surge pods
 * need IPs while the old ones still hold theirs — the what-if of adding s
 * replicas. Old pods that are terminating keep their IPs until they exit,
 * so a slow shutdown can need more for a while.
 *
 * @public
 */
export function whatIfRollout(
  capacity: ClusterCapacity,
  workload: WorkloadUsage,
  deployment: DeploymentRollout,
  context: ForesightContext = {},
  options: AddReplicasOptions = {},
): RolloutWhatIf {
  const replicas = Math.max(0, Math.floor(deployment.replicas));
  const { maxSurge, maxUnavailable } = resolveRollout(deployment);
  const surge = whatIfAddReplicas(
    capacity,
    workload,
    maxSurge,
    context,
    options,
  );
  return {
    replicas,
    maxSurge,
    maxUnavailable,
    peakPods: replicas + maxSurge,
    fits: surge.placed === maxSurge,
    surge,
  };
}
