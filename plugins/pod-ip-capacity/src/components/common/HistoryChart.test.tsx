import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { podIpCapacityApiRef } from '../../api';
import {
  historyResponse,
  NOW,
  subnetHistoryPoints,
} from '../../__fixtures__/history';
import { overviewResponse } from '../../__fixtures__/capacity';
import { mockPodIpCapacityApi } from '../../__fixtures__/mockApi';
import { formatInstant } from './format';
import { SubnetHistory } from './SubnetsTable';

jest.setTimeout(30_000);

const subnetOf = (id: string) =>
  overviewResponse().subnets.find(s => s.subnet.subnetId === id)!;

async function renderSubnetHistory(
  id: string,
  api = mockPodIpCapacityApi(),
  simulated = false,
) {
  const s = subnetOf(id);
  api.getHistory.mockImplementation(async () =>
    historyResponse(
      [
        {
          cluster: s.cluster,
          kind: 'subnet',
          key: id,
          simulated,
          points: subnetHistoryPoints(id, s.subnet.usable),
        },
      ],
      subnetHistoryPoints(id, s.subnet.usable)[0]?.at,
    ),
  );
  await renderInTestApp(
    <TestApiProvider apis={[[podIpCapacityApiRef, api]]}>
      <SubnetHistory
        cluster={s.cluster}
        subnet={s.subnet}
        forecast={s.forecast}
      />
    </TestApiProvider>,
  );
  return api;
}

describe('HistoryChart', () => {
  it("charts a subnet's free /28 blocks and used IPs, and its run-out projection", async () => {
    // 10.0.1.0/28: 7 free IPs six days ago, one fewer a day, 1 now.
    const api = await renderSubnetHistory('subnet-0small1b');
    expect(
      await screen.findByText(
        /runs out of free IPs in about 1 day, around 24 Nov 2026/,
      ),
    ).toBeInTheDocument();
    // 11 usable: 4 used then, 10 now; never a free /28 block.
    expect(
      screen.getByText(/Free \/28 blocks 0 → 0, used IPs 4 → 10 between/),
    ).toBeInTheDocument();
    expect(screen.getByRole('figure')).toHaveAccessibleName(
      'History: free /28 blocks 0 → 0, used IPs 4 → 10',
    );
    expect(api.getHistory).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'subnet',
        cluster: 'sample-3-fragmented',
        key: 'subnet-0small1b',
      }),
    );
    expect(screen.queryByText('simulated history')).not.toBeInTheDocument();
  });

  it('asks for 24 h, 7 d, 30 d or 90 d of history', async () => {
    const api = await renderSubnetHistory('subnet-0small1b');
    const week = screen.getByRole('button', { name: '7 d' });
    expect(week).toHaveAttribute('aria-pressed', 'true');
    const before = Date.now();
    fireEvent.click(screen.getByRole('button', { name: '90 d' }));
    await waitFor(() => expect(api.getHistory).toHaveBeenCalledTimes(2));
    const from = Date.parse(api.getHistory.mock.calls[1][0].from!);
    expect(before - from).toBeGreaterThanOrEqual(90 * 86_400_000 - 1000);
    expect(before - from).toBeLessThan(90 * 86_400_000 + 60_000);
    expect(screen.getByRole('button', { name: '90 d' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('labels a backfilled series "simulated history", and says since when it collects while points are few', async () => {
    // §5's 10.0.0.0/25: five daily readings, 5 free /28 blocks down to 1.
    await renderSubnetHistory(
      'subnet-0sec5frag1b',
      mockPodIpCapacityApi(),
      true,
    );
    expect(await screen.findByText('simulated history')).toBeInTheDocument();
    const since = new Date(NOW - 4 * 86_400_000).toISOString();
    expect(
      screen.getByText(
        `Collecting history since ${formatInstant(since)}: 5 points so far.`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/collecting history: a forecast after 24 more hours/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Free \/28 blocks 5 → 1, used IPs 31 → 35 between/),
    ).toBeInTheDocument();
  });
});
