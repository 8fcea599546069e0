import {
  APIRequestContext,
  expect,
  Locator,
  Page,
  test,
} from '@playwright/test';
import path from 'node:path';
import { loadScenario } from '@pod-ip-capacity/eks-simulator';
import { signInAsGuest } from './signIn';

const screenshots = path.join(__dirname, 'screenshots');
const API = 'http://localhost:7007/api/pod-ip-capacity';

/*
 * The worked values of the portal-demo scenario, derived here from the
 * scenario itself (not copied from the UI), the way the per-ENI report and
 * how-pod-ips-are-counted.md §3 and §5 count them.
 */
const scenario = loadScenario('portal-demo');
const prod = scenario.clusters.find(c => c.name === 'eks-prod')!;
const enis = scenario.regions.flatMap(r => [
  ...r.instances.flatMap(i => i.networkInterfaces),
  ...r.networkInterfaces,
]);

const ipNumber = (ip: string) =>
  ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
const inCidr = (ip: string, cidr: string) => {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = ipNumber(base);
  return ipNumber(ip) >= start && ipNumber(ip) < start + size;
};

const completed = (pod: any) =>
  ['Succeeded', 'Failed'].includes(pod.status?.phase);
/** A pod holds a VPC IP: it has one, is not hostNetwork, and has not completed. */
const holdsIp = (pod: any) =>
  !!pod.status?.podIP && !pod.spec?.hostNetwork && !completed(pod);

/** Every checkout-api pod the Kubernetes tab lists in eks-prod, completed ones too. */
const checkoutApiAll = prod.pods.filter(
  p => p.metadata.labels?.['backstage.io/kubernetes-id'] === 'checkout-api',
);
const checkoutApiPods = checkoutApiAll.filter(holdsIp);
const checkoutApiDone = checkoutApiAll.filter(completed);
const checkoutNodes = [...new Set(checkoutApiPods.map(p => p.spec.nodeName))];
/** The node with most checkout-api pods, its first prefix, and the pods in it. */
const busiestNode = checkoutNodes[0];
const busiestEni = scenario.regions
  .flatMap(r => r.instances)
  .find(i => i.id === busiestNode)!.networkInterfaces[0];
const prefix = busiestEni.ipv4Prefixes[0];
const assigned = prod.pods.filter(
  p =>
    p.spec?.nodeName === busiestNode &&
    holdsIp(p) &&
    inCidr(p.status.podIP, prefix),
).length;

/** Free aligned /28 blocks of a subnet: no AWS-reserved, used or prefix address in them. */
function freeBlocks(subnetId: string): number {
  const subnet = scenario.regions
    .flatMap(r => r.subnets)
    .find(s => s.id === subnetId)!;
  const [base, bits] = subnet.cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = ipNumber(base);
  const taken = new Set<number>();
  const mark = (first: number, count: number) => {
    for (let a = first; a < first + count; a++)
      taken.add(Math.floor((a - start) / 16));
  };
  mark(start, 4);
  mark(start + size - 1, 1);
  for (const eni of enis.filter(e => e.subnetId === subnetId)) {
    for (const ip of [eni.primaryIp, ...eni.secondaryIps])
      mark(ipNumber(ip), 1);
    for (const p of eni.ipv4Prefixes) mark(ipNumber(p.split('/')[0]), 16);
  }
  for (const r of subnet.cidrReservations.filter(c => c.type === 'explicit')) {
    const [rBase, rBits] = r.cidr.split('/');
    mark(ipNumber(rBase), 2 ** (32 - Number(rBits)));
  }
  return size / 16 - taken.size;
}

const legacySubnet = scenario.regions
  .flatMap(r => r.subnets)
  .find(s => s.cidr === '10.0.2.0/24')!;
/** The legacy node group's nodes: secondary-IP mode, in the legacy subnet. */
const legacyNodes = scenario.regions
  .flatMap(r => r.instances)
  .filter(i => i.networkInterfaces[0].subnetId === legacySubnet.id)
  .map(i => i.id)
  .sort();

/** What the backend says, as the guest: to check the pages against it. */
async function backend(request: APIRequestContext, route: string) {
  const session = await (
    await request.get('http://localhost:7007/api/auth/guest/refresh')
  ).json();
  const answer = await request.get(`${API}${route}`, {
    headers: { Authorization: `Bearer ${session.backstageIdentity.token}` },
  });
  expect(answer.ok()).toBe(true);
  return answer.json();
}

/**
 * Opens a page and waits for `ready`. The backend collects ~1 s after it
 * starts (and the demo keeps snapshots in memory, so a backend restart starts
 * over): while the page says it is collecting, or a request failed during a
 * restart, reload.
 */
async function openWhenCollected(page: Page, url: string, ready: Locator) {
  await page.goto(url);
  await expect(async () => {
    const notYet = page
      .getByText(/Collecting pod IP data…|Failed to fetch|Could not load/)
      .first();
    if (await notYet.isVisible()) await page.reload();
    await expect(ready).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000 });
}

/** The overview, once every cluster of the demo has been collected. */
async function openOverview(page: Page, url = '/pod-ip-capacity') {
  await openWhenCollected(
    page,
    url,
    page.getByTestId('cluster-eks-analytics').getByText('more pods fit', {
      exact: false,
    }),
  );
}

/** Nothing of the page is wider than the 1440 px window. */
async function expectNoHorizontalOverflow(page: Page, element: Locator) {
  const box = (await element.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1440);
  const overflow = await page.evaluate(
    () =>
      document.documentElement.scrollWidth -
      document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

// A fresh portal collects eks-analytics (a catalog-located cluster) only once
// the catalog has read it: up to one refresh period after the start.
test.describe.configure({ timeout: 240_000 });

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test("a service's tab: how many more replicas fit, the same pods as the Kubernetes tab, and the per-ENI report within the page", async ({
  page,
}) => {
  expect(checkoutApiPods.map(p => p.status.podIP).sort()).toEqual([
    '10.0.0.32',
    '10.0.0.33',
    '10.0.1.16',
  ]);
  // The Kubernetes tab's fourth pod: Failed, its stale IP released.
  expect(checkoutApiAll).toHaveLength(4);
  expect(checkoutApiDone).toHaveLength(1);
  expect(busiestNode).toBe('i-0511000000000a001');
  expect([prefix, assigned, 16 - assigned]).toEqual(['10.0.0.32/28', 4, 12]);

  const headline = page.getByTestId('headline-eks-prod');
  await openWhenCollected(
    page,
    '/catalog/default/component/checkout-api/pod-ip-capacity',
    headline,
  );
  await expect(
    page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Pod IP Capacity' }),
  ).toBeVisible();

  await expect(headline).toContainText(
    /eks-prod: \d+ more replicas can get a pod IP, limited by /,
  );
  await expect(headline).toContainText(
    'Pod IPs and pod limits only: CPU and memory are not part of this number.',
  );
  await expect(headline).toContainText(
    `3 of 4 pods hold a pod IP, on ${checkoutNodes.length} nodes`,
  );
  await expect(page.getByTestId('pods-without-node-ip-eks-prod')).toContainText(
    `${checkoutApiDone[0].metadata.name} (${checkoutApiDone[0].status.phase}`,
  );
  await expect(page.getByTestId('pods-without-node-ip-eks-prod')).toContainText(
    'completed: its old IP is already released',
  );
  const primarySubnet = scenario.regions
    .flatMap(r => r.subnets)
    .find(s => s.id === busiestEni.subnetId)!;
  await expect(headline).toContainText(
    `${primarySubnet.cidr} has ${freeBlocks(
      primarySubnet.id,
    )} free /28 blocks (${primarySubnet.availableIpAddressCount} free IPs)`,
  );

  // Open the node's per-ENI report: its button names the node.
  const nodeRow = page
    .getByTestId('nodes-table-eks-prod')
    .getByTestId(`node-row-${busiestNode}`);
  await expect(nodeRow).toContainText(
    `${checkoutApiPods.filter(p => p.spec.nodeName === busiestNode).length}`,
  );
  const open = nodeRow.getByRole('button', {
    name: `Show the per-ENI report of ${busiestNode}`,
  });
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  await open.click();
  await expect(
    nodeRow.getByRole('button', {
      name: `Hide the per-ENI report of ${busiestNode}`,
    }),
  ).toHaveAttribute('aria-expanded', 'true');
  const report = page.getByRole('table', {
    name: `ENI report of ${busiestNode}`,
  });
  const prefixRow = report.getByTestId(`eni-row-${busiestEni.id}-${prefix}`);
  await expect(prefixRow.getByRole('cell')).toHaveText([
    busiestEni.id,
    busiestEni.primaryIp,
    `${primarySubnet.cidr}${primarySubnet.id}`,
    prefix,
    '16',
    String(assigned),
    String(16 - assigned),
    /^10\.0\.0\.32, 10\.0\.0\.33, /,
  ]);
  // The report fits the 1440 px window: nothing to scroll sideways.
  await expectNoHorizontalOverflow(page, report);

  // Let the row's detail panel finish opening before the picture.
  await page.waitForTimeout(500);
  // The portal scrolls inside its content pane: a tall viewport shows all of it.
  await page.setViewportSize({ width: 1440, height: 2000 });
  await page.screenshot({
    path: path.join(screenshots, 'pod-ip-capacity-entity-tab.png'),
  });
});

test("teams' and systems' room is never more than the clusters have: shared room is counted once", async ({
  page,
  request,
}) => {
  // Every cluster collected first: eks-analytics is found in the catalog,
  // and when the catalog was still starting at the first refresh it comes a
  // scheduled refresh (2 minutes) after the others.
  test.setTimeout(300_000);
  let clusters: any[] = [];
  await expect
    .poll(
      async () => {
        clusters = (await backend(request, '/clusters')).clusters;
        return clusters.filter((c: any) => !c.totals).map((c: any) => c.name);
      },
      { timeout: 180_000, intervals: [2_000] },
    )
    .toEqual([]);
  const room = Object.fromEntries(
    clusters.map((c: any) => [c.name, c.totals.headroomPods]),
  );
  // eks-dev's one node is shared by checkout-api and payments-worker.
  await openWhenCollected(
    page,
    '/catalog/default/group/team-payments/pod-ip-capacity',
    page.getByTestId('headroom-eks-dev'),
  );
  await expect(page.getByTestId('share-eks-prod')).toContainText(
    /eks-prod \(shop, eu-west-1\): \d+ pod IPs of \d+ held/,
  );
  await expect(page.getByTestId('headroom-eks-dev')).toContainText(
    `Up to ${room['eks-dev']} more replicas, shared between Checkout API and Payments worker`,
  );
  await expect(page.getByTestId('headroom-eks-dev')).toContainText(
    'not CPU or memory',
  );
  const services = page.getByTestId('services-table').getByRole('row');
  await expect(
    services
      .filter({ hasText: 'eks-prod' })
      .getByRole('link', { name: 'Checkout API' }),
  ).toBeVisible();
  await expect(
    services
      .filter({ hasText: 'eks-dev' })
      .filter({ has: page.getByRole('link', { name: 'Payments worker' }) }),
  ).toContainText(`up to ${room['eks-dev']}shared with Checkout API`);
  await page.screenshot({
    path: path.join(screenshots, 'pod-ip-capacity-team-tab.png'),
    fullPage: true,
  });

  // Search's two services share eks-analytics' two nodes.
  await openWhenCollected(
    page,
    '/catalog/default/group/team-search/pod-ip-capacity',
    page.getByTestId('headroom-eks-analytics'),
  );
  await expect(page.getByTestId('headroom-eks-analytics')).toContainText(
    `Up to ${room['eks-analytics']} more replicas, shared between Search API and Search indexer`,
  );

  // The web shop runs on every node of all three clusters: exactly their room.
  await openWhenCollected(
    page,
    '/catalog/default/system/webshop/pod-ip-capacity',
    page.getByTestId('headroom-eks-analytics'),
  );
  for (const name of ['eks-prod', 'eks-dev', 'eks-analytics']) {
    await expect(page.getByTestId(`headroom-${name}`)).toContainText(
      new RegExp(`^Up to ${room[name]} more replicas`),
    );
  }
});

test('the overview: warnings only where they apply, teams adding up to what the nodes hold, and the subnet map', async ({
  page,
  request,
}) => {
  const free = freeBlocks(legacySubnet.id);
  expect([legacySubnet.availableIpAddressCount, free]).toEqual([238, 1]);

  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Pod IP Capacity' })
    .click();
  await expect(page).toHaveURL(/\/pod-ip-capacity$/);
  await openOverview(page);
  // One title bar: the new frontend system's, no second page header.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Pod IP Capacity' }),
  ).toHaveCount(1);

  // The legacy subnet is fragmented, but its nodes take single secondary
  // IPs: an information, not an InsufficientCidrBlocks warning.
  const note = page.getByTestId(`subnet-warning-${legacySubnet.id}`);
  await expect(note).toContainText(
    'Subnet 10.0.2.0/24 is fragmented, but its nodes use single secondary IPs, which still fit',
  );
  await expect(note).not.toContainText('InsufficientCidrBlocks');
  await expect(page.getByTestId('cluster-eks-prod')).toContainText(
    'No subnet at risk',
  );
  await expect(
    page.getByTestId(`subnet-at-risk-${legacySubnet.id}`),
  ).toHaveCount(0);

  // Subnets by risk: the fragmented one comes first; its map opens from its row.
  const subnets = page.getByTestId('subnets-table');
  await expect(subnets.locator('tbody tr').first()).toContainText(
    '10.0.2.0/24',
  );
  const legacyRow = subnets.getByTestId(`subnet-row-${legacySubnet.id}`);
  await expect(legacyRow).toContainText('238');
  await expect(legacyRow).toContainText('no risk: its nodes use secondary IPs');
  await legacyRow
    .getByRole('button', { name: 'Show the subnet map of 10.0.2.0/24' })
    .click();
  const map = subnets.getByRole('img', {
    name: /^Subnet map of 10\.0\.2\.0\/24/,
  });
  await expect(map.locator('rect')).toHaveCount(16);
  await expect(map.locator('rect[data-state="."]')).toHaveCount(free);

  // Teams plus "not attributed" add up to what the clusters' nodes hold.
  const { clusters } = await backend(request, '/clusters');
  const held = clusters.reduce((n: number, c: any) => n + c.totals.heldIps, 0);
  const teams = page.getByTestId('teams-table');
  await expect(teams).toContainText(
    `teams plus not attributed add up to the ${held} pod IPs the clusters' nodes hold`,
  );
  await expect(teams.getByTestId('not-attributed-row')).toContainText(
    'not attributed to a team',
  );
  await expect(teams.getByRole('link', { name: 'Payments' })).toHaveAttribute(
    'href',
    '/catalog/default/group/team-payments',
  );

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(300);
  // The subnets section: the information, and the map open in its row.
  await page.locator('section[aria-labelledby="subnets"]').screenshot({
    path: path.join(screenshots, 'pod-ip-capacity-subnet-map.png'),
  });
  // The portal scrolls inside its content pane: a tall viewport shows all of it.
  await page.setViewportSize({ width: 1440, height: 3400 });
  await page.screenshot({
    path: path.join(screenshots, 'pod-ip-capacity-overview.png'),
    fullPage: true,
  });

  // Native in the dark theme too: the map and bars take the theme's colours.
  await page.evaluate(() => window.localStorage.setItem('theme', 'dark'));
  await page.reload();
  await openOverview(page);
  await expect(page.getByTestId('teams-table')).toBeVisible();
  await page.screenshot({
    path: path.join(screenshots, 'pod-ip-capacity-overview-dark.png'),
    fullPage: true,
  });
  await page.evaluate(() => window.localStorage.removeItem('theme'));
});

test('the overview links a cluster card and a subnet to the filtered tables', async ({
  page,
}) => {
  await openOverview(page);
  const prodNodes = prod.nodes.length;
  await page
    .getByTestId('cluster-eks-prod')
    .getByRole('link', { name: 'Its nodes' })
    .click();
  await expect(page).toHaveURL(/\/pod-ip-capacity\?cluster=eks-prod#nodes$/);
  const nodes = page.getByTestId('nodes-table');
  await expect(
    page.getByRole('heading', { name: 'Nodes', exact: true }),
  ).toBeInViewport();
  await expect(nodes.getByText(`Nodes (${prodNodes})`)).toBeVisible();
  await expect(nodes.locator('tbody tr')).toHaveCount(prodNodes);
  for (const row of await nodes.locator('tbody tr').all()) {
    await expect(row).toContainText('eks-prod');
  }
  await expect(page.getByTestId('filter-note')).toContainText(
    'Showing cluster eks-prod only.',
  );

  // From a subnet to the nodes taking pod IPs from it.
  const subnets = page.getByTestId('subnets-table');
  await subnets
    .getByTestId(`subnet-row-${legacySubnet.id}`)
    .getByRole('button', { name: 'Show the subnet map of 10.0.2.0/24' })
    .click();
  await subnets
    .getByRole('link', {
      name: `Show the ${legacyNodes.length} nodes taking pod IPs from 10.0.2.0/24`,
    })
    .click();
  await expect(page).toHaveURL(
    new RegExp(`cluster=eks-prod&q=${legacySubnet.id}#nodes$`),
  );
  await expect(nodes.getByLabel('Filter nodes')).toHaveValue(legacySubnet.id);
  await expect(nodes.locator('tbody tr')).toHaveCount(legacyNodes.length);
  for (const name of legacyNodes) {
    await expect(nodes.getByTestId(`node-row-${name}`)).toBeVisible();
  }
});

test('the overview by keyboard: one tab stop per column header, named expand buttons, a visible focus ring', async ({
  page,
}) => {
  await openOverview(page, '/pod-ip-capacity?cluster=eks-dev');
  const nodes = page.getByTestId('nodes-table');
  await expect(nodes.locator('tbody tr')).toHaveCount(1);
  await nodes.getByLabel('Filter nodes').focus();

  // Tab through the headers: each takes one stop, then the row's expand button.
  const headers = await nodes.locator('thead th').count();
  const stops: string[] = [];
  for (let i = 0; i < headers; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const e = document.activeElement as HTMLElement;
        const th = e.closest('th');
        return th
          ? `header:${th.textContent}`
          : e.getAttribute('aria-label') ?? e.tagName;
      }),
    );
  }
  const headerStops = stops.filter(s => s.startsWith('header:'));
  // Every header but the expand column's is one stop, none twice.
  expect(headerStops).toHaveLength(headers - 1);
  expect(new Set(headerStops).size).toBe(headerStops.length);
  const node = 'i-0511000000000d001';
  expect(stops[headers - 1]).toBe(`Show the per-ENI report of ${node}`);

  // The focus ring shows.
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as HTMLElement);
    return { style: style.outlineStyle, width: style.outlineWidth };
  });
  expect(ring).toEqual({ style: 'solid', width: '2px' });

  // Enter opens the report and says so; Enter again closes it.
  await page.keyboard.press('Enter');
  const button = nodes.getByRole('button', {
    name: `Hide the per-ENI report of ${node}`,
  });
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(
    page.getByRole('table', { name: `ENI report of ${node}` }),
  ).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(
    nodes.getByRole('button', { name: `Show the per-ENI report of ${node}` }),
  ).toHaveAttribute('aria-expanded', 'false');

  // Sorting by keyboard: back to "More pods", Enter.
  const morePods = nodes.getByRole('button', { name: 'More pods' });
  await morePods.focus();
  await page.keyboard.press('Enter');
  await expect(
    nodes.getByRole('columnheader', { name: 'More pods' }),
  ).toHaveAttribute('aria-sort', 'descending');
});

test('"Refresh now" is followed until every cluster is done, and says when the next one is possible', async ({
  page,
}) => {
  // Up to a cooldown (60 s in these tests) to wait out, and a refresh.
  test.setTimeout(180_000);
  await openOverview(page);
  const status = page.getByRole('status');
  const button = page.getByRole('button', { name: 'Refresh now' });
  // A scheduled refresh may be cooling down: wait until one can start.
  await expect(async () => {
    await expect(button).toBeEnabled();
    await button.click();
    await expect(status).toContainText(/Refreshing |Refreshed /, {
      timeout: 3_000,
    });
  }).toPass({ timeout: 75_000 });
  // The backend takes seconds; the page polls until it is done.
  await expect(status).toContainText(
    /^Refreshed (eks-analytics, )?(eks-dev|eks-prod).* at \d\d:\d\d:\d\d\./,
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('cluster-age-eks-prod')).toContainText(
    'collected just now',
  );

  // Asked again at once, every cluster cools down: the page says until when.
  await button.click();
  await expect(status).toContainText(
    /refreshed moments ago: next refresh possible at \d\d:\d\d:\d\d\./,
  );
});

test('a what-if on a service\'s tab: "add 20 replicas" answers as the backend does, from the last snapshot', async ({
  page,
  request,
}) => {
  const headline = page.getByTestId('headline-eks-prod');
  await openWhenCollected(
    page,
    '/catalog/default/component/checkout-api/pod-ip-capacity',
    headline,
  );
  await page.getByLabel('Replicas to add').fill('20');
  await page.getByRole('button', { name: 'Add replicas' }).click();
  const answer = page.getByTestId('what-if-add-replicas-answer');
  await expect(answer).toBeVisible();

  // The same question to the backend: the page shows its answer word for word.
  const asked = await backend(
    request,
    '/what-if/add-replicas?entityRef=component%3Adefault%2Fcheckout-api&replicas=20',
  );
  const prodAnswer = asked.clusters.find((c: any) => c.cluster === 'eks-prod');
  expect(prodAnswer.message).toMatch(/^20 more replicas of .+ in eks-prod: /);
  await expect(answer).toContainText(prodAnswer.message);
  // checkout-api's pods take prefixes in the subnet of its busiest node: the
  // answer says what that subnet's free /28 blocks drop to.
  const changed = prodAnswer.whatIf.subnets.find(
    (s: any) => s.subnetId === busiestEni.subnetId,
  );
  if (changed) {
    expect(changed.freePrefixBlocks.before).toBe(
      freeBlocks(busiestEni.subnetId),
    );
    await expect(answer).toContainText(
      `${busiestEni.subnetId}${
        changed.availabilityZone ? ` (${changed.availabilityZone})` : ''
      }: free /28 blocks ${changed.freePrefixBlocks.before} → ${
        changed.freePrefixBlocks.after
      }`,
    );
  }
});
