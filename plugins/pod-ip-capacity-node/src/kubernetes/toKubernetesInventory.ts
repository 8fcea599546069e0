import type {
  InventoryNode,
  InventoryPod,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { isIP } from 'node:net';
import { UnreadableItems } from '../unreadableItems';
import {
  instanceIdOfProviderId,
  regionOfNodes,
  zoneOfProviderId,
} from './nodeLocation';

/**
 * A cluster's nodes and pods, already in the engine's shape.
 *
 * @public
 */
export interface KubernetesInventory {
  nodes: InventoryNode[];
  pods: InventoryPod[];
  /** The AWS region the nodes say they are in, when they say. */
  region?: string;
  /** List pages read, per kind: the figure the benchmarks report. */
  calls: Record<string, number>;
}

/**
 * A Node or Pod as the Kubernetes API returns it, reduced to the fields the
 * engine reads. Everything is optional: upstream objects are never trusted.
 *
 * @public
 */
export interface KubeObject {
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
    phase?: string;
    podIP?: string;
    podIPs?: Array<{ ip?: string }>;
  };
}

/**
 * One kind listed page by page (`limit` / `continue`), however it was read:
 * through the Backstage Kubernetes plugin's proxy or straight from a
 * kubeconfig's API server.
 *
 * @public
 */
export interface ListedKubeObjects {
  items: KubeObject[];
  /** List pages read. */
  pages: number;
  /** Items that were not objects (`null`…): left out, and reported. */
  skipped: number;
}

/**
 * A cluster's listed nodes and pods in the engine's shape, normalised once.
 * Completed pods are kept: their IP is released even though `status.podIP`
 * still shows it, so the engine counts them apart (never as holding an IP),
 * and entity views can say which of a service's pods hold none and why, as
 * the Kubernetes tab lists them (how-pod-ips-are-counted.md §3).
 *
 * @public
 */
export function toKubernetesInventory(
  nodes: ListedKubeObjects,
  pods: ListedKubeObjects,
  unreadable: UnreadableItems,
): KubernetesInventory {
  // Converted and reported as a collector converting pages on arrival does.
  const conversion = inventoryPodConversion();
  const inventory = toKubernetesInventoryOfPods(
    nodes,
    { ...pods, items: pods.items.map(conversion.converter()) },
    unreadable,
  );
  unreadable.addAll(conversion.unreadable());
  return inventory;
}

/**
 * Pods already in the engine's shape (`toInventoryPod`), as a list read
 * page by page gives them.
 *
 * @public
 */
export interface ListedInventoryPods {
  items: InventoryPod[];
  /** List pages read. */
  pages: number;
  /** Items that were not objects (`null`…): left out, and reported. */
  skipped: number;
}

/**
 * `toKubernetesInventory` for pods converted as their pages arrived: a
 * collector that keeps only `toInventoryPod`'s result of each page never
 * holds the raw pods (a few KiB each; 160,000 of them at 5,000 nodes) all
 * at once.
 *
 * @public
 */
export function toKubernetesInventoryOfPods(
  nodes: ListedKubeObjects,
  pods: ListedInventoryPods,
  unreadable: UnreadableItems,
): KubernetesInventory {
  for (let i = 0; i < nodes.skipped + pods.skipped; i++) {
    unreadable.add('kubernetes-item', i < nodes.skipped ? 'node' : 'pod');
  }
  const region = regionOfNodes(
    nodes.items.map(n => ({
      labels: n.metadata?.labels ?? {},
      providerId: n.spec?.providerID,
    })),
  );
  return {
    nodes: nodes.items.map(n => toNode(n, unreadable)),
    pods: pods.items,
    ...(region ? { region } : {}),
    calls: { nodes: nodes.pages, pods: pods.pages },
  };
}

/**
 * A Node as the engine reads it: its EC2 instance from `spec.providerID`
 * (`aws:///<zone>/<instance-id>`), type and zone from the well-known labels
 * (the zone also from the providerID), the kubelet's pod limit.
 */
function toNode(node: KubeObject, unreadable: UnreadableItems): InventoryNode {
  const providerId = node.spec?.providerID;
  if (providerId !== undefined && !/^[a-z][\w-]*:\/\//.test(providerId)) {
    unreadable.add('node', node.metadata?.name ?? '');
  }
  const labels = node.metadata?.labels ?? {};
  const pods = Number.parseInt(node.status?.allocatable?.pods ?? '', 10);
  const instanceId = instanceIdOfProviderId(providerId);
  const instanceType = labels['node.kubernetes.io/instance-type'];
  const zone =
    labels['topology.kubernetes.io/zone'] ?? zoneOfProviderId(providerId);
  return {
    name: node.metadata?.name ?? '',
    ...(instanceId ? { instanceId } : {}),
    ...(instanceType ? { instanceType } : {}),
    ...(zone ? { zone } : {}),
    ...(Number.isFinite(pods) ? { allocatablePods: pods } : {}),
    labels,
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

/**
 * A list's pods converted page by page, as a lister reads them: `converter`
 * gives a fresh conversion at each (re)start of the list (a list restarted
 * after its continue token expired reads its first pages again), and
 * `unreadable()` what the last attempt could not read, to be taken in once.
 *
 * @public
 */
export function inventoryPodConversion(): {
  converter: () => (pod: KubeObject) => InventoryPod;
  unreadable: () => UnreadableItems;
} {
  let attempt = new UnreadableItems();
  return {
    converter: () => {
      const reports = (attempt = new UnreadableItems());
      return pod => toInventoryPod(pod, reports);
    },
    unreadable: () => attempt,
  };
}

/**
 * A Pod as the engine reads it: where it runs, its phase, its IPs (one that
 * is not an address is left out and reported to `unreadable`), labels,
 * owners and the branch-ENI annotation. Only these are kept, nothing that
 * refers to the rest of the object.
 *
 * @public
 */
export function toInventoryPod(
  pod: KubeObject,
  unreadable: UnreadableItems,
): InventoryPod {
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
