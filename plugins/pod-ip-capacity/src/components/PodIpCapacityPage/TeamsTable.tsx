import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { OwnerSummary } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

interface TeamRow extends Omit<OwnerSummary, 'clusters'> {
  id: string;
  title: string;
  clusters: string;
}

const columns: TableColumn<TeamRow>[] = [
  {
    title: 'Team',
    field: 'title',
    highlight: true,
    render: r => (
      <EntityRefLink entityRef={r.owner.entityRef} title={r.title} />
    ),
  },
  { title: 'Services', field: 'entities', type: 'numeric' },
  { title: 'Pods', field: 'pods', type: 'numeric' },
  { title: 'Pod IPs', field: 'podsWithVpcIp', type: 'numeric' },
  { title: 'Nodes', field: 'nodes', type: 'numeric' },
  {
    title: 'IPs held',
    field: 'nodeHeldIps',
    type: 'numeric',
    defaultSort: 'desc',
  },
  { title: 'Idle IPs held', field: 'nodeIdleIps', type: 'numeric' },
  { title: 'Clusters', field: 'clusters' },
];

/**
 * Teams ranked by the pod IPs their nodes hold for them (the backend's
 * share of each node's held addresses), with the idle ones prefixes and
 * warm targets keep; each links to the team's page.
 */
export const TeamsTable = (props: { owners: OwnerSummary[] }) => {
  const rows: TeamRow[] = props.owners.map(o => ({
    ...o,
    id: o.owner.entityRef,
    title: o.owner.title ?? o.owner.entityRef,
    clusters: o.clusters.join(', '),
  }));
  return (
    <div data-testid="teams-table">
      <Table<TeamRow>
        title="Teams by IPs held"
        columns={columns}
        data={rows}
        options={{
          paging: rows.length > 20,
          pageSize: 20,
          padding: 'dense',
          search: rows.length > 5,
        }}
        emptyContent={
          <div style={{ padding: 16 }}>
            No team owns entities with pods yet.
          </div>
        }
      />
    </div>
  );
};
