import { ec2Errors } from '../../errors';
import { el, itemSet } from '../../xml';
import { applyFilters } from '../filters';
import { notFound } from '../lookupByIds';
import { paginate } from '../pagination';
import { renderCidrReservation } from '../render/cidrReservation';
import { Ec2Request } from '../request';

export function getSubnetCidrReservations(req: Ec2Request): string {
  const subnetId = req.params.get('SubnetId');
  if (!subnetId) throw ec2Errors.missingParameter('SubnetId');
  const subnet = req.region?.subnets.find(s => s.id === subnetId);
  if (!subnet) throw notFound('InvalidSubnetID.NotFound', 'subnet')([subnetId]);
  const filtered = applyFilters(subnet.cidrReservations, req.params, {
    reservationType: r => [r.type],
    'subnet-id': r => [r.subnetId],
    'owner-id': r => [r.ownerId],
  });
  const { page, nextToken } = paginate(req, filtered, { min: 5, max: 1000 });
  return (
    itemSet('subnetIpv4CidrReservationSet', page, renderCidrReservation) +
    itemSet('subnetIpv6CidrReservationSet', [], () => '') +
    el('nextToken', nextToken)
  );
}
