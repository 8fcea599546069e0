import { ClusterSpec, SimInstance } from './types';

/** The principal EC2 names as the operator of EKS Auto Mode instances and their ENIs. */
export const EKS_PRINCIPAL = 'eks.amazonaws.com';

/**
 * EKS Auto Mode instances are managed by EKS: EC2 reports them (and their ENIs) with an
 * `operator` and may hide them from Describe calls (how-pod-ips-are-counted.md §8). An
 * instance is one when it backs a node with `computeType: auto`.
 */
export function markManagedInstances(
  clusters: ClusterSpec[],
  instances: Map<string, SimInstance>,
): void {
  for (const cluster of clusters) {
    for (const node of cluster.nodes ?? []) {
      if (node.computeType !== 'auto') continue;
      const inst = instances.get(node.instanceId);
      if (!inst || inst.accountId !== String(cluster.account)) continue;
      inst.managedBy = EKS_PRINCIPAL;
      for (const eni of inst.networkInterfaces) eni.managedBy = EKS_PRINCIPAL;
    }
  }
}
