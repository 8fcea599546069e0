import { defaultAzId } from './azIds';
import { stableHex, stableUuid } from './ids';
import { CREATED_AT } from './resolveInstance';
import { maxPodsFor } from './maxPods';
import {
  InstanceTypeSpec,
  KubeObject,
  NodeSpec,
  SimInstance,
  Tags,
} from './types';

type PodIpMode = 'auto' | 'prefix' | 'secondary-ip';

/** What the pod-IP mode reads of an ENI (a resolved ENI, or a scenario ENI with defaults). */
export interface EniFacts {
  ipv4Prefixes: string[];
  secondaryIps: string[];
  interfaceType: string;
  subnetId: string;
}

const holdsPods = (e: EniFacts) =>
  e.ipv4Prefixes.length > 0 || e.secondaryIps.length > 0;

/**
 * How the node's pods get IPs (how-pod-ips-are-counted.md §1): Auto Mode as labelled,
 * prefix mode when any ENI holds prefixes, and custom networking when the primary ENI holds
 * no pod addresses but an ENI in another subnet does. `enis` starts with the primary ENI.
 */
export function podIpMode(
  enis: EniFacts[],
  computeType: string | undefined,
): { mode: PodIpMode; customNetworking: boolean } {
  const usesPrefixes = enis.some(e => e.ipv4Prefixes.length > 0);
  let mode: PodIpMode = usesPrefixes ? 'prefix' : 'secondary-ip';
  if (computeType === 'auto') mode = 'auto';
  const primaryEni = enis[0];
  const customNetworking =
    mode !== 'auto' &&
    !holdsPods(primaryEni) &&
    enis.some(
      e =>
        e !== primaryEni &&
        e.interfaceType === 'interface' &&
        holdsPods(e) &&
        e.subnetId !== primaryEni.subnetId,
    );
  return { mode, customNetworking };
}

/** The kubelet's pod limit: the scenario's, else the max-pods formula for the node's mode. */
export function allocatablePodsOf(
  n: NodeSpec,
  enis: EniFacts[],
  type: Required<InstanceTypeSpec> | undefined,
): number {
  const { mode, customNetworking } = podIpMode(enis, n.computeType);
  const capacity = type ? maxPodsFor(type, mode, customNetworking) : 110;
  return n.allocatablePods ?? capacity;
}

/** The well-known labels EKS, Karpenter and the kubelet put on a node. */
function nodeLabels(
  inst: SimInstance,
  n: NodeSpec,
  nodeName: string,
  region: string,
): Tags {
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/instance-type': inst.instanceType,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': nodeName,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': inst.instanceType,
    'topology.k8s.aws/zone-id': defaultAzId(inst.availabilityZone),
    'topology.kubernetes.io/region': region,
    'topology.kubernetes.io/zone': inst.availabilityZone,
    ...(n.computeType
      ? { 'eks.amazonaws.com/compute-type': n.computeType }
      : {}),
    ...(n.nodepool ? { 'karpenter.sh/nodepool': n.nodepool } : {}),
    ...(n.nodegroup ? { 'eks.amazonaws.com/nodegroup': n.nodegroup } : {}),
    ...(n.labels ?? {}),
  };
}

function nodeInfo(inst: SimInstance, version: string) {
  return {
    architecture: 'amd64',
    bootID: stableUuid(`${inst.id}/boot`),
    containerRuntimeVersion: 'containerd://1.7.27',
    kernelVersion: '6.1.132-147.221.amzn2023.x86_64',
    kubeProxyVersion: `v${version}.0-eks-0000000`,
    kubeletVersion: `v${version}.0-eks-0000000`,
    machineID: stableHex(`${inst.id}/machine`, 32),
    operatingSystem: 'linux',
    osImage: 'Amazon Linux 2023.7.20250512',
    systemUUID: stableUuid(`${inst.id}/system`),
  };
}

export interface NodeContext {
  cluster: string;
  region: string;
  kubernetesVersion: string;
}

/**
 * The Node object of an instance: providerID `aws:///<az>/<id>`, labels, addresses, and
 * capacity/allocatable pods from the max-pods formula (how-pod-ips-are-counted.md §4).
 */
export function buildNode(
  ctx: NodeContext,
  n: NodeSpec,
  inst: SimInstance,
  type: Required<InstanceTypeSpec> | undefined,
): KubeObject {
  const nodeName = n.name ?? inst.id;
  const { mode, customNetworking } = podIpMode(
    inst.networkInterfaces,
    n.computeType,
  );
  const capacityPods = type ? maxPodsFor(type, mode, customNetworking) : 110;
  const hostname = `ip-${inst.privateIp.replace(/\./g, '-')}.${
    ctx.region
  }.compute.internal`;
  const resources = (pods: number) => ({
    cpu: `${type?.vcpus ?? 2}`,
    'ephemeral-storage': '20959212Ki',
    memory: `${(type?.memoryMiB ?? 8192) * 1024 - 500000}Ki`,
    pods: `${pods}`,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: nodeName,
      uid: stableUuid(`${ctx.cluster}/node/${nodeName}`),
      resourceVersion: '1000',
      creationTimestamp: inst.launchTime,
      labels: nodeLabels(inst, n, nodeName, ctx.region),
      annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec: { providerID: `aws:///${inst.availabilityZone}/${inst.id}` },
    status: {
      capacity: resources(capacityPods),
      allocatable: resources(n.allocatablePods ?? capacityPods),
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: CREATED_AT,
          lastTransitionTime: CREATED_AT,
        },
      ],
      addresses: [
        { type: 'InternalIP', address: inst.privateIp },
        { type: 'InternalDNS', address: hostname },
        { type: 'Hostname', address: hostname },
      ],
      nodeInfo: nodeInfo(inst, ctx.kubernetesVersion),
    },
  };
}
