import { SimVpc } from '../../../scenario/types';
import { el, itemSet } from '../../xml';
import { applyFilters, FilterTable } from '../filters';
import { byIds, notFound } from '../lookupByIds';
import { paginate } from '../pagination';
import { renderVpc } from '../render/vpc';
import { Ec2Request } from '../request';

const VPC_FILTERS: FilterTable<SimVpc> = {
  'vpc-id': v => [v.id],
  cidr: v => [v.cidrBlocks[0]],
  'cidr-block-association.cidr-block': v => v.cidrBlocks,
  'cidr-block-association.state': () => ['associated'],
  'is-default': v => [v.isDefault],
  state: () => ['available'],
  'owner-id': v => [v.accountId],
};

export function describeVpcs(req: Ec2Request): string {
  const chosen = byIds(
    req.region?.vpcs ?? [],
    req.params.list('VpcId'),
    notFound('InvalidVpcID.NotFound', 'vpc'),
  );
  const filtered = applyFilters(chosen, req.params, VPC_FILTERS, v => v.tags);
  const { page, nextToken } = paginate(req, filtered, { min: 5, max: 1000 });
  return itemSet('vpcSet', page, renderVpc) + el('nextToken', nextToken);
}
