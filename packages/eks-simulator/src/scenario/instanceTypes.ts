import { InstanceTypeSpec } from './types';

/**
 * A small catalogue of real instance types with their published ENI limits
 * (EC2 `DescribeInstanceTypes`, `NetworkInfo`). Scenarios may add or override types.
 */
export const BUILTIN_INSTANCE_TYPES: InstanceTypeSpec[] = [
  {
    name: 't3.medium',
    vcpus: 2,
    maxNetworkInterfaces: 3,
    ipv4AddressesPerInterface: 6,
    memoryMiB: 4096,
  },
  {
    name: 't3.large',
    vcpus: 2,
    maxNetworkInterfaces: 3,
    ipv4AddressesPerInterface: 12,
    memoryMiB: 8192,
  },
  {
    name: 'm5.large',
    vcpus: 2,
    maxNetworkInterfaces: 3,
    ipv4AddressesPerInterface: 10,
    memoryMiB: 8192,
  },
  {
    name: 'm5.xlarge',
    vcpus: 4,
    maxNetworkInterfaces: 4,
    ipv4AddressesPerInterface: 15,
    memoryMiB: 16384,
  },
  {
    name: 'm5.2xlarge',
    vcpus: 8,
    maxNetworkInterfaces: 4,
    ipv4AddressesPerInterface: 15,
    memoryMiB: 32768,
  },
  {
    name: 'm5.4xlarge',
    vcpus: 16,
    maxNetworkInterfaces: 8,
    ipv4AddressesPerInterface: 30,
    memoryMiB: 65536,
  },
  {
    name: 'm5.24xlarge',
    vcpus: 96,
    maxNetworkInterfaces: 15,
    ipv4AddressesPerInterface: 50,
    memoryMiB: 393216,
  },
  {
    name: 'm6i.large',
    vcpus: 2,
    maxNetworkInterfaces: 3,
    ipv4AddressesPerInterface: 10,
    memoryMiB: 8192,
  },
  {
    name: 'c6a.large',
    vcpus: 2,
    maxNetworkInterfaces: 3,
    ipv4AddressesPerInterface: 10,
    memoryMiB: 4096,
  },
  {
    name: 'c6i.large',
    vcpus: 2,
    maxNetworkInterfaces: 3,
    ipv4AddressesPerInterface: 10,
    memoryMiB: 4096,
  },
  {
    name: 'c6i.xlarge',
    vcpus: 4,
    maxNetworkInterfaces: 4,
    ipv4AddressesPerInterface: 15,
    memoryMiB: 8192,
  },
  {
    name: 'm4.large',
    vcpus: 2,
    maxNetworkInterfaces: 2,
    ipv4AddressesPerInterface: 10,
    hypervisor: 'xen',
    memoryMiB: 8192,
  },
  {
    name: 'c6in.32xlarge',
    vcpus: 128,
    maxNetworkInterfaces: 16,
    ipv4AddressesPerInterface: 50,
    memoryMiB: 262144,
    networkCards: [
      { index: 0, maxNetworkInterfaces: 8 },
      { index: 1, maxNetworkInterfaces: 8 },
    ],
  },
  {
    name: 'p5.48xlarge',
    vcpus: 192,
    maxNetworkInterfaces: 64,
    ipv4AddressesPerInterface: 50,
    memoryMiB: 2097152,
    networkCards: Array.from({ length: 32 }, (_, index) => ({
      index,
      maxNetworkInterfaces: 2,
    })),
  },
];

/** Fills the defaults EC2 would report: nitro, one network card holding every interface. */
export function normaliseInstanceType(
  spec: InstanceTypeSpec,
): Required<InstanceTypeSpec> {
  return {
    ipv6AddressesPerInterface: spec.ipv4AddressesPerInterface,
    hypervisor: 'nitro',
    networkCards: [
      { index: 0, maxNetworkInterfaces: spec.maxNetworkInterfaces },
    ],
    defaultNetworkCardIndex: 0,
    memoryMiB: 1024 * spec.vcpus * 4,
    ...spec,
  } as Required<InstanceTypeSpec>;
}
