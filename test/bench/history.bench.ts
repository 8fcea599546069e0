/* eslint-disable no-console */
/**
 * History benchmark (a script, not a test):
 *
 *   yarn bench:history [--nodes 1000,5000] [--pods-per-node 30]
 *
 * For each size, starts the EKS simulator on a generated cluster, a real
 * PostgreSQL server and a real Backstage backend (the Kubernetes backend
 * plugin and Pod IP Capacity on that database), and runs three refreshes
 * through the real clients. It prints the history rows one refresh writes,
 * then measures their cost at volume: the refreshes' rows are repeated back
 * over 90 days at the default refresh period (5 minutes), the table's size
 * is read (`pg_total_relation_size`: rows, indexes, TOAST), the compaction
 * task merges it as it would (hourly after 7 days, daily after 30), and
 * GET /history reads 90 days of one subnet, 30 times (p50, p99, max).
 */
import { performance } from 'node:perf_hooks';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { startSimulator } from '@pod-ip-capacity/eks-simulator';
import podIpCapacityPlugin from '@pod-ip-capacity/plugin-pod-ip-capacity-backend';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { startPostgres } from '../../plugins/pod-ip-capacity-backend/src/__testUtils__/postgres';
import { HistoryDatabase } from '../../plugins/pod-ip-capacity-backend/src/history/HistoryDatabase';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PERIOD = 5 * 60_000;
const RETENTION_DAYS = 90;
const TABLE = 'pod_ip_capacity_history';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const sizes = arg('nodes', '1000,5000').split(',').map(Number);
const podsPerNode = Number(arg('pods-per-node', '30'));

async function tableBytes(db: Knex): Promise<number> {
  const { rows } = await db.raw(`select pg_total_relation_size(?) as bytes`, [
    TABLE,
  ]);
  return Number(rows[0].bytes);
}

async function rowCount(db: Knex): Promise<number> {
  const [{ n }] = await db(TABLE).count({ n: '*' });
  return Number(n);
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function benchmark(
  nodes: number,
  pg: Awaited<ReturnType<typeof startPostgres>>,
) {
  const subnets = Math.max(2, Math.ceil(nodes / 800));
  const sim = await startSimulator({
    scenario: `generated:nodes=${nodes},podsPerNode=${podsPerNode},subnets=${subnets}`,
  });
  const cluster = sim.clusters[0];
  process.env.AWS_ACCESS_KEY_ID = sim.credentials[0].accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = sim.credentials[0].secretAccessKey;

  const name = `history_bench_${nodes}`;
  const admin = knexFactory({ client: 'pg', connection: pg.connection });
  await admin.raw(`drop database if exists ${name}`);
  await admin.raw(`create database ${name}`);
  await admin.destroy();
  const db = knexFactory({
    client: 'pg',
    connection: { ...pg.connection, database: name },
    pool: { min: 0, max: 8 },
  });

  const backend = await startTestBackend({
    features: [
      kubernetesPlugin,
      podIpCapacityPlugin,
      mockServices.database.factory({ knex: db }),
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
            // A 5,000-node refresh on a busy two-core machine can outlast the
            // default 2-minute deadline; this measures storage, not speed.
            refresh: {
              frequency: { minutes: 5 },
              cooldown: { seconds: 0 },
              clusterTimeout: { minutes: 10 },
            },
            aws: { endpoint: sim.awsEndpoint },
          },
        },
      }),
    ],
  });
  const server = backend.server;
  for (let i = 0; i < 3; i++) {
    await request(server).post('/api/pod-ip-capacity/refresh').send({});
    await waitUntilIdle(server);
  }
  const perRefresh = (await rowCount(db)) / 3;
  if (perRefresh === 0) {
    const list = await request(server).get('/api/pod-ip-capacity/clusters');
    throw new Error(
      `No history was written: ${JSON.stringify(
        list.body.clusters?.[0]?.snapshot,
      )}`,
    );
  }
  const kinds: Array<{ kind: string; n: string | number }> = await db(TABLE)
    .select('kind')
    .count({ n: '*' })
    .groupBy('kind');

  // The latest refresh's rows, repeated back over the retention at the
  // default period: what 90 days of live refreshes leave before compaction.
  const now = Date.now();
  const latest = Number((await db(TABLE).max({ at: 'at' }))[0].at);
  const refreshesPerDay = DAY / PERIOD;
  await db.raw(
    `insert into ${TABLE} (cluster, kind, key, at, resolution, simulated,
       free_prefix_blocks, available_ips, usable_ips, held_ips, used_ips,
       idle_ips, pods_with_vpc_ip, headroom_pods)
     select cluster, kind, key, ?::bigint - s.i::bigint * ?::bigint, 'raw', false,
       free_prefix_blocks + (s.i % 7), available_ips + (s.i % 113), usable_ips,
       held_ips, used_ips, idle_ips, pods_with_vpc_ip, headroom_pods
     from ${TABLE}, generate_series(1, ?) as s(i)
     where at = ?::bigint`,
    [now, PERIOD, RETENTION_DAYS * refreshesPerDay - 1, latest],
  );
  await db.raw(`vacuum analyze ${TABLE}`);
  const rawRows = await rowCount(db);
  const rawBytes = await tableBytes(db);

  const history = new HistoryDatabase(db);
  const compactStart = performance.now();
  await history.compact(now, RETENTION_DAYS * DAY);
  const compactMs = performance.now() - compactStart;
  await db.raw(`vacuum full analyze ${TABLE}`);
  const keptRows = await rowCount(db);
  const keptBytes = await tableBytes(db);

  const subnetId = (await db(TABLE).where({ kind: 'subnet' }).first('key'))
    .key as string;
  const reads: number[] = [];
  let points = 0;
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    const response = await request(server)
      .get('/api/pod-ip-capacity/history')
      .query({
        kind: 'subnet',
        cluster: cluster.name,
        key: subnetId,
        from: new Date(now - RETENTION_DAYS * DAY).toISOString(),
        to: new Date(now).toISOString(),
      });
    reads.push(performance.now() - start);
    points = response.body.series?.[0]?.points.length ?? 0;
  }
  reads.sort((a, b) => a - b);

  await backend.stop();
  await db.destroy();
  await sim.stop();
  return {
    nodes,
    subnets,
    perRefresh,
    kinds: Object.fromEntries(kinds.map(k => [k.kind, Number(k.n) / 3])),
    rawBytesPerRow: rawBytes / rawRows,
    rawRowsPerDay: perRefresh * refreshesPerDay,
    rawBytesPerDay: (rawBytes / rawRows) * perRefresh * refreshesPerDay,
    keptRows,
    keptBytes,
    compactMs,
    compactedFrom: rawRows,
    readP50: percentile(reads, 0.5),
    readP99: percentile(reads, 0.99),
    readMax: reads[reads.length - 1],
    points,
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
    `History benchmark on PostgreSQL: ${podsPerNode} pods per node, sizes ${sizes.join(
      ', ',
    )}, refresh every 5 minutes, ${RETENTION_DAYS} days kept`,
  );
  const pg = await startPostgres();
  try {
    for (const nodes of sizes) {
      const r = await benchmark(nodes, pg);
      const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
      console.log(
        `\n${r.nodes} nodes, ${r.subnets} subnets\n` +
          `  rows per refresh        ${r.perRefresh} (${JSON.stringify(
            r.kinds,
          )})\n` +
          `  bytes per row           ${r.rawBytesPerRow.toFixed(
            0,
          )} (with indexes)\n` +
          `  per day, raw            ${r.rawRowsPerDay} rows, ${kib(
            r.rawBytesPerDay,
          )}\n` +
          `  90 days, compacted      ${r.keptRows} rows, ${kib(
            r.keptBytes,
          )} (from ${r.compactedFrom} rows in ${(r.compactMs / 1000).toFixed(
            1,
          )} s)\n` +
          `  GET /history, 90 days   p50 ${r.readP50.toFixed(
            1,
          )} ms, p99 ${r.readP99.toFixed(1)} ms, max ${r.readMax.toFixed(
            1,
          )} ms (${r.points} points)`,
      );
    }
  } finally {
    await pg.stop();
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
