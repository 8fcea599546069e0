import { stableHex, stableUuid } from '../../scenario/ids';
import { formatIpv4 } from '../../scenario/ipv4';
import {
  AddNetworkInterfacesMovementSpec,
  NetworkInterfaceSpec,
} from '../../scenario/types';
import { WorldState } from '../worldState';

/** What a Lambda ENI looks like unless the movement says otherwise. */
function describe(m: AddNetworkInterfacesMovementSpec, seed: string) {
  const type = m.interfaceType ?? 'lambda';
  const fn = m.functionName ?? 'function';
  return {
    interfaceType: type,
    description:
      m.description ??
      (type === 'lambda' ? `AWS Lambda VPC ENI-${fn}-${stableUuid(seed)}` : ''),
    requesterId:
      m.requesterId ??
      (type === 'lambda' ? `AROAEXAMPLELAMBDA0000:${fn}` : undefined),
  };
}

/**
 * `addNetworkInterfaces`: `count` ENIs of no node arrive in the subnet. Each takes one
 * address inside the lowest free /28 block no reservation covers, fragmenting it, as
 * Lambda, RDS and endpoint ENIs do (§5); with no free block left, the lowest free address;
 * with no free address, nothing (EC2 would refuse it, so the movement stops there).
 */
export function applyAddNetworkInterfaces(
  world: WorldState,
  m: AddNetworkInterfacesMovementSpec,
  movement: number,
): void {
  const space = world.space(m.subnet);
  const region = world.regionOfSubnet(m.subnet);
  for (let i = 0; i < m.count; i++) {
    const block = space.lowestFreeUnreservedBlock();
    const k = world.nextCount(movement);
    // Somewhere inside the block, varying so the ENIs do not line up at one offset.
    const ip =
      block !== undefined ? block + ((3 + 5 * k) % 16) : space.lowestFreeIp();
    if (ip === undefined) return;
    const seed = `${m.subnet}/movement-${movement}/${k}`;
    const eni: NetworkInterfaceSpec = {
      id: `eni-${stableHex(seed, 17)}`,
      subnetId: m.subnet,
      primaryIp: formatIpv4(ip),
      status: 'in-use',
      ...describe(m, seed),
    };
    space.claimIp(ip);
    (region.networkInterfaces ??= []).push(eni);
  }
}
