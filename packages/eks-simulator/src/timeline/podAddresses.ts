import { allocatablePodsOf, EniFacts, podIpMode } from '../scenario/buildNode';
import { stableHex } from '../scenario/ids';
import { formatIpv4, parseCidr, parseIpv4 } from '../scenario/ipv4';
import {
  ClusterSpec,
  InstanceSpec,
  NetworkInterfaceSpec,
  NodeSpec,
} from '../scenario/types';
import { sortedEnis, WorldState } from './worldState';

/*
 * Where a new pod's IP comes from, as the VPC CNI's ipamd (or Auto Mode) hands them out
 * (how-pod-ips-are-counted.md §1, §7): a free address of the node's prefixes or secondary
 * IPs first; else one more /28 prefix (prefix mode: the subnet's lowest free aligned /28,
 * `prefix` reservations first; Auto Mode falls back to a /32 when none is left) or one
 * more secondary IP (secondary-IP mode); else a new ENI on network card 0 while the
 * instance type allows one. No warm pool is modelled: addresses are taken as pods need them.
 */

const facts = (e: NetworkInterfaceSpec): EniFacts => ({
  ipv4Prefixes: e.ipv4Prefixes ?? [],
  secondaryIps: e.secondaryIps ?? [],
  interfaceType: e.interfaceType ?? 'interface',
  subnetId: e.subnetId,
});

function env(cluster: ClusterSpec, name: string): string | undefined {
  const v = cluster.awsNode?.env?.[name];
  return v === undefined ? undefined : String(v);
}

type GrowMode = 'prefix' | 'prefix-or-32' | 'secondary-ip';

/** Auto Mode honours its NodeClass's `ipv4PrefixSize: "32"` (single IPs only). */
function autoModePrefixSize(cluster: ClusterSpec, node: NodeSpec): string {
  const pool = cluster.autoMode?.nodePools?.find(p => p.name === node.nodepool);
  const cls = cluster.autoMode?.nodeClasses?.find(
    c => c.name === pool?.nodeClass,
  );
  return String(cls?.ipv4PrefixSize ?? 'Auto');
}

/** How the node adds pod addresses once its own are taken. */
function growModeOf(
  cluster: ClusterSpec,
  node: NodeSpec,
  enis: NetworkInterfaceSpec[],
): GrowMode {
  if (node.computeType === 'auto') {
    return autoModePrefixSize(cluster, node) === '32'
      ? 'secondary-ip'
      : 'prefix-or-32';
  }
  if (enis.some(e => (e.ipv4Prefixes ?? []).length > 0)) return 'prefix';
  if (enis.some(e => (e.secondaryIps ?? []).length > 0)) return 'secondary-ip';
  return env(cluster, 'ENABLE_PREFIX_DELEGATION') === 'true'
    ? 'prefix'
    : 'secondary-ip';
}

/** The ENIs that hold pod addresses: not the primary one under custom networking. */
function podEnisOf(
  cluster: ClusterSpec,
  node: NodeSpec,
  enis: NetworkInterfaceSpec[],
) {
  const custom =
    env(cluster, 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG') === 'true' ||
    podIpMode(enis.map(facts), node.computeType).customNetworking;
  const usable = enis.filter(
    e => (e.interfaceType ?? 'interface') === 'interface',
  );
  return {
    custom,
    podEnis: custom ? usable.filter(e => e !== enis[0]) : usable,
  };
}

/** Custom networking: the subnet of the ENIConfig the node's label (or zone) names. */
function eniConfigSubnet(
  world: WorldState,
  cluster: ClusterSpec,
  node: NodeSpec,
  primary: NetworkInterfaceSpec,
): string | undefined {
  const label =
    env(cluster, 'ENI_CONFIG_LABEL_DEF') ?? 'k8s.amazonaws.com/eniConfig';
  const zone = world.zoneOf(primary.subnetId);
  const name = label.endsWith('/zone') ? zone : node.labels?.[label];
  return cluster.eniConfigs?.find(c => c.name === name)?.subnet;
}

/** One more address on `eni`: a prefix, or a single IP; undefined when its subnet has none. */
function growEni(
  world: WorldState,
  eni: NetworkInterfaceSpec,
  mode: GrowMode,
): number | undefined {
  const space = world.space(eni.subnetId);
  if (mode !== 'secondary-ip') {
    const base = space.lowestFreeBlock();
    if (base !== undefined) {
      space.claimPrefix(base);
      eni.ipv4Prefixes = [
        ...(eni.ipv4Prefixes ?? []),
        `${formatIpv4(base)}/28`,
      ];
      return base;
    }
    // VPC CNI prefix mode: InsufficientCidrBlocks, the pod waits. Auto Mode: a /32.
    if (mode === 'prefix') return undefined;
  }
  const ip = space.lowestFreeIp();
  if (ip === undefined) return undefined;
  space.claimIp(ip);
  eni.secondaryIps = [...(eni.secondaryIps ?? []), formatIpv4(ip)];
  return ip;
}

/** A new ENI on network card 0, if the instance type (and `MAX_ENI`) allow one more. */
function attachEni(
  world: WorldState,
  cluster: ClusterSpec,
  inst: InstanceSpec,
  subnetId: string,
): NetworkInterfaceSpec | undefined {
  const type = world.instanceTypes.get(inst.instanceType);
  if (!type || !world.spaces.has(subnetId)) return undefined;
  const card = type.networkCards.find(
    c => c.index === type.defaultNetworkCardIndex,
  );
  const maxEni = Math.min(
    card?.maxNetworkInterfaces ?? type.maxNetworkInterfaces,
    Number(env(cluster, 'MAX_ENI') ?? Infinity),
  );
  const onCard0 = inst.networkInterfaces.filter(
    e => (e.networkCardIndex ?? 0) === 0,
  );
  if (onCard0.length >= maxEni) return undefined;
  const ip = world.space(subnetId).lowestFreeIp();
  if (ip === undefined) return undefined;
  const deviceIndex =
    Math.max(...inst.networkInterfaces.map((e, i) => e.deviceIndex ?? i)) + 1;
  const eni: NetworkInterfaceSpec = {
    id: `eni-${stableHex(`${inst.id}/device/${deviceIndex}`, 17)}`,
    subnetId,
    primaryIp: formatIpv4(ip),
    deviceIndex,
    networkCardIndex: 0,
    description: `aws-K8S-${inst.id}`,
    tags: {
      'cluster.k8s.amazonaws.com/name': cluster.name,
      'node.k8s.amazonaws.com/instance_id': inst.id,
    },
  };
  world.space(subnetId).claimIp(ip);
  inst.networkInterfaces.push(eni);
  return eni;
}

/** The first address of the node's pod ENIs no running pod holds. */
function freeOwnAddress(enis: NetworkInterfaceSpec[], held: Set<number>) {
  for (const e of enis) {
    for (const p of e.ipv4Prefixes ?? []) {
      const base = parseCidr(p).base;
      for (let ip = base; ip < base + 16; ip++) if (!held.has(ip)) return ip;
    }
    for (const text of e.secondaryIps ?? []) {
      const ip = parseIpv4(text);
      if (!held.has(ip)) return ip;
    }
  }
  return undefined;
}

/** The IP a new pod on `node` gets, or undefined: it stays Pending without one. */
export function allocatePodIp(
  world: WorldState,
  cluster: ClusterSpec,
  node: NodeSpec,
): string | undefined {
  const entry = world.instances.get(node.instanceId);
  if (!entry) return undefined;
  const inst = entry.spec;
  const type = world.instanceTypes.get(inst.instanceType);
  const enis = sortedEnis(inst);
  const { custom, podEnis } = podEnisOf(cluster, node, enis);
  const held = world.heldIpsOn(cluster, world.nodeName(node));
  const own = freeOwnAddress(podEnis, held);
  if (own !== undefined) return formatIpv4(own);
  const mode = growModeOf(cluster, node, enis);
  const slots = type?.ipv4AddressesPerInterface ?? 0;
  const withSlot = podEnis.filter(
    e =>
      1 + (e.secondaryIps ?? []).length + (e.ipv4Prefixes ?? []).length < slots,
  );
  for (const e of withSlot) {
    const got = growEni(world, e, mode);
    if (got !== undefined) return formatIpv4(got);
  }
  // A new ENI only when every attached one is full, and only where it can hold something.
  if (withSlot.length > 0) return undefined;
  const subnetId = custom
    ? eniConfigSubnet(world, cluster, node, enis[0]) ?? podEnis[0]?.subnetId
    : enis[0].subnetId;
  if (!subnetId || !canGrow(world, subnetId, mode)) return undefined;
  const added = attachEni(world, cluster, inst, subnetId);
  if (!added) return undefined;
  const got = growEni(world, added, mode);
  return got === undefined ? undefined : formatIpv4(got);
}

/** Whether the subnet has room for a new ENI's primary IP and then one growth of `mode`. */
function canGrow(world: WorldState, subnetId: string, mode: GrowMode): boolean {
  const space = world.spaces.get(subnetId);
  if (!space) return false;
  const ips = space.freeIps();
  const block = space.lowestFreeBlock() !== undefined;
  if (mode === 'prefix') return block && ips > 0;
  if (mode === 'prefix-or-32') return ips > 0 && (block || ips >= 2);
  return ips >= 2;
}

/** The node's pod limit, as its Node object reports it (`status.allocatable.pods`). */
export function maxPodsOf(world: WorldState, node: NodeSpec): number {
  const inst = world.instances.get(node.instanceId)?.spec;
  if (!inst) return 0;
  return allocatablePodsOf(
    node,
    sortedEnis(inst).map(facts),
    world.instanceTypes.get(inst.instanceType),
  );
}
