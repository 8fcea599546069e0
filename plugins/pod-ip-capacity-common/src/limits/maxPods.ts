import { InventoryInstanceType } from '../types';

/**
 * Max pods as the EKS AMI's max-pods calculator computes them (how-pod-ips-are-counted.md §4):
 * ENIs × (IPv4 per ENI − 1) + 2 for secondary IPs, ENIs × ((IPv4 per ENI −
 * 1) × 16) + 2 for prefixes; custom networking leaves the primary ENI out;
 * the `+ 2` are host-network daemons (aws-node, kube-proxy). The calculator
 * then caps the result at 110 (≤ 30 vCPUs) or 250, in both modes.
 */

/**
 * Options of the max pods calculation.
 *
 * @public
 */
export interface MaxPodsOptions {
  /** Custom networking: pods get IPs only from secondary ENIs. */
  customNetworking?: boolean;
  /** Apply the calculator's 110/250 cap by vCPUs (default true). */
  capByVCpus?: boolean;
}

/**
 * The calculator's ceiling: 110 pods up to 30 vCPUs, 250 above.
 *
 * @public
 */
export function maxPodsCeiling(defaultVCpus: number): number {
  return defaultVCpus > 30 ? 250 : 110;
}

function enisForPods(
  type: InventoryInstanceType,
  options: MaxPodsOptions,
): number {
  return Math.max(
    0,
    type.maximumNetworkInterfaces - (options.customNetworking ? 1 : 0),
  );
}

function cap(
  value: number,
  type: InventoryInstanceType,
  options: MaxPodsOptions,
): number {
  return options.capByVCpus === false
    ? value
    : Math.min(value, maxPodsCeiling(type.defaultVCpus));
}

/**
 * Max pods in secondary-IP mode. m5.large (3 ENIs × 10 IPs): 29, or 20 with
 * custom networking; t3.medium (3 × 6): 17; m5.24xlarge (15 × 50): 737,
 * capped at 250.
 *
 * @public
 */
export function maxPodsSecondaryIp(
  type: InventoryInstanceType,
  options: MaxPodsOptions = {},
): number {
  const enis = enisForPods(type, options);
  return cap(enis * (type.ipv4AddressesPerInterface - 1) + 2, type, options);
}

/**
 * True when the instance type can take /28 prefixes (Nitro only). An
 * unknown hypervisor is assumed to be Nitro (bare metal reports none).
 *
 * @public
 */
export function supportsPrefixDelegation(type: InventoryInstanceType): boolean {
  return type.hypervisor === undefined || type.hypervisor === 'nitro';
}

/**
 * Max pods in prefix mode: m5.large 3 × (9 × 16) + 2 = 434, capped at 110.
 * On non-Nitro types, where prefixes do not exist, the secondary-IP figure.
 *
 * @public
 */
export function maxPodsPrefix(
  type: InventoryInstanceType,
  options: MaxPodsOptions = {},
): number {
  if (!supportsPrefixDelegation(type)) {
    return maxPodsSecondaryIp(type, options);
  }
  const enis = enisForPods(type, options);
  return cap(
    enis * ((type.ipv4AddressesPerInterface - 1) * 16) + 2,
    type,
    options,
  );
}
