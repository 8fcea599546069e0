import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { CLUSTER_1, sources } from '../../__fixtures__/capacity';
import { nodeRowOf, NodesTable } from './NodesTable';

/** Sample 1's five nodes, as a service's tab lists them. */
function sample1Rows() {
  const capacity = sources()[0].capacity;
  return capacity.nodes.map(node => ({
    row: nodeRowOf(CLUSTER_1, node),
    node,
  }));
}

const focusable = (element: HTMLElement) =>
  Array.from(
    element.querySelectorAll<HTMLElement>(
      'button, a[href], input, select, [tabindex]',
    ),
  ).filter(e => e.tabIndex >= 0 && !e.hasAttribute('disabled'));

describe('tables, by keyboard', () => {
  it('give each column header at most one tab stop, the sort button carrying the explanation', async () => {
    await renderInTestApp(
      <NodesTable title="Nodes" rows={sample1Rows()} showCluster />,
    );
    const table = screen.getByTestId('nodes-table');
    const headers = within(table).getAllByRole('columnheader');
    for (const header of headers) {
      expect(focusable(header).length).toBeLessThanOrEqual(1);
    }
    // Sortable with an explanation: one stop, the button, with the tooltip.
    const used = within(table).getByRole('columnheader', {
      name: 'Pod IPs used / held',
    });
    expect(focusable(used)).toEqual([
      within(used).getByRole('button', { name: 'Pod IPs used / held' }),
    ]);
    expect(focusable(used)[0]).toHaveAttribute(
      'title',
      expect.stringContaining('Held:'),
    );
  });

  it('name each expand button after its row and say whether it is open', async () => {
    await renderInTestApp(
      <NodesTable title="Nodes" rows={sample1Rows()} showCluster />,
    );
    const buttons = screen.getAllByRole('button', {
      name: /^Show the per-ENI report of /,
    });
    expect(buttons.map(b => b.getAttribute('aria-label'))).toEqual(
      sample1Rows().map(r => `Show the per-ENI report of ${r.row.name}`),
    );
    expect(screen.queryByText(/visiblity/i)).not.toBeInTheDocument();
    const button = screen.getByRole('button', {
      name: 'Show the per-ENI report of i-0legacy000000001',
    });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(button).toHaveAccessibleName(
      'Hide the per-ENI report of i-0legacy000000001',
    );
    const report = screen.getByRole('table', {
      name: 'ENI report of i-0legacy000000001',
    });
    expect(button).toHaveAttribute('aria-controls', report.closest('td')!.id);
  });
});
