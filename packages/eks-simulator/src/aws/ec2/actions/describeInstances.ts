import { SimInstance, SimNetworkInterface } from '../../../scenario/types';
import { AwsError } from '../../errors';
import { el, itemSet } from '../../xml';
import { applyFilters, FilterTable } from '../filters';
import { notFound } from '../lookupByIds';
import { corruptFirst, malformedInstance } from '../malformedItems';
import { visibleByIds } from '../managedVisibility';
import { paginate } from '../pagination';
import { privateDnsName, STATE_CODES } from '../render/common';
import { renderReservation } from '../render/instance';
import { Ec2Request } from '../request';

const eniIps = (e: SimNetworkInterface) => [e.primaryIp, ...e.secondaryIps];

const INSTANCE_FILTERS: FilterTable<SimInstance> = {
  'instance-id': i => [i.id],
  'instance-type': i => [i.instanceType],
  'instance-state-name': i => [i.state],
  'instance-state-code': i => [STATE_CODES[i.state]],
  'availability-zone': i => [i.availabilityZone],
  'subnet-id': i => [i.subnetId],
  'vpc-id': i => [i.vpcId],
  'private-ip-address': i => [i.privateIp],
  'private-dns-name': i => [privateDnsName(i.privateIp, i.region)],
  'reservation-id': i => [i.reservationId],
  'owner-id': i => [i.accountId],
  'network-interface.network-interface-id': i =>
    i.networkInterfaces.map(e => e.id),
  'network-interface.subnet-id': i => i.networkInterfaces.map(e => e.subnetId),
  'network-interface.vpc-id': i => i.networkInterfaces.map(e => e.vpcId),
  'network-interface.addresses.private-ip-address': i =>
    i.networkInterfaces.flatMap(eniIps),
  'network-interface.attachment.device-index': i =>
    i.networkInterfaces.map(e => e.attachment!.deviceIndex),
};

function checkInstanceIds(ids: string[]) {
  for (const id of ids) {
    if (!/^i-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id)) {
      throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
    }
  }
}

export function describeInstances(req: Ec2Request): string {
  const ids = req.params.list('InstanceId');
  checkInstanceIds(ids);
  const chosen = visibleByIds(
    req,
    req.region?.instances ?? [],
    ids,
    notFound('InvalidInstanceID.NotFound', 'instance'),
  );
  const filtered = applyFilters(
    chosen,
    req.params,
    INSTANCE_FILTERS,
    i => i.tags,
  );
  const { page, nextToken } = paginate(req, filtered, {
    min: 5,
    max: 1000,
    exclusiveIds: { present: ids.length > 0, name: 'instancesSet' },
  });
  const ctx = {
    managedHiddenByDefault: req.managedResourceVisibility === 'hidden',
  };
  return (
    itemSet(
      'reservationSet',
      corruptFirst(page, req.malformed, malformedInstance),
      i => renderReservation(i, ctx),
    ) + el('nextToken', nextToken)
  );
}
