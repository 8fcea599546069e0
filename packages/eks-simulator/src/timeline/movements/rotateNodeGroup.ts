import { stableHex } from '../../scenario/ids';
import { formatIpv4, parseCidr, parseIpv4 } from '../../scenario/ipv4';
import {
  ClusterSpec,
  InstanceSpec,
  NetworkInterfaceSpec,
  NodeSpec,
  RotateNodeGroupMovementSpec,
} from '../../scenario/types';
import { allocatePodIp } from '../podAddresses';
import { isoSeconds } from '../timeText';
import { holdsVpcIp, sortedEnis, WorldState } from '../worldState';

/** Why a rotation cannot happen: a subnet has no address left for a new node's ENI. */
export class RotationError extends Error {}

const swapId = (text: string | undefined, from: string, to: string) =>
  text?.split(from).join(to);

/**
 * A replacement ENI: same subnet, device index and kind, a new primary IP and as many
 * secondary IPs and prefixes as the old one had, taken while the old node still holds its
 * own (the new node comes up before the old one drains, how-pod-ips-are-counted.md §7).
 */
function replaceEni(
  world: WorldState,
  old: NetworkInterfaceSpec,
  position: number,
  ids: { from: string; to: string; at: number },
): NetworkInterfaceSpec {
  const space = world.space(old.subnetId);
  const primary = space.lowestFreeIp();
  if (primary === undefined) {
    throw new RotationError(
      `rotating ${ids.from}: subnet ${old.subnetId} has no free address for a new ENI`,
    );
  }
  space.claimIp(primary);
  const secondaryIps: string[] = [];
  for (const _ of old.secondaryIps ?? []) {
    const ip = space.lowestFreeIp();
    if (ip === undefined) break;
    space.claimIp(ip);
    secondaryIps.push(formatIpv4(ip));
  }
  const ipv4Prefixes: string[] = [];
  for (const _ of old.ipv4Prefixes ?? []) {
    const base = space.lowestFreeBlock();
    if (base === undefined) break;
    space.claimPrefix(base);
    ipv4Prefixes.push(`${formatIpv4(base)}/28`);
  }
  const tags = Object.fromEntries(
    Object.entries(old.tags ?? {}).map(([k, v]) => [
      k,
      swapId(v, ids.from, ids.to)!,
    ]),
  );
  return {
    ...old,
    id: `eni-${stableHex(`${old.id}@${ids.at}`, 17)}`,
    primaryIp: formatIpv4(primary),
    secondaryIps,
    ipv4Prefixes,
    deviceIndex: old.deviceIndex ?? position,
    description: swapId(old.description, ids.from, ids.to),
    tags,
    macAddress: undefined,
  };
}

/** The new instance of one node: a new id, the same type and tags, launched at `at`. */
function replaceInstance(
  world: WorldState,
  old: InstanceSpec,
  at: number,
): InstanceSpec {
  const id = `i-${stableHex(`${old.id}@${at}`, 17)}`;
  const ids = { from: old.id, to: id, at };
  return {
    ...old,
    id,
    launchTime: isoSeconds(at),
    networkInterfaces: sortedEnis(old).map(e =>
      replaceEni(world, e, old.networkInterfaces.indexOf(e), ids),
    ),
  };
}

/** The addresses an instance's ENIs hand to pods: secondary IPs and prefix ranges. */
function poolOf(inst: InstanceSpec): Set<number> {
  const pool = new Set<number>();
  for (const e of inst.networkInterfaces) {
    (e.secondaryIps ?? []).forEach(ip => pool.add(parseIpv4(ip)));
    for (const p of e.ipv4Prefixes ?? []) {
      const { base } = parseCidr(p);
      for (let ip = base; ip < base + 16; ip++) pool.add(ip);
    }
  }
  return pool;
}

/**
 * Moves the old node's pods to the new one. A finished pod is listed on the new node
 * without the stale IP the old one gave it, so its Job and CronJob stay (a real cluster
 * garbage-collects such pods; the simulator derives those owners from their pods). A pod
 * whose IP was never the node's (a branch ENI's) keeps it.
 */
function movePods(
  world: WorldState,
  cluster: ClusterSpec,
  oldName: string,
  oldPool: Set<number>,
  node: NodeSpec,
) {
  const newName = world.nodeName(node);
  const refs = world.pods(cluster).filter(r => r.entry.node === oldName);
  const needIp = [];
  for (const r of refs) {
    const p = r.entry;
    p.node = newName;
    if (p.phase === 'Succeeded' || p.phase === 'Failed') {
      if (p.ip && oldPool.has(parseIpv4(p.ip))) delete p.ip;
      continue;
    }
    if (r.hostNetwork) {
      delete p.ip;
    } else if (
      (holdsVpcIp(r) && oldPool.has(parseIpv4(p.ip!))) ||
      (p.phase === 'Pending' && !p.ip)
    ) {
      delete p.ip;
      needIp.push(p);
    }
  }
  world.forgetPods(cluster);
  for (const p of needIp) {
    const ip = allocatePodIp(world, cluster, node);
    if (ip) {
      p.ip = ip;
      if (p.phase === 'Pending') delete p.phase;
      world.notePodPlaced(cluster, p, false);
    } else {
      p.phase = 'Pending';
    }
  }
}

/**
 * `rotateNodeGroup`: every node of the group is replaced by a new instance in the same
 * subnets (all new addresses taken before any old one is released), then the old
 * instances go and their pods move over, getting IPs on the new nodes. A step in every
 * series: node names, instance ids, node IPs, and where in the subnets the addresses sit.
 */
export function applyRotateNodeGroup(
  world: WorldState,
  m: RotateNodeGroupMovementSpec,
  at: number,
): void {
  const cluster = world.cluster(m.cluster);
  const nodes = (cluster.nodes ?? []).filter(n => n.nodegroup === m.nodegroup);
  const replaced = nodes.map(n => {
    const { spec, region } = world.instances.get(n.instanceId)!;
    return {
      node: n,
      old: spec,
      region,
      next: replaceInstance(world, spec, at),
    };
  });
  for (const { node, old, region, next } of replaced) {
    const oldPool = poolOf(old);
    old.networkInterfaces.forEach(e => world.releaseEni(e));
    const list = region.instances!;
    list[list.indexOf(old)] = next;
    world.instances.delete(old.id);
    world.instances.set(next.id, { spec: next, region });
    const oldName = world.nodeName(node);
    node.instanceId = next.id;
    // Named nodes (not the instance id) get the name EC2's private DNS would give them.
    if (node.name) {
      node.name = `ip-${next.networkInterfaces[0].primaryIp.replace(
        /\./g,
        '-',
      )}.${cluster.region}.compute.internal`;
    }
    movePods(world, cluster, oldName, oldPool, node);
  }
}
