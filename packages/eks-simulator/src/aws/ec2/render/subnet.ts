import { SimSubnet } from '../../../scenario/types';
import { el, itemSet, tagSet } from '../../xml';

export function subnetArn(s: SimSubnet): string {
  return `arn:aws:ec2:${s.region}:${s.accountId}:subnet/${s.id}`;
}

export function renderSubnet(s: SimSubnet): string {
  return (
    el('subnetId', s.id) +
    el('subnetArn', subnetArn(s)) +
    el('state', 'available') +
    el('vpcId', s.vpcId) +
    el('cidrBlock', s.cidr) +
    itemSet('ipv6CidrBlockAssociationSet', [], () => '') +
    el('availableIpAddressCount', s.availableIpAddressCount) +
    el('availabilityZone', s.availabilityZone) +
    el('availabilityZoneId', s.availabilityZoneId) +
    el('defaultForAz', false) +
    el('mapPublicIpOnLaunch', false) +
    el('assignIpv6AddressOnCreation', false) +
    el('ownerId', s.accountId) +
    (Object.keys(s.tags).length ? tagSet(s.tags) : '')
  );
}
