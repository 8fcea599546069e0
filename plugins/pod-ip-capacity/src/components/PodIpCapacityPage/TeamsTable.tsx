import { EntityRefLink } from '@backstage/plugin-catalog-react';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  OwnerSummary,
  OwnersResponse,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { DataColumn, DataTable } from '../common/DataTable';
import { fmt, listText, plural, sharedByName } from '../common/format';
import { Explained, GLOSSARY, Term } from '../common/glossary';

/** "sample-2: up to 215 on custom-networking, shared between search-api and search-worker". */
function poolsText(owner: OwnerSummary): string {
  return owner.headroom.pools
    .map(
      p =>
        `${p.cluster}: up to ${fmt(p.replicas)} on ${listText(p.nodeGroups)}${
          p.sharedBy.length > 1
            ? `, shared between ${listText(
                p.sharedBy.map(r => sharedByName(r)),
              )}`
            : ` (${sharedByName(p.sharedBy[0] ?? '')})`
        }`,
    )
    .join('; ');
}

const columns: DataColumn<OwnerSummary>[] = [
  {
    id: 'team',
    title: 'Team',
    sortValue: o => o.owner.title ?? o.owner.entityRef,
    render: o => (
      <EntityRefLink
        entityRef={o.owner.entityRef}
        title={o.owner.title ?? o.owner.entityRef}
      />
    ),
  },
  {
    id: 'entities',
    title: 'Services',
    align: 'right',
    sortValue: o => o.entities,
    firstOrder: 'desc',
    render: o => fmt(o.entities),
  },
  {
    id: 'pods',
    title: 'Pods with a pod IP',
    align: 'right',
    sortValue: o => o.podsWithVpcIp,
    firstOrder: 'desc',
    render: o => `${fmt(o.podsWithVpcIp)} of ${fmt(o.pods)}`,
  },
  {
    id: 'nodes',
    title: 'Nodes',
    align: 'right',
    sortValue: o => o.nodes,
    firstOrder: 'desc',
    render: o => fmt(o.nodes),
  },
  {
    id: 'held',
    title: 'IPs held',
    help: GLOSSARY.teamHeld,
    align: 'right',
    sortValue: o => o.nodeHeldIps,
    firstOrder: 'desc',
    render: o => fmt(o.nodeHeldIps),
  },
  {
    id: 'idle',
    title: 'of which idle',
    help: GLOSSARY.idle,
    align: 'right',
    sortValue: o => o.nodeIdleIps,
    firstOrder: 'desc',
    render: o => fmt(o.nodeIdleIps),
  },
  {
    id: 'headroom',
    title: 'More replicas',
    help: `${GLOSSARY.moreReplicas} ${GLOSSARY.sharedRoom}`,
    align: 'right',
    sortValue: o => o.headroom.replicas,
    firstOrder: 'desc',
    render: o => (
      <>
        {fmt(o.headroom.replicas)}
        {o.headroom.pools.length > 0 && (
          <Typography variant="caption" component="div" color="textSecondary">
            <Explained title={poolsText(o)}>
              {o.headroom.pools.some(p => p.sharedBy.length > 1)
                ? 'shared by its services'
                : plural(o.headroom.pools.length, 'pool')}
            </Explained>
          </Typography>
        )}
      </>
    ),
  },
  {
    id: 'clusters',
    title: 'Clusters',
    sortValue: o => o.clusters.join(', '),
    render: o => o.clusters.join(', '),
  },
];

/**
 * Teams ranked by the whole pod addresses charged to them, with the idle
 * ones, their shared room for more replicas, and a last row for what is
 * charged to no team: teams plus "not attributed" add up to what the
 * clusters' nodes hold.
 */
export const TeamsTable = (props: { response: OwnersResponse }) => {
  const { owners, notAttributed } = props.response;
  const rest = {
    held: notAttributed.reduce((n, c) => n + c.held, 0),
    idle: notAttributed.reduce((n, c) => n + c.idle, 0),
    clusters: notAttributed.filter(c => c.held > 0).map(c => c.cluster),
  };
  const held = owners.reduce((n, o) => n + o.nodeHeldIps, 0) + rest.held;
  const extraRows = (
    <TableRow data-testid="not-attributed-row">
      <TableCell>
        <Term term="notAttributed">not attributed to a team</Term>
      </TableCell>
      <TableCell />
      <TableCell />
      <TableCell />
      <TableCell align="right">{fmt(rest.held)}</TableCell>
      <TableCell align="right">{fmt(rest.idle)}</TableCell>
      <TableCell />
      <TableCell>{rest.clusters.join(', ')}</TableCell>
    </TableRow>
  );
  return (
    <DataTable<OwnerSummary>
      title="Teams by IPs held"
      testId="teams-table"
      columns={columns}
      rows={owners}
      rowKey={o => o.owner.entityRef}
      defaultSort={{ column: 'held', order: 'desc' }}
      pageSize={20}
      emptyText="No team owns entities with pods yet."
      extraRows={extraRows}
      caption={
        <Typography variant="body2" color="textSecondary">
          Whole addresses: teams plus not attributed add up to the{' '}
          {plural(held, 'pod IP')} the clusters' nodes hold.{' '}
          <Term term="notAttributed">How IPs are charged</Term>
        </Typography>
      }
    />
  );
};
