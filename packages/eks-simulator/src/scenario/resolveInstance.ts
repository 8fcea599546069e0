import { stableHex } from './ids';
import { RegionContext } from './regionContext';
import { resolveNetworkInterface } from './resolveNetworkInterface';
import {
  InstanceSpec,
  InstanceTypeSpec,
  SimInstance,
  SimNetworkInterface,
} from './types';

/** Objects are stamped with this creation time so scenarios stay byte-for-byte reproducible. */
export const CREATED_AT = '2026-01-05T08:00:00Z';

/** What the instance type allows: ENIs in total and per card, IPv4 slots, prefixes on Nitro. */
function checkEniLimits(
  instanceId: string,
  type: Required<InstanceTypeSpec>,
  enis: SimNetworkInterface[],
  problems: string[],
) {
  if (enis.length > type.maxNetworkInterfaces) {
    problems.push(
      `${instanceId}: ${enis.length} ENIs but ${type.name} allows ${type.maxNetworkInterfaces}`,
    );
  }
  for (const card of type.networkCards) {
    const onCard = enis.filter(
      e => e.attachment!.networkCardIndex === card.index,
    ).length;
    if (onCard > card.maxNetworkInterfaces) {
      problems.push(
        `${instanceId}: ${onCard} ENIs on network card ${card.index}, ${type.name} allows ${card.maxNetworkInterfaces}`,
      );
    }
  }
  for (const e of enis) {
    const slots = 1 + e.secondaryIps.length + e.ipv4Prefixes.length;
    if (slots > type.ipv4AddressesPerInterface) {
      problems.push(
        `${e.id}: uses ${slots} IPv4 slots (primary + secondary IPs + prefixes) but ${type.name} has ${type.ipv4AddressesPerInterface} per interface`,
      );
    }
    if (e.ipv4Prefixes.length > 0 && type.hypervisor !== 'nitro') {
      problems.push(
        `${e.id}: prefixes need a Nitro instance type, ${type.name} is ${type.hypervisor}`,
      );
    }
  }
}

/** One ENI per network card / device index slot. */
function checkAttachmentSlots(
  instanceId: string,
  enis: SimNetworkInterface[],
  problems: string[],
) {
  const seenSlots = new Set<string>();
  for (const e of enis) {
    const slot = `${e.attachment!.networkCardIndex}/${
      e.attachment!.deviceIndex
    }`;
    if (seenSlots.has(slot)) {
      problems.push(
        `${instanceId}: two ENIs at network card/device index ${slot}`,
      );
    }
    seenSlots.add(slot);
  }
}

/**
 * An instance with its attached ENIs; placement (zone, subnet, VPC, private IP) comes from
 * the primary ENI (device index 0 on network card 0). Added to the region.
 */
export function resolveInstance(
  ctx: RegionContext,
  inst: InstanceSpec,
  instanceTypes: Map<string, Required<InstanceTypeSpec>>,
  instancesById: Map<string, SimInstance>,
): void {
  const { problems } = ctx;
  const type = instanceTypes.get(inst.instanceType);
  if (!type) {
    problems.push(
      `${inst.id}: unknown instance type ${inst.instanceType} (add it to instanceTypes)`,
    );
  }
  if (instancesById.has(inst.id)) {
    problems.push(`instance id ${inst.id} is used twice`);
  }
  const enis = (inst.networkInterfaces ?? [])
    .map((spec, i) => resolveNetworkInterface(ctx, spec, inst.id, i))
    .filter((e): e is SimNetworkInterface => Boolean(e));
  const primary = enis.find(
    e =>
      e.attachment!.deviceIndex === 0 && e.attachment!.networkCardIndex === 0,
  );
  if (!primary) {
    problems.push(`${inst.id}: no ENI with device index 0 on network card 0`);
    return;
  }
  if (enis.some(e => e.availabilityZone !== primary.availabilityZone)) {
    problems.push(
      `${inst.id}: all ENIs of an instance must be in its availability zone`,
    );
  }
  if (type) checkEniLimits(inst.id, type, enis, problems);
  checkAttachmentSlots(inst.id, enis, problems);
  const instance: SimInstance = {
    id: inst.id,
    accountId: ctx.accountId,
    region: ctx.region.region,
    instanceType: inst.instanceType,
    state: inst.state ?? 'running',
    launchTime: inst.launchTime ?? CREATED_AT,
    availabilityZone: primary.availabilityZone,
    subnetId: primary.subnetId,
    vpcId: primary.vpcId,
    privateIp: primary.primaryIp,
    tags: inst.tags ?? {},
    reservationId: `r-${stableHex(inst.id, 17)}`,
    networkInterfaces: enis.sort(
      (a, b) =>
        a.attachment!.networkCardIndex - b.attachment!.networkCardIndex ||
        a.attachment!.deviceIndex - b.attachment!.deviceIndex,
    ),
  };
  ctx.region.instances.push(instance);
  instancesById.set(inst.id, instance);
}
