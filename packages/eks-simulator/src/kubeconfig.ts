import { stringify } from 'yaml';
import { SimulatorCluster } from './simulatorTypes';

/** A kubeconfig with one context per cluster, trusting the simulator's certificate. */
export function buildKubeconfig(
  clusters: SimulatorCluster[],
  caCert: string,
): string {
  const caData = Buffer.from(caCert).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: clusters.map(c => ({
      name: c.name,
      cluster: { server: c.url, 'certificate-authority-data': caData },
    })),
    users: clusters.map(c => ({
      name: `${c.name}-user`,
      user: c.serviceAccountToken ? { token: c.serviceAccountToken } : {},
    })),
    contexts: clusters.map(c => ({
      name: c.name,
      context: { cluster: c.name, user: `${c.name}-user` },
    })),
    'current-context': clusters[0]?.name ?? '',
    preferences: {},
  });
}
