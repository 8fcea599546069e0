import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { computeClusterCapacity } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { generateInventory } from '@pod-ip-capacity/plugin-pod-ip-capacity-common/testing';
import { NodesTable, toNodeRow } from './NodesTable';

describe('NodesTable with thousands of nodes', () => {
  const capacity = computeClusterCapacity(
    generateInventory({ nodes: 3000, podsPerNode: 4, subnets: 8, seed: 7 }),
  );
  const rows = capacity.nodes.map(n => toNodeRow('big', n));

  it('renders one page of rows, and filters and pages through all of them', async () => {
    expect(rows).toHaveLength(3000);
    await renderInTestApp(
      <NodesTable title="All nodes" rows={rows} showCluster pageSize={20} />,
    );
    const table = screen.getByTestId('nodes-table');
    const dataRows = () =>
      within(table)
        .getAllByRole('row')
        .filter(r => r.hasAttribute('index'));
    // One page of rows: the other 2980 are not in the DOM.
    expect(dataRows()).toHaveLength(20);
    expect(within(table).getAllByText('1-20 of 3000').length).toBeGreaterThan(
      0,
    );

    const name = rows[2345].name;
    fireEvent.change(within(table).getByPlaceholderText('Filter'), {
      target: { value: name },
    });
    await waitFor(() =>
      expect(within(table).getByText(name)).toBeInTheDocument(),
    );
    expect(dataRows().length).toBeLessThan(20);
    expect(dataRows()[0]).toHaveTextContent(name);
  });
});
