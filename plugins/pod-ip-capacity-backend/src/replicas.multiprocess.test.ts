import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import YAML from 'yaml';
import {
  RunningSimulator,
  startSimulator,
} from '@pod-ip-capacity/eks-simulator';
import { RunningPostgres, startPostgres } from './__testUtils__/postgres';

/**
 * Two real processes of the demo backend (packages/backend) on one real
 * PostgreSQL, against the EKS simulator: they share one refresh per cluster
 * per period, serve the same snapshots and history, survive each other's
 * death mid-refresh, and a restarted one serves the last snapshot at once.
 */

jest.setTimeout(240_000);

const REPO = path.resolve(__dirname, '../../..');
const BACKEND = path.join(REPO, 'packages/backend');
const TOKEN = 'replicas-test-static-token-0123456789';
const PERIOD_S = 6;

/**
 * Ports for the replicas, all bound at once so that no two are the same,
 * then released for the replicas to take.
 */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => net.createServer());
  const ports = await Promise.all(
    servers.map(
      server =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () =>
            resolve((server.address() as net.AddressInfo).port),
          );
        }),
    ),
  );
  await Promise.all(
    servers.map(server => new Promise(resolve => server.close(resolve))),
  );
  return ports;
}

interface Replica {
  name: string;
  port: number;
  process: ChildProcess;
  output: string[];
  /** The id it takes refresh leases under (it logs it at start). */
  replicaId(): string | undefined;
}

function replicaConfig(
  port: number,
  pg: RunningPostgres,
  sim: RunningSimulator,
  caFile: string,
) {
  return {
    app: { baseUrl: 'http://127.0.0.1:3000' },
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { port, host: '127.0.0.1' },
      database: { client: 'pg', connection: pg.connection },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: TOKEN, subject: 'replicas-test' },
          },
        ],
      },
    },
    catalog: { locations: [] },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: sim.clusters
            .filter(c => c.name !== 'eks-analytics')
            .map(c => ({
              name: c.name,
              url: c.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: c.serviceAccountToken,
              caFile,
            })),
        },
      ],
    },
    podIpCapacity: {
      refresh: {
        frequency: { seconds: PERIOD_S },
        timeout: { seconds: 15 },
        clusterTimeout: { seconds: 8 },
      },
      aws: { endpoint: sim.awsEndpoint, maxAttempts: 2 },
    },
  };
}

/** Every replica started so far, for what they printed when a wait fails. */
const everyReplica: Replica[] = [];

const head = (text: string) =>
  text.length <= 4000
    ? text
    : `${text.slice(0, 1500)}\n[…]\n${text.slice(-2500)}`;

const lastOutput = () =>
  everyReplica
    .map(
      r =>
        `--- replica ${r.name} (pid ${r.process.pid}, port ${r.port}, ${
          r.process.exitCode === null
            ? 'running'
            : `exited with ${r.process.exitCode}`
        }), first and last output:\n${head(r.output.join(''))}`,
    )
    .join('\n');

function startReplica(
  name: string,
  port: number,
  configFile: string,
  sim: RunningSimulator,
): Replica {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      configFile,
    ],
    {
      cwd: BACKEND,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        // Both replicas run on this machine: one Prometheus port cannot serve both.
        PROMETHEUS_PORT: 'off',
        AWS_ACCESS_KEY_ID: sim.credentials[0].accessKeyId,
        AWS_SECRET_ACCESS_KEY: sim.credentials[0].secretAccessKey,
        AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL_STS: sim.awsEndpoint,
        AWS_ENDPOINT_URL_EC2: sim.awsEndpoint,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  child.stdout!.on('data', d => output.push(String(d)));
  child.stderr!.on('data', d => output.push(String(d)));
  const replica: Replica = {
    name,
    port,
    process: child,
    output,
    replicaId: () =>
      output.join('').match(/takes refresh leases as (replica-[\w-]+)/)?.[1],
  };
  everyReplica.push(replica);
  return replica;
}

async function api(replica: Replica, route: string): Promise<any> {
  const response = await fetch(
    `http://127.0.0.1:${replica.port}/api/pod-ip-capacity${route}`,
    { headers: { Authorization: `Bearer ${TOKEN}` } },
  );
  if (!response.ok) {
    // Who answered, and how: a replica still starting says so in its body.
    const body = (await response.text()).slice(0, 200);
    throw new Error(
      `${replica.name} ${route}: HTTP ${response.status} ${body}`,
    );
  }
  return response.json();
}

async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  // What the replicas printed says why it did not happen.
  throw new Error(
    `${what} did not happen within ${ms} ms (${last})\n${lastOutput()}`,
  );
}

const collectedAt = async (replica: Replica) =>
  Object.fromEntries(
    (await api(replica, '/clusters')).clusters.map((c: any) => [
      c.name,
      c.snapshot.collectedAt,
    ]),
  ) as Record<string, string | undefined>;

/** What two replicas must agree on: data, not their views of timing. */
const comparable = (detail: any) => ({
  collectedAt: detail.snapshot.collectedAt,
  totals: detail.totals,
  capacity: detail.capacity,
});

describe('two backend replicas on one PostgreSQL', () => {
  let pg: RunningPostgres;
  let sim: RunningSimulator;
  let dir: string;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    [pg, sim] = await Promise.all([
      startPostgres(),
      startSimulator({ scenario: 'portal-demo' }),
    ]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-ip-capacity-replicas-'));
    const caFile = path.join(dir, 'ca.crt');
    fs.writeFileSync(caFile, sim.caCert);
    const ports = await freePorts(2);
    // One after the other, as a rolling deployment adds them: two starting
    // at once on two shared cores would only test the machine.
    for (const [index, name] of ['a', 'b'].entries()) {
      const configFile = path.join(dir, `replica-${name}.yaml`);
      fs.writeFileSync(
        configFile,
        YAML.stringify(replicaConfig(ports[index], pg, sim, caFile)),
      );
      const replica = startReplica(name, ports[index], configFile, sim);
      replicas.push(replica);
      await until(`replica ${name} up`, () => api(replica, '/health'), 120_000);
    }
  });

  afterAll(async () => {
    for (const r of replicas) r.process.kill('SIGKILL');
    await sim?.stop();
    await pg?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refreshes each cluster once per period between them, and both serve the same snapshots and history', async () => {
    const [a, b] = replicas;
    await until(
      'a first snapshot of every cluster',
      async () =>
        Object.values(await collectedAt(b)).every(Boolean) &&
        Object.keys(await collectedAt(b)).length === 2,
      60_000,
    );
    sim.resetCounters();
    const started = Date.now();
    await new Promise(resolve => setTimeout(resolve, 4 * PERIOD_S * 1000));
    const elapsedPeriods = (Date.now() - started) / (PERIOD_S * 1000);
    // One nodes list (one page) per refresh of a cluster: with two replicas
    // each refreshing on its own it would be about twice the periods.
    for (const cluster of ['eks-prod', 'eks-dev']) {
      const refreshes = sim.counters().kubernetes[cluster]?.['list nodes'] ?? 0;
      expect([cluster, refreshes >= 1]).toEqual([cluster, true]);
      expect([cluster, refreshes <= Math.ceil(elapsedPeriods) + 1]).toEqual([
        cluster,
        true,
      ]);
    }
    // Same data from both, whichever refreshed it.
    await until(
      'both replicas agreeing',
      async () => {
        const [da, db] = await Promise.all([
          api(a, '/clusters/eks-prod'),
          api(b, '/clusters/eks-prod'),
        ]);
        return (
          JSON.stringify(comparable(da)) === JSON.stringify(comparable(db))
        );
      },
      20_000,
    );
    const history = `/history?kind=cluster&cluster=eks-prod&from=${new Date(
      started - 3600_000,
    ).toISOString()}&to=${new Date(Date.now()).toISOString()}&step=600`;
    expect(await api(a, history)).toEqual(await api(b, history));
    expect((await api(a, history)).series[0].points.length).toBeGreaterThan(0);
  });

  it('lets the other replica finish the next refresh when one dies in the middle of one', async () => {
    // Slow eks-prod down so a refresh is surely running when we strike.
    const slow = sim.faults.latency(1500, { cluster: 'eks-prod' });
    const pool = knexFactory({
      client: 'pg',
      connection: {
        ...pg.connection,
        database: 'backstage_plugin_pod-ip-capacity',
      },
    });
    try {
      const holder = await until(
        'a refresh of eks-prod under way',
        async () =>
          (
            await pool('pod_ip_capacity_refresh_leases')
              .where({ cluster: 'eks-prod' })
              .first()
          )?.holder as string | undefined,
        60_000,
      );
      const victim = replicas.find(r => r.replicaId() === holder)!;
      const survivor = replicas.find(r => r !== victim)!;
      expect(victim).toBeDefined();
      const before = (await collectedAt(survivor))['eks-prod'];
      victim.process.kill('SIGKILL');
      sim.faults.remove(slow);
      // The survivor takes over once the dead one's scheduler lock and lease
      // expire, and collects eks-prod again.
      await until(
        'the survivor refreshing eks-prod',
        async () => {
          const now = (await collectedAt(survivor))['eks-prod'];
          return now && now !== before ? now : undefined;
        },
        90_000,
      );

      // Restarted, the dead replica serves the last snapshot at once.
      const configFile = path.join(dir, `replica-${victim.name}.yaml`);
      const restarted = startReplica(victim.name, victim.port, configFile, sim);
      replicas[replicas.indexOf(victim)] = restarted;
      const first = await until(
        'the restarted replica answering',
        () => api(restarted, '/clusters'),
        120_000,
      );
      expect(first.clusters.map((c: any) => c.snapshot.status)).not.toContain(
        'pending',
      );
      expect(first.clusters.every((c: any) => c.totals)).toBe(true);
    } finally {
      await pool.destroy();
    }
  });
});
