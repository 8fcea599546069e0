import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { podIpCapacityApiRef } from '../../api';
import {
  CLUSTER_1,
  CLUSTER_3,
  overviewResponse,
} from '../../__fixtures__/capacity';
import { mockPodIpCapacityApi } from '../../__fixtures__/mockApi';
import { PodIpCapacityPage } from './PodIpCapacityPage';
import { WhatComesNext } from './WhatComesNext';

// Whole test apps on a CI machine running every package's suites at once.
jest.setTimeout(40_000);

/*
 * The worked examples (see __fixtures__/history.ts and capacity.ts):
 * - 10.0.1.0/28 (subnet-0small1b): 7 free IPs six days ago, one fewer a
 *   day, 1 now → out of free IPs in about 1 day (24 Nov 2026); its
 *   secondary-IP node group "batch" holds 1 warm ENI of an m5.large: 9 warm
 *   IPs (10 per ENI less its primary), which the 1 free IP cannot give.
 * - §5's 10.0.0.0/25 (subnet-0sec5frag1b): one free /28 block for the two
 *   prefix-mode nodes of "reports"; five daily readings, one short of a
 *   forecast: "a forecast after 24 more hours".
 */
const BATCH_WARNING =
  'The next node of node group batch in eu-west-1b lands in subnet-0small1b (1 free IP, 0 free /28 blocks): its 9 warm IPs will not fit (InsufficientFreeAddressesInSubnet). No other subnet of the node group batch in eu-west-1b would.';

async function renderOverview(api = mockPodIpCapacityApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[podIpCapacityApiRef, api]]}>
      <PodIpCapacityPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

async function renderWhatComesNext(api = mockPodIpCapacityApi()) {
  const overview = overviewResponse();
  await renderInTestApp(
    <TestApiProvider apis={[[podIpCapacityApiRef, api]]}>
      <WhatComesNext overview={overview} version="1" />
    </TestApiProvider>,
  );
  return api;
}

describe('the overview: forecasts', () => {
  it("shows each cluster's first subnet to run out, and each subnet's forecast in its row", async () => {
    await renderOverview();
    expect(await screen.findByTestId(`run-out-${CLUSTER_3}`)).toHaveTextContent(
      'First to run outsubnet-0small1b runs out of free IPs in about 1 day, around 24 Nov 2026',
    );
    // sample 1: 10.0.2.0/24's free IPs, 2 fewer a day from 250 to 238 → 119 days.
    expect(screen.getByTestId(`run-out-${CLUSTER_1}`)).toHaveTextContent(
      /subnet-0legacy1c runs out of free IPs in about 119 days/,
    );
    // sample 2 has no history yet: every subnet collecting, 24 hours to go.
    expect(
      screen.getByTestId('run-out-sample-2-custom-networking'),
    ).toHaveTextContent('collecting history: a forecast after 24 more hours');

    const table = screen.getByTestId('subnets-table');
    expect(
      within(table).getByTestId('run-out-subnet-0small1b'),
    ).toHaveTextContent(
      'runs out of free IPs in about 1 day, around 24 Nov 2026',
    );
    expect(
      within(table).getByTestId('run-out-subnet-0sec5frag1b'),
    ).toHaveTextContent('collecting history: a forecast after 24 more hours');
    expect(
      within(table).getByTestId('run-out-subnet-0sample1a'),
    ).toHaveTextContent('not growing');
    // The at-risk map of the /28 says it too.
    expect(
      within(screen.getByTestId('subnet-at-risk-subnet-0small1b')).getByText(
        'Runs out: runs out of free IPs in about 1 day, around 24 Nov 2026.',
      ),
    ).toBeInTheDocument();
  });
});

describe('the overview: what comes next', () => {
  it("gives each warning of the next node in the backend's words, and says when no other subnet would work", async () => {
    const api = await renderWhatComesNext();
    const warning = await screen.findByTestId(
      'landing-warning-batch-eu-west-1b',
    );
    expect(within(warning).getByText(BATCH_WARNING)).toBeInTheDocument();
    expect(warning).toHaveTextContent(
      'No other subnet of this pool and zone would work.',
    );
    expect(api.getClusterForesight).toHaveBeenCalledWith(CLUSTER_3);
    // "reports" lands in §5's subnet: its first prefix takes the one free /28.
    const landings = screen.getByTestId(`landings-${CLUSTER_3}`);
    expect(landings).toHaveTextContent(
      'subnet-0sec5frag1b (88 free IPs, 1 free /28 block)',
    );
    // The warm pool explained: 2 prefix-mode nodes, one spare prefix each.
    expect(screen.getByTestId(`warm-pools-${CLUSTER_3}`)).toHaveTextContent(
      "reports: Held as warm pool: WARM_PREFIX_TARGET=1 (the VPC CNI's default), 2 nodes, 30 addresses.",
    );
  });

  it('names the subnet that would work when the backend gives one', async () => {
    const api = mockPodIpCapacityApi();
    const base = await api.getClusterForesight(CLUSTER_3);
    const landings = base.foresight!.landings.map(l =>
      l.nodeGroup === 'batch'
        ? {
            ...l,
            warnings: l.warnings.map(w => ({
              ...w,
              workingSubnetId: 'subnet-0sec5frag1b',
            })),
          }
        : l,
    );
    api.getClusterForesight.mockImplementation(async cluster =>
      cluster === CLUSTER_3
        ? { ...base, foresight: { ...base.foresight!, landings } }
        : { cluster, snapshot: base.snapshot },
    );
    await renderWhatComesNext(api);
    expect(
      await screen.findByText(
        'The subnet that would work: subnet-0sec5frag1b.',
      ),
    ).toBeInTheDocument();
  });

  it('answers "rotate node group G": the new node that fails, and what the subnet drops to', async () => {
    // "reports" has 2 nodes; each new one takes its own address and its first
    // /28 prefix before the old one drains. §5's subnet has one free /28: the
    // first new node takes it, the second fails (InsufficientCidrBlocks).
    const api = await renderWhatComesNext();
    fireEvent.change(screen.getByLabelText('Node group'), {
      target: { value: `${CLUSTER_3}/reports` },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Rotate' }));
    const answer = await screen.findByTestId('what-if-rotate-answer');
    expect(api.whatIfRotate).toHaveBeenCalledWith({
      cluster: CLUSTER_3,
      nodeGroup: 'reports',
    });
    expect(answer).toHaveTextContent(
      `Rotating reports in ${CLUSTER_3} (2 nodes, 2 at once) takes 18 addresses (1 prefix) before the old nodes drain`,
    );
    expect(answer).toHaveTextContent(
      'The 2nd new node fails: InsufficientCidrBlocks in subnet-0sec5frag1b',
    );
    expect(answer).toHaveTextContent(
      'subnet-0sec5frag1b (eu-west-1b): free /28 blocks 1 → 0, free IPs 88 → 70',
    );
    expect(within(answer).getByText('does not fit')).toBeInTheDocument();
  });

  it('sits on the overview page, with every warning text', async () => {
    await renderOverview();
    expect(
      await screen.findByRole('heading', { name: 'What comes next' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText(BATCH_WARNING)).toBeInTheDocument(),
    );
  });
});
