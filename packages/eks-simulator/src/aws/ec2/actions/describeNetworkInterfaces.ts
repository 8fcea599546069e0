import { SimNetworkInterface } from '../../../scenario/types';
import { el, itemSet } from '../../xml';
import { applyFilters, FilterTable } from '../filters';
import { notFound } from '../lookupByIds';
import { corruptFirst, malformedNetworkInterface } from '../malformedItems';
import { visibleByIds } from '../managedVisibility';
import { paginate } from '../pagination';
import { renderNetworkInterface } from '../render/networkInterface';
import { Ec2Request } from '../request';

const eniIps = (e: SimNetworkInterface) => [e.primaryIp, ...e.secondaryIps];

const ENI_FILTERS: FilterTable<SimNetworkInterface> = {
  'network-interface-id': e => [e.id],
  'subnet-id': e => [e.subnetId],
  'vpc-id': e => [e.vpcId],
  'availability-zone': e => [e.availabilityZone],
  'attachment.instance-id': e => [e.attachment?.instanceId],
  'attachment.instance-owner-id': e => [e.attachment ? e.accountId : undefined],
  'attachment.device-index': e => [e.attachment?.deviceIndex],
  'attachment.network-card-index': e => [e.attachment?.networkCardIndex],
  'attachment.attachment-id': e => [e.attachment?.attachmentId],
  'attachment.status': e => [e.attachment ? 'attached' : undefined],
  'interface-type': e => [e.interfaceType],
  status: e => [e.status],
  description: e => [e.description],
  'private-ip-address': eniIps,
  'addresses.private-ip-address': eniIps,
  'addresses.primary': e => [true, ...e.secondaryIps.map(() => false)],
  'mac-address': e => [e.macAddress],
  'owner-id': e => [e.accountId],
  'requester-id': e => [e.requesterId],
  'requester-managed': e => [Boolean(e.requesterId)],
  'source-dest-check': () => [true],
  'ipv4-prefix': e => e.ipv4Prefixes,
};

export function describeNetworkInterfaces(req: Ec2Request): string {
  const ids = req.params.list('NetworkInterfaceId');
  const chosen = visibleByIds(
    req,
    req.region?.networkInterfaces ?? [],
    ids,
    notFound('InvalidNetworkInterfaceID.NotFound', 'networkInterface'),
  );
  const filtered = applyFilters(chosen, req.params, ENI_FILTERS, e => e.tags);
  const { page, nextToken } = paginate(req, filtered, {
    min: 5,
    max: 1000,
    exclusiveIds: { present: ids.length > 0, name: 'networkInterfaceIdSet' },
  });
  const launchTimes = new Map(
    (req.region?.instances ?? []).map(i => [i.id, i.launchTime]),
  );
  const ctx = {
    managedHiddenByDefault: req.managedResourceVisibility === 'hidden',
  };
  return (
    itemSet(
      'networkInterfaceSet',
      corruptFirst(page, req.malformed, malformedNetworkInterface),
      e => renderNetworkInterface(e, launchTimes, ctx),
    ) + el('nextToken', nextToken)
  );
}
