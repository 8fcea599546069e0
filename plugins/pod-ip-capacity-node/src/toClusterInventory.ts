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
  InventoryUnknown,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { isIPv4 } from 'node:net';
import { Ec2Inventory } from './aws/collectEc2Inventory';
import { KubernetesInventory } from './kubernetes/toKubernetesInventory';
import { UnreadableItems } from './unreadableItems';

/**
 * Normalises what the collectors brought back into the engine's input, once:
 * EC2's and Kubernetes' shapes stop here. Items that cannot be read are left
 * out and reported through `unreadable`; parts EC2 could not be asked for are
 * marked `unknown`, never passed on as empty.
 *
 * @public
 */
export function toClusterInventory(
  cluster: string,
  kubernetes: KubernetesInventory,
  ec2: Ec2Inventory | undefined,
  unreadable: UnreadableItems,
): ClusterInventory {
  const unknown: InventoryUnknown[] = [];
  if (ec2 && !ec2.networkInterfaces) unknown.push('otherNetworkInterfaces');
  if (ec2 && !ec2.cidrReservationsBySubnet) unknown.push('cidrReservations');
  return {
    cluster,
    nodes: kubernetes.nodes,
    pods: kubernetes.pods,
    instances: (ec2?.instances ?? []).flatMap(instance => {
      if (!instance?.InstanceId || !instance.InstanceType) {
        unreadable.add('instance', instance?.InstanceId ?? '');
        return [];
      }
      return [
        {
          instanceId: instance.InstanceId,
          instanceType: instance.InstanceType,
          ...optional('availabilityZone', instance.Placement?.AvailabilityZone),
          networkInterfaces: (instance.NetworkInterfaces ?? []).flatMap(eni =>
            eni
              ? [toNetworkInterface(eni, instance.InstanceId, unreadable)]
              : [],
          ),
        },
      ];
    }),
    subnets: (ec2?.subnets ?? []).flatMap(subnet => {
      if (!subnet?.SubnetId || !isIpv4Cidr(subnet.CidrBlock)) {
        unreadable.add('subnet', subnet?.SubnetId ?? '');
        return [];
      }
      const reservations =
        ec2?.cidrReservationsBySubnet?.[subnet.SubnetId] ?? [];
      return [
        {
          subnetId: subnet.SubnetId,
          cidr: subnet.CidrBlock!,
          availableIpAddressCount: subnet.AvailableIpAddressCount ?? 0,
          ...optional('availabilityZone', subnet.AvailabilityZone),
          cidrReservations: reservations.flatMap(
            (r): InventoryCidrReservation[] =>
              isIpv4Cidr(r?.Cidr) &&
              (r.ReservationType === 'prefix' ||
                r.ReservationType === 'explicit')
                ? [{ cidr: r.Cidr!, reservationType: r.ReservationType }]
                : [],
          ),
        },
      ];
    }),
    otherNetworkInterfaces: (ec2?.networkInterfaces ?? []).flatMap(eni =>
      eni
        ? [toNetworkInterface(eni, eni.Attachment?.InstanceId, unreadable)]
        : [],
    ),
    instanceTypes: (ec2?.instanceTypes ?? []).flatMap(toInstanceType),
    ...(unknown.length > 0 ? { unknown } : {}),
  };
}

/** A well-formed IPv4 CIDR: four octets of 0–255, a length of 0–32. */
function isIpv4Cidr(value: string | undefined): boolean {
  const [address, length, ...rest] = (value ?? '').split('/');
  return (
    rest.length === 0 &&
    isIPv4(address) &&
    /^\d{1,2}$/.test(length ?? '') &&
    Number(length) <= 32
  );
}

/**
 * An ENI from DescribeInstances or DescribeNetworkInterfaces (same fields).
 * Addresses and prefixes that are not IPv4 are left out and reported.
 */
function toNetworkInterface(
  eni: InstanceNetworkInterface | NetworkInterface,
  instanceId: string | undefined,
  unreadable: UnreadableItems,
): InventoryNetworkInterface {
  let bad = false;
  const ipv4 = (value: string | undefined) => {
    if (value === undefined) return undefined;
    if (isIPv4(value)) return value;
    bad = true;
    return undefined;
  };
  const addresses = eni.PrivateIpAddresses ?? [];
  const primaryIp = ipv4(
    addresses.find(a => a?.Primary)?.PrivateIpAddress ?? eni.PrivateIpAddress,
  );
  const secondaryIps = addresses
    .filter(a => a && !a.Primary && a.PrivateIpAddress)
    .flatMap(a => {
      const ip = ipv4(a.PrivateIpAddress);
      return ip ? [ip] : [];
    });
  const ipv4Prefixes = (eni.Ipv4Prefixes ?? []).flatMap(p => {
    if (!p?.Ipv4Prefix) return [];
    if (isIpv4Cidr(p.Ipv4Prefix)) return [p.Ipv4Prefix];
    bad = true;
    return [];
  });
  if (bad) unreadable.add('address', eni.NetworkInterfaceId ?? '');
  const attachment = eni.Attachment;
  return {
    networkInterfaceId: eni.NetworkInterfaceId ?? '',
    subnetId: eni.SubnetId ?? '',
    interfaceType: eni.InterfaceType ?? 'interface',
    ...optional('primaryIp', primaryIp),
    secondaryIps,
    ipv4Prefixes,
    ipv6Prefixes: (eni.Ipv6Prefixes ?? [])
      .map(p => p?.Ipv6Prefix)
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
