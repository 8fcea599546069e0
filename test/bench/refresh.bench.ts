/* eslint-disable no-console */
/**
 * Refresh benchmark (a script, not a test):
 *
 *   yarn bench:refresh [--nodes 100,1000,5000] [--pods-per-node 30]
 *
 * For each size, starts the EKS simulator on a generated cluster and a real
 * Backstage backend (the Kubernetes backend plugin and Pod IP Capacity), runs
 * one refresh through the real clients and prints: wall time; a baseline
 * measured in the same run (paging the same pods through the same Kubernetes
 * proxy with nothing else) and the ratio; EC2 calls per action; Kubernetes
 * list calls; and the process's peak RSS growth during the refresh (the
 * simulator runs in this process too, so this is an upper bound).
 */
import { performance } from 'node:perf_hooks';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { startSimulator } from '@pod-ip-capacity/eks-simulator';
import podIpCapacityPlugin from '@pod-ip-capacity/plugin-pod-ip-capacity-backend';
import request from 'supertest';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const sizes = arg('nodes', '100,1000,5000').split(',').map(Number);
const podsPerNode = Number(arg('pods-per-node', '30'));

async function sampleRss<T>(run: () => Promise<T>) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await run();
    return { result, growthMiB: (peak - before) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function benchmark(nodes: number) {
  // A /16 holds about 1,000 nodes at this density.
  const subnets = Math.max(2, Math.ceil(nodes / 800));
  const sim = await startSimulator({
    scenario: `generated:nodes=${nodes},podsPerNode=${podsPerNode},subnets=${subnets}`,
  });
  const cluster = sim.clusters[0];
  const credentials = sim.credentials[0];
  process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
  const backend = await startTestBackend({
    features: [
      kubernetesPlugin,
      podIpCapacityPlugin,
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: cluster.name,
                    url: cluster.url,
                    caData: Buffer.from(sim.caCert).toString('base64'),
                    authProvider: 'serviceAccount',
                    serviceAccountToken: cluster.serviceAccountToken,
                  },
                ],
              },
            ],
          },
          podIpCapacity: {
            refresh: { frequency: { hours: 24 } },
            aws: { endpoint: sim.awsEndpoint },
          },
        },
      }),
    ],
  });
  const server = backend.server;
  // A first refresh warms the code paths up; the measured one comes after.
  await request(server).post('/api/pod-ip-capacity/refresh').send({});
  await waitUntilIdle(server);

  // Baseline: the same pods, through the same proxy, with nothing else done.
  const baselineStart = performance.now();
  let token: string | undefined;
  do {
    const page = await request(server)
      .get('/api/kubernetes/proxy/api/v1/pods')
      .query({
        limit: 500,
        fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed',
        ...(token ? { continue: token } : {}),
      })
      .set('Backstage-Kubernetes-Cluster', cluster.name);
    token = page.body.metadata?.continue || undefined;
  } while (token);
  const baselineMs = performance.now() - baselineStart;

  sim.resetCounters();
  const { result: wallMs, growthMiB } = await sampleRss(async () => {
    const start = performance.now();
    await request(server).post('/api/pod-ip-capacity/refresh').send({});
    await waitUntilIdle(server);
    return performance.now() - start;
  });
  const detail = await request(server).get(
    `/api/pod-ip-capacity/clusters/${cluster.name}`,
  );
  const counters = sim.counters();
  await backend.stop();
  await sim.stop();
  return {
    nodes,
    pods: detail.body.totals?.pods,
    status: detail.body.snapshot?.status,
    wallMs,
    baselineMs,
    ec2: counters.aws,
    kubernetes: counters.kubernetes[cluster.name] ?? {},
    growthMiB,
  };
}

async function waitUntilIdle(server: any) {
  for (let i = 0; i < 6000; i++) {
    const list = await request(server).get('/api/pod-ip-capacity/clusters');
    const clusters = list.body.clusters ?? [];
    if (
      clusters.length > 0 &&
      clusters.every(
        (c: any) => !c.snapshot.refreshing && c.snapshot.status !== 'pending',
      )
    ) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error('refresh did not finish in 5 minutes');
}

async function main() {
  console.log(
    `Refresh benchmark: ${podsPerNode} pods per node, sizes ${sizes.join(
      ', ',
    )}`,
  );
  const rows = [];
  for (const nodes of sizes) {
    rows.push(await benchmark(nodes));
  }
  for (const row of rows) {
    console.log(
      `\n${row.nodes} nodes, ${row.pods} pods (snapshot ${row.status})\n` +
        `  refresh wall time   ${row.wallMs.toFixed(0)} ms\n` +
        `  baseline            ${row.baselineMs.toFixed(
          0,
        )} ms (paging the pods through the same proxy)\n` +
        `  ratio               ${(row.wallMs / row.baselineMs).toFixed(2)}\n` +
        `  peak RSS growth     ${row.growthMiB.toFixed(
          0,
        )} MiB (backend and simulator in one process)\n` +
        `  EC2 calls           ${JSON.stringify(row.ec2)}\n` +
        `  Kubernetes calls    ${JSON.stringify(row.kubernetes)}`,
    );
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
