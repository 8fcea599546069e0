import { stableHex } from '../../../scenario/ids';
import { SimVpc } from '../../../scenario/types';
import { el, itemSet, raw, tagSet } from '../../xml';

export function renderVpc(v: SimVpc): string {
  return (
    el('vpcId', v.id) +
    el('ownerId', v.accountId) +
    el('state', 'available') +
    el('cidrBlock', v.cidrBlocks[0]) +
    itemSet(
      'cidrBlockAssociationSet',
      v.cidrBlocks,
      c =>
        el('cidrBlock', c) +
        el('associationId', `vpc-cidr-assoc-${stableHex(`${v.id}/${c}`, 17)}`) +
        raw('cidrBlockState', el('state', 'associated')),
    ) +
    el('dhcpOptionsId', `dopt-${stableHex(v.id, 17)}`) +
    el('instanceTenancy', 'default') +
    el('isDefault', v.isDefault) +
    (Object.keys(v.tags).length ? tagSet(v.tags) : '')
  );
}
