import {
  InstanceNetworkInterface,
  InstanceTypeInfo,
  NetworkInterface,
} from '@aws-sdk/client-ec2';
import type {
  ClusterInventory,
  InventoryCidrReservation,
  InventoryInstanceType,
  InventoryNetworkInterface,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { instanceIdOfProviderId } from './aws/clusterAwsSettings';
import { CollectedCluster } from './collectCluster';

const IPV4_CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;

/**
 * Normalises what the collectors brought back into the engine's input: EC2's
 * and Kubernetes' shapes stop here.
 */
export function toClusterInventory(
  collected: CollectedCluster,
): ClusterInventory {
  const { kubernetes, ec2 } = collected;
  return {
    cluster: collected.cluster.name,
    nodes: kubernetes.nodes.map(node => ({
      name: node.name,
      ...optional('instanceId', instanceIdOfProviderId(node.providerId)),
      ...optional(
        'instanceType',
        node.labels['node.kubernetes.io/instance-type'],
      ),
      ...optional('zone', node.labels['topology.kubernetes.io/zone']),
      ...optional('allocatablePods', node.allocatablePods),
      labels: node.labels,
    })),
    pods: kubernetes.pods,
    instances: (ec2?.instances ?? []).map(instance => ({
      instanceId: instance.InstanceId ?? '',
      instanceType: instance.InstanceType ?? '',
      ...optional('availabilityZone', instance.Placement?.AvailabilityZone),
      networkInterfaces: (instance.NetworkInterfaces ?? []).map(eni =>
        toNetworkInterface(eni, instance.InstanceId),
      ),
    })),
    subnets: (ec2?.subnets ?? [])
      .filter(subnet => subnet.SubnetId && subnet.CidrBlock)
      .map(subnet => ({
        subnetId: subnet.SubnetId!,
        cidr: subnet.CidrBlock!,
        availableIpAddressCount: subnet.AvailableIpAddressCount ?? 0,
        ...optional('availabilityZone', subnet.AvailabilityZone),
        cidrReservations: (
          ec2?.cidrReservationsBySubnet[subnet.SubnetId!] ?? []
        ).flatMap((r): InventoryCidrReservation[] =>
          r.Cidr &&
          IPV4_CIDR.test(r.Cidr) &&
          (r.ReservationType === 'prefix' || r.ReservationType === 'explicit')
            ? [{ cidr: r.Cidr, reservationType: r.ReservationType }]
            : [],
        ),
      })),
    otherNetworkInterfaces: (ec2?.networkInterfaces ?? []).map(eni =>
      toNetworkInterface(eni, eni.Attachment?.InstanceId),
    ),
    instanceTypes: (ec2?.instanceTypes ?? []).flatMap(toInstanceType),
  };
}

/** An ENI from DescribeInstances or DescribeNetworkInterfaces: same fields. */
function toNetworkInterface(
  eni: InstanceNetworkInterface | NetworkInterface,
  instanceId: string | undefined,
): InventoryNetworkInterface {
  const addresses = eni.PrivateIpAddresses ?? [];
  const primaryIp =
    addresses.find(a => a.Primary)?.PrivateIpAddress ?? eni.PrivateIpAddress;
  const attachment = eni.Attachment;
  return {
    networkInterfaceId: eni.NetworkInterfaceId ?? '',
    subnetId: eni.SubnetId ?? '',
    interfaceType: eni.InterfaceType ?? 'interface',
    ...optional('primaryIp', primaryIp),
    secondaryIps: addresses
      .filter(a => !a.Primary && a.PrivateIpAddress)
      .map(a => a.PrivateIpAddress!),
    ipv4Prefixes: (eni.Ipv4Prefixes ?? [])
      .map(p => p.Ipv4Prefix)
      .filter((p): p is string => !!p),
    ipv6Prefixes: (eni.Ipv6Prefixes ?? [])
      .map(p => p.Ipv6Prefix)
      .filter((p): p is string => !!p),
    ...(attachment
      ? {
          attachment: {
            ...optional('instanceId', instanceId),
            deviceIndex: attachment.DeviceIndex ?? 0,
            networkCardIndex: attachment.NetworkCardIndex ?? 0,
          },
        }
      : {}),
    ...optional('description', eni.Description),
  };
}

/**
 * The limits of the default network card: on multi-card types (p5, trn1…)
 * `NetworkInfo.MaximumNetworkInterfaces` counts every card, but the VPC CNI
 * and the max-pods calculator use the default card's.
 */
function toInstanceType(info: InstanceTypeInfo): InventoryInstanceType[] {
  const network = info.NetworkInfo;
  if (!info.InstanceType || !network) {
    return [];
  }
  const defaultCard = network.NetworkCards?.find(
    card => card.NetworkCardIndex === (network.DefaultNetworkCardIndex ?? 0),
  );
  return [
    {
      instanceType: info.InstanceType,
      maximumNetworkInterfaces:
        defaultCard?.MaximumNetworkInterfaces ??
        network.MaximumNetworkInterfaces ??
        0,
      ipv4AddressesPerInterface: network.Ipv4AddressesPerInterface ?? 0,
      defaultVCpus: info.VCpuInfo?.DefaultVCpus ?? 0,
      ...optional('hypervisor', info.Hypervisor),
    },
  ];
}

/** `{ key: value }` when the value is there, `{}` otherwise. */
function optional<K extends string, V>(
  key: K,
  value: V | undefined,
): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
