import {
  KubeObject,
  KubernetesInventory,
  toKubernetesInventory,
  UnreadableItems,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import {
  KubernetesPluginClient,
  RequestLimits,
} from './KubernetesPluginClient';

export type { KubernetesInventory };

/**
 * Lists a cluster's nodes and pods through the Kubernetes plugin, paginated,
 * and normalises them into the engine's shape with the node library (the
 * same normalisation the CLI applies to what it reads from a kubeconfig).
 * Completed pods are listed too: their IP is released even though
 * `status.podIP` still shows it, so the engine counts them apart (never as
 * holding an IP), and entity views can say which of a service's pods hold
 * none and why, as the Kubernetes tab lists them.
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
  });
  return toKubernetesInventory(nodes, pods, unreadable);
}
