import { InventoryPod, IpFamily } from '../types';
import { isIpv4, tryParseIpv4 } from '../ip/ipv4';

/**
 * Succeeded and Failed pods have released their IP, but `status.podIP`
 * still shows it (and another pod may already reuse it).
 */
export function isPodTerminated(pod: Pick<InventoryPod, 'phase'>): boolean {
  return pod.phase === 'Succeeded' || pod.phase === 'Failed';
}

/**
 * The pod's VPC IP of the given family, if it holds one: it has a pod IP of
 * that family, is not hostNetwork (those use the node's IP) and is not
 * Succeeded or Failed.
 */
export function vpcPodIp(
  pod: InventoryPod,
  family: IpFamily = 'ipv4',
): string | undefined {
  if (pod.hostNetwork || isPodTerminated(pod)) return undefined;
  return pod.podIps.find(ip => (family === 'ipv4' ? isIpv4(ip) : !isIpv4(ip)));
}

/**
 * The pod's VPC IPv4 address as a string and an integer, if it holds one
 * (one parse per address).
 */
export function vpcPodIpv4(
  pod: InventoryPod,
): { podIp: string; value: number } | undefined {
  if (pod.hostNetwork || isPodTerminated(pod)) return undefined;
  for (const podIp of pod.podIps) {
    const value = tryParseIpv4(podIp);
    if (value !== undefined) return { podIp, value };
  }
  return undefined;
}

/**
 * True when the pod holds a VPC IPv4 address: it has a podIP, is not
 * hostNetwork, and is not Succeeded or Failed (how-pod-ips-are-counted.md §3).
 *
 * @public
 */
export function podHoldsVpcIpv4(pod: InventoryPod): boolean {
  return vpcPodIp(pod, 'ipv4') !== undefined;
}
