/* eslint-disable no-console */
/**
 * Page benchmark (a script, not a test):
 *
 *   yarn bench:pages [--nodes 1000,5000] [--pods-per-node 30] [--repeat 5]
 *
 * For each size, starts the EKS simulator on a generated cluster and the demo
 * portal itself (`backstage-cli package start` of packages/backend and
 * packages/app, as `npm start` does) configured with that one cluster and a
 * catalog of the generated services, waits for the first collection, then
 * drives Debian's Chromium through the overview page and a service's tab and
 * times what a person waits for:
 *
 * - first content: from navigation to the first figures (the cluster card;
 *   the service's headline) and to the first page of the nodes table, with a
 *   warm browser cache (the first, cold visit is printed apart);
 * - each filter, sort, page and expand of a nodes table: from the click (or
 *   the last keystroke) to the table showing the new rows (the ENI report);
 *   a filter's figure includes the table's 300 ms debounce and is also given
 *   from the moment its request leaves;
 * - what the browser downloaded from /api/pod-ip-capacity to draw each page.
 *
 * The medians of `--repeat` runs are printed. Ports 3000 and 7007 must be free
 * (the demo's): stop `npm start` first.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Browser, chromium, Page } from '@playwright/test';
import {
  RunningSimulator,
  startSimulator,
} from '@pod-ip-capacity/eks-simulator';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const sizes = arg('nodes', '1000,5000').split(',').map(Number);
const podsPerNode = Number(arg('pods-per-node', '30'));
const repeat = Number(arg('repeat', '5'));
const ROOT = path.resolve(__dirname, '../..');
const APP = 'http://localhost:3000';
const BACKEND = 'http://localhost:7007';
const API = `${BACKEND}/api/pod-ip-capacity`;
const SERVICE = 'svc-000';
const SERVICES = 20;
const TEAMS = 4;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function until<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // not up yet
    }
    if (Date.now() > end)
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(500);
  }
}

/** The generated services, owned by a few teams, and the demo's org (the guest user). */
function catalogFile(): string {
  const docs: string[] = [];
  for (let t = 0; t < TEAMS; t++) {
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-${t}\nspec:\n  type: team\n  children: []\n`,
    );
  }
  for (let s = 0; s < SERVICES; s++) {
    const name = `svc-${String(s).padStart(3, '0')}`;
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  annotations:\n    backstage.io/kubernetes-id: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-${
        s % TEAMS
      }\n`,
    );
  }
  return docs.join('---\n');
}

/** The demo's app-config.yaml, with the generated cluster and catalog instead of its own. */
function benchConfig(sim: RunningSimulator, dir: string): string {
  const cluster = sim.clusters[0];
  fs.writeFileSync(path.join(dir, 'tls.crt'), sim.caCert);
  fs.writeFileSync(path.join(dir, 'catalog.yaml'), catalogFile());
  const config = {
    catalog: {
      locations: [
        { type: 'file', target: path.join(ROOT, 'examples/org.yaml') },
        { type: 'file', target: path.join(dir, 'catalog.yaml') },
      ],
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
              authProvider: 'serviceAccount',
              serviceAccountToken: cluster.serviceAccountToken,
              caFile: path.join(dir, 'tls.crt'),
            },
          ],
        },
      ],
    },
    podIpCapacity: {
      refresh: { frequency: { hours: 24 } },
      aws: { endpoint: sim.awsEndpoint },
    },
    // No backfill of a simulated past: the generated cluster has no timeline.
    podIpCapacityDemo: { simulatorAdminUrl: '' },
  };
  const file = path.join(dir, 'bench-config.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

function start(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: string,
): ChildProcess {
  const out = fs.openSync(log, 'w');
  const child = spawn('yarn', args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
    detached: true,
  });
  child.on('exit', code => {
    if (code) console.error(`${name} exited with ${code}; see ${log}`);
  });
  return child;
}

function stop(child: ChildProcess | undefined) {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

interface Timings {
  [what: string]: number[];
}

function record(timings: Timings, what: string, ms: number) {
  (timings[what] ??= []).push(ms);
}

/** The first row's test id of a table, or '' while it has none. */
function firstRow(page: Page, testId: string): Promise<string> {
  return page.evaluate(
    id =>
      document
        .querySelector(`[data-testid="${id}"] tbody tr[data-testid]`)
        ?.getAttribute('data-testid') ?? '',
    testId,
  );
}

/** Runs `act` and waits until the table's first row is another one and nothing loads. */
async function timeTableChange(
  page: Page,
  testId: string,
  act: () => Promise<void>,
  expected?: string,
): Promise<number> {
  const before = await firstRow(page, testId);
  const started = performance.now();
  await act();
  await page.waitForFunction(
    ({ id, was, want }) => {
      const table = document.querySelector(`[data-testid="${id}"]`);
      if (!table || table.querySelector('[aria-label="Loading rows"]')) {
        return false;
      }
      const row =
        table
          .querySelector('tbody tr[data-testid]')
          ?.getAttribute('data-testid') ?? '';
      return want ? row === want : row !== '' && row !== was;
    },
    { id: testId, was: before, want: expected },
    { polling: 'raf', timeout: 30_000 },
  );
  return performance.now() - started;
}

/** Filter, sort, page and expand in one nodes table. */
async function tableActions(
  page: Page,
  testId: string,
  timings: Timings,
  prefix: string,
  filterFor: string,
) {
  const table = page.getByTestId(testId);
  // Sort by idle addresses, most first, and back.
  for (const column of ['Idle', 'Node']) {
    record(
      timings,
      `${prefix}: sort`,
      await timeTableChange(page, testId, () =>
        table.getByRole('button', { name: column, exact: true }).click(),
      ),
    );
  }
  record(
    timings,
    `${prefix}: next page`,
    await timeTableChange(page, testId, () =>
      table.getByRole('button', { name: 'Next page' }).click(),
    ),
  );
  // Open the first row's per-ENI report.
  const row = (await firstRow(page, testId)).replace(/^node-row-/, '');
  const opened = performance.now();
  await table
    .getByRole('button', { name: `Show the per-ENI report of ${row}` })
    .click();
  await page
    .getByRole('table', { name: `ENI report of ${row}` })
    .waitFor({ timeout: 30_000 });
  record(timings, `${prefix}: expand`, performance.now() - opened);
  // Filter for one node by name: the request leaves after the debounce.
  let sent = 0;
  const onRequest = (r: { url(): string }) => {
    if (r.url().includes('/api/pod-ip-capacity/nodes') && !sent) {
      sent = performance.now();
    }
  };
  page.on('request', onRequest);
  const filterMs = await timeTableChange(
    page,
    testId,
    () => table.getByLabel('Filter nodes').fill(filterFor),
    `node-row-${filterFor}`,
  );
  page.off('request', onRequest);
  const end = performance.now();
  record(timings, `${prefix}: filter (with the 300 ms debounce)`, filterMs);
  if (sent) record(timings, `${prefix}: filter, from its request`, end - sent);
  await timeTableChange(page, testId, () =>
    table.getByLabel('Filter nodes').fill(''),
  );
}

/** Bytes of /api/pod-ip-capacity answers while `run` runs. */
async function apiBytes(page: Page, run: () => Promise<void>) {
  let bytes = 0;
  const pending: Promise<void>[] = [];
  const onResponse = (r: import('@playwright/test').Response) => {
    if (r.url().includes('/api/pod-ip-capacity/')) {
      pending.push(
        r
          .body()
          .then(b => {
            bytes += b.length;
          })
          .catch(() => undefined),
      );
    }
  };
  page.on('response', onResponse);
  await run();
  page.off('response', onResponse);
  await Promise.all(pending);
  return bytes;
}

async function measurePages(
  browser: Browser,
  cluster: string,
  /** A node to filter for in the overview's table and in the service's. */
  filterFor: { overview: string; service: string },
) {
  const context = await browser.newContext({
    baseURL: APP,
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog' })
    .waitFor({ timeout: 60_000 });

  const timings: Timings = {};
  const bytes: Record<string, number> = {};
  const overview = '/pod-ip-capacity';
  const tab = `/catalog/default/component/${SERVICE}/pod-ip-capacity`;
  for (let i = 0; i <= repeat; i++) {
    const cold = i === 0;
    const label = (what: string) => (cold ? `${what} (first visit)` : what);

    // The overview page.
    let started = performance.now();
    const overviewBytes = await apiBytes(page, async () => {
      await page.goto(overview);
      await page.getByTestId(`cluster-${cluster}`).waitFor({ timeout: 60_000 });
      record(
        timings,
        label('overview: first figures'),
        performance.now() - started,
      );
      await page
        .getByTestId('nodes-table')
        .locator('tbody tr[data-testid]')
        .first()
        .waitFor({ timeout: 60_000 });
      record(
        timings,
        label('overview: first nodes'),
        performance.now() - started,
      );
    });
    bytes.overview = overviewBytes;
    if (!cold) {
      await tableActions(
        page,
        'nodes-table',
        timings,
        'overview nodes',
        filterFor.overview,
      );
    }

    // A service's tab.
    started = performance.now();
    bytes.entity = await apiBytes(page, async () => {
      await page.goto(tab);
      await page
        .getByTestId(`headline-${cluster}`)
        .waitFor({ timeout: 60_000 });
      record(
        timings,
        label('service tab: headline'),
        performance.now() - started,
      );
      await page
        .getByTestId(`nodes-table-${cluster}`)
        .locator('tbody tr[data-testid]')
        .first()
        .waitFor({ timeout: 60_000 });
      record(
        timings,
        label('service tab: first nodes'),
        performance.now() - started,
      );
    });
    if (!cold) {
      await tableActions(
        page,
        `nodes-table-${cluster}`,
        timings,
        'service tab nodes',
        filterFor.service,
      );
    }
  }
  await context.close();
  return { timings, bytes };
}

async function benchmark(nodes: number, browser: Browser) {
  const subnets = Math.max(2, Math.ceil(nodes / 800));
  const sim = await startSimulator({
    scenario: `generated:nodes=${nodes},podsPerNode=${podsPerNode},subnets=${subnets}`,
  });
  const cluster = sim.clusters[0];
  const credentials = sim.credentials[0];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-ip-pages-'));
  const config = benchConfig(sim, dir);
  const env = {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: cluster.region,
    AWS_ENDPOINT_URL_STS: sim.awsEndpoint,
    AWS_ENDPOINT_URL_EC2: sim.awsEndpoint,
  };
  let backend: ChildProcess | undefined;
  let app: ChildProcess | undefined;
  try {
    backend = start(
      'backend',
      [
        'workspace',
        'backend',
        'start',
        '--config',
        path.join(ROOT, 'app-config.yaml'),
        '--config',
        config,
      ],
      env,
      path.join(dir, 'backend.log'),
    );
    app = start(
      'app',
      ['workspace', 'app', 'start'],
      {},
      path.join(dir, 'app.log'),
    );

    const token = await until('the backend', 300_000, async () => {
      const session = await (
        await fetch(`${BACKEND}/api/auth/guest/refresh`)
      ).json();
      return session.backstageIdentity?.token as string | undefined;
    });
    const headers = { Authorization: `Bearer ${token}` };
    const collectStart = performance.now();
    await until('the first collection', 900_000, async () => {
      const list = await (await fetch(`${API}/clusters`, { headers })).json();
      const c = list.clusters?.[0];
      return c?.snapshot.status === 'ok' && !c.snapshot.refreshing
        ? true
        : undefined;
    });
    const collectMs = performance.now() - collectStart;
    // A node of each table's third page, to filter for.
    const thirdPage = async (query: string) =>
      (
        await (
          await fetch(`${API}/nodes?offset=40&limit=1${query}`, { headers })
        ).json()
      ).items[0].name as string;
    const filterFor = {
      overview: await thirdPage(''),
      service: await thirdPage(
        `&sort=workloadPods&order=desc&entityRef=component:default/${SERVICE}`,
      ),
    };
    await until('the frontend', 600_000, async () =>
      (await fetch(APP)).ok ? true : undefined,
    );
    const result = await measurePages(browser, cluster.name, filterFor);
    return { nodes, pods: nodes * podsPerNode, collectMs, ...result };
  } finally {
    stop(app);
    stop(backend);
    await sim.stop();
    await sleep(2000);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(
    `Page benchmark: ${podsPerNode} pods per node, sizes ${sizes.join(
      ', ',
    )}, ${repeat} runs each (medians), Chromium, ${os.cpus().length} CPUs`,
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const results = [];
  try {
    for (const nodes of sizes) {
      const r = await benchmark(nodes, browser);
      results.push(r);
      console.log(
        `\n${r.nodes} nodes: first collection ${(r.collectMs / 1000).toFixed(
          1,
        )} s; downloaded from /api/pod-ip-capacity: overview ${(
          r.bytes.overview / 1024
        ).toFixed(1)} KiB, service tab ${(r.bytes.entity / 1024).toFixed(
          1,
        )} KiB`,
      );
      for (const [what, values] of Object.entries(r.timings)) {
        console.log(
          `  ${what.padEnd(52)} ${median(values).toFixed(0)} ms (${values
            .map(v => v.toFixed(0))
            .join(', ')})`,
        );
      }
    }
  } finally {
    await browser.close();
  }
  const whats = [...new Set(results.flatMap(r => Object.keys(r.timings)))];
  console.log(
    `\n| what (median ms) | ${results
      .map(r => `${r.nodes} nodes`)
      .join(' | ')} |`,
  );
  console.log(`|---|${results.map(() => '---').join('|')}|`);
  for (const what of whats) {
    console.log(
      `| ${what} | ${results
        .map(r => (r.timings[what] ? median(r.timings[what]).toFixed(0) : '–'))
        .join(' | ')} |`,
    );
  }
  console.log(
    `| KiB from /api/pod-ip-capacity: overview | ${results
      .map(r => (r.bytes.overview / 1024).toFixed(1))
      .join(' | ')} |`,
  );
  console.log(
    `| KiB from /api/pod-ip-capacity: service tab | ${results
      .map(r => (r.bytes.entity / 1024).toFixed(1))
      .join(' | ')} |`,
  );
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
