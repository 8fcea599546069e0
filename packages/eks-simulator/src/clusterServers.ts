import http from 'node:http';
import https from 'node:https';
import { FaultController } from './faults/faultController';
import { KubernetesApi, KubernetesApiOptions } from './k8s/kubernetesApi';
import { listenOn, urlHost } from './listen';
import { SimCluster } from './scenario/types';
import { SimulatorCluster } from './simulatorTypes';

interface Listener {
  cluster: string;
  server: http.Server;
  port: number;
  listening: boolean;
}

export interface ClusterServers {
  clusters: SimulatorCluster[];
  apis: Map<string, KubernetesApi>;
  /** Opens and closes ports as `clusterDown` faults (mode `refuse`) come and go. */
  syncListeners(): Promise<void>;
}

export interface ClusterServerOptions {
  host: string;
  tls: { cert: string; key: string };
  k8sBasePort?: number;
  k8sHttpBasePort?: number;
  api: KubernetesApiOptions;
  faults: FaultController;
}

/**
 * One HTTPS port per cluster (real clusters are separate origins), plain HTTP on request.
 * Every server started is added to `servers` at once, so a failed start can close them.
 */
export async function startClusterServers(
  scenarioClusters: SimCluster[],
  options: ClusterServerOptions,
  servers: http.Server[],
): Promise<ClusterServers> {
  const { host } = options;
  const apis = new Map<string, KubernetesApi>();
  const listeners: Listener[] = [];
  const clusters: SimulatorCluster[] = [];
  const serve = async (
    server: http.Server,
    cluster: string,
    base?: number,
    index = 0,
  ) => {
    servers.push(server);
    const port = await listenOn(server, host, base ? base + index : 0);
    listeners.push({ cluster, server, port, listening: true });
    return port;
  };
  for (const [index, cluster] of scenarioClusters.entries()) {
    const api = new KubernetesApi(cluster, options.api);
    apis.set(cluster.name, api);
    const secure = https.createServer(options.tls, api.handle);
    const port = await serve(secure, cluster.name, options.k8sBasePort, index);
    let httpUrl: string | undefined;
    if (options.k8sHttpBasePort !== undefined) {
      const plain = http.createServer(api.handle);
      const plainPort = await serve(
        plain,
        cluster.name,
        options.k8sHttpBasePort,
        index,
      );
      httpUrl = `http://${urlHost(host)}:${plainPort}`;
    }
    clusters.push({
      name: cluster.name,
      accountId: cluster.accountId,
      region: cluster.region,
      url: `https://${urlHost(host)}:${port}`,
      httpUrl,
      serviceAccountToken: cluster.serviceAccountTokens[0],
      awsIamClusterId: cluster.awsIam?.clusterId,
      awsIamAccounts: cluster.awsIam?.accounts,
    });
  }

  // A cluster taken down with mode `refuse` closes its ports; bringing it up reopens them.
  const syncListeners = async () => {
    for (const l of listeners) {
      const down = options.faults.clusterDown(l.cluster) === 'refuse';
      if (down && l.listening) {
        l.listening = false;
        l.server.close();
        l.server.closeAllConnections();
      } else if (!down && !l.listening) {
        l.listening = true;
        await listenOn(l.server, host, l.port);
      }
    }
  };
  return { clusters, apis, syncListeners };
}
