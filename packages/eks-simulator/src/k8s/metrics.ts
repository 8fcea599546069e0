import { KubeObject, SimCluster } from '../scenario/types';

/** metrics-server's view of pods: a small, deterministic usage for every running pod. */
export function podMetricsOf(cluster: SimCluster): KubeObject[] {
  return cluster.pods
    .filter(p => p.status?.phase === 'Running')
    .map(p => {
      const seed = parseInt(String(p.metadata.uid).slice(0, 6), 16);
      return {
        apiVersion: 'metrics.k8s.io/v1beta1',
        kind: 'PodMetrics',
        metadata: {
          name: p.metadata.name,
          namespace: p.metadata.namespace,
          creationTimestamp: new Date().toISOString(),
          labels: p.metadata.labels,
        },
        timestamp: new Date().toISOString(),
        window: '15s',
        containers: (p.spec.containers as Array<{ name: string }>).map(c => ({
          name: c.name,
          usage: {
            cpu: `${(seed % 90) + 5}m`,
            memory: `${(seed % 200) + 40}Mi`,
          },
        })),
      };
    });
}

/** metrics-server's view of nodes: the same modest usage everywhere. */
export function nodeMetricsOf(cluster: SimCluster): KubeObject[] {
  return cluster.nodes.map(n => ({
    apiVersion: 'metrics.k8s.io/v1beta1',
    kind: 'NodeMetrics',
    metadata: {
      name: n.metadata.name,
      labels: n.metadata.labels,
      creationTimestamp: new Date().toISOString(),
    },
    timestamp: new Date().toISOString(),
    window: '20s',
    usage: { cpu: '180m', memory: '1200Mi' },
  }));
}
