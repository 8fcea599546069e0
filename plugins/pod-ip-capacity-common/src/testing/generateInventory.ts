import {
  ClusterInventory,
  InventoryInstance,
  InventoryInstanceType,
  InventoryNetworkInterface,
  InventoryNode,
  InventoryPod,
  InventorySubnet,
} from '../types';
import { formatIpv4, formatIpv4Cidr, parseIpv4Cidr } from '../ip/ipv4';

/**
 * A generated, self-consistent inventory for benchmarks and property tests:
 * nodes in prefix mode (a /28 per 16 pods plus a warm one) or secondary-IP
 * mode, pods on them (a couple of hostNetwork daemons each, some completed
 * with stale IPs, some pending), foreign ENIs scattered in the subnets, and
 * `AvailableIpAddressCount` computed as EC2 would.
 *
 * @public
 */
export interface GenerateInventoryOptions {
  nodes: number;
  /** Pods per node, hostNetwork daemons included. */
  podsPerNode: number;
  /** Number of subnets (round-robin over nodes). */
  subnets?: number;
  /** Prefix length of each subnet (default 16). */
  subnetPrefixLength?: number;
  /** Share of nodes in secondary-IP mode (default 0.2). */
  secondaryIpShare?: number;
  /** Foreign ENIs per subnet (default 100). */
  foreignEnisPerSubnet?: number;
  /** Distinct `backstage.io/kubernetes-id` values (default 500). */
  workloads?: number;
  seed?: number;
}

/** mulberry32: small deterministic PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSTANCE_TYPE: InventoryInstanceType = {
  instanceType: 'm5.xlarge',
  maximumNetworkInterfaces: 4,
  ipv4AddressesPerInterface: 15,
  defaultVCpus: 4,
  hypervisor: 'nitro',
};

/** Hands out addresses of one subnet like EC2 roughly does. */
class SubnetAllocator {
  private nextBlock = 1; // block 0 holds the reserved addresses
  private singleBlock = -1;
  private singleOffset = 16;
  private readonly lastBlock: number;
  used = 0;

  constructor(
    private readonly base: number,
    size: number,
    private readonly rnd: () => number,
  ) {
    this.lastBlock = size / 16 - 1;
  }

  /** A whole free /28. */
  prefix(): string {
    if (this.nextBlock >= this.lastBlock) throw new Error('subnet full');
    const block = this.nextBlock++;
    this.used += 16;
    return formatIpv4Cidr(this.base + block * 16, 28);
  }

  /** A single address, packed into blocks given over to single IPs. */
  single(): string {
    if (this.singleOffset >= 16 || this.rnd() < 0.02) {
      if (this.nextBlock >= this.lastBlock) throw new Error('subnet full');
      this.singleBlock = this.nextBlock++;
      this.singleOffset = 0;
    }
    this.used++;
    return formatIpv4(this.base + this.singleBlock * 16 + this.singleOffset++);
  }
}

/**
 * Generates one cluster's inventory.
 *
 * @public
 */
export function generateInventory(
  options: GenerateInventoryOptions,
): ClusterInventory {
  const rnd = random(options.seed ?? 1);
  const subnetCount = options.subnets ?? 6;
  const prefixLength = options.subnetPrefixLength ?? 16;
  const secondaryShare = options.secondaryIpShare ?? 0.2;
  const workloads = options.workloads ?? 500;
  const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

  const subnetDefs = Array.from({ length: subnetCount }, (_, i) => {
    const cidr = `10.${i}.0.0/${prefixLength}`;
    const range = parseIpv4Cidr(cidr);
    return {
      subnetId: `subnet-${String(i).padStart(4, '0')}`,
      cidr,
      zone: zones[i % zones.length],
      size: range.size,
      alloc: new SubnetAllocator(range.base, range.size, rnd),
    };
  });

  const nodes: InventoryNode[] = [];
  const instances: InventoryInstance[] = [];
  const pods: InventoryPod[] = [];
  const perEni = INSTANCE_TYPE.ipv4AddressesPerInterface - 1;
  let podSeq = 0;
  const podLabels = () => {
    const k = Math.floor(rnd() * workloads);
    return {
      namespace: `team-${k % 20}`,
      labels: { 'backstage.io/kubernetes-id': `svc-${k}`, app: `svc-${k}` },
    };
  };

  for (let n = 0; n < options.nodes; n++) {
    const subnet = subnetDefs[n % subnetCount];
    const instanceId = `i-${n.toString(16).padStart(17, '0')}`;
    const prefixMode = rnd() >= secondaryShare;
    const daemons = Math.min(2, options.podsPerNode);
    const vpcPods = options.podsPerNode - daemons;
    const enis: InventoryNetworkInterface[] = [];
    const newEni = (deviceIndex: number) => {
      const eni: InventoryNetworkInterface = {
        networkInterfaceId: `eni-${n
          .toString(16)
          .padStart(12, '0')}${deviceIndex}`,
        subnetId: subnet.subnetId,
        interfaceType: 'interface',
        primaryIp: subnet.alloc.single(),
        secondaryIps: [],
        ipv4Prefixes: [],
        ipv6Prefixes: [],
        attachment: { instanceId, deviceIndex, networkCardIndex: 0 },
      };
      enis.push(eni);
      return eni;
    };
    const podIps: string[] = [];
    if (prefixMode) {
      // WARM_PREFIX_TARGET=1: one spare /28 beyond what the pods need.
      const prefixes = Math.ceil(vpcPods / 16) + 1;
      let eni = newEni(0);
      for (let p = 0; p < prefixes; p++) {
        if (eni.ipv4Prefixes.length >= perEni) eni = newEni(enis.length);
        const prefix =
          eni.ipv4Prefixes[eni.ipv4Prefixes.push(subnet.alloc.prefix()) - 1];
        const base = parseIpv4Cidr(prefix).base;
        for (let i = 0; i < 16 && podIps.length < vpcPods; i++) {
          podIps.push(formatIpv4(base + i));
        }
      }
    } else {
      // Secondary-IP mode with a few warm IPs.
      const secondaries = Math.min(
        vpcPods + 5,
        perEni * INSTANCE_TYPE.maximumNetworkInterfaces,
      );
      let eni = newEni(0);
      for (let s = 0; s < secondaries; s++) {
        if (eni.secondaryIps.length >= perEni) eni = newEni(enis.length);
        const ip = subnet.alloc.single();
        eni.secondaryIps.push(ip);
        if (podIps.length < vpcPods) podIps.push(ip);
      }
    }
    nodes.push({
      name: `ip-${n}.eu-west-1.compute.internal`,
      instanceId,
      instanceType: INSTANCE_TYPE.instanceType,
      zone: subnet.zone,
      allocatablePods: prefixMode ? 110 : 58,
      labels: {
        'eks.amazonaws.com/nodegroup': prefixMode
          ? 'prefix-nodes'
          : 'secondary-nodes',
      },
    });
    instances.push({
      instanceId,
      instanceType: INSTANCE_TYPE.instanceType,
      availabilityZone: subnet.zone,
      networkInterfaces: enis,
    });
    const nodeName = nodes[nodes.length - 1].name;
    for (let d = 0; d < daemons; d++) {
      pods.push({
        namespace: 'kube-system',
        name: `daemon-${d}-${n}`,
        nodeName,
        phase: 'Running',
        hostNetwork: true,
        podIps: [enis[0].primaryIp!],
        labels: { 'k8s-app': d === 0 ? 'aws-node' : 'kube-proxy' },
      });
    }
    for (const ip of podIps) {
      const roll = rnd();
      const { namespace, labels } = podLabels();
      pods.push({
        namespace,
        name: `pod-${podSeq++}`,
        nodeName,
        // A few completed pods whose stale IP is still in their status.
        phase: roll < 0.01 ? 'Succeeded' : 'Running',
        hostNetwork: false,
        podIps: [ip],
        labels,
      });
    }
  }

  const otherNetworkInterfaces: InventoryNetworkInterface[] = [];
  for (const subnet of subnetDefs) {
    for (let f = 0; f < (options.foreignEnisPerSubnet ?? 100); f++) {
      otherNetworkInterfaces.push({
        networkInterfaceId: `eni-f${subnet.subnetId}-${f}`,
        subnetId: subnet.subnetId,
        interfaceType: f % 3 === 0 ? 'lambda' : 'interface',
        primaryIp: subnet.alloc.single(),
        secondaryIps: [],
        ipv4Prefixes: [],
        ipv6Prefixes: [],
      });
    }
  }

  const subnets: InventorySubnet[] = subnetDefs.map(s => ({
    subnetId: s.subnetId,
    cidr: s.cidr,
    availableIpAddressCount: s.size - 5 - s.alloc.used,
    availabilityZone: s.zone,
    cidrReservations: [],
  }));

  return {
    cluster: 'generated',
    nodes,
    pods,
    instances,
    subnets,
    otherNetworkInterfaces,
    instanceTypes: [INSTANCE_TYPE],
  };
}
