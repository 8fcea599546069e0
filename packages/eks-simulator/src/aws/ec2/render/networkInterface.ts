import { SimNetworkInterface } from '../../../scenario/types';
import { el, itemSet, raw, tagSet } from '../../xml';
import {
  groupSet,
  operator,
  prefixes,
  privateDnsName,
  privateIps,
  RenderContext,
} from './common';

/** An ENI as `DescribeNetworkInterfaces` answers it (`NetworkInterface`). */
export function renderNetworkInterface(
  eni: SimNetworkInterface,
  instanceTimes: Map<string, string>,
  ctx: RenderContext,
): string {
  const a = eni.attachment;
  return (
    el('networkInterfaceId', eni.id) +
    el('subnetId', eni.subnetId) +
    el('vpcId', eni.vpcId) +
    el('availabilityZone', eni.availabilityZone) +
    el('description', eni.description) +
    el('ownerId', eni.accountId) +
    el('requesterId', eni.requesterId) +
    el('requesterManaged', Boolean(eni.requesterId)) +
    el('status', eni.status) +
    el('macAddress', eni.macAddress) +
    el('privateIpAddress', eni.primaryIp) +
    el('privateDnsName', privateDnsName(eni.primaryIp, eni.region)) +
    el('sourceDestCheck', true) +
    groupSet(eni) +
    (a
      ? raw(
          'attachment',
          el('attachmentId', a.attachmentId) +
            el('instanceId', a.instanceId) +
            el('instanceOwnerId', eni.accountId) +
            el('deviceIndex', a.deviceIndex) +
            el('networkCardIndex', a.networkCardIndex) +
            el('status', 'attached') +
            el('attachTime', instanceTimes.get(a.instanceId)) +
            el('deleteOnTermination', a.deviceIndex === 0),
        )
      : '') +
    tagSet(eni.tags) +
    privateIps(eni) +
    prefixes(eni) +
    itemSet('ipv6AddressesSet', [], () => '') +
    el('interfaceType', eni.interfaceType) +
    operator(eni.managedBy, ctx.managedHiddenByDefault)
  );
}
