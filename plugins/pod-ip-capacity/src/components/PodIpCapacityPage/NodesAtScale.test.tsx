import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { computeClusterCapacity } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { generateInventory } from '@pod-ip-capacity/plugin-pod-ip-capacity-common/testing';
import { podIpCapacityApiRef } from '../../api';
import { nodesPage } from '../../__fixtures__/capacity';
import { mockPodIpCapacityApi } from '../../__fixtures__/mockApi';
import { PodIpCapacityPage } from './PodIpCapacityPage';

jest.setTimeout(30_000);

describe('the overview with thousands of nodes', () => {
  const inventory = generateInventory({
    nodes: 3000,
    podsPerNode: 4,
    subnets: 8,
    seed: 7,
  });
  const big = [
    { capacity: computeClusterCapacity(inventory), pods: inventory.pods },
  ];

  it('asks the server for one page at a time and pages through all of them', async () => {
    const api = mockPodIpCapacityApi({
      listNodes: jest.fn(async request => nodesPage(request, big)),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[podIpCapacityApiRef, api]]}>
        <PodIpCapacityPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const table = await screen.findByTestId('nodes-table');
    const dataRows = () =>
      within(table)
        .getAllByRole('row')
        .filter(r => r.closest('tbody'));
    await waitFor(() => expect(dataRows()).toHaveLength(20));
    // One page of rows: the other 2,980 are neither fetched nor in the DOM.
    expect(within(table).getByText('Nodes (3,000)')).toBeInTheDocument();
    expect(within(table).getByText('1–20 of 3,000')).toBeInTheDocument();
    expect(api.listNodes).toHaveBeenCalledWith(
      expect.objectContaining({ offset: 0, limit: 20 }),
    );
    const first = dataRows()[0].textContent;

    fireEvent.click(within(table).getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.listNodes).toHaveBeenLastCalledWith(
        expect.objectContaining({ offset: 20, limit: 20 }),
      ),
    );
    await waitFor(() => expect(dataRows()[0].textContent).not.toBe(first));
    expect(within(table).getByText('21–40 of 3,000')).toBeInTheDocument();
  });
});
