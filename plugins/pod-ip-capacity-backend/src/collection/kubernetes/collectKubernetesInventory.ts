import type { InventoryPod } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { isIP } from 'node:net';
import { UnreadableItems } from '../unreadableItems';
import {
  KubernetesPluginClient,
  RequestLimits,
} from './KubernetesPluginClient';

/** The fields of a Node that capacity needs, and nothing else. */
export interface CollectedNode {
  name: string;
  providerId?: string;
  labels: Record<string, string>;
  /** `status.allocatable.pods`: the kubelet's real pod limit. */
  allocatablePods?: number;
  /** The node's InternalIP, if it has one. */
  internalIp?: string;
}

export interface KubernetesInventory {
  nodes: CollectedNode[];
  /** Already in the engine's shape: nothing more is known of a pod. */
  pods: InventoryPod[];
  /** List pages read, per kind: the figure the benchmarks report. */
  calls: Record<string, number>;
}

interface KubeObject {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{ kind?: string; name?: string }>;
  };
  spec?: {
    providerID?: string;
    nodeName?: string;
    hostNetwork?: boolean;
  };
  status?: {
    allocatable?: Record<string, string>;
    addresses?: Array<{ type?: string; address?: string }>;
    phase?: string;
    podIP?: string;
    podIPs?: Array<{ ip?: string }>;
  };
}

/**
 * Lists a cluster's nodes and pods through the Kubernetes plugin, paginated.
 * Completed pods are filtered out by the API server (their IP is released
 * even though `status.podIP` still shows it), which also keeps pages small.
 */
export async function collectKubernetesInventory(
  client: KubernetesPluginClient,
  cluster: string,
  options: { pageSize: number } & RequestLimits,
  unreadable: UnreadableItems,
): Promise<KubernetesInventory> {
  const nodes = await client.listAll<KubeObject>(cluster, '/api/v1/nodes', {
    ...options,
  });
  const pods = await client.listAll<KubeObject>(cluster, '/api/v1/pods', {
    ...options,
    query: { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' },
  });
  for (let i = 0; i < nodes.skipped + pods.skipped; i++) {
    unreadable.add('kubernetes-item', i < nodes.skipped ? 'node' : 'pod');
  }
  return {
    nodes: nodes.items.map(n => toNode(n, unreadable)),
    pods: pods.items.map(p => toPod(p, unreadable)),
    calls: { nodes: nodes.pages, pods: pods.pages },
  };
}

function toNode(node: KubeObject, unreadable: UnreadableItems): CollectedNode {
  const providerId = node.spec?.providerID;
  if (providerId !== undefined && !/^[a-z][\w-]*:\/\//.test(providerId)) {
    unreadable.add('node', node.metadata?.name ?? '');
  }
  const pods = Number.parseInt(node.status?.allocatable?.pods ?? '', 10);
  const internalIp = node.status?.addresses?.find(
    a => a.type === 'InternalIP',
  )?.address;
  return {
    name: node.metadata?.name ?? '',
    ...(node.spec?.providerID ? { providerId: node.spec.providerID } : {}),
    labels: node.metadata?.labels ?? {},
    ...(Number.isFinite(pods) ? { allocatablePods: pods } : {}),
    ...(internalIp ? { internalIp } : {}),
  };
}

/**
 * `status.podIPs` (dual-stack aware), else the older `status.podIP`; an IP
 * that is not an address is left out and reported.
 */
function podIpsOf(pod: KubeObject, unreadable: UnreadableItems): string[] {
  const listed = (pod.status?.podIPs ?? [])
    .map(p => p?.ip)
    .filter((ip): ip is string => typeof ip === 'string' && !!ip);
  let ips = listed;
  if (ips.length === 0 && pod.status?.podIP) ips = [pod.status.podIP];
  const valid = ips.filter(ip => isIP(ip) !== 0);
  if (valid.length < ips.length) {
    unreadable.add(
      'pod-ip',
      `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`,
    );
  }
  return valid;
}

function toPod(pod: KubeObject, unreadable: UnreadableItems): InventoryPod {
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    phase: pod.status?.phase ?? 'Unknown',
    hostNetwork: pod.spec?.hostNetwork === true,
    podIps: podIpsOf(pod, unreadable),
    labels: pod.metadata?.labels ?? {},
    annotations: pickAnnotations(pod.metadata?.annotations),
    ownerReferences: (pod.metadata?.ownerReferences ?? []).map(o => ({
      kind: o.kind ?? '',
      name: o.name ?? '',
    })),
  };
}

/** Only the annotation that says a pod has its own branch ENI is kept. */
function pickAnnotations(
  annotations: Record<string, string> | undefined,
): Record<string, string> {
  const podEni = annotations?.['vpc.amazonaws.com/pod-eni'];
  return podEni ? { 'vpc.amazonaws.com/pod-eni': podEni } : {};
}
