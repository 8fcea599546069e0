import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { podIpCapacityApiRef } from '../../api';
import {
  CLUSTER_1,
  CLUSTER_2,
  CLUSTER_3,
  CLUSTER_4,
  errorWithDataSnapshot,
  nodesPage,
  okSnapshot,
  overviewResponse,
  ownersResponse,
  partialSource,
  sources,
} from '../../__fixtures__/capacity';
import { mockPodIpCapacityApi } from '../../__fixtures__/mockApi';
import { formatTime } from '../common/format';
import { GLOSSARY } from '../common/glossary';
import { PodIpCapacityPage } from './PodIpCapacityPage';

const fmt = (n: number) => n.toLocaleString('en-US');

// Whole test apps, several requests each (the overview also asks each
// cluster's history and foresight), on a CI machine running every
// package's suites at once.
jest.setTimeout(30_000);

async function renderPage(api = mockPodIpCapacityApi(), path = '/') {
  await renderInTestApp(
    <TestApiProvider apis={[[podIpCapacityApiRef, api]]}>
      <PodIpCapacityPage />
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

const totalsOf = (cluster: string) =>
  sources().find(s => s.capacity.cluster === cluster)!.capacity.totals;

const bodyRows = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .filter(r => r.closest('tbody'));

describe('PodIpCapacityPage: where it gets its data', () => {
  it('draws from the summary routes (/overview, /nodes, /owners), never from every pod IP of a cluster', async () => {
    const api = await renderPage();
    await screen.findByTestId(`cluster-${CLUSTER_1}`);
    await waitFor(() => expect(api.listNodes).toHaveBeenCalled());
    expect(api.getOverview).toHaveBeenCalledTimes(1);
    expect(api.listNodes).toHaveBeenCalledWith({
      cluster: undefined,
      q: '',
      sort: 'name',
      order: 'asc',
      offset: 0,
      limit: 20,
    });
    await waitFor(() => expect(api.getOwners).toHaveBeenCalled());
    expect(api.getCluster).not.toHaveBeenCalled();
    expect(api.getClusters).not.toHaveBeenCalled();
    expect(api.getNode).not.toHaveBeenCalled();
  });

  it('tells the platform team what the page is for, under its own header in the legacy app', async () => {
    await renderPage();
    expect(
      screen.getByRole('heading', { name: 'Pod IP Capacity' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('How much pod IP room your EKS clusters have left'),
    ).toBeInTheDocument();
  });
});

describe('PodIpCapacityPage: cluster cards', () => {
  it('shows pod IPs used, held and idle, and pod subnet addresses that add up: taken + free = usable', async () => {
    await renderPage();
    const t = totalsOf(CLUSTER_1);
    const card = await screen.findByTestId(`cluster-${CLUSTER_1}`);
    // Sample 1: 7 pods hold pod IPs in prefixes and secondary IPs that hold 56.
    expect([t.usedIps, t.heldIps, t.idleIps]).toEqual([7, 56, 49]);
    expect(card).toHaveTextContent('7 used / 56 held (49 idle)');
    // Its three subnets: two empty-ish /19s (8,187 usable each) and the
    // legacy /24 (251): 16,625 usable, 16,560 free, so 65 taken.
    expect([t.podSubnetUsable, t.podSubnetAvailable]).toEqual([16625, 16560]);
    expect(card).toHaveTextContent(
      'Its 3 pod subnets: addresses taken / usable',
    );
    expect(card).toHaveTextContent('65 taken / 16,625 usable (16,560 free)');
    expect(card).toHaveTextContent(
      `${fmt(
        t.headroomPods,
      )}more pods fit (pod IPs and max pods; not CPU or memory)`,
    );
    // The Pending pod, the branch ENI pod and the completed one are said.
    expect(card).toHaveTextContent(
      "1 pod waiting for an IP · 1 pod with an IP outside its node's prefixes · 1 pod on the host network · 1 completed pod (IPs released)",
    );
    expect(card).toHaveTextContent('5nodes');
  });

  it('shows pod subnets apart from node-only subnets under custom networking', async () => {
    await renderPage();
    const card = await screen.findByTestId(`cluster-${CLUSTER_2}`);
    // Sample 2: pods take IPs from two 100.64 /19s (8,187 usable each); the
    // nodes sit in two 192.168 /19s that hold no pod IP.
    expect(card).toHaveTextContent('Its 2 pod subnets');
    expect(card).toHaveTextContent('34 taken / 16,374 usable (16,340 free)');
    expect(within(card).getByTestId('node-only-subnets')).toHaveTextContent(
      '16,374 usable, 16,372 free IPs',
    );
    // Never one figure for both kinds of subnets.
    expect(card).not.toHaveTextContent('32,748');
  });

  it('explains held, used, taken and "more pods" in tooltips', async () => {
    await renderPage();
    const card = await screen.findByTestId(`cluster-${CLUSTER_1}`);
    expect(within(card).getByText('held')).toHaveAttribute(
      'title',
      GLOSSARY.held,
    );
    expect(within(card).getByText('taken')).toHaveAttribute(
      'title',
      GLOSSARY.taken,
    );
    expect(
      within(card).getByText(
        'more pods fit (pod IPs and max pods; not CPU or memory)',
      ),
    ).toHaveAttribute('title', expect.stringContaining('CPU and memory'));
  });

  it('dims the figures of a cluster whose last refresh failed, and says they are out of date', async () => {
    await renderPage(
      mockPodIpCapacityApi({
        getOverview: jest.fn(async () =>
          overviewResponse({
            snapshots: { [CLUSTER_2]: errorWithDataSnapshot },
          }),
        ),
      }),
    );
    const card = await screen.findByTestId(`cluster-${CLUSTER_2}`);
    expect(
      within(card).getByTestId(`out-of-date-${CLUSTER_2}`),
    ).toHaveTextContent(
      'Out of date: the last refresh failed, these figures are from 2 hours ago.',
    );
    expect(within(card).getByTestId(`figures-${CLUSTER_2}`)).toHaveStyle(
      'opacity: 0.5',
    );
    // A fresh cluster stays at full strength.
    const fresh = screen.getByTestId(`cluster-${CLUSTER_1}`);
    expect(within(fresh).getByTestId(`figures-${CLUSTER_1}`)).not.toHaveStyle(
      'opacity: 0.5',
    );
    expect(
      screen.getByText(
        /Cluster sample-2-custom-networking could not be collected/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /did not answer within 30 seconds; the last good data is shown\. \(Timeout\)/,
      ),
    ).toBeInTheDocument();
  });

  it('says a partial cluster is partial, names its problems with the AWS action, and counts nodes EC2 did not describe apart', async () => {
    await renderPage(
      mockPodIpCapacityApi({
        getOverview: jest.fn(async () => overviewResponse({ partial: true })),
      }),
    );
    const card = await screen.findByTestId(`cluster-${CLUSTER_4}`);
    expect(card).toHaveTextContent(
      '1 node EC2 did not describe: its IPs are not in these totals.',
    );
    expect(
      screen.getByText(/Cluster sample-4-partial shows partial data/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /\(UnauthorizedOperation, ec2:DescribeNetworkInterfaces\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/\(InstancesNotFound, ec2:DescribeInstances\)/),
    ).toBeInTheDocument();
  });
});

describe('PodIpCapacityPage: subnets', () => {
  it('warns of a fragmented subnet for the prefix-mode nodes it stops, and draws its map (§5)', async () => {
    await renderPage();
    const risky = await screen.findByTestId(
      'subnet-at-risk-subnet-0sec5frag1b',
    );
    // §5: 88 free IPs but one free /28; two prefix-mode nodes take pod IPs there.
    expect(risky).toHaveTextContent(
      'Warning: Subnet 10.0.0.0/25 is fragmented: 1 free /28 block — the 2 prefix-mode nodes taking pod IPs here will fail to add a prefix (InsufficientCidrBlocks)',
    );
    const map = within(risky).getByRole('img', {
      name: /^Subnet map of 10.0.0.0\/25/,
    });
    const states = Array.from(map.querySelectorAll('rect')).map(r =>
      r.getAttribute('data-state'),
    );
    // .0 reserved, .16 prefix, .32 fragmented, .48 free, .64 prefix,
    // .80 fragmented, .96 explicit reservation, .112 reserved.
    expect(states.join('')).toBe('rax.axur');
    const card = screen.getByTestId(`cluster-${CLUSTER_3}`);
    expect(card).toHaveTextContent('2 subnets at risk');
  });

  it('does not warn of InsufficientCidrBlocks where nodes take single secondary IPs', async () => {
    await renderPage();
    // The legacy /24: 238 free IPs, one free /28, two secondary-IP nodes.
    const note = await screen.findByTestId('subnet-warning-subnet-0legacy1c');
    expect(note).toHaveTextContent(
      'Info: Subnet 10.0.2.0/24 is fragmented, but its nodes use single secondary IPs, which still fit',
    );
    expect(note).not.toHaveTextContent('InsufficientCidrBlocks');
    expect(
      screen.queryByTestId('subnet-at-risk-subnet-0legacy1c'),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId(`cluster-${CLUSTER_1}`)).toHaveTextContent(
      'No subnet at risk',
    );
  });

  it("keeps the backend's order (most at risk now, then soonest to run out), and sorts by severity — low, fragmented at risk, fragmented — on the status column", async () => {
    await renderPage();
    const table = await screen.findByTestId('subnets-table');
    const cidrs = () =>
      bodyRows(table)
        .slice(0, 3)
        .map(r => within(r).getAllByRole('cell')[2].textContent);
    // GET /overview's order: 1 free IP of 11 (low) first; of the two
    // fragmented subnets, 10.0.2.0/24 runs out of free IPs in about 119
    // days, while 10.0.0.0/25 is still collecting history.
    expect(cidrs()).toEqual([
      expect.stringMatching(/^10\.0\.1\.0\/28/),
      expect.stringMatching(/^10\.0\.2\.0\/24/),
      expect.stringMatching(/^10\.0\.0\.0\/25/),
    ]);
    fireEvent.click(within(table).getByRole('button', { name: 'Status' }));
    expect(cidrs()).toEqual([
      expect.stringMatching(/^10\.0\.1\.0\/28/),
      expect.stringMatching(/^10\.0\.0\.0\/25/),
      expect.stringMatching(/^10\.0\.2\.0\/24/),
    ]);
    expect(
      within(table).getByRole('columnheader', { name: 'Status' }),
    ).toHaveAttribute('aria-sort', 'ascending');
  });

  it('labels taken addresses and free /28 blocks apart from free IPs, with thousands separators', async () => {
    await renderPage();
    const table = await screen.findByTestId('subnets-table');
    const row = within(table).getByTestId('subnet-row-subnet-0sample1a');
    // 192.168.64.0/19: 8,187 usable, 8,153 free, 34 taken; 506 free /28 blocks are 8,096 addresses.
    expect(row).toHaveTextContent('34 / 8,187');
    expect(row).toHaveTextContent('8,153');
    expect(row).toHaveTextContent('506= 8,096 addresses');
    expect(
      within(table).getByRole('button', { name: 'Addresses taken / usable' }),
    ).toHaveAttribute('title', GLOSSARY.taken);
    expect(
      within(table).getByRole('button', { name: 'Free /28 blocks' }),
    ).toHaveAttribute('title', GLOSSARY.freeBlock);
  });

  it('gives free /28 blocks as bounds when the subnet’s other ENIs could not be read', async () => {
    await renderPage(
      mockPodIpCapacityApi({
        getOverview: jest.fn(async () => overviewResponse({ partial: true })),
      }),
    );
    const card = await screen.findByTestId('subnet-at-risk-subnet-0partial1b');
    // Without the Lambda ENI at .85, the one address EC2 counts that no node
    // ENI explains may sit in either of two free-looking blocks.
    expect(card).toHaveTextContent(
      'Subnet 10.0.0.0/25 is fragmented: at least 1 free /28 block (up to 2)',
    );
    const row = within(screen.getByTestId('subnets-table')).getByTestId(
      'subnet-row-subnet-0partial1b',
    );
    expect(row).toHaveTextContent('at least 1 (up to 2)');
    fireEvent.click(
      within(row).getByRole('button', {
        name: 'Show the subnet map of 10.0.0.0/25',
      }),
    );
    expect(
      await screen.findByText(
        "Free blocks are bounds: the subnet's other ENIs could not be read.",
      ),
    ).toBeInTheDocument();
  });
});

describe('PodIpCapacityPage: nodes', () => {
  it('pages, sorts and filters nodes on the server', async () => {
    const api = await renderPage();
    const table = await screen.findByTestId('nodes-table');
    await waitFor(() =>
      expect(
        within(table).getByText('i-0e8217b21d04ed516'),
      ).toBeInTheDocument(),
    );
    const all = nodesPage({ limit: 200 }).total;
    expect(within(table).getByText(`Nodes (${all})`)).toBeInTheDocument();

    fireEvent.click(within(table).getByRole('button', { name: 'More pods' }));
    await waitFor(() =>
      expect(api.listNodes).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'headroomPods', order: 'desc' }),
      ),
    );
    // Sample 1's i-ccccccccccccccccc has the most room: 109 under its pod limit.
    await waitFor(() =>
      expect(bodyRows(table)[0]).toHaveTextContent('i-ccccccccccccccccc'),
    );
    expect(bodyRows(table)[0]).toHaveTextContent('109pod limit');

    fireEvent.change(within(table).getByLabelText('Filter nodes'), {
      target: { value: 'legacy' },
    });
    await waitFor(() =>
      expect(api.listNodes).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'legacy', offset: 0 }),
      ),
    );
    await waitFor(() => expect(bodyRows(table)).toHaveLength(2));
    expect(within(table).getByText('Nodes (2)')).toBeInTheDocument();

    // The server is asked without the trailing space, and the box keeps it:
    // the next word is typed after it.
    fireEvent.change(within(table).getByLabelText('Filter nodes'), {
      target: { value: 'legac ' },
    });
    await waitFor(() =>
      expect(api.listNodes).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'legac' }),
      ),
    );
    expect(within(table).getByLabelText('Filter nodes')).toHaveValue('legac ');
  });

  it('names the column for prefixes and secondary IPs, and counts in words: "1 prefix", "4 secondary IPs"', async () => {
    await renderPage();
    const table = await screen.findByTestId('nodes-table');
    const legacy = await within(table).findByTestId(
      'node-row-i-0legacy000000001',
    );
    expect(
      within(table).getByRole('columnheader', {
        name: 'Prefixes / secondary IPs',
      }),
    ).toBeInTheDocument();
    expect(legacy).toHaveTextContent('secondary IP');
    expect(legacy).toHaveTextContent('4 secondary IPs');
    expect(
      within(table).getByTestId('node-row-i-0e8217b21d04ed516'),
    ).toHaveTextContent('1 prefix');
  });

  it("fetches a node's per-ENI report when its row opens, with a row-specific button that says whether it is open", async () => {
    const api = await renderPage();
    const table = await screen.findByTestId('nodes-table');
    const row = await within(table).findByTestId(
      'node-row-i-0e8217b21d04ed516',
    );
    const button = within(row).getByRole('button', {
      name: 'Show the per-ENI report of i-0e8217b21d04ed516',
    });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(button);
    expect(api.getNode).toHaveBeenCalledWith(CLUSTER_2, 'i-0e8217b21d04ed516');
    const report = await screen.findByRole('table', {
      name: 'ENI report of i-0e8217b21d04ed516',
    });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(button).toHaveAccessibleName(
      'Hide the per-ENI report of i-0e8217b21d04ed516',
    );
    // Sample 2: the primary ENI holds no prefixes; the pod ENI's prefix has 2 assigned, 14 available.
    expect(
      within(report).getByTestId('eni-row-eni-ccccccccccccccccc-none'),
    ).toHaveTextContent('no prefixes');
    expect(
      within(report).getByTestId(
        'eni-row-eni-ddddddddddddddddd-100.64.72.176/28',
      ),
    ).toHaveTextContent('100.64.72.176/2816214100.64.72.176, 100.64.72.177');
  });

  it('says "EC2 did not describe this instance" instead of zeros', async () => {
    const all = [...sources(), partialSource()];
    await renderPage(
      mockPodIpCapacityApi({
        getOverview: jest.fn(async () => overviewResponse({ partial: true })),
        listNodes: jest.fn(async request => nodesPage(request, all)),
      }),
    );
    const table = await screen.findByTestId('nodes-table');
    const row = await within(table).findByTestId('node-row-i-0hidden000000001');
    expect(row).toHaveTextContent('EC2 did not describe this instance');
    expect(row).not.toHaveTextContent('0 / 0');
    fireEvent.click(within(row).getByRole('button'));
    expect(
      await screen.findByText(
        /EC2 did not describe this instance \(i-0hidden000000001\)/,
      ),
    ).toHaveTextContent('unknown — not zero');
  });

  it('shows the API’s message and a retry when a node cannot be loaded', async () => {
    const getNode = jest
      .fn()
      .mockRejectedValueOnce(
        Object.assign(new Error('Request failed with 404 '), {
          statusCode: 404,
          body: {
            error: {
              name: 'NotFoundError',
              message:
                "No node named 'i-0e8217b21d04ed516' in cluster sample-2-custom-networking.",
            },
          },
        }),
      )
      .mockImplementation(
        async (c: string, n: string) =>
          await mockPodIpCapacityApi().getNode(c, n),
      );
    await renderPage(mockPodIpCapacityApi({ getNode }));
    const row = await screen.findByTestId('node-row-i-0e8217b21d04ed516');
    fireEvent.click(within(row).getByRole('button'));
    expect(
      await screen.findByText(
        "Error: Could not load the ENIs of i-0e8217b21d04ed516: No node named 'i-0e8217b21d04ed516' in cluster sample-2-custom-networking.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Request failed with 404/),
    ).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', {
        name: 'ENI report of i-0e8217b21d04ed516',
      }),
    ).toBeInTheDocument();
  });
});

describe('PodIpCapacityPage: getting around', () => {
  it('links a cluster card to the nodes table filtered to that cluster', async () => {
    const api = await renderPage();
    const card = await screen.findByTestId(`cluster-${CLUSTER_1}`);
    const link = within(card).getByRole('link', { name: 'Its nodes' });
    expect(link).toHaveAttribute('href', `/?cluster=${CLUSTER_1}#nodes`);
    fireEvent.click(link);
    await waitFor(() =>
      expect(api.listNodes).toHaveBeenLastCalledWith(
        expect.objectContaining({ cluster: CLUSTER_1 }),
      ),
    );
    const table = screen.getByTestId('nodes-table');
    // Sample 1 has five nodes: three Auto Mode, two legacy.
    await waitFor(() => expect(bodyRows(table)).toHaveLength(5));
    expect(screen.getByTestId('filter-note')).toHaveTextContent(
      `Showing cluster ${CLUSTER_1} only.`,
    );
    expect(
      within(screen.getByTestId('node-groups-table'))
        .getAllByRole('row')
        .filter(r => r.closest('tbody')),
    ).toHaveLength(2);
  });

  it('links an at-risk chip to its subnet, and a subnet to the nodes taking pod IPs from it', async () => {
    const api = await renderPage();
    const card = await screen.findByTestId(`cluster-${CLUSTER_3}`);
    fireEvent.click(
      within(card).getByRole('link', { name: '10.0.1.0/28: low' }),
    );
    const table = screen.getByTestId('subnets-table');
    await waitFor(() => expect(bodyRows(table)).toHaveLength(1));
    expect(bodyRows(table)[0]).toHaveTextContent('10.0.1.0/28');

    fireEvent.click(
      within(table).getByRole('button', {
        name: 'Show the subnet map of 10.0.1.0/28',
      }),
    );
    fireEvent.click(
      await within(table).findByRole('link', {
        name: 'Show the 1 node taking pod IPs from 10.0.1.0/28',
      }),
    );
    await waitFor(() =>
      expect(api.listNodes).toHaveBeenLastCalledWith(
        expect.objectContaining({ cluster: CLUSTER_3, q: 'subnet-0small1b' }),
      ),
    );
    const nodes = screen.getByTestId('nodes-table');
    await waitFor(() => expect(bodyRows(nodes)).toHaveLength(1));
    expect(bodyRows(nodes)[0]).toHaveTextContent('i-0sec5c0000000001');
    expect(within(nodes).getByLabelText('Filter nodes')).toHaveValue(
      'subnet-0small1b',
    );
  }, 30_000);
});

describe('PodIpCapacityPage: teams', () => {
  it('charges whole addresses, and shows what no team is charged, so that they add up to what the nodes hold', async () => {
    await renderPage();
    const table = await screen.findByTestId('teams-table');
    const owners = ownersResponse();
    const rows = bodyRows(table);
    expect(
      rows.slice(0, 2).map(r => within(r).getAllByRole('link')[0].textContent),
    ).toEqual(['Search', 'Payments']);
    // Search: 5 pod IPs on two custom-networking nodes that hold 32, all theirs.
    expect(rows[0]).toHaveTextContent('5 of 523227');
    const rest = within(table).getByTestId('not-attributed-row');
    // Sample 1's storefront, legacy-batch and shared idle addresses (40) and
    // sample 3's nodes no team owns (41).
    expect(rest).toHaveTextContent('not attributed to a team8174');
    expect(within(rest).getByText('not attributed to a team')).toHaveAttribute(
      'title',
      GLOSSARY.notAttributed,
    );
    const held = sources().reduce((n, s) => n + s.capacity.totals.heldIps, 0);
    expect(owners.owners.reduce((n, o) => n + o.nodeHeldIps, 0) + 81).toBe(
      held,
    );
    expect(table).toHaveTextContent(
      `teams plus not attributed add up to the ${held} pod IPs the clusters' nodes hold`,
    );
  });

  it("shows a team's room for more replicas once, shared by its services: never their sum", async () => {
    await renderPage();
    const table = await screen.findByTestId('teams-table');
    const search = bodyRows(table)[0];
    // search-api and search-worker run in one node group: 215 between them, not 430.
    expect(search).toHaveTextContent('215shared by its services');
    expect(search).not.toHaveTextContent('430');
    expect(within(search).getByText('shared by its services')).toHaveAttribute(
      'title',
      'sample-2-custom-networking: up to 215 on custom-networking, shared between search-api and search-worker',
    );
    await screen.findByRole('link', { name: 'Payments' });
    expect(screen.getByRole('link', { name: 'Payments' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments',
    );
  });
});

describe('PodIpCapacityPage: freshness', () => {
  it('follows a refresh until it is done, then says when it finished', async () => {
    const before = overviewResponse();
    const running = overviewResponse({
      snapshots: { [CLUSTER_1]: { ...okSnapshot, refreshing: true } },
    });
    const finishedAt = '2026-11-23T08:03:00.000Z';
    const after = overviewResponse({
      snapshots: {
        [CLUSTER_1]: {
          ...okSnapshot,
          collectedAt: finishedAt,
          attemptedAt: finishedAt,
          ageSeconds: 0,
        },
      },
    });
    const getOverview = jest
      .fn()
      .mockResolvedValueOnce(before)
      .mockResolvedValueOnce(running)
      .mockResolvedValue(after);
    const api = await renderPage(mockPodIpCapacityApi({ getOverview }));
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh now' }));
    await waitFor(() => expect(api.refresh).toHaveBeenCalledWith());
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Refreshing sample-1-auto-mode…',
    );
    // The page asks again by itself (every 1.5 s while refreshing).
    await waitFor(
      () =>
        expect(screen.getByRole('status')).toHaveTextContent(
          `Refreshed sample-1-auto-mode at ${formatTime(finishedAt)}.`,
        ),
      { timeout: 15_000 },
    );
    expect(getOverview.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(screen.getByTestId(`cluster-age-${CLUSTER_1}`)).toHaveTextContent(
      'collected just now',
    );
  }, 30_000);

  it('says when the next refresh is possible when every cluster was refreshed moments ago (429)', async () => {
    const refresh = jest.fn(async () => {
      throw Object.assign(new Error('Request failed with 429 '), {
        statusCode: 429,
        response: {
          headers: new Headers({ 'Retry-After': '30' }),
        },
        body: {
          error: {
            name: 'TooManyRequestsError',
            message:
              'sample-1-auto-mode, sample-2-custom-networking were refreshed moments ago; the next refresh may start at 2026-11-23T08:00:30.000Z.',
          },
        },
      });
    });
    await renderPage(mockPodIpCapacityApi({ refresh }));
    const now = Date.now();
    const button = await screen.findByRole('button', { name: 'Refresh now' });
    fireEvent.click(button);
    const status = await screen.findByText(
      /^Every cluster was refreshed moments ago: next refresh possible at /,
    );
    const shown = status.textContent!.match(/at (.*)\.$/)![1];
    // Retry-After: 30 s from the answer, which came within a few seconds
    // (up to 20 on a loaded CI machine).
    const expected = Array.from({ length: 20 }, (_, s) =>
      formatTime(new Date(now + (30 + s) * 1000)),
    );
    expect(expected).toContain(shown);
    await waitFor(() => expect(button).toBeDisabled());
  });

  it('says which clusters cool down, and when they may be refreshed again', async () => {
    await renderPage(
      mockPodIpCapacityApi({
        refresh: jest.fn(async () => ({
          refreshing: [],
          coolingDown: [
            { cluster: CLUSTER_2, nextRefreshAt: '2026-11-23T08:00:30.000Z' },
          ],
        })),
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh now' }));
    expect(
      await screen.findByText(
        `${CLUSTER_2} was refreshed moments ago: next refresh possible at ${formatTime(
          '2026-11-23T08:00:30.000Z',
        )}.`,
      ),
    ).toBeInTheDocument();
  });

  it('shows the exact collection time on hover', async () => {
    await renderPage();
    const card = await screen.findByTestId(`cluster-age-${CLUSTER_1}`);
    const age = within(card).getByText('collected 2 minutes ago');
    expect(age).toHaveAttribute(
      'title',
      expect.stringMatching(/^Collected 23 Nov 2026, \d\d:00:00/),
    );
  });
});

describe('PodIpCapacityPage: errors', () => {
  it('shows the message the API returned, not "Request failed with 500", and retries', async () => {
    const getOverview = jest
      .fn()
      .mockRejectedValueOnce(
        Object.assign(new Error('Request failed with 403 '), {
          statusCode: 403,
          body: {
            error: {
              name: 'NotAllowedError',
              message:
                'You may not use this: the pod-ip-capacity.read permission is required.',
            },
          },
        }),
      )
      .mockResolvedValue(overviewResponse());
    await renderPage(mockPodIpCapacityApi({ getOverview }));
    expect(
      await screen.findByText(
        'Error: Could not load the overview: You may not use this: the pod-ip-capacity.read permission is required.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The Pod IP Capacity backend answered with HTTP 403.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Request failed/)).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByTestId(`cluster-${CLUSTER_1}`),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderPage(
      mockPodIpCapacityApi({
        getOverview: jest.fn(() => new Promise(() => {})),
      }),
    );
    expect(screen.getAllByTestId('progress').length).toBeGreaterThan(0);
  });
});
