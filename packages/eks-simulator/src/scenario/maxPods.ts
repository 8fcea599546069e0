import { InstanceTypeSpec } from './types';

/** Max pods as the EKS max-pods calculator computes it (how-pod-ips-are-counted.md §4). */
export function maxPodsFor(
  type: Required<InstanceTypeSpec>,
  mode: 'secondary-ip' | 'prefix' | 'auto',
  customNetworking = false,
): number {
  const card = type.networkCards.find(
    c => c.index === type.defaultNetworkCardIndex,
  );
  const allEnis = card?.maxNetworkInterfaces ?? type.maxNetworkInterfaces;
  // Custom networking gives pods no addresses of the primary ENI.
  const enis = customNetworking ? allEnis - 1 : allEnis;
  if (mode === 'secondary-ip') {
    return enis * (type.ipv4AddressesPerInterface - 1) + 2;
  }
  const raw = enis * ((type.ipv4AddressesPerInterface - 1) * 16) + 2;
  if (mode === 'auto') return Math.min(raw, 110);
  return Math.min(raw, type.vcpus <= 30 ? 110 : 250);
}
