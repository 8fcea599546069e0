import { SimSubnet } from '../../../scenario/types';
import { el, itemSet } from '../../xml';
import { applyFilters, FilterTable } from '../filters';
import { byIds, notFound } from '../lookupByIds';
import { corruptFirst, malformedSubnet } from '../malformedItems';
import { paginate } from '../pagination';
import { renderSubnet, subnetArn } from '../render/subnet';
import { Ec2Request } from '../request';

const SUBNET_FILTERS: FilterTable<SimSubnet> = {
  'subnet-id': s => [s.id],
  'vpc-id': s => [s.vpcId],
  'cidr-block': s => [s.cidr],
  cidr: s => [s.cidr],
  cidrBlock: s => [s.cidr],
  'availability-zone': s => [s.availabilityZone],
  availabilityZone: s => [s.availabilityZone],
  'availability-zone-id': s => [s.availabilityZoneId],
  'available-ip-address-count': s => [s.availableIpAddressCount],
  'default-for-az': () => [false],
  state: () => ['available'],
  'owner-id': s => [s.accountId],
  'subnet-arn': s => [subnetArn(s)],
};

export function describeSubnets(req: Ec2Request): string {
  const chosen = byIds(
    req.region?.subnets ?? [],
    req.params.list('SubnetId'),
    notFound('InvalidSubnetID.NotFound', 'subnet'),
  );
  const filtered = applyFilters(
    chosen,
    req.params,
    SUBNET_FILTERS,
    s => s.tags,
  );
  const { page, nextToken } = paginate(req, filtered, { min: 5, max: 1000 });
  return (
    itemSet(
      'subnetSet',
      corruptFirst(page, req.malformed, malformedSubnet),
      renderSubnet,
    ) + el('nextToken', nextToken)
  );
}
