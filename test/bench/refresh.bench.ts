/* eslint-disable no-console */
/**
 * Refresh and read benchmark (a script, not a test):
 *
 *   yarn bench:refresh [--nodes 1000,5000] [--pods-per-node 30]
 *     [--latency 0,50] [--repeat 3] [--clients 100] [--read-seconds 4]
 *     [--no-reads] [--no-floor] [--marks]
 *
 * For each size, starts the EKS simulator on a generated cluster and a real
 * Backstage backend (the Kubernetes backend plugin, the catalog with one
 * Component per generated service, and Pod IP Capacity). Then, for each
 * injected latency (the simulator's `latency` fault on every AWS call and on
 * every call to the cluster's API), it measures in the same run:
 *
 * - the floor: fetching and parsing the lists a refresh needs, once, through
 *   the same path and nothing else (the pods dropped page by page, as the
 *   refresh keeps only what it reads of each) — nodes, pods and the add-on
 *   lists through the Kubernetes plugin's proxy, and the collector's EC2 calls
 *   (same actions, filters, IncludeManagedResources, page sizes, batching
 *   and concurrency) through @aws-sdk/client-ec2 — both back to back
 *   ("serial") and with what does not depend on each other overlapped
 *   ("overlapped": pods ∥ add-ons ∥ nodes → EC2), which is the lower bound;
 * - one refresh (POST /refresh until the cluster is idle again), its EC2
 *   calls per action and Kubernetes calls, and the process's peak RSS growth;
 * - the ratios refresh / floor.
 *
 * Then, from the warm snapshot, GET /clusters, /entity, /owners, /overview
 * and a page of /nodes (every node, and an entity's) under
 * `--clients` concurrent keep-alive clients (a worker thread, so that the
 * load generator does not share the backend's event loop) for
 * `--read-seconds` each, p50/p99, against GET /health measured the same way.
 * Finally what the process keeps (after a full GC) over the idle backend,
 * after the refreshes and again after the reads: its RSS, and what its heap
 * (with buffers) still holds, against the snapshot's own size (its JSON, as
 * stored). HEAP_SNAPSHOT=<file> also writes heap snapshots at those points.
 *
 * The simulator runs in a process of its own, as a cluster's API server and
 * EC2 are remote to a real backend: the RSS and the read latencies are the
 * backend's alone. Its work (serving 150,000 pods) still takes one of the
 * machine's CPUs during the floor and the refresh alike, which is why the
 * ratios against the same-run floor are the figures to compare, not the
 * absolute times (the CI machine has 2 shared CPUs).
 */
import { gunzipSync } from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import {
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  Filter,
  GetSubnetCidrReservationsCommand,
  Instance,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import podIpCapacityPlugin from '@pod-ip-capacity/plugin-pod-ip-capacity-backend';
import { Knex } from 'knex';
import { catalogFile, median, SERVICES } from './generatedWorld';
import { SimulatorProcess, startSimulatorProcess } from './simulatorProcess';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const sizes = arg('nodes', '1000,5000').split(',').map(Number);
const podsPerNode = Number(arg('pods-per-node', '30'));
const latencies = arg('latency', '0,50').split(',').map(Number);
const clients = Number(arg('clients', '100'));
const readSeconds = Number(arg('read-seconds', '4'));
const reads = !process.argv.includes('--no-reads');
const floors = !process.argv.includes('--no-floor');
const marks = process.argv.includes('--marks');
/** Floor and refresh measured this many times each, interleaved; medians are printed. */
const repeat = Number(arg('repeat', '3'));
/** The collector's defaults (config.ts): what the floor replicates. */
const K8S_PAGE = 500;
const EC2_PAGE = 1000;
const EC2_CONCURRENCY = 4;
const FILTER_VALUES = 200;
const INSTANCE_TYPES_PER_CALL = 100;
const ADD_ON_LISTS = [
  '/apis/karpenter.k8s.aws/v1/ec2nodeclasses',
  '/apis/karpenter.sh/v1/nodepools',
  '/apis/eks.amazonaws.com/v1/nodeclasses',
  '/apis/crd.k8s.amazonaws.com/v1alpha1/eniconfigs',
  '/apis/apps/v1/deployments',
];
const ADD_ON_GETS = [
  '/apis/apps/v1/namespaces/kube-system/daemonsets/aws-node',
];

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const MiB = 2 ** 20;

/** With --marks: monotonic µs (a --cpu-prof profile's clock), to cut a profile to the refreshes. */
function mark(what: string) {
  if (marks) {
    console.log(`mark ${what} ${process.hrtime.bigint() / 1000n}`);
  }
}

/** After a full GC: the RSS, and what the heap (with buffers) still holds. */
function memory() {
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, held: m.heapUsed + m.external };
}

function rss() {
  return memory().rss;
}

async function sampleRss<T>(run: () => Promise<T>) {
  const before = rss();
  let peak = before;
  // memoryUsage.rss() alone: memoryUsage() walks the heap spaces, which
  // showed up in the profile at this sampling rate.
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthMiB: (peak - before) / MiB };
  } finally {
    clearInterval(timer);
  }
}

function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]);
    }
  };
  return Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, lane),
  ).then(() => results);
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** Every page's items, or with `keep: false` none: a list only read and parsed. */
async function pages<T>(
  fetchPage: (token?: string) => Promise<{ items: T[]; next?: string }>,
  keep = true,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    if (keep) for (const item of page.items) items.push(item);
    token = page.next || undefined;
  } while (token);
  return items;
}

/** The same lists a refresh reads, through the same clients, with no computation. */
function floorOf(sim: SimulatorProcess, baseUrl: string) {
  const cluster = sim.clusters[0];
  const credentials = sim.credentials[0];
  const proxy = `${baseUrl}/api/kubernetes/proxy`;
  const headers = { 'Backstage-Kubernetes-Cluster': cluster.name };
  // The pods are parsed and dropped page by page (the refresh keeps only
  // what the engine reads of each page): holding 160,000 raw pods would
  // make the floor pay for a heap the refresh does not have.
  const listAll = (listPath: string, keep = true) =>
    pages<unknown>(async token => {
      const query = new URLSearchParams({
        limit: String(K8S_PAGE),
        ...(token ? { continue: token } : {}),
      });
      const response = await fetch(`${proxy}${listPath}?${query}`, {
        headers,
      });
      if (response.status === 404) {
        await response.body?.cancel();
        return { items: [] };
      }
      const page = (await response.json()) as any;
      return { items: page.items ?? [], next: page.metadata?.continue };
    }, keep);
  const addOns = () =>
    Promise.all([
      ...ADD_ON_LISTS.map(p => listAll(p)),
      ...ADD_ON_GETS.map(async p =>
        (await fetch(`${proxy}${p}`, { headers })).text(),
      ),
    ]);

  const ec2 = async (instanceIds: string[]) => {
    const client = new EC2Client({
      region: cluster.region,
      endpoint: sim.awsEndpoint,
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
      },
      maxAttempts: 6,
    });
    try {
      const describe = (Filters: Filter[]) =>
        pages<Instance>(async NextToken => {
          const page = await client.send(
            new DescribeInstancesCommand({
              Filters,
              IncludeManagedResources: true,
              MaxResults: EC2_PAGE,
              NextToken,
            }),
          );
          return {
            items: (page.Reservations ?? []).flatMap(r => r.Instances ?? []),
            next: page.NextToken,
          };
        });
      // As the collector: a batch of ids, then the cluster's filter (its VPC
      // and the generated world's eks:cluster-name tag) in pages.
      const first = await describe([
        { Name: 'instance-id', Values: instanceIds.slice(0, FILTER_VALUES) },
      ]);
      const instances =
        instanceIds.length > FILTER_VALUES
          ? [
              ...first,
              ...(await describe([
                { Name: 'vpc-id', Values: [first[0].VpcId!] },
                { Name: 'tag:eks:cluster-name', Values: [cluster.name] },
              ])),
            ]
          : first;
      const subnetIds = [
        ...new Set(
          instances.flatMap(i => [
            i.SubnetId!,
            ...(i.NetworkInterfaces ?? []).map(n => n.SubnetId!),
          ]),
        ),
      ].sort();
      const types = [
        ...new Set(instances.map(i => i.InstanceType!)),
      ].sort() as _InstanceType[];
      const bySubnets = <T>(run: (ids: string[]) => Promise<T[]>) =>
        mapWithConcurrency(
          chunk(subnetIds, FILTER_VALUES),
          EC2_CONCURRENCY,
          run,
        );
      await Promise.all([
        bySubnets(ids =>
          pages(async NextToken => {
            const page = await client.send(
              new DescribeSubnetsCommand({
                Filters: [{ Name: 'subnet-id', Values: ids }],
                MaxResults: EC2_PAGE,
                NextToken,
              }),
            );
            return { items: page.Subnets ?? [], next: page.NextToken };
          }),
        ),
        bySubnets(ids =>
          pages(async NextToken => {
            const page = await client.send(
              new DescribeNetworkInterfacesCommand({
                Filters: [{ Name: 'subnet-id', Values: ids }],
                IncludeManagedResources: true,
                MaxResults: EC2_PAGE,
                NextToken,
              }),
            );
            return {
              items: page.NetworkInterfaces ?? [],
              next: page.NextToken,
            };
          }),
        ),
        mapWithConcurrency(
          chunk(types, INSTANCE_TYPES_PER_CALL),
          EC2_CONCURRENCY,
          batch =>
            pages(async NextToken => {
              const page = await client.send(
                new DescribeInstanceTypesCommand({
                  InstanceTypes: batch,
                  MaxResults: Math.min(EC2_PAGE, 100),
                  NextToken,
                }),
              );
              return { items: page.InstanceTypes ?? [], next: page.NextToken };
            }),
        ),
        mapWithConcurrency(subnetIds, EC2_CONCURRENCY, SubnetId =>
          pages(async NextToken => {
            const page = await client.send(
              new GetSubnetCidrReservationsCommand({
                SubnetId,
                MaxResults: EC2_PAGE,
                NextToken,
              }),
            );
            return {
              items: [
                ...(page.SubnetIpv4CidrReservations ?? []),
                ...(page.SubnetIpv6CidrReservations ?? []),
              ],
              next: page.NextToken,
            };
          }),
        ),
      ]);
    } finally {
      client.destroy();
    }
  };
  const instanceIdsOf = (nodes: any[]) =>
    nodes.map(
      n =>
        String(n.spec?.providerID ?? '')
          .split('/')
          .pop()!,
    );
  // Under the refresh's own RSS sampler, so that both pay for it.
  const timed = async (run: () => Promise<unknown>) =>
    (
      await sampleRss(async () => {
        const start = performance.now();
        await run();
        return performance.now() - start;
      })
    ).result;

  return {
    /** Each list after the other: the parts' own times. */
    async serial() {
      let nodes: any[] = [];
      const parts = {
        nodes: await timed(async () => {
          nodes = await listAll('/api/v1/nodes');
        }),
        pods: await timed(() => listAll('/api/v1/pods', false)),
        addOns: await timed(addOns),
        ec2: await timed(() => ec2(instanceIdsOf(nodes))),
      };
      return {
        ms: parts.nodes + parts.pods + parts.addOns + parts.ec2,
        parts,
      };
    },
    /** Pods ∥ add-ons ∥ (nodes → EC2): the lower bound of any refresh. */
    async overlapped() {
      mark('floor-start');
      const ms = await timed(() =>
        Promise.all([
          listAll('/api/v1/pods', false).then(() => mark('floor-pods-end')),
          addOns(),
          listAll('/api/v1/nodes').then(nodes => ec2(instanceIdsOf(nodes))),
        ]),
      );
      mark('floor-end');
      return ms;
    },
  };
}

/** Latencies of one route under `clients` concurrent keep-alive clients, in a worker. */
function load(url: string, seconds: number, concurrency: number) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const { performance } = require('node:perf_hooks');
    const { url, seconds, concurrency } = workerData;
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const get = () => new Promise((resolve, reject) => {
      const start = performance.now();
      http.get(url, { agent }, res => {
        let bytes = 0;
        res.on('data', d => { bytes += d.length; });
        res.on('end', () => resolve({ ms: performance.now() - start, status: res.statusCode, bytes }));
      }).on('error', reject);
    });
    (async () => {
      for (let i = 0; i < 5; i++) await get();
      const ms = []; const statuses = {}; let bytes = 0; let inFlight = 0;
      const began = performance.now();
      const end = began + seconds * 1000;
      const all = Promise.all(Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          inFlight++;
          const r = await get();
          inFlight--;
          ms.push(r.ms); statuses[r.status] = (statuses[r.status] || 0) + 1; bytes = r.bytes;
        }
      }));
      // Requests still unanswered at 3x the duration count as slower than that.
      const cut = new Promise(resolve => setTimeout(resolve, seconds * 3000));
      await Promise.race([all, cut]);
      const elapsed = performance.now() - began;
      const unanswered = inFlight;
      for (let i = 0; i < unanswered; i++) ms.push(Infinity);
      parentPort.postMessage({ ms, statuses, bytes, elapsed, unanswered });
      process.exit(0);
    })().catch(e => { throw e; });
  `;
  return new Promise<{
    unanswered: number;
    cutAfterMs: number;
    requests: number;
    p50: number;
    p99: number;
    perSecond: number;
    bytes: number;
    statuses: Record<string, number>;
  }>((resolve, reject) => {
    const worker = new Worker(code, {
      eval: true,
      workerData: { url, seconds, concurrency },
    });
    worker.once('message', ({ ms, statuses, bytes, elapsed, unanswered }) => {
      const sorted = (ms as number[]).sort((a, b) => a - b);
      const at = (q: number) =>
        sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      resolve({
        unanswered,
        cutAfterMs: seconds * 3000,
        requests: sorted.length - unanswered,
        p50: at(0.5),
        p99: at(0.99),
        perSecond: ((sorted.length - unanswered) / elapsed) * 1000,
        bytes,
        statuses,
      });
    });
    worker.once('error', reject);
  });
}

async function benchmark(nodes: number) {
  // A /16 holds about 1,000 nodes at this density.
  const subnets = Math.max(2, Math.ceil(nodes / 800));
  const sim = await startSimulatorProcess(
    `generated:nodes=${nodes},podsPerNode=${podsPerNode},subnets=${subnets}`,
  );
  const cluster = sim.clusters[0];
  const credentials = sim.credentials[0];
  process.env.AWS_ENDPOINT_URL_STS = sim.awsEndpoint;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-ip-bench-'));
  const catalogPath = path.join(dir, 'catalog.yaml');
  fs.writeFileSync(catalogPath, catalogFile());
  // The plugin's own database, to read the stored snapshot's size.
  let database: Knex | undefined;
  const databaseProbe = createBackendModule({
    pluginId: 'pod-ip-capacity',
    moduleId: 'bench-database-probe',
    register(env) {
      env.registerInit({
        deps: { db: coreServices.database },
        async init({ db }) {
          database = await db.getClient();
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      kubernetesPlugin,
      catalogPlugin,
      podIpCapacityPlugin,
      databaseProbe,
      mockServices.rootConfig.factory({
        data: {
          aws: {
            mainAccount: {
              accessKeyId: credentials.accessKeyId,
              secretAccessKey: credentials.secretAccessKey,
            },
          },
          catalog: {
            rules: [{ allow: ['Component', 'Group'] }],
            locations: [{ type: 'file', target: catalogPath }],
          },
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
            refresh: { frequency: { hours: 24 }, cooldown: { seconds: 0 } },
            aws: { endpoint: sim.awsEndpoint },
          },
        },
      }),
    ],
  });
  const address = backend.server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const api = `${baseUrl}/api/pod-ip-capacity`;
  const getJson = async (url: string) => (await fetch(url)).json() as any;

  const refresh = async () => {
    const start = performance.now();
    mark('refresh-start');
    const answer = await fetch(`${api}/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (answer.status !== 202) {
      throw new Error(`refresh: HTTP ${answer.status} ${await answer.text()}`);
    }
    while (performance.now() - start < 600_000) {
      const list = await getJson(`${api}/clusters`);
      const clusters = list.clusters ?? [];
      if (
        clusters.length > 0 &&
        clusters.every(
          (c: any) => !c.snapshot.refreshing && c.snapshot.status !== 'pending',
        )
      ) {
        mark('refresh-end');
        return performance.now() - start;
      }
      // Every poll is a request the backend answers on the refresh's own
      // event loop, which the floor does not pay for: at 10 ms throughout,
      // Express and our routes took 1.4 s of a 5,000-node refresh and
      // 0.16 s of the floor (--cpu-prof, proxied requests left out). A
      // wait of 1 % of the time so far overstates the refresh by at most
      // that, with a few hundred polls instead of thousands.
      const waitMs = Math.max(10, (performance.now() - start) / 100);
      await new Promise(resolve => setTimeout(resolve, waitMs));
    }
    throw new Error('refresh did not finish in 10 minutes');
  };

  for (let i = 0; ; i++) {
    const entity = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/component/default/svc-${String(
        SERVICES - 1,
      ).padStart(3, '0')}`,
    );
    await entity.body?.cancel();
    if (entity.status === 200) break;
    if (i > 600) throw new Error('the catalog did not process the services');
    await new Promise(resolve => setTimeout(resolve, 100));
  }

  const floor = floorOf(sim, baseUrl);
  const idle = memory();
  const idleRss = idle.rss;
  if (process.env.HEAP_SNAPSHOT) {
    v8.writeHeapSnapshot(`${process.env.HEAP_SNAPSHOT}.idle`);
  }
  // Warm-ups: code paths, connections, the first snapshot. The first
  // refresh of a process also loads and compiles code: its peak is apart.
  const first = await sampleRss(refresh);
  if (floors) await floor.overlapped();

  const runs = [];
  for (const latencyMs of latencies) {
    const faults = latencyMs
      ? [
          await sim.faults.add({ type: 'latency', ms: latencyMs, action: '*' }),
          await sim.faults.add({
            type: 'latency',
            ms: latencyMs,
            cluster: cluster.name,
          }),
        ]
      : [];
    // Interleaved, so that the machine's load falls on all three alike.
    const samples: Array<{
      refreshMs: number;
      serial?: Awaited<ReturnType<typeof floor.serial>>;
      overlappedMs: number;
      growthMiB: number;
      counters: Awaited<ReturnType<SimulatorProcess['counters']>>;
      floorCounters: Awaited<ReturnType<SimulatorProcess['counters']>>;
    }> = [];
    for (let i = 0; i < repeat; i++) {
      await sim.resetCounters();
      const serial = floors ? await floor.serial() : undefined;
      const floorCounters = await sim.counters();
      const overlappedMs = floors ? await floor.overlapped() : NaN;
      await sim.resetCounters();
      const { result: refreshMs, growthMiB } = await sampleRss(refresh);
      samples.push({
        refreshMs,
        serial,
        overlappedMs,
        growthMiB,
        counters: await sim.counters(),
        floorCounters,
      });
    }
    for (const id of faults) await sim.faults.remove(id);
    const record = (await getJson(`${api}/clusters`)).clusters[0];
    const last = samples[samples.length - 1];
    const part = (key: 'nodes' | 'pods' | 'addOns' | 'ec2') =>
      median(samples.map(x => x.serial?.parts[key] ?? NaN));
    runs.push({
      latencyMs,
      refreshMs: median(samples.map(x => x.refreshMs)),
      refreshAll: samples.map(x => x.refreshMs),
      serialMs: median(samples.map(x => x.serial?.ms ?? NaN)),
      parts: {
        nodes: part('nodes'),
        pods: part('pods'),
        addOns: part('addOns'),
        ec2: part('ec2'),
      },
      overlappedMs: median(samples.map(x => x.overlappedMs)),
      overlappedAll: samples.map(x => x.overlappedMs),
      growthMiB: Math.max(...samples.map(x => x.growthMiB)),
      status: record.snapshot?.status,
      ec2: last.counters.aws,
      floorEc2: last.floorCounters.aws,
      kubernetes: last.counters.kubernetes[cluster.name] ?? {},
      floorKubernetes: last.floorCounters.kubernetes[cluster.name] ?? {},
    });
  }

  const summary = (await getJson(`${api}/clusters`)).clusters[0];
  // What the refreshes left behind, before any read adds its caches.
  const refreshed = memory();
  if (process.env.HEAP_SNAPSHOT) {
    v8.writeHeapSnapshot(`${process.env.HEAP_SNAPSHOT}.refreshed`);
  }
  const readRows = [];
  if (reads) {
    for (const [route, url] of [
      ['/health', `${api}/health`],
      ['/clusters', `${api}/clusters`],
      [
        '/entity?entityRef=component:default/svc-000',
        `${api}/entity?entityRef=${encodeURIComponent(
          'component:default/svc-000',
        )}`,
      ],
      ['/owners', `${api}/owners`],
      ['/overview', `${api}/overview`],
      [
        '/nodes?entityRef=component:default/svc-000 (a page of 20)',
        `${api}/nodes?limit=20&sort=workloadPods&order=desc&entityRef=${encodeURIComponent(
          'component:default/svc-000',
        )}`,
      ],
      ['/nodes (a page of 20)', `${api}/nodes?limit=20`],
    ] as const) {
      mark(`read-start ${route}`);
      readRows.push({ route, ...(await load(url, readSeconds, clients)) });
      mark(`read-end ${route}`);
    }
  }
  const after = memory();
  const keptMiB = (after.rss - idleRss) / MiB;
  const heldMiB = (after.held - idle.held) / MiB;
  const refreshedMiB = {
    rss: (refreshed.rss - idleRss) / MiB,
    held: (refreshed.held - idle.held) / MiB,
  };
  if (process.env.HEAP_SNAPSHOT)
    v8.writeHeapSnapshot(process.env.HEAP_SNAPSHOT);
  const row = await database!('pod_ip_capacity_snapshots')
    .select('data', 'data_bytes')
    .where({ cluster: cluster.name })
    .first();
  const snapshotMiB = gunzipSync(Buffer.from(row.data)).length / MiB;
  const gzippedMiB = Number(row.data_bytes) / MiB;
  await backend.stop();
  await sim.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  delete process.env.AWS_ENDPOINT_URL_STS;
  return {
    nodes,
    pods: summary.totals?.pods,
    runs,
    readRows,
    keptMiB,
    heldMiB,
    refreshedMiB,
    firstRefresh: { ms: first.result, growthMiB: first.growthMiB },
    snapshotMiB,
    gzippedMiB,
  };
}

const sum = (counts: Record<string, number>) =>
  Object.values(counts).reduce((a, b) => a + b, 0);
const ms = (value: number) => `${value.toFixed(0)} ms`;
const latency = (value: number, read: { cutAfterMs: number }) =>
  Number.isFinite(value)
    ? `${value.toFixed(1)} ms`
    : `> ${(read.cutAfterMs / 1000).toFixed(0)} s`;

async function main() {
  console.log(
    `Refresh benchmark: ${podsPerNode} pods per node, sizes ${sizes.join(
      ', ',
    )}, injected latency ${latencies.join(', ')} ms per call, ${
      os.cpus().length
    } CPUs`,
  );
  const results = [];
  for (const nodes of sizes) {
    const result = await benchmark(nodes);
    results.push(result);
    print(result);
  }
  console.log('\nSummary (ratios against the floor measured in the same run)');
  console.log(
    '| nodes | pods | latency/call | refresh | floor overlapped | floor serial | refresh/overlapped | refresh/serial | EC2 calls | K8s calls | peak RSS growth |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    for (const run of r.runs) {
      console.log(
        `| ${r.nodes} | ${r.pods} | ${run.latencyMs} ms | ${ms(
          run.refreshMs,
        )} | ${ms(run.overlappedMs)} | ${ms(run.serialMs)} | ${(
          run.refreshMs / run.overlappedMs
        ).toFixed(2)} | ${(run.refreshMs / run.serialMs).toFixed(2)} | ${sum(
          run.ec2,
        )} | ${sum(run.kubernetes)} | ${run.growthMiB.toFixed(0)} MiB |`,
      );
    }
  }
  if (reads) {
    console.log(
      `\n| nodes | route (${clients} clients) | requests | p50 | p99 | p99 / health p99 |`,
    );
    console.log('|---|---|---|---|---|---|');
    for (const r of results) {
      const health = r.readRows.find(x => x.route === '/health')!;
      for (const read of r.readRows) {
        console.log(
          `| ${r.nodes} | ${read.route} | ${read.requests}${
            read.unanswered ? ` (+${read.unanswered} unanswered)` : ''
          } | ${latency(read.p50, read)} | ${latency(read.p99, read)} | ${
            Number.isFinite(read.p99) ? (read.p99 / health.p99).toFixed(1) : '–'
          } |`,
        );
      }
    }
  }
  console.log(
    '\n| nodes | snapshot JSON | gzipped | first refresh: peak RSS growth | after the refreshes: RSS kept | heap held | held / snapshot | after the reads too: RSS kept | heap held |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const mib = (x: number) => `${x.toFixed(0)} MiB`;
    console.log(
      `| ${r.nodes} | ${mib(r.snapshotMiB)} | ${r.gzippedMiB.toFixed(
        1,
      )} MiB | ${mib(r.firstRefresh.growthMiB)} | ${mib(
        r.refreshedMiB.rss,
      )} | ${mib(r.refreshedMiB.held)} | ${(
        r.refreshedMiB.held / r.snapshotMiB
      ).toFixed(1)} | ${mib(r.keptMiB)} | ${mib(r.heldMiB)} |`,
    );
  }
  process.exit(0);
}

function print(r: Awaited<ReturnType<typeof benchmark>>) {
  for (const run of r.runs) {
    console.log(
      `\n${r.nodes} nodes, ${r.pods} pods, ${run.latencyMs} ms injected per call (snapshot ${run.status})\n` +
        `  refresh              ${ms(run.refreshMs)} (median of ${run.refreshAll
          .map(ms)
          .join(', ')})\n` +
        `  floor, overlapped    ${ms(
          run.overlappedMs,
        )} (pods ∥ add-ons ∥ nodes → EC2; median of ${run.overlappedAll
          .map(ms)
          .join(', ')})   ratio ${(run.refreshMs / run.overlappedMs).toFixed(
          2,
        )}\n` +
        `  floor, serial        ${ms(run.serialMs)} (nodes ${ms(
          run.parts.nodes,
        )}, pods ${ms(run.parts.pods)}, add-ons ${ms(
          run.parts.addOns,
        )}, EC2 ${ms(run.parts.ec2)})   ratio ${(
          run.refreshMs / run.serialMs
        ).toFixed(2)}\n` +
        `  peak RSS growth      ${run.growthMiB.toFixed(
          0,
        )} MiB (the backend process)\n` +
        `  EC2 calls            ${sum(run.ec2)} ${JSON.stringify(run.ec2)}\n` +
        `  floor's EC2 calls    ${sum(run.floorEc2)} ${JSON.stringify(
          run.floorEc2,
        )}\n` +
        `  Kubernetes calls     ${sum(run.kubernetes)} ${JSON.stringify(
          run.kubernetes,
        )}\n` +
        `  floor's K8s calls    ${sum(run.floorKubernetes)} ${JSON.stringify(
          run.floorKubernetes,
        )}`,
    );
  }
  for (const read of r.readRows) {
    console.log(
      `  GET ${read.route}: ${read.requests} requests${
        read.unanswered ? ` (+${read.unanswered} unanswered)` : ''
      }, p50 ${latency(read.p50, read)}, p99 ${latency(
        read.p99,
        read,
      )}, ${read.perSecond.toFixed(0)}/s, ${(read.bytes / 1024).toFixed(
        1,
      )} KiB, ${JSON.stringify(read.statuses)}`,
    );
  }
  console.log(
    `  snapshot ${r.snapshotMiB.toFixed(1)} MiB JSON (${r.gzippedMiB.toFixed(
      1,
    )} MiB gzipped); the process's first refresh ${r.firstRefresh.ms.toFixed(
      0,
    )} ms, peak RSS growth ${r.firstRefresh.growthMiB.toFixed(
      0,
    )} MiB; over the idle backend, after the refreshes RSS ${r.refreshedMiB.rss.toFixed(
      0,
    )} MiB, heap (with buffers) ${r.refreshedMiB.held.toFixed(
      0,
    )} MiB; after the reads too RSS ${r.keptMiB.toFixed(
      0,
    )} MiB, heap ${r.heldMiB.toFixed(0)} MiB`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
