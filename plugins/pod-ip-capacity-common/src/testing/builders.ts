import {
  InventoryInstanceType,
  InventoryNetworkInterface,
  InventoryNode,
  InventoryPod,
} from '../types';

/**
 * Small builders for inventories in tests: each fills in what the case
 * does not care about.
 */

/**
 * A running, non-hostNetwork pod.
 *
 * @public
 */
export function makePod(
  name: string,
  nodeName: string | undefined,
  podIps: string[],
  overrides: Partial<InventoryPod> = {},
): InventoryPod {
  return {
    namespace: 'default',
    name,
    ...(nodeName ? { nodeName } : {}),
    phase: 'Running',
    hostNetwork: false,
    podIps,
    labels: {},
    ...overrides,
  };
}

/**
 * A node whose name is its instance id, as in how-pod-ips-are-counted.md §6.
 *
 * @public
 */
export function makeNode(
  instanceId: string,
  instanceType: string,
  labels: Record<string, string>,
  overrides: Partial<InventoryNode> = {},
): InventoryNode {
  return {
    name: instanceId,
    instanceId,
    instanceType,
    labels,
    ...overrides,
  };
}

/**
 * An ENI of type `interface` attached at `deviceIndex` of `instanceId` (card 0).
 *
 * @public
 */
export function makeEni(
  id: string,
  subnetId: string,
  primaryIp: string,
  overrides: Partial<InventoryNetworkInterface> & {
    instanceId?: string;
    deviceIndex?: number;
  } = {},
): InventoryNetworkInterface {
  const { instanceId, deviceIndex, ...rest } = overrides;
  return {
    networkInterfaceId: id,
    subnetId,
    interfaceType: 'interface',
    primaryIp,
    secondaryIps: [],
    ipv4Prefixes: [],
    ipv6Prefixes: [],
    ...(instanceId !== undefined
      ? {
          attachment: {
            instanceId,
            deviceIndex: deviceIndex ?? 0,
            networkCardIndex: 0,
          },
        }
      : {}),
    ...rest,
  };
}

/**
 * DescribeInstanceTypes figures used across the tests.
 *
 * @public
 */
export const INSTANCE_TYPES: Record<string, InventoryInstanceType> = {
  'm5.large': {
    instanceType: 'm5.large',
    maximumNetworkInterfaces: 3,
    ipv4AddressesPerInterface: 10,
    defaultVCpus: 2,
    hypervisor: 'nitro',
  },
  'm5.24xlarge': {
    instanceType: 'm5.24xlarge',
    maximumNetworkInterfaces: 15,
    ipv4AddressesPerInterface: 50,
    defaultVCpus: 96,
    hypervisor: 'nitro',
  },
  't3.medium': {
    instanceType: 't3.medium',
    maximumNetworkInterfaces: 3,
    ipv4AddressesPerInterface: 6,
    defaultVCpus: 2,
    hypervisor: 'nitro',
  },
};
