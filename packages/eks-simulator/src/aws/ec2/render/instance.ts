import { stableHex } from '../../../scenario/ids';
import { SimInstance, SimNetworkInterface } from '../../../scenario/types';
import { el, itemSet, raw, tagSet } from '../../xml';
import {
  groupSet,
  operator,
  prefixes,
  privateDnsName,
  privateIps,
  RenderContext,
  STATE_CODES,
} from './common';

/** An ENI as `DescribeInstances` nests it (`InstanceNetworkInterface`). */
function renderInstanceEni(
  eni: SimNetworkInterface,
  launchTime: string,
  ctx: RenderContext,
): string {
  const a = eni.attachment!;
  return (
    el('networkInterfaceId', eni.id) +
    el('subnetId', eni.subnetId) +
    el('vpcId', eni.vpcId) +
    el('description', eni.description) +
    el('ownerId', eni.accountId) +
    el('status', eni.status) +
    el('macAddress', eni.macAddress) +
    el('privateIpAddress', eni.primaryIp) +
    el('privateDnsName', privateDnsName(eni.primaryIp, eni.region)) +
    el('sourceDestCheck', true) +
    groupSet(eni) +
    raw(
      'attachment',
      el('attachmentId', a.attachmentId) +
        el('deviceIndex', a.deviceIndex) +
        el('status', 'attached') +
        el('attachTime', launchTime) +
        el('deleteOnTermination', a.deviceIndex === 0) +
        el('networkCardIndex', a.networkCardIndex),
    ) +
    privateIps(eni) +
    prefixes(eni) +
    el('interfaceType', eni.interfaceType) +
    operator(eni.managedBy, ctx.managedHiddenByDefault)
  );
}

export function renderInstance(i: SimInstance, ctx: RenderContext): string {
  return (
    el('instanceId', i.id) +
    el('imageId', `ami-${stableHex(i.instanceType, 17)}`) +
    raw(
      'instanceState',
      el('code', STATE_CODES[i.state] ?? 16) + el('name', i.state),
    ) +
    el('privateDnsName', privateDnsName(i.privateIp, i.region)) +
    el('dnsName', '') +
    el('amiLaunchIndex', 0) +
    el('instanceType', i.instanceType) +
    el('launchTime', i.launchTime) +
    raw(
      'placement',
      el('availabilityZone', i.availabilityZone) +
        el('groupName', '') +
        el('tenancy', 'default'),
    ) +
    raw('monitoring', el('state', 'disabled')) +
    el('subnetId', i.subnetId) +
    el('vpcId', i.vpcId) +
    el('privateIpAddress', i.privateIp) +
    el('sourceDestCheck', true) +
    groupSet(i) +
    el('architecture', 'x86_64') +
    el('rootDeviceType', 'ebs') +
    el('rootDeviceName', '/dev/xvda') +
    el('virtualizationType', 'hvm') +
    (Object.keys(i.tags).length ? tagSet(i.tags) : '') +
    el('hypervisor', 'xen') +
    itemSet('networkInterfaceSet', i.networkInterfaces, e =>
      renderInstanceEni(e, i.launchTime, ctx),
    ) +
    el('ebsOptimized', true) +
    el('enaSupport', true) +
    operator(i.managedBy, ctx.managedHiddenByDefault)
  );
}

/** EC2 wraps every instance in a reservation; the simulator launches each one alone. */
export function renderReservation(i: SimInstance, ctx: RenderContext): string {
  return (
    el('reservationId', i.reservationId) +
    el('ownerId', i.accountId) +
    itemSet('groupSet', [], () => '') +
    itemSet('instancesSet', [i], inst => renderInstance(inst, ctx))
  );
}
