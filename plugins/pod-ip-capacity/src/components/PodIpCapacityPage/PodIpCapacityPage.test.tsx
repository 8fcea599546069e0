import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { podIpCapacityApiRef } from '../../api';
import {
  CLUSTER_1,
  CLUSTER_2,
  clustersResponse,
  ownersResponse,
  sources,
  staleSnapshot,
} from '../../__fixtures__/capacity';
import { mockPodIpCapacityApi } from '../../__fixtures__/mockApi';
import { PodIpCapacityPage } from './PodIpCapacityPage';

async function renderPage(api = mockPodIpCapacityApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[podIpCapacityApiRef, api]]}>
      <PodIpCapacityPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('PodIpCapacityPage', () => {
  it('tells the platform team what the page is for', async () => {
    await renderPage();
    expect(
      screen.getByRole('heading', { name: 'Pod IP Capacity' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('How much pod IP room your EKS clusters have left'),
    ).toBeInTheDocument();
  });

  it('shows each cluster at a glance: IPs used, held and usable, and its subnets at risk', async () => {
    await renderPage();
    const [one] = sources();
    const t = one.capacity.totals;
    const card = await screen.findByTestId(`cluster-${CLUSTER_1}`);
    expect(
      within(card).getByLabelText(
        `Pod IPs used / held: ${t.usedIps} of ${t.heldIps}`,
      ),
    ).toBeInTheDocument();
    expect(
      within(card).getByLabelText(
        `Pod IPs used and held / subnet addresses usable: ${t.usedIps} used, ${t.heldIps} held, of ${t.subnetUsable}`,
      ),
    ).toBeInTheDocument();
    expect(card).toHaveTextContent(`${t.nodes}nodes`);
    expect(card).toHaveTextContent('1 subnet at risk');
    expect(card).toHaveTextContent('10.0.2.0/24: fragmented');
    expect(screen.getByTestId(`cluster-${CLUSTER_2}`)).toHaveTextContent(
      'No subnet at risk',
    );
  });

  it('draws the fragmented subnet as a map, first among the subnets by risk, with the warning', async () => {
    await renderPage();
    const risky = await screen.findByTestId('subnet-at-risk-subnet-0legacy1c');
    expect(risky).toHaveTextContent(
      'Warning: Subnet 10.0.2.0/24 is fragmented: 238 free IPs but 1 free /28 block',
    );
    const map = within(risky).getByRole('img', {
      name: /^Subnet map of 10.0.2.0\/24/,
    });
    const states = Array.from(map.querySelectorAll('rect')).map(r =>
      r.getAttribute('data-state'),
    );
    // 16 blocks: .0 and .240 reserved, .224 the only free one, the rest split.
    expect(states.join('')).toBe('rxxxxxxxxxxxxx.r');

    const all = screen.getByTestId('subnets-table');
    const rows = within(all).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('10.0.2.0/24');
    expect(rows[0]).toHaveTextContent('fragmented');
  });

  it('lists every node with its cluster, searchable, each opening its per-ENI report', async () => {
    await renderPage();
    const nodes = await screen.findByTestId('nodes-table');
    const total = sources().reduce((n, s) => n + s.capacity.nodes.length, 0);
    expect(within(nodes).getAllByRole('row').length - 1).toBe(total);

    fireEvent.change(within(nodes).getByPlaceholderText('Filter'), {
      target: { value: 'i-0e8217b21d04ed516' },
    });
    await waitFor(() =>
      expect(within(nodes).getAllByRole('row').length - 1).toBe(1),
    );
    const row = within(nodes).getByText('i-0e8217b21d04ed516').closest('tr')!;
    expect(row).toHaveTextContent(CLUSTER_2);
    fireEvent.click(within(row).getAllByRole('button')[0]);
    const report = await screen.findByRole('table', {
      name: 'ENI report of i-0e8217b21d04ed516',
    });
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

  it('ranks teams by IPs held and links to their pages', async () => {
    await renderPage();
    const owners = ownersResponse().owners;
    const link = await screen.findByRole('link', { name: 'Payments' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments',
    );
    const teams = screen.getByTestId('teams-table');
    const rows = within(teams).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('link')[0].textContent),
    ).toEqual(owners.map(o => o.owner.title));
    const payments = owners.find(o => o.owner.title === 'Payments')!;
    expect(rows[owners.indexOf(payments)]).toHaveTextContent(
      `${payments.nodeHeldIps}${payments.nodeIdleIps}${CLUSTER_1}`,
    );
  });

  it('starts a refresh', async () => {
    const api = await renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh now' }));
    await waitFor(() => expect(api.refresh).toHaveBeenCalledWith());
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Refreshing sample-1-auto-mode…',
    );
  });

  it('names a stale cluster and its problem', async () => {
    const response = clustersResponse();
    response.clusters[1].snapshot = staleSnapshot;
    await renderPage(
      mockPodIpCapacityApi({ getClusters: jest.fn(async () => response) }),
    );
    expect(
      await screen.findByText(
        `Warning: Cluster ${CLUSTER_2} shows stale data (collected 30 minutes ago)`,
      ),
    ).toBeInTheDocument();
  });

  it('shows progress while loading and an error panel when the backend fails', async () => {
    await renderPage(
      mockPodIpCapacityApi({
        getClusters: jest.fn(() => new Promise(() => {})),
        getOwners: jest.fn(async () => {
          throw new Error(
            'You may not use this: the pod-ip-capacity.read permission is required.',
          );
        }),
      }),
    );
    expect(screen.getAllByTestId('progress').length).toBeGreaterThan(0);
    expect(
      (
        await screen.findAllByText(
          /pod-ip-capacity.read permission is required/,
        )
      ).length,
    ).toBeGreaterThan(0);
  });
});
