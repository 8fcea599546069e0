import {
  ClusterInventory,
  InventoryInstance,
  InventoryNetworkInterface,
  InventoryNode,
  InventoryPod,
  InventorySubnet,
} from '../../types';
import { formatIpv4, formatIpv4Cidr, parseIpv4Cidr } from '../../ip/ipv4';
import {
  INSTANCE_TYPES,
  makeEni,
  makeNode,
  makePod,
} from '../../testing/builders';

/**
 * Inventories for the foresight tests, described by what matters to them
 * (how many pods, prefixes or IPs each node holds, which subnets are
 * fragmented) and laid out the way EC2 hands addresses out: block 0 of a
 * subnet holds the reserved addresses and is skipped, each node's own and
 * ENI addresses are packed into a block of single IPs, each prefix takes
 * the next free aligned /28. `AvailableIpAddressCount` is what EC2 would
 * say: usable − single IPs − 16 × prefixes.
 */

export interface FixtureSubnet {
  id: string;
  cidr: string;
  zone: string;
  /**
   * Leaves only this many /28 blocks free once the nodes are placed: a
   * foreign (Lambda) ENI address sits in each of the others, as scattered
   * ENIs do to a subnet — free IPs, few or no free /28.
   */
  keepFreeBlocks?: number;
}

export interface FixtureNode {
  name: string;
  group: string;
  /** The label naming the group (default `eks.amazonaws.com/nodegroup`). */
  groupLabel?: string;
  zone: string;
  subnetId: string;
  /** Custom networking: pods on a secondary ENI in this subnet. */
  podSubnetId?: string;
  mode: 'prefix' | 'secondary-ip' | 'auto-mode';
  pods: number;
  /** Prefixes held (default: ⌈pods/16⌉ + 1, WARM_PREFIX_TARGET=1). */
  prefixes?: number;
  /** Secondary IPs held (default: (⌈pods/9⌉ + 1) ENIs × 9, WARM_ENI_TARGET=1 on an m5.large, at most 3 ENIs). */
  secondaryIps?: number;
  /** hostNetwork daemons (default 2: aws-node, kube-proxy). */
  daemons?: number;
  instanceType?: string;
  allocatablePods?: number;
}

class Allocator {
  private nextBlock = 1;
  private singleBlock = -1;
  private singleOffset = 16;
  used = 0;
  readonly base: number;
  readonly blocks: number;

  constructor(cidr: string) {
    const range = parseIpv4Cidr(cidr);
    this.base = range.base;
    this.blocks = range.size / 16;
  }

  prefix(): string {
    if (this.nextBlock >= this.blocks - 1) throw new Error('subnet full');
    this.used += 16;
    return formatIpv4Cidr(this.base + 16 * this.nextBlock++, 28);
  }

  single(): string {
    if (this.singleOffset >= 16) {
      if (this.nextBlock >= this.blocks - 1) throw new Error('subnet full');
      this.singleBlock = this.nextBlock++;
      this.singleOffset = 0;
    }
    this.used++;
    return formatIpv4(this.base + 16 * this.singleBlock + this.singleOffset++);
  }

  /** One address in each block still free but the last `keep`. */
  fragment(keep: number): string[] {
    const ips: string[] = [];
    while (this.blocks - 1 - this.nextBlock > keep) {
      ips.push(formatIpv4(this.base + 16 * this.nextBlock++ + 5));
      this.used++;
    }
    return ips;
  }
}

const SLOTS_PER_ENI = 9; // m5.large: 10 IPv4 per ENI, the primary takes one

export function buildCluster(
  cluster: string,
  subnets: FixtureSubnet[],
  nodeSpecs: FixtureNode[],
): ClusterInventory {
  const alloc = new Map(subnets.map(s => [s.id, new Allocator(s.cidr)]));
  const nodes: InventoryNode[] = [];
  const pods: InventoryPod[] = [];
  const instances: InventoryInstance[] = [];
  for (const spec of nodeSpecs) {
    const nodeAlloc = alloc.get(spec.subnetId)!;
    const podSubnetId = spec.podSubnetId ?? spec.subnetId;
    const podAlloc = alloc.get(podSubnetId)!;
    const type = spec.instanceType ?? 'm5.large';
    const enis: InventoryNetworkInterface[] = [];
    const newEni = (subnetId: string, ip: string) => {
      const eni = makeEni(`eni-${spec.name}-${enis.length}`, subnetId, ip, {
        instanceId: spec.name,
        deviceIndex: enis.length,
      });
      enis.push(eni);
      return eni;
    };
    const primary = newEni(spec.subnetId, nodeAlloc.single());
    let podEni =
      podSubnetId === spec.subnetId
        ? primary
        : newEni(podSubnetId, podAlloc.single());
    const podIps: string[] = [];
    if (spec.mode === 'secondary-ip') {
      const wantedEnis = Math.min(3, Math.ceil(spec.pods / SLOTS_PER_ENI) + 1);
      const count = spec.secondaryIps ?? wantedEnis * SLOTS_PER_ENI;
      for (let i = 0; i < count; i++) {
        if (podEni.secondaryIps.length >= SLOTS_PER_ENI) {
          podEni = newEni(podSubnetId, podAlloc.single());
        }
        const ip = podAlloc.single();
        podEni.secondaryIps.push(ip);
        if (podIps.length < spec.pods) podIps.push(ip);
      }
    } else {
      const count = spec.prefixes ?? Math.ceil(spec.pods / 16) + 1;
      for (let i = 0; i < count; i++) {
        if (podEni.ipv4Prefixes.length >= SLOTS_PER_ENI) {
          podEni = newEni(podSubnetId, podAlloc.single());
        }
        const prefix = podAlloc.prefix();
        podEni.ipv4Prefixes.push(prefix);
        const base = parseIpv4Cidr(prefix).base;
        for (let k = 0; k < 16 && podIps.length < spec.pods; k++) {
          podIps.push(formatIpv4(base + k));
        }
      }
    }
    const labels: Record<string, string> = {
      [spec.groupLabel ??
      (spec.mode === 'auto-mode'
        ? 'karpenter.sh/nodepool'
        : 'eks.amazonaws.com/nodegroup')]: spec.group,
      ...(spec.mode === 'auto-mode'
        ? { 'eks.amazonaws.com/compute-type': 'auto' }
        : {}),
    };
    nodes.push(
      makeNode(spec.name, type, labels, {
        zone: spec.zone,
        allocatablePods:
          spec.allocatablePods ?? (spec.mode === 'secondary-ip' ? 29 : 110),
      }),
    );
    instances.push({
      instanceId: spec.name,
      instanceType: type,
      availabilityZone: spec.zone,
      networkInterfaces: enis,
    });
    for (let d = 0; d < (spec.daemons ?? 2); d++) {
      pods.push(
        makePod(`${spec.name}-daemon-${d}`, spec.name, [primary.primaryIp!], {
          namespace: 'kube-system',
          hostNetwork: true,
        }),
      );
    }
    podIps.forEach((ip, i) =>
      pods.push(
        makePod(`${spec.name}-pod-${i}`, spec.name, [ip], {
          namespace: 'shop',
          labels: { 'backstage.io/kubernetes-id': `${spec.group}-app` },
        }),
      ),
    );
  }
  const otherNetworkInterfaces: InventoryNetworkInterface[] = [];
  for (const s of subnets) {
    if (s.keepFreeBlocks === undefined) continue;
    const [first, ...rest] = alloc.get(s.id)!.fragment(s.keepFreeBlocks);
    if (!first) continue;
    otherNetworkInterfaces.push(
      makeEni(`eni-lambda-${s.id}`, s.id, first, {
        interfaceType: 'lambda',
        secondaryIps: rest,
      }),
    );
  }
  const inventorySubnets: InventorySubnet[] = subnets.map(s => {
    const a = alloc.get(s.id)!;
    return {
      subnetId: s.id,
      cidr: s.cidr,
      availableIpAddressCount: 16 * a.blocks - 5 - a.used,
      availabilityZone: s.zone,
      cidrReservations: [],
    };
  });
  return {
    cluster,
    nodes,
    pods,
    instances,
    subnets: inventorySubnets,
    otherNetworkInterfaces,
    instanceTypes: Object.values(INSTANCE_TYPES),
  };
}
