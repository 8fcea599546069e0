import { stableHex } from '../../../scenario/ids';
import { SimNetworkInterface } from '../../../scenario/types';
import { el, itemSet, raw } from '../../xml';

// Element names as EC2 2016-11-15 spells them, shared by instances and network interfaces.

export const STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export function privateDnsName(ip: string, region: string): string {
  return `ip-${ip.replace(/\./g, '-')}.${
    region === 'us-east-1' ? 'ec2' : `${region}.compute`
  }.internal`;
}

/** The VPC's default security group (the simulator models no other). */
export function groupSet(eni: { vpcId: string; accountId: string }): string {
  return itemSet(
    'groupSet',
    [eni.vpcId],
    vpcId =>
      el('groupId', `sg-${stableHex(`${vpcId}/default`, 17)}`) +
      el('groupName', 'default'),
  );
}

export function privateIps(eni: SimNetworkInterface): string {
  return itemSet(
    'privateIpAddressesSet',
    [eni.primaryIp, ...eni.secondaryIps],
    ip =>
      el('privateIpAddress', ip) +
      el('privateDnsName', privateDnsName(ip, eni.region)) +
      el('primary', ip === eni.primaryIp),
  );
}

/** `ipv4PrefixSet` / `ipv6PrefixSet`, omitted when empty as EC2 does. */
export function prefixes(eni: SimNetworkInterface): string {
  return (
    (eni.ipv4Prefixes.length
      ? itemSet('ipv4PrefixSet', eni.ipv4Prefixes, p => el('ipv4Prefix', p))
      : '') +
    (eni.ipv6Prefixes.length
      ? itemSet('ipv6PrefixSet', eni.ipv6Prefixes, p => el('ipv6Prefix', p))
      : '')
  );
}

/**
 * EC2's `operator` of a resource an AWS service manages (EKS Auto Mode instances and their
 * ENIs): `Operator.{Managed, Principal, HiddenByDefault}` in the SDK. Omitted otherwise.
 */
export function operator(
  managedBy: string | undefined,
  hiddenByDefault: boolean,
): string {
  if (!managedBy) return '';
  return raw(
    'operator',
    el('managed', true) +
      el('principal', managedBy) +
      el('hiddenByDefault', hiddenByDefault),
  );
}

/** What renderers need to know about the request beyond the item itself. */
export interface RenderContext {
  /** The account hides managed resources by default (`Operator.HiddenByDefault`). */
  managedHiddenByDefault: boolean;
}
