import { stableHex, stableMac } from './ids';
import {
  cidrContainsCidr,
  cidrContainsIp,
  isAwsReserved,
  parseCidr,
  parseIpv4,
} from './ipv4';
import { RegionContext } from './regionContext';
import { SubnetIndex } from './subnetIndex';
import { NetworkInterfaceSpec, SimNetworkInterface } from './types';

/** One private IP of an ENI: inside its subnet, not AWS-reserved, held by nobody else. */
function claimIp(
  ctx: RegionContext,
  entry: SubnetIndex,
  eniId: string,
  text: string,
) {
  let ip: number;
  try {
    ip = parseIpv4(text);
  } catch (e) {
    ctx.problems.push(`${eniId}: ${(e as Error).message}`);
    return;
  }
  if (!cidrContainsIp(entry.cidr, ip)) {
    ctx.problems.push(
      `${eniId}: ${text} lies outside its subnet ${entry.cidr.text}`,
    );
  } else if (isAwsReserved(entry.cidr, ip)) {
    ctx.problems.push(
      `${eniId}: ${text} is an address AWS reserves in ${entry.cidr.text}`,
    );
  }
  const holder = entry.usedIps.get(ip) ?? entry.prefixes.get(ip - (ip % 16));
  if (holder) {
    ctx.problems.push(`${eniId}: ${text} is already held by ${holder}`);
  }
  entry.usedIps.set(ip, eniId);
}

/** One /28 prefix of an ENI: aligned, inside its subnet, overlapping no other address. */
function claimPrefix(
  ctx: RegionContext,
  entry: SubnetIndex,
  eni: SimNetworkInterface,
  text: string,
) {
  try {
    const prefix = parseCidr(text);
    if (prefix.prefixLength !== 28) {
      ctx.problems.push(`${eni.id}: IPv4 prefix ${text} must be a /28`);
    }
    if (!cidrContainsCidr(entry.cidr, prefix)) {
      ctx.problems.push(
        `${eni.id}: prefix ${text} lies outside its subnet ${entry.cidr.text}`,
      );
    } else if (
      isAwsReserved(entry.cidr, prefix.base) ||
      isAwsReserved(entry.cidr, prefix.base + prefix.size - 1)
    ) {
      ctx.problems.push(
        `${eni.id}: prefix ${text} contains an address AWS reserves`,
      );
    }
    const holder =
      entry.prefixes.get(prefix.base) ??
      Array.from({ length: 16 }, (_, i) =>
        entry.usedIps.get(prefix.base + i),
      ).find(Boolean);
    if (holder) {
      ctx.problems.push(
        `${eni.id}: prefix ${text} overlaps addresses of ${holder}`,
      );
    }
    entry.prefixes.set(prefix.base, eni.id);
    eni.ipv4Prefixes.push(prefix.text);
  } catch (e) {
    ctx.problems.push(`${eni.id}: ${(e as Error).message}`);
  }
}

function buildNetworkInterface(
  ctx: RegionContext,
  spec: NetworkInterfaceSpec,
  entry: SubnetIndex,
  instanceId: string | undefined,
  position: number,
): SimNetworkInterface {
  return {
    id: spec.id,
    accountId: ctx.accountId,
    region: ctx.region.region,
    subnetId: spec.subnetId,
    vpcId: entry.subnet.vpcId,
    availabilityZone: entry.subnet.availabilityZone,
    primaryIp: spec.primaryIp,
    secondaryIps: spec.secondaryIps ?? [],
    // Filled by claimPrefix, in normalised form.
    ipv4Prefixes: [],
    ipv6Prefixes: spec.ipv6Prefixes ?? [],
    interfaceType: spec.interfaceType ?? 'interface',
    description: spec.description ?? '',
    tags: spec.tags ?? {},
    status:
      spec.status ?? (instanceId || spec.requesterId ? 'in-use' : 'available'),
    macAddress: spec.macAddress ?? stableMac(spec.id),
    requesterId: spec.requesterId,
    attachment: instanceId
      ? {
          attachmentId: `eni-attach-${stableHex(spec.id, 17)}`,
          instanceId,
          deviceIndex: spec.deviceIndex ?? position,
          networkCardIndex: spec.networkCardIndex ?? 0,
        }
      : undefined,
  };
}

/**
 * An ENI in its subnet, attached to `instanceId` at `position` (its list position) or
 * detached; claims its addresses so that no other ENI may hold them. Added to the region.
 */
export function resolveNetworkInterface(
  ctx: RegionContext,
  spec: NetworkInterfaceSpec,
  instanceId?: string,
  position = 0,
): SimNetworkInterface | undefined {
  const entry = ctx.subnetIndex.get(spec.subnetId);
  if (
    !entry ||
    entry.subnet.accountId !== ctx.accountId ||
    entry.subnet.region !== ctx.region.region
  ) {
    ctx.problems.push(
      `${spec.id}: subnet ${spec.subnetId} does not exist in ${ctx.where}`,
    );
    return undefined;
  }
  const eni = buildNetworkInterface(ctx, spec, entry, instanceId, position);
  claimIp(ctx, entry, spec.id, eni.primaryIp);
  eni.secondaryIps.forEach(ip => claimIp(ctx, entry, spec.id, ip));
  for (const p of spec.ipv4Prefixes ?? []) claimPrefix(ctx, entry, eni, p);
  ctx.region.networkInterfaces.push(eni);
  return eni;
}
