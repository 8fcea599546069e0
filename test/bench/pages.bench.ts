/* eslint-disable no-console */
/**
 * Page benchmark (a script, not a test):
 *
 *   yarn bench:pages [--nodes 1000,5000] [--pods-per-node 30] [--repeat 5]
 *     [--no-build]
 *
 * Builds the demo portal's frontend for production once (`backstage-cli
 * package build` of packages/app, as a deployment ships it; `--no-build`
 * reuses packages/app/dist). For each size, starts the EKS simulator on a
 * generated cluster and the demo portal's backend (`backstage-cli package
 * start` of packages/backend, which serves the built app as a Backstage
 * deployment does) configured with that one cluster and a catalog of the
 * generated services, waits for the first collection, then drives Debian's
 * Chromium through the overview page and a service's tab and times what a
 * person waits for:
 *
 * - first content: from a click in the portal (the sidebar's link to the
 *   overview; the service's "Pod IP Capacity" tab) to the first figures (the
 *   cluster card; the service's headline) and to the first page of the nodes
 *   table; and the same for a full page load with a warm browser cache (the
 *   very first, cold load is printed apart);
 * - each filter, sort, page and expand of a nodes table: timed in the page,
 *   from the input event (the click; the filter's text pasted in one go,
 *   which the table asks at once) to the frame that shows the new rows (the
 *   ENI report), with the request's round trip;
 * - what the browser downloaded from /api/pod-ip-capacity to draw each page.
 *
 * The medians of `--repeat` runs are printed. Port 7007 must be free (the
 * demo's): stop `npm start` first.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Browser, chromium, Page, Request } from '@playwright/test';
import {
  RunningSimulator,
  startSimulator,
} from '@pod-ip-capacity/eks-simulator';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { catalogFile, median } from './generatedWorld';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const sizes = arg('nodes', '1000,5000').split(',').map(Number);
const podsPerNode = Number(arg('pods-per-node', '30'));
const repeat = Number(arg('repeat', '5'));
const build = !process.argv.includes('--no-build');
const ROOT = path.resolve(__dirname, '../..');
const BACKEND = 'http://localhost:7007';
/** The backend serves the built app. */
const APP = BACKEND;
const API = `${BACKEND}/api/pod-ip-capacity`;
const SERVICE = 'svc-000';

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

/** The demo's app-config.yaml, with the generated cluster and catalog instead of its own. */
function benchConfig(sim: RunningSimulator, dir: string): string {
  const cluster = sim.clusters[0];
  fs.writeFileSync(path.join(dir, 'tls.crt'), sim.caCert);
  fs.writeFileSync(path.join(dir, 'catalog.yaml'), catalogFile());
  const config = {
    app: { baseUrl: APP },
    backend: { cors: { origin: APP } },
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
    // The demo backfills the simulator's timeline: a generated cluster has
    // none, so that is its one instant.
    podIpCapacityDemo: { simulatorAdminUrl: `${sim.awsEndpoint}/__simulator` },
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
  children.add(child);
  child.on('exit', code => {
    if (code) console.error(`${name} exited with ${code}; see ${log}`);
  });
  return child;
}

/** The portals started, to stop when the benchmark is interrupted. */
const children = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) stop(child);
    process.exit(130);
  });
}

function stop(child: ChildProcess | undefined) {
  if (child) children.delete(child);
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

/** A table's state as the page showed it: loading or not, its first row, its open ENI reports. */
interface TableState {
  loading: boolean;
  firstRow: string;
  reports: string[];
}

/**
 * Times an action in the page itself: from the input event's own timestamp
 * (the click, the keystroke) to the animation frame after the DOM first
 * showed the awaited state of the table — what a person sees, without the
 * DevTools-protocol round trips that Playwright's click and its polling add.
 * `start` before the action; `end` once the awaited state is on screen.
 */
async function inPageTimer(page: Page, testId: string) {
  await page.evaluate(id => {
    const log: Array<[number, TableState]> = [];
    let input: number | undefined;
    const onInput = (e: Event) => {
      input ??= e.timeStamp;
    };
    const state = (): TableState => {
      const table = document.querySelector(`[data-testid="${id}"]`);
      return {
        loading: !!table?.querySelector('[aria-label="Loading rows"]'),
        firstRow:
          table
            ?.querySelector('tbody tr[data-testid]')
            ?.getAttribute('data-testid') ?? '',
        reports: [
          ...(table?.querySelectorAll('table[aria-label^="ENI report of "]') ??
            []),
        ].map(t => t.getAttribute('aria-label') ?? ''),
      };
    };
    // Each DOM change, as of the frame that paints it.
    const observer = new MutationObserver(() =>
      requestAnimationFrame(() =>
        log.push([window.performance.now(), state()]),
      ),
    );
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
    });
    document.addEventListener('click', onInput, true);
    document.addEventListener('input', onInput, true);
    // `window.`: this runs in the page, not in the script's own scope.
    window.performance.clearResourceTimings();
    (window as any).benchTimer = {
      stop(url?: string) {
        observer.disconnect();
        document.removeEventListener('click', onInput, true);
        document.removeEventListener('input', onInput, true);
        const answered = url
          ? (window.performance
              .getEntriesByType('resource')
              .filter(e => e.name === url)
              .pop() as PerformanceResourceTiming | undefined)
          : undefined;
        return { input, log, answeredAt: answered?.responseEnd };
      },
    };
  }, testId);
  return {
    /**
     * Milliseconds from the input event to the first frame, after the answer
     * to `url` arrived (when given), whose state passes `done`.
     */
    async end(done: (state: TableState) => boolean, url?: string) {
      const { input, log, answeredAt } = await page.evaluate(
        u => (window as any).benchTimer.stop(u),
        url,
      );
      if (input === undefined) throw new Error('no input event was seen');
      const shown = (log as Array<[number, TableState]>).find(
        ([at, state]) => at >= input && at >= (answeredAt ?? 0) && done(state),
      );
      if (!shown) throw new Error('the page never showed the awaited state');
      return shown[0] - input;
    },
  };
}

/**
 * Runs `act` (a click, typing) and times it until the table shows the page
 * the server answered: its first row is the answer's first node and
 * nothing loads any more — in the page (`inPageTimer`), and the request's
 * round trip.
 */
async function timeTablePage(
  page: Page,
  testId: string,
  act: () => Promise<void>,
  /** Of the answer's query: what the request must ask (a filter's `q`). */
  asks?: (query: URLSearchParams) => boolean,
): Promise<{ ms: number; roundTripMs: number }> {
  let sent = 0;
  const isPage = (url: string) => {
    const u = new URL(url);
    return (
      u.pathname.endsWith('/api/pod-ip-capacity/nodes') &&
      (!asks || asks(u.searchParams))
    );
  };
  const onRequest = (r: Request) => {
    if (!sent && isPage(r.url())) sent = performance.now();
  };
  page.on('request', onRequest);
  const timer = await inPageTimer(page, testId);
  const started = performance.now();
  try {
    const [response] = await Promise.all([
      page.waitForResponse(r => isPage(r.url()), { timeout: 30_000 }),
      act(),
    ]);
    const answered = performance.now();
    const body = await response.json();
    const want = body.items?.[0] ? `node-row-${body.items[0].name}` : '';
    await page.waitForFunction(
      ({ id, row }) => {
        const table = document.querySelector(`[data-testid="${id}"]`);
        if (!table || table.querySelector('[aria-label="Loading rows"]')) {
          return false;
        }
        const first =
          table
            .querySelector('tbody tr[data-testid]')
            ?.getAttribute('data-testid') ?? '';
        return first === row;
      },
      { id: testId, row: want },
      { polling: 'raf', timeout: 30_000 },
    );
    return {
      ms: await timer.end(
        state => !state.loading && state.firstRow === want,
        response.url(),
      ),
      // The request's round trip: the server's part and the network's.
      roundTripMs: answered - (sent || started),
    };
  } finally {
    page.off('request', onRequest);
  }
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
  // Sort by idle addresses, most first, and back by name.
  for (const [column, sort] of [
    ['Idle', 'idleIps'],
    ['Node', 'name'],
  ]) {
    const { ms, roundTripMs } = await timeTablePage(
      page,
      testId,
      () => table.getByRole('button', { name: column, exact: true }).click(),
      q => q.get('sort') === sort,
    );
    record(timings, `${prefix}: sort`, ms);
    record(timings, `${prefix}: sort, its request's round trip`, roundTripMs);
  }
  const next = await timeTablePage(
    page,
    testId,
    () => table.getByRole('button', { name: 'Next page' }).click(),
    q => q.get('offset') !== '0',
  );
  record(timings, `${prefix}: next page`, next.ms);
  record(
    timings,
    `${prefix}: next page, its request's round trip`,
    next.roundTripMs,
  );
  // Open the first row's per-ENI report.
  const row = (await firstRow(page, testId)).replace(/^node-row-/, '');
  const timer = await inPageTimer(page, testId);
  await table
    .getByRole('button', { name: `Show the per-ENI report of ${row}` })
    .click();
  await page
    .getByRole('table', { name: `ENI report of ${row}` })
    .waitFor({ timeout: 30_000 });
  record(
    timings,
    `${prefix}: expand`,
    await timer.end(state => state.reports.includes(`ENI report of ${row}`)),
  );
  // Filter for one node by name, pasted in one go: asked at once.
  const filtered = await timeTablePage(
    page,
    testId,
    () => table.getByLabel('Filter nodes').fill(filterFor),
    q => q.get('q') === filterFor,
  );
  record(timings, `${prefix}: filter`, filtered.ms);
  record(
    timings,
    `${prefix}: filter, its request's round trip`,
    filtered.roundTripMs,
  );
  await timeTablePage(
    page,
    testId,
    () => table.getByLabel('Filter nodes').fill(''),
    q => !q.get('q'),
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
  /** Times from `started` to a page's first figures and to its table's first row. */
  const shown =
    (first: { testId: string; what: string }, tableTestId: string) =>
    async (what: string, started: number) => {
      await page.getByTestId(first.testId).waitFor({ timeout: 60_000 });
      record(timings, `${what}: ${first.what}`, performance.now() - started);
      await page
        .getByTestId(tableTestId)
        .locator('tbody tr[data-testid]')
        .first()
        .waitFor({ timeout: 60_000 });
      record(timings, `${what}: first nodes`, performance.now() - started);
    };
  const overviewShown = shown(
    { testId: `cluster-${cluster}`, what: 'first figures' },
    'nodes-table',
  );
  const tabShown = shown(
    { testId: `headline-${cluster}`, what: 'headline' },
    `nodes-table-${cluster}`,
  );
  for (let i = 0; i <= repeat; i++) {
    const cold = i === 0;
    const label = (what: string) => (cold ? `${what} (cold)` : what);

    // The overview page: a full load, then from the sidebar.
    let started = performance.now();
    bytes.overview = await apiBytes(page, async () => {
      await page.goto(overview);
      await overviewShown(label('overview, full load'), started);
    });
    if (!cold) {
      await page.goto('/catalog');
      const sidebarLink = page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'Pod IP Capacity' });
      await sidebarLink.waitFor({ timeout: 60_000 });
      started = performance.now();
      await sidebarLink.click();
      await overviewShown('overview, from the sidebar', started);
      await tableActions(
        page,
        'nodes-table',
        timings,
        'overview nodes',
        filterFor.overview,
      );
    }

    // A service's tab: a full load, then from the entity's page.
    started = performance.now();
    bytes.entity = await apiBytes(page, async () => {
      await page.goto(tab);
      await tabShown(label('service tab, full load'), started);
    });
    if (!cold) {
      await page.goto(`/catalog/default/component/${SERVICE}`);
      const link = page
        .getByRole('navigation', { name: 'Content navigation' })
        .getByRole('link', { name: 'Pod IP Capacity' });
      await link.waitFor({ timeout: 60_000 });
      started = performance.now();
      await link.click();
      await tabShown('service tab, from the entity page', started);
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
  let done = false;
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
    await until('the catalog', 120_000, async () =>
      (
        await fetch(
          `${BACKEND}/api/catalog/entities/by-name/component/default/${SERVICE}`,
          { headers },
        )
      ).ok
        ? true
        : undefined,
    );
    // A node of each table's third page, to filter for.
    const thirdPage = async (query: string) => {
      const answer = await fetch(`${API}/nodes?offset=40&limit=1${query}`, {
        headers,
      });
      const body = await answer.json();
      if (!answer.ok || !body.items?.[0]) {
        throw new Error(
          `GET /nodes${query}: ${answer.status} ${JSON.stringify(body)}`,
        );
      }
      return body.items[0].name as string;
    };
    const filterFor = {
      overview: await thirdPage(''),
      service: await thirdPage(
        `&sort=workloadPods&order=desc&entityRef=component:default/${SERVICE}`,
      ),
    };
    await until('the built app', 60_000, async () =>
      (await fetch(APP)).ok ? true : undefined,
    );
    const result = await measurePages(browser, cluster.name, filterFor);
    done = true;
    return { nodes, pods: nodes * podsPerNode, collectMs, ...result };
  } finally {
    stop(backend);
    await sim.stop();
    await sleep(2000);
    // The backend's log stays when something went wrong.
    if (done) fs.rmSync(dir, { recursive: true, force: true });
    else console.error(`logs kept in ${dir}`);
  }
}

async function main() {
  console.log(
    `Page benchmark: ${podsPerNode} pods per node, sizes ${sizes.join(
      ', ',
    )}, ${repeat} runs each (medians), Chromium, ${os.cpus().length} CPUs`,
  );
  if (build) {
    const began = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn('yarn', ['workspace', 'app', 'build'], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.on('exit', code =>
        code ? reject(new Error(`app build exited with ${code}`)) : resolve(),
      );
    });
    console.log(
      `built packages/app for production in ${(
        (performance.now() - began) /
        1000
      ).toFixed(0)} s`,
    );
  }
  const browser = await chromium.launch(chromiumLaunchOptions);
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
