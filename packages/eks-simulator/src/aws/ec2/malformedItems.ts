import {
  SimInstance,
  SimNetworkInterface,
  SimSubnet,
} from '../../scenario/types';

/*
 * The `malformed` fault: deterministic garbage in the first item of an otherwise valid
 * page, so a client's validation can be tested by name. Copies; the scenario stays intact.
 */

/** The subnet's CIDR becomes `10.0.0.0/33` (no such prefix length). */
export const MALFORMED_SUBNET_CIDR = '10.0.0.0/33';
/** Appended to the first ENI's secondary IPs (an octet out of range). */
export const MALFORMED_SECONDARY_IP = '10.0.0.999';
/** Appended to the first ENI's IPv4 prefixes. */
export const MALFORMED_PREFIX = 'not-a-cidr';
/** The ENI's primary private IP (both `privateIpAddress` and its primary entry in the set). */
export const MALFORMED_PRIMARY_IP = '999.1.1.1';

export function malformedSubnet(s: SimSubnet): SimSubnet {
  return { ...s, cidr: MALFORMED_SUBNET_CIDR };
}

export function malformedInstance(i: SimInstance): SimInstance {
  const [first, ...rest] = i.networkInterfaces;
  if (!first) return i;
  return {
    ...i,
    networkInterfaces: [
      {
        ...first,
        secondaryIps: [...first.secondaryIps, MALFORMED_SECONDARY_IP],
        ipv4Prefixes: [...first.ipv4Prefixes, MALFORMED_PREFIX],
      },
      ...rest,
    ],
  };
}

export function malformedNetworkInterface(
  e: SimNetworkInterface,
): SimNetworkInterface {
  return { ...e, primaryIp: MALFORMED_PRIMARY_IP };
}

/** The page with its first item replaced by `corrupt(item)` when the fault is on. */
export function corruptFirst<T>(
  page: T[],
  on: boolean | undefined,
  corrupt: (item: T) => T,
): T[] {
  if (!on || page.length === 0) return page;
  return [corrupt(page[0]), ...page.slice(1)];
}
