import { defaultAzId } from './azIds';
import { stableHex } from './ids';
import { cidrContainsCidr, cidrsOverlap, Ipv4Cidr, parseCidr } from './ipv4';
import { RegionContext } from './regionContext';
import { SimSubnet, SimVpc, SubnetSpec, VpcSpec } from './types';

function parseVpcCidrs(ctx: RegionContext, vpcSpec: VpcSpec): Ipv4Cidr[] {
  const cidrs: Ipv4Cidr[] = [];
  for (const c of vpcSpec.cidrBlocks ?? []) {
    try {
      cidrs.push(parseCidr(c));
    } catch (e) {
      ctx.problems.push(`${vpcSpec.id}: ${(e as Error).message}`);
    }
  }
  if (cidrs.length === 0) {
    ctx.problems.push(`${ctx.where}: VPC ${vpcSpec.id} has no CIDR block`);
  }
  return cidrs;
}

/** EC2's subnet rules: /16–/28, inside one of the VPC's CIDRs, no overlap, unique id. */
function checkSubnet(
  ctx: RegionContext,
  s: SubnetSpec,
  cidr: Ipv4Cidr,
  vpc: SimVpc,
  vpcCidrs: Ipv4Cidr[],
  siblings: Ipv4Cidr[],
) {
  if (cidr.prefixLength < 16 || cidr.prefixLength > 28) {
    ctx.problems.push(
      `${s.id}: EC2 subnets are /16 to /28, not /${cidr.prefixLength}`,
    );
  }
  if (!vpcCidrs.some(v => cidrContainsCidr(v, cidr))) {
    ctx.problems.push(
      `${s.id}: ${cidr.text} lies in none of the CIDR blocks of ${vpc.id}`,
    );
  }
  if (siblings.some(o => cidrsOverlap(o, cidr))) {
    ctx.problems.push(
      `${s.id}: ${cidr.text} overlaps another subnet of ${vpc.id}`,
    );
  }
  if (ctx.subnetIndex.has(s.id)) {
    ctx.problems.push(`subnet id ${s.id} is used twice`);
  }
}

function resolveReservations(
  ctx: RegionContext,
  s: SubnetSpec,
  cidr: Ipv4Cidr,
  subnet: SimSubnet,
) {
  for (const r of s.cidrReservations ?? []) {
    try {
      const rc = parseCidr(r.cidr);
      if (!cidrContainsCidr(cidr, rc)) {
        ctx.problems.push(
          `${s.id}: reservation ${r.cidr} lies outside ${cidr.text}`,
        );
      }
      if (r.type !== 'prefix' && r.type !== 'explicit') {
        ctx.problems.push(
          `${s.id}: reservation type must be prefix or explicit, not '${r.type}'`,
        );
      }
      subnet.cidrReservations.push({
        id: r.id ?? `scr-${stableHex(`${s.id}/${rc.text}`, 17)}`,
        subnetId: s.id,
        cidr: rc.text,
        type: r.type,
        description: r.description,
        ownerId: ctx.accountId,
      });
    } catch (e) {
      ctx.problems.push(`${s.id}: ${(e as Error).message}`);
    }
  }
}

function resolveSubnet(
  ctx: RegionContext,
  s: SubnetSpec,
  vpc: SimVpc,
  vpcCidrs: Ipv4Cidr[],
  siblings: Ipv4Cidr[],
) {
  let cidr: Ipv4Cidr;
  try {
    cidr = parseCidr(s.cidr);
  } catch (e) {
    ctx.problems.push(`${s.id}: ${(e as Error).message}`);
    return;
  }
  checkSubnet(ctx, s, cidr, vpc, vpcCidrs, siblings);
  siblings.push(cidr);
  const subnet: SimSubnet = {
    id: s.id,
    vpcId: vpc.id,
    accountId: ctx.accountId,
    region: ctx.region.region,
    cidr: cidr.text,
    availabilityZone: s.availabilityZone,
    availabilityZoneId: s.availabilityZoneId ?? defaultAzId(s.availabilityZone),
    tags: s.tags ?? {},
    // Derived once every ENI has claimed its addresses.
    availableIpAddressCount: 0,
    cidrReservations: [],
  };
  resolveReservations(ctx, s, cidr, subnet);
  ctx.region.subnets.push(subnet);
  ctx.subnetIndex.set(s.id, {
    subnet,
    cidr,
    usedIps: new Map(),
    prefixes: new Map(),
  });
}

/** The region's VPCs and their subnets and CIDR reservations, checked against EC2's rules. */
export function resolveVpcs(ctx: RegionContext, vpcSpecs: VpcSpec[]): void {
  for (const vpcSpec of vpcSpecs) {
    const vpcCidrs = parseVpcCidrs(ctx, vpcSpec);
    const vpc: SimVpc = {
      id: vpcSpec.id,
      accountId: ctx.accountId,
      region: ctx.region.region,
      cidrBlocks: vpcCidrs.map(c => c.text),
      isDefault: vpcSpec.isDefault ?? false,
      tags: vpcSpec.tags ?? {},
    };
    ctx.region.vpcs.push(vpc);
    const siblings: Ipv4Cidr[] = [];
    for (const s of vpcSpec.subnets ?? []) {
      resolveSubnet(ctx, s, vpc, vpcCidrs, siblings);
    }
  }
}
