import { ClusterInventory, IpFamily } from '../types';
import { isIpv4 } from '../ip/ipv4';
import { isPodTerminated } from '../pods/podHoldsVpcIpv4';

/**
 * The cluster's IP family when the inventory does not say: the family most
 * pod IPs have (IPv6 clusters give pods only IPv6 addresses); with no pod
 * IPs, IPv6 when the nodes' ENIs carry /80 prefixes and no IPv4 pod
 * addresses.
 *
 * @public
 */
export function inferIpFamily(inventory: ClusterInventory): IpFamily {
  if (inventory.ipFamily) return inventory.ipFamily;
  let v4 = 0;
  let v6 = 0;
  for (const pod of inventory.pods) {
    if (pod.hostNetwork || isPodTerminated(pod) || pod.podIps.length === 0)
      continue;
    if (pod.podIps.some(isIpv4)) v4++;
    else v6++;
  }
  if (v4 + v6 > 0) return v6 > v4 ? 'ipv6' : 'ipv4';
  let ipv6Prefixes = 0;
  let ipv4PodAddresses = 0;
  for (const instance of inventory.instances) {
    for (const eni of instance.networkInterfaces) {
      ipv6Prefixes += eni.ipv6Prefixes.length;
      ipv4PodAddresses += eni.ipv4Prefixes.length + eni.secondaryIps.length;
    }
  }
  return ipv6Prefixes > 0 && ipv4PodAddresses === 0 ? 'ipv6' : 'ipv4';
}
