import {
  BUILTIN_INSTANCE_TYPES,
  normaliseInstanceType,
} from '../scenario/instanceTypes';
import { parseCidr, parseIpv4 } from '../scenario/ipv4';
import {
  ClusterSpec,
  InstanceSpec,
  InstanceTypeSpec,
  NetworkInterfaceSpec,
  NodeSpec,
  PodPhase,
  RegionSpec,
  ScenarioFile,
} from '../scenario/types';
import { SubnetSpace } from './subnetSpace';

/** A pod as the scenario writes it, explicit or one entry of a workload's `pods`. */
export interface PodEntry {
  node?: string;
  ip?: string;
  phase?: PodPhase;
  createdAt?: string;
}

/** A pod entry with what the timeline needs to know about it. */
export interface PodRef {
  entry: PodEntry;
  hostNetwork: boolean;
}

const isActive = (p: PodEntry) =>
  p.phase !== 'Succeeded' && p.phase !== 'Failed';

/** Whether the pod holds a VPC address (how-pod-ips-are-counted.md §3). */
export const holdsVpcIp = (r: PodRef) =>
  !r.hostNetwork && Boolean(r.entry.ip) && isActive(r.entry);

/** An instance's ENIs by network card and device index: the primary ENI first. */
export function sortedEnis(inst: InstanceSpec): NetworkInterfaceSpec[] {
  const slot = (e: NetworkInterfaceSpec, i: number) =>
    (e.networkCardIndex ?? 0) * 1000 + (e.deviceIndex ?? i);
  return inst.networkInterfaces
    .map((e, i) => ({ e, key: slot(e, i) }))
    .sort((a, b) => a.key - b.key)
    .map(x => x.e);
}

/**
 * The world at one instant of a timeline, at the level of the scenario file (a private
 * copy the movements change), with every subnet's address space indexed so that a
 * movement can ask where the next prefix or IP goes.
 */
export class WorldState {
  readonly file: ScenarioFile;
  readonly spaces = new Map<string, SubnetSpace>();
  private readonly subnetRegions = new Map<string, RegionSpec>();
  private readonly zones = new Map<string, string>();
  readonly instances = new Map<
    string,
    { spec: InstanceSpec; region: RegionSpec }
  >();
  readonly instanceTypes = new Map<string, Required<InstanceTypeSpec>>();
  /** Per movement: how many pods or ENIs it has placed (round-robin, numbering). */
  readonly counters = new Map<number, number>();

  constructor(base: ScenarioFile) {
    this.file = structuredClone(base);
    delete this.file.timeline;
    for (const t of [
      ...BUILTIN_INSTANCE_TYPES,
      ...(this.file.instanceTypes ?? []),
    ])
      this.instanceTypes.set(t.name, normaliseInstanceType(t));
    for (const account of this.file.accounts) {
      for (const region of account.regions ?? []) this.indexRegion(region);
    }
  }

  private indexRegion(region: RegionSpec) {
    for (const vpc of region.vpcs ?? []) {
      for (const s of vpc.subnets ?? []) {
        this.spaces.set(
          s.id,
          new SubnetSpace(s.id, s.cidr, s.cidrReservations),
        );
        this.subnetRegions.set(s.id, region);
        this.zones.set(s.id, s.availabilityZone);
      }
    }
    for (const inst of region.instances ?? []) {
      this.instances.set(inst.id, { spec: inst, region });
      inst.networkInterfaces.forEach(e => this.claimEni(e));
    }
    (region.networkInterfaces ?? []).forEach(e => this.claimEni(e));
  }

  /** The region (of its account) a subnet belongs to. */
  regionOfSubnet(subnetId: string): RegionSpec {
    const r = this.subnetRegions.get(subnetId);
    if (!r) throw new Error(`No subnet ${subnetId}`);
    return r;
  }

  zoneOf(subnetId: string): string | undefined {
    return this.zones.get(subnetId);
  }

  space(subnetId: string): SubnetSpace {
    const s = this.spaces.get(subnetId);
    if (!s) throw new Error(`No subnet ${subnetId}`);
    return s;
  }

  /** Marks an ENI's addresses as held in its subnet. */
  claimEni(e: NetworkInterfaceSpec) {
    const s = this.spaces.get(e.subnetId);
    if (!s) return;
    s.claimIp(parseIpv4(e.primaryIp));
    (e.secondaryIps ?? []).forEach(ip => s.claimIp(parseIpv4(ip)));
    (e.ipv4Prefixes ?? []).forEach(p => s.claimPrefix(parseCidr(p).base));
  }

  /** Gives an ENI's addresses back to its subnet. */
  releaseEni(e: NetworkInterfaceSpec) {
    const s = this.spaces.get(e.subnetId);
    if (!s) return;
    s.releaseIp(parseIpv4(e.primaryIp));
    (e.secondaryIps ?? []).forEach(ip => s.releaseIp(parseIpv4(ip)));
    (e.ipv4Prefixes ?? []).forEach(p => s.releasePrefix(parseCidr(p).base));
  }

  cluster(name: string): ClusterSpec {
    const c = (this.file.clusters ?? []).find(x => x.name === name);
    if (!c) throw new Error(`No cluster ${name}`);
    return c;
  }

  /** Increments and returns the movement's previous count. */
  nextCount(movement: number): number {
    const k = this.counters.get(movement) ?? 0;
    this.counters.set(movement, k + 1);
    return k;
  }

  /** Every pod of the cluster, explicit and of workloads. */
  pods(cluster: ClusterSpec): PodRef[] {
    const refs: PodRef[] = [];
    for (const p of cluster.pods ?? [])
      refs.push({ entry: p, hostNetwork: Boolean(p.hostNetwork) });
    for (const w of cluster.workloads ?? []) {
      for (const p of w.pods)
        refs.push({ entry: p, hostNetwork: Boolean(w.hostNetwork) });
    }
    return refs;
  }

  nodeName = (n: NodeSpec) => n.name ?? n.instanceId;

  /** Per cluster, per node: pods counted against max pods, addresses its pods hold. */
  private readonly nodeIndexes = new Map<
    string,
    Map<string, { active: number; held: Set<number> }>
  >();

  private nodeIndex(cluster: ClusterSpec, nodeName: string) {
    let index = this.nodeIndexes.get(cluster.name);
    if (!index) {
      index = new Map();
      for (const r of this.pods(cluster)) {
        if (!r.entry.node || !isActive(r.entry)) continue;
        const n = index.get(r.entry.node) ?? { active: 0, held: new Set() };
        n.active++;
        if (holdsVpcIp(r)) n.held.add(parseIpv4(r.entry.ip!));
        index.set(r.entry.node, n);
      }
      this.nodeIndexes.set(cluster.name, index);
    }
    let n = index.get(nodeName);
    if (!n) {
      n = { active: 0, held: new Set() };
      index.set(nodeName, n);
    }
    return n;
  }

  /** Pods the kubelet counts against max pods: every pod on the node not yet finished. */
  activePodsOn(cluster: ClusterSpec, nodeName: string): number {
    return this.nodeIndex(cluster, nodeName).active;
  }

  /** Addresses the node's running pods hold (what a new pod cannot get). */
  heldIpsOn(cluster: ClusterSpec, nodeName: string): Set<number> {
    return this.nodeIndex(cluster, nodeName).held;
  }

  /** Keeps the node index right after a pod was scheduled (and maybe got an IP). */
  notePodPlaced(cluster: ClusterSpec, entry: PodEntry, counted = true) {
    if (!entry.node || !this.nodeIndexes.has(cluster.name)) return;
    const n = this.nodeIndex(cluster, entry.node);
    if (counted) n.active++;
    if (entry.ip) n.held.add(parseIpv4(entry.ip));
  }

  /** Pods moved or left in bulk (a rotation): the index is rebuilt when next asked. */
  forgetPods(cluster: ClusterSpec) {
    this.nodeIndexes.delete(cluster.name);
  }
}
