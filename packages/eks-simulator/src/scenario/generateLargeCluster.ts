import { kubeSuffix, stableHex } from './ids';
import { BUILTIN_INSTANCE_TYPES } from './instanceTypes';
import { formatIpv4, parseIpv4 } from './ipv4';
import {
  InstanceSpec,
  NetworkInterfaceSpec,
  PodSpec,
  ScenarioFile,
  SubnetSpec,
} from './types';

export interface LargeClusterOptions {
  nodes: number;
  podsPerNode: number;
  subnets: number;
  /** `prefix` (default): /28 prefixes on the primary ENI; `secondary-ip`: one IP per pod. */
  mode?: 'prefix' | 'secondary-ip';
  /** Default m5.4xlarge (8 ENIs × 30 IPv4). */
  instanceType?: string;
  /** Distinct services (`svc-000`…), each labelled `backstage.io/kubernetes-id`; default 20. */
  services?: number;
  /** Spare prefixes per node (WARM_PREFIX_TARGET), default 1; spare IPs in secondary-IP mode. */
  warm?: number;
  /** Per node: Succeeded pods that still carry a podIP from the node's range (default 0). */
  completedPodsPerNode?: number;
  /** aws-node and kube-proxy per node (default true). */
  hostNetworkDaemons?: boolean;
  clusterName?: string;
  accountId?: string;
  region?: string;
}

/** The credentials every generated scenario accepts. */
export const GENERATED_CREDENTIALS = {
  accessKeyId: 'AKIAGENERATED0000001',
  secretAccessKey: 'generated-secret-access-key',
  serviceAccountToken: 'generated-cluster-token',
};

/** The options with their defaults applied, and what they imply per node. */
interface Plan {
  nodes: number;
  podsPerNode: number;
  subnetCount: number;
  mode: 'prefix' | 'secondary-ip';
  typeName: string;
  services: number;
  cluster: string;
  accountId: string;
  region: string;
  hostNetworkDaemons: boolean;
  /** Pod IPs per node: running pods plus completed pods still carrying theirs. */
  podIpsPerNode: number;
  slotsPerEni: number;
  prefixesPerNode: number;
  enisPerNode: number;
  secondaryPerNode: number;
}

function fail(message: string): never {
  throw new Error(`generateLargeCluster: ${message}`);
}

/** Defaults, and how many prefixes or secondary IPs (and ENIs) each node needs. */
function planOf(options: LargeClusterOptions): Plan {
  const nodes = Math.max(1, Math.floor(options.nodes));
  const podsPerNode = Math.max(0, Math.floor(options.podsPerNode));
  const mode = options.mode ?? 'prefix';
  const typeName = options.instanceType ?? 'm5.4xlarge';
  const type = BUILTIN_INSTANCE_TYPES.find(t => t.name === typeName);
  if (!type) fail(`unknown instance type ${typeName}`);
  const warm = options.warm ?? 1;
  const completed = options.completedPodsPerNode ?? 0;
  const podIpsPerNode = podsPerNode + completed;
  const slotsPerEni = type.ipv4AddressesPerInterface - 1;
  let prefixesPerNode = 0;
  let enisPerNode = 1;
  let secondaryPerNode = 0;
  if (mode === 'prefix') {
    prefixesPerNode = Math.ceil(podIpsPerNode / 16) + warm;
    if (prefixesPerNode > slotsPerEni) {
      fail(
        `${prefixesPerNode} prefixes do not fit on one ${typeName} ENI (${slotsPerEni} slots)`,
      );
    }
  } else {
    secondaryPerNode = podIpsPerNode + warm;
    enisPerNode = Math.max(1, Math.ceil(secondaryPerNode / slotsPerEni));
    if (enisPerNode > type.maxNetworkInterfaces) {
      fail(
        `${secondaryPerNode} secondary IPs need ${enisPerNode} ENIs, ${typeName} has ${type.maxNetworkInterfaces}`,
      );
    }
  }
  return {
    nodes,
    podsPerNode,
    subnetCount: Math.max(1, Math.min(Math.floor(options.subnets), nodes)),
    mode,
    typeName,
    services: Math.max(1, options.services ?? 20),
    cluster: options.clusterName ?? 'generated',
    accountId: options.accountId ?? '333333333333',
    region: options.region ?? 'us-east-1',
    hostNetworkDaemons: options.hostNetworkDaemons ?? true,
    podIpsPerNode,
    slotsPerEni,
    prefixesPerNode,
    enisPerNode,
    secondaryPerNode,
  };
}

const nodesPerSubnet = (plan: Plan) => Math.ceil(plan.nodes / plan.subnetCount);

/** Node addresses first (after the 4 reserved), then aligned prefixes: the /28 blocks needed. */
function subnetPrefixLength(plan: Plan): number {
  const perSubnet = nodesPerSubnet(plan);
  const addressBlocks =
    plan.mode === 'prefix'
      ? Math.ceil((4 + perSubnet) / 16) + perSubnet * plan.prefixesPerNode + 1
      : Math.ceil(
          (4 + perSubnet * (plan.enisPerNode + plan.secondaryPerNode)) / 16,
        ) + 1;
  let prefixLength = 24;
  while (2 ** (28 - prefixLength) < addressBlocks) prefixLength--;
  if (prefixLength < 16)
    fail('a subnet would need more than a /16; use more subnets');
  return prefixLength;
}

/** Equal subnets from 10.0.0.0 over the zones, and the /16 VPC CIDRs covering them. */
function planSubnets(plan: Plan): {
  subnets: SubnetSpec[];
  vpcCidrs: string[];
} {
  const prefixLength = subnetPrefixLength(plan);
  const zones = ['a', 'b', 'c', 'd', 'e', 'f'].map(z => `${plan.region}${z}`);
  const subnetSize = 2 ** (32 - prefixLength);
  const firstBase = parseIpv4('10.0.0.0');
  const subnets: SubnetSpec[] = [];
  for (let s = 0; s < plan.subnetCount; s++) {
    subnets.push({
      id: `subnet-${stableHex(`${plan.cluster}/subnet/${s}`, 17)}`,
      cidr: `${formatIpv4(firstBase + s * subnetSize)}/${prefixLength}`,
      availabilityZone: zones[s % zones.length],
      tags: {
        [`kubernetes.io/cluster/${plan.cluster}`]: 'shared',
        'kubernetes.io/role/internal-elb': '1',
      },
    });
  }
  const lastAddress = firstBase + plan.subnetCount * subnetSize - 1;
  const vpcCidrs: string[] = [];
  for (let b = firstBase; b <= lastAddress; b += 65536)
    vpcCidrs.push(`${formatIpv4(b)}/16`);
  return { subnets, vpcCidrs };
}

/** Hands out addresses per subnet: node IPs upwards from .4, prefixes after the node range. */
class AddressAllocator {
  private readonly nextIp: number[];
  private readonly nextPrefixBlock: number[];

  constructor(subnets: SubnetSpec[], perSubnet: number) {
    const bases = subnets.map(s => parseIpv4(s.cidr.split('/')[0]));
    this.nextIp = bases.map(b => b + 4);
    this.nextPrefixBlock = bases.map(
      b => b + 16 * Math.ceil((4 + perSubnet) / 16),
    );
  }

  ip(subnet: number): string {
    return formatIpv4(this.nextIp[subnet]++);
  }

  prefixBase(subnet: number): number {
    const base = this.nextPrefixBlock[subnet];
    this.nextPrefixBlock[subnet] += 16;
    return base;
  }
}

/** The node's ENIs and the pod IPs they hold, packed from the start. */
function nodeEnis(
  plan: Plan,
  n: number,
  subnet: { index: number; id: string },
  instanceId: string,
  alloc: AddressAllocator,
): { enis: NetworkInterfaceSpec[]; podIps: string[] } {
  const { cluster } = plan;
  const podIps: string[] = [];
  if (plan.mode === 'prefix') {
    const prefixes: string[] = [];
    for (let p = 0; p < plan.prefixesPerNode; p++) {
      const base = alloc.prefixBase(subnet.index);
      prefixes.push(`${formatIpv4(base)}/28`);
      for (let k = 0; k < 16 && podIps.length < plan.podIpsPerNode; k++)
        podIps.push(formatIpv4(base + k));
    }
    const eni: NetworkInterfaceSpec = {
      id: `eni-${stableHex(`${cluster}/eni/${n}/0`, 17)}`,
      subnetId: subnet.id,
      primaryIp: alloc.ip(subnet.index),
      ipv4Prefixes: prefixes,
      description: '',
      deviceIndex: 0,
    };
    return { enis: [eni], podIps };
  }
  const enis: NetworkInterfaceSpec[] = [];
  let remaining = plan.secondaryPerNode;
  for (let e = 0; e < plan.enisPerNode; e++) {
    const primary = alloc.ip(subnet.index);
    const secondaries: string[] = [];
    for (let k = 0; k < plan.slotsPerEni && remaining > 0; k++, remaining--) {
      secondaries.push(alloc.ip(subnet.index));
    }
    podIps.push(...secondaries);
    enis.push({
      id: `eni-${stableHex(`${cluster}/eni/${n}/${e}`, 17)}`,
      subnetId: subnet.id,
      primaryIp: primary,
      secondaryIps: secondaries,
      deviceIndex: e,
      description: e === 0 ? '' : `aws-K8S-${instanceId}`,
      tags:
        e === 0
          ? {}
          : {
              'cluster.k8s.amazonaws.com/name': cluster,
              'node.k8s.amazonaws.com/instance_id': instanceId,
            },
    });
  }
  return { enis, podIps };
}

/** Pods of `services` Deployments round-robin, the node's completed ones last, and daemons. */
class PodFactory {
  private podCounter = 0;
  // Generated names, like the API server's, are retried on collision (27^5 suffixes).
  private readonly usedNames = new Set<string>();
  private readonly serviceHash: string[];

  constructor(private readonly plan: Plan) {
    this.serviceHash = Array.from({ length: plan.services }, (_, i) =>
      kubeSuffix(`${plan.cluster}/svc/${i}`, 9),
    );
  }

  private uniqueName(prefix: string, seed: string): string {
    for (let attempt = 0; ; attempt++) {
      const name = `${prefix}-${kubeSuffix(`${seed}#${attempt}`, 5)}`;
      if (!this.usedNames.has(name)) {
        this.usedNames.add(name);
        return name;
      }
    }
  }

  podsOf(n: number, instanceId: string, podIps: string[]): PodSpec[] {
    const { plan } = this;
    const pods: PodSpec[] = [];
    for (let k = 0; k < plan.podIpsPerNode; k++) {
      const svc = this.podCounter % plan.services;
      const svcName = `svc-${String(svc).padStart(3, '0')}`;
      const hash = this.serviceHash[svc];
      pods.push({
        namespace: `team-${svc % 10}`,
        name: this.uniqueName(
          `${svcName}-${hash}`,
          `${plan.cluster}/pod/${this.podCounter}`,
        ),
        node: instanceId,
        ip: podIps[k],
        phase: k < plan.podsPerNode ? 'Running' : 'Succeeded',
        labels: {
          app: svcName,
          'backstage.io/kubernetes-id': svcName,
          'pod-template-hash': hash,
        },
        owner: { kind: 'ReplicaSet', name: `${svcName}-${hash}` },
      });
      this.podCounter++;
    }
    if (plan.hostNetworkDaemons) {
      for (const ds of ['aws-node', 'kube-proxy']) {
        pods.push({
          namespace: 'kube-system',
          name: this.uniqueName(ds, `${plan.cluster}/${ds}/${n}`),
          node: instanceId,
          hostNetwork: true,
          labels: { 'k8s-app': ds },
          owner: { kind: 'DaemonSet', name: ds },
        });
      }
    }
    return pods;
  }
}

/**
 * Builds a big, valid scenario for benchmarks: `nodes` nodes spread round-robin over
 * `subnets` subnets (each sized to fit), `podsPerNode` pods per node. Pod IPs are packed
 * from the start of each node's prefixes (or secondary IPs), so the numbers are predictable:
 * prefix mode uses ceil(podsPerNode / 16) + warm prefixes per node.
 */
export function generateLargeCluster(
  options: LargeClusterOptions,
): ScenarioFile {
  const plan = planOf(options);
  const { cluster, accountId, region } = plan;
  const { subnets, vpcCidrs } = planSubnets(plan);
  const alloc = new AddressAllocator(subnets, nodesPerSubnet(plan));
  const podFactory = new PodFactory(plan);
  const instances: InstanceSpec[] = [];
  const nodeSpecs: Array<{ instanceId: string; nodegroup: string }> = [];
  const pods: PodSpec[] = [];
  for (let n = 0; n < plan.nodes; n++) {
    const s = n % plan.subnetCount;
    const instanceId = `i-${stableHex(`${cluster}/node/${n}`, 17)}`;
    const { enis, podIps } = nodeEnis(
      plan,
      n,
      { index: s, id: subnets[s].id },
      instanceId,
      alloc,
    );
    instances.push({
      id: instanceId,
      instanceType: plan.typeName,
      tags: { 'eks:cluster-name': cluster },
      networkInterfaces: enis,
    });
    nodeSpecs.push({ instanceId, nodegroup: `ng-${s}` });
    pods.push(...podFactory.podsOf(n, instanceId, podIps));
  }

  return {
    name: `generated-${plan.nodes}x${plan.podsPerNode}`,
    description: `Generated: ${plan.nodes} ${plan.typeName} nodes (${plan.mode}), ${plan.podsPerNode} pods each, ${plan.subnetCount} subnets`,
    accounts: [
      {
        id: accountId,
        alias: 'generated',
        credentials: [
          {
            accessKeyId: GENERATED_CREDENTIALS.accessKeyId,
            secretAccessKey: GENERATED_CREDENTIALS.secretAccessKey,
          },
        ],
        regions: [
          {
            name: region,
            vpcs: [
              {
                id: `vpc-${stableHex(`${cluster}/vpc`, 17)}`,
                cidrBlocks: vpcCidrs,
                subnets,
              },
            ],
            instances,
          },
        ],
      },
    ],
    clusters: [
      {
        name: cluster,
        account: accountId,
        region,
        auth: {
          serviceAccountTokens: [GENERATED_CREDENTIALS.serviceAccountToken],
          awsIam: true,
        },
        nodes: nodeSpecs,
        pods,
      },
    ],
  };
}
