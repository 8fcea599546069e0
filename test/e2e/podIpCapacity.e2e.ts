import { expect, Locator, Page, test } from '@playwright/test';
import path from 'node:path';
import { loadScenario } from '@pod-ip-capacity/eks-simulator';
import { signInAsGuest } from './signIn';

const screenshots = path.join(__dirname, 'screenshots');

/*
 * The worked values of the portal-demo scenario, derived here from the
 * scenario itself (not copied from the UI), the way the per-ENI report and
 * how-pod-ips-are-counted.md §5 count them.
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

/** A pod holds a VPC IP: it has one, is not hostNetwork, and has not completed. */
const holdsIp = (pod: any) =>
  !!pod.status?.podIP &&
  !pod.spec?.hostNetwork &&
  !['Succeeded', 'Failed'].includes(pod.status?.phase);

const checkoutApiPods = prod.pods.filter(
  p =>
    p.metadata.labels?.['backstage.io/kubernetes-id'] === 'checkout-api' &&
    holdsIp(p),
);
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
      .getByText(/Collecting pod IP data…|Failed to fetch|Request failed/)
      .first();
    if (await notYet.isVisible()) await page.reload();
    await expect(ready).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
}

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test("a service's Pod IP Capacity tab answers how many more replicas fit, with the per-ENI report's numbers", async ({
  page,
}) => {
  expect(checkoutApiPods.map(p => p.status.podIP).sort()).toEqual([
    '10.0.0.32',
    '10.0.0.33',
    '10.0.1.16',
  ]);
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
    `${checkoutApiPods.length} pods with a pod IP on ${checkoutNodes.length} nodes`,
  );
  const primarySubnet = scenario.regions
    .flatMap(r => r.subnets)
    .find(s => s.id === busiestEni.subnetId)!;
  await expect(headline).toContainText(
    `${primarySubnet.cidr} has ${freeBlocks(
      primarySubnet.id,
    )} free /28 blocks (${primarySubnet.availableIpAddressCount} free IPs)`,
  );

  // Open the node's per-ENI report.
  const nodeRow = page
    .getByTestId('nodes-table')
    .first()
    .getByRole('row')
    .filter({ hasText: busiestNode });
  await expect(nodeRow).toContainText(
    `${checkoutApiPods.filter(p => p.spec.nodeName === busiestNode).length}`,
  );
  await nodeRow.getByRole('button').first().click();
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

  // Let the row's detail panel finish opening before the picture.
  await page.waitForTimeout(1000);
  // The portal scrolls inside its content pane: a tall viewport shows all of it.
  await page.setViewportSize({ width: 1440, height: 1800 });
  await page.screenshot({
    path: path.join(screenshots, 'pod-ip-capacity-entity-tab.png'),
  });
});

test("a team's Pod IP Capacity tab lists its services and its share of each cluster", async ({
  page,
}) => {
  await openWhenCollected(
    page,
    '/catalog/default/group/team-payments/pod-ip-capacity',
    page.getByTestId('share-eks-prod'),
  );
  await expect(page.getByTestId('share-eks-prod')).toContainText(
    /eks-prod \(shop, eu-west-1\): \d+ pod IPs of \d+ held/,
  );
  const services = page.getByRole('row');
  await expect(
    services
      .filter({ hasText: 'eks-prod' })
      .getByRole('link', { name: 'Checkout API' }),
  ).toBeVisible();
  await expect(
    services
      .filter({ hasText: 'eks-prod' })
      .getByRole('link', { name: 'Payments worker' }),
  ).toBeVisible();

  await page.screenshot({
    path: path.join(screenshots, 'pod-ip-capacity-team-tab.png'),
    fullPage: true,
  });
});

test('the overview page flags the fragmented subnet and draws its map', async ({
  page,
}) => {
  const free = freeBlocks(legacySubnet.id);
  expect([legacySubnet.availableIpAddressCount, free]).toEqual([238, 1]);

  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Pod IP Capacity' })
    .click();
  await expect(page).toHaveURL(/\/pod-ip-capacity$/);
  const card = page.getByTestId(`subnet-at-risk-${legacySubnet.id}`);
  await openWhenCollected(page, '/pod-ip-capacity', card);
  await expect(page.getByTestId('cluster-eks-prod')).toContainText(
    '10.0.2.0/24: fragmented',
  );

  await expect(card).toContainText(
    `Subnet 10.0.2.0/24 is fragmented: ${legacySubnet.availableIpAddressCount} free IPs but ${free} free /28 block`,
  );
  const map = card.getByRole('img', { name: /^Subnet map of 10\.0\.2\.0\/24/ });
  await expect(map.locator('rect')).toHaveCount(16);
  await expect(map.locator('rect[data-state="."]')).toHaveCount(free);

  // Subnets are sorted by risk: the fragmented one comes first.
  await expect(
    page.getByTestId('subnets-table').getByRole('row').nth(1),
  ).toContainText('10.0.2.0/24');

  // Teams link to their pages.
  await expect(
    page.getByTestId('teams-table').getByRole('link', { name: 'Payments' }),
  ).toHaveAttribute('href', '/catalog/default/group/team-payments');

  // The portal scrolls inside its content pane: a tall viewport shows all of it.
  await page.setViewportSize({ width: 1440, height: 2400 });
  await page.screenshot({
    path: path.join(screenshots, 'pod-ip-capacity-overview.png'),
    fullPage: true,
  });
  await card.screenshot({
    path: path.join(screenshots, 'pod-ip-capacity-subnet-map.png'),
  });

  // Native in the dark theme too: the map and bars take the theme's colours.
  await page.evaluate(() => window.localStorage.setItem('theme', 'dark'));
  await page.reload();
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('teams-table')).toBeVisible();
  await page.screenshot({
    path: path.join(screenshots, 'pod-ip-capacity-overview-dark.png'),
    fullPage: true,
  });
  await page.evaluate(() => window.localStorage.removeItem('theme'));
});
