import {
  InventoryInstance,
  InventoryNetworkInterface,
  InventoryNode,
  IpFamily,
  NodeIpMode,
} from '../types';

/** `eks.amazonaws.com/compute-type`: `auto` (EKS Auto Mode) or `fargate`. */
export const COMPUTE_TYPE_LABEL = 'eks.amazonaws.com/compute-type';

/**
 * How a node gets pod IPs, read from its labels and ENIs.
 *
 * @public
 */
export interface NodeIpModeFacts {
  mode: NodeIpMode;
  prefixDelegation: boolean;
  customNetworking: boolean;
  /** The ENIs that hand out pod IPs, on the default network card. */
  podNetworkInterfaces: InventoryNetworkInterface[];
  /** The subnet new pod IPs would come from. */
  podSubnetId?: string;
}

const holdsPodAddresses = (eni: InventoryNetworkInterface) =>
  eni.ipv4Prefixes.length > 0 || eni.secondaryIps.length > 0;
const deviceIndex = (eni: InventoryNetworkInterface) =>
  eni.attachment?.deviceIndex ?? 0;
const onDefaultCard = (eni: InventoryNetworkInterface) =>
  (eni.attachment?.networkCardIndex ?? 0) === 0;

/**
 * The node's pod IP mode. Fargate and Auto Mode come from the compute-type
 * label; otherwise the ENIs tell: /28 prefixes anywhere → prefix
 * delegation; pod addresses only on secondary ENIs → custom networking
 * (how-pod-ips-are-counted.md §1). The VPC CNI fills the primary ENI first, so an empty
 * primary ENI next to busy secondary ones means custom networking even when
 * the ENIConfig names the node's own subnet (for other security groups).
 *
 * @public
 */
export function nodeIpMode(
  node: Pick<InventoryNode, 'labels'>,
  instance: InventoryInstance | undefined,
  ipFamily: IpFamily,
): NodeIpModeFacts {
  const computeType = node.labels[COMPUTE_TYPE_LABEL];
  const enis = [...(instance?.networkInterfaces ?? [])]
    .filter(onDefaultCard)
    .sort((a, b) => deviceIndex(a) - deviceIndex(b));
  const primary = enis.find(e => deviceIndex(e) === 0);
  const secondaryEnisWithPods = enis.filter(
    e =>
      deviceIndex(e) > 0 &&
      e.interfaceType === 'interface' &&
      holdsPodAddresses(e),
  );
  const customNetworking =
    computeType !== 'auto' &&
    !!primary &&
    !holdsPodAddresses(primary) &&
    secondaryEnisWithPods.length > 0;
  const podNetworkInterfaces = enis.filter(
    e =>
      e.interfaceType === 'interface' &&
      !(customNetworking && deviceIndex(e) === 0),
  );
  const prefixDelegation =
    computeType === 'auto' || enis.some(e => e.ipv4Prefixes.length > 0);
  const lastWithPods = [...podNetworkInterfaces]
    .reverse()
    .find(holdsPodAddresses);
  const podSubnetId = customNetworking
    ? secondaryEnisWithPods[secondaryEnisWithPods.length - 1]?.subnetId
    : (lastWithPods ?? primary)?.subnetId;

  let mode: NodeIpMode;
  if (computeType === 'fargate') mode = 'fargate';
  else if (ipFamily === 'ipv6') mode = 'ipv6';
  else if (computeType === 'auto') mode = 'auto-mode';
  else if (!instance) mode = 'unknown';
  else if (customNetworking) mode = 'custom-networking';
  else mode = prefixDelegation ? 'prefix' : 'secondary-ip';

  return {
    mode,
    prefixDelegation,
    customNetworking,
    podNetworkInterfaces,
    ...(podSubnetId ? { podSubnetId } : {}),
  };
}
