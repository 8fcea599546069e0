import { Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  NodeRow,
  NodeSortKey,
  NodeUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { ReactNode, useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ApiErrorPanel } from './ApiErrorPanel';
import { DataColumn, DataDetail, DataTable, SortState } from './DataTable';
import { EniReport } from './EniReport';
import { fmt, MODE_TEXT, plural, WALL_SHORT_TEXT, WALL_TEXT } from './format';
import { GLOSSARY } from './glossary';
import { UsageBar } from './UsageBar';

/** A node of a table: its row, and its full usage when already known. */
export interface NodeTableRow {
  row: NodeRow;
  /** The whole node (ENIs, pod IPs); without it the report is fetched. */
  node?: NodeUsage;
  /** The pods of the shown entity on this node. */
  workloadPods?: number;
}

/** A node as a table row, as `GET /nodes` answers it: without its ENIs and pod IPs. */
export function nodeRowOf(cluster: string, node: NodeUsage): NodeRow {
  const { networkInterfaces, customNetworking: _, ...rest } = node;
  return {
    cluster,
    ...rest,
    networkInterfaces: networkInterfaces.length,
    prefixes: networkInterfaces.reduce((n, e) => n + e.prefixes.length, 0),
    secondaryIps: networkInterfaces.reduce(
      (n, e) => n + e.secondaryIps.total,
      0,
    ),
  };
}

/** "1 prefix", "4 secondary IPs", "2 prefixes + 3 secondary IPs". */
export function addressSlotsText(row: NodeRow): string {
  const parts = [
    row.prefixes > 0 ? plural(row.prefixes, 'prefix', 'prefixes') : '',
    row.secondaryIps > 0 ? plural(row.secondaryIps, 'secondary IP') : '',
  ].filter(Boolean);
  return parts.join(' + ') || 'none';
}

const NOT_DESCRIBED = 'EC2 did not describe this instance';

const nodeRowKey = (r: NodeTableRow) => `${r.row.cluster}/${r.row.name}`;
const nodeRowTestId = (r: NodeTableRow) => `node-row-${r.row.name}`;

const useStyles = makeStyles({ nowrap: { whiteSpace: 'nowrap' } });

const MODE_HELP = `${GLOSSARY.prefixMode} ${GLOSSARY.secondaryIpMode} ${GLOSSARY.autoMode} ${GLOSSARY.customNetworking}`;

/** Loads one node in full (`GET /clusters/{name}/nodes/{node}`) for its per-ENI report. */
const NodeReport = (props: {
  row: NodeRow;
  load: (cluster: string, node: string) => Promise<NodeUsage>;
}) => {
  const { row, load } = props;
  const { value, loading, error, retry } = useAsyncRetry(
    () => load(row.cluster, row.name),
    [load, row.cluster, row.name],
  );
  if (loading) return <Progress />;
  if (error) {
    return (
      <ApiErrorPanel
        title={`Could not load the ENIs of ${row.name}`}
        error={error}
        onRetry={retry}
      />
    );
  }
  return value ? <EniReport node={value} /> : null;
};

/**
 * Nodes with their pod IPs; each row opens the per-ENI report, fetched when
 * it opens unless the node is already known. Pages, sorts and filters on
 * the server when `remote` is given (the overview's every node), else on
 * the client (a service's few nodes).
 */
export const NodesTable = (props: {
  title: ReactNode;
  rows: NodeTableRow[];
  showCluster?: boolean;
  workloadPodsTitle?: string;
  pageSize?: number;
  testId?: string;
  loadNode?: (cluster: string, node: string) => Promise<NodeUsage>;
  toolbar?: ReactNode;
  filter?: { value: string; onChange: (value: string) => void };
  sort?: SortState;
  onSortChange?: (sort: SortState) => void;
  remote?: {
    total: number;
    page: number;
    onPageChange: (page: number) => void;
    onPageSizeChange?: (pageSize: number) => void;
    loading?: boolean;
  };
  emptyText?: ReactNode;
}) => {
  const { rows, title, showCluster, workloadPodsTitle, loadNode } = props;
  const classes = useStyles();
  // Column ids are the server's sort keys (`GET /nodes?sort=`).
  const sortKey = (key: NodeSortKey) => key;
  // The same columns and detail between renders, so that typing into the
  // filter or turning a page renders only the rows that changed.
  const columns = useMemo(
    (): DataColumn<NodeTableRow>[] => [
      ...(showCluster
        ? [
            {
              id: 'cluster',
              title: 'Cluster',
              sortKey: sortKey('cluster'),
              sortValue: (r: NodeTableRow) => r.row.cluster,
              render: (r: NodeTableRow) => r.row.cluster,
              nowrap: true,
            },
          ]
        : []),
      {
        id: 'name',
        title: 'Node',
        sortKey: sortKey('name'),
        sortValue: r => r.row.name,
        render: r => (
          <>
            <span className={classes.nowrap}>{r.row.name}</span>
            <Typography variant="caption" component="div" color="textSecondary">
              {[r.row.nodeGroup, r.row.instanceType, r.row.zone]
                .filter(Boolean)
                .join(' · ')}
            </Typography>
          </>
        ),
      },
      {
        id: 'mode',
        title: 'Mode',
        help: MODE_HELP,
        sortKey: sortKey('mode'),
        sortValue: r => MODE_TEXT[r.row.mode],
        render: r => MODE_TEXT[r.row.mode],
        nowrap: true,
      },
      {
        id: 'slots',
        title: 'Prefixes / secondary IPs',
        help: `What the node's ENIs hold for pods. ${GLOSSARY.prefixMode} ${GLOSSARY.secondaryIpMode}`,
        render: r =>
          r.row.notDescribedByEc2 ? 'unknown' : addressSlotsText(r.row),
      },
      {
        id: 'usedIps',
        title: 'Pod IPs used / held',
        help: `${GLOSSARY.used} ${GLOSSARY.held}`,
        sortKey: sortKey('usedIps'),
        sortValue: r => r.row.ips.used,
        firstOrder: 'desc',
        render: r =>
          r.row.notDescribedByEc2 ? (
            <Typography variant="body2" color="textSecondary">
              {NOT_DESCRIBED}
            </Typography>
          ) : (
            <UsageBar
              used={r.row.ips.used}
              total={r.row.ips.held}
              label="Pod IPs used / held"
            />
          ),
      },
      {
        id: 'idleIps',
        title: 'Idle',
        help: GLOSSARY.idle,
        align: 'right',
        sortKey: sortKey('idleIps'),
        sortValue: r => r.row.ips.idle,
        firstOrder: 'desc',
        render: r => (r.row.notDescribedByEc2 ? '–' : fmt(r.row.ips.idle)),
      },
      ...(workloadPodsTitle
        ? [
            {
              id: 'workloadPods',
              title: workloadPodsTitle,
              align: 'right' as const,
              sortValue: (r: NodeTableRow) => r.workloadPods ?? 0,
              firstOrder: 'desc' as const,
              render: (r: NodeTableRow) => fmt(r.workloadPods ?? 0),
            },
          ]
        : [
            {
              id: 'podsWithVpcIp',
              title: 'Pods with a pod IP',
              align: 'right' as const,
              sortKey: sortKey('podsWithVpcIp'),
              sortValue: (r: NodeTableRow) => r.row.pods.withVpcIp,
              firstOrder: 'desc' as const,
              render: (r: NodeTableRow) => fmt(r.row.pods.withVpcIp),
            },
          ]),
      {
        id: 'headroomPods',
        title: 'More pods',
        help: GLOSSARY.moreReplicas,
        align: 'right',
        sortKey: sortKey('headroomPods'),
        sortValue: r => r.row.headroom.pods,
        firstOrder: 'desc',
        render: r =>
          r.row.notDescribedByEc2 ? (
            'unknown'
          ) : (
            <span title={`Limited by ${WALL_TEXT[r.row.headroom.wall]}`}>
              {fmt(r.row.headroom.pods)}
              <Typography
                variant="caption"
                component="div"
                color="textSecondary"
              >
                {WALL_SHORT_TEXT[r.row.headroom.wall]}
              </Typography>
            </span>
          ),
      },
    ],
    [showCluster, workloadPodsTitle, classes],
  );
  const detail = useMemo(
    (): DataDetail<NodeTableRow> => ({
      label: r => `the per-ENI report of ${r.row.name}`,
      render: r => {
        if (r.node) return <EniReport node={r.node} />;
        return loadNode ? <NodeReport row={r.row} load={loadNode} /> : null;
      },
    }),
    [loadNode],
  );
  // The owner filters (on the server), or the table does, when it is long.
  let filter;
  if (props.filter) filter = { label: 'Filter nodes', ...props.filter };
  else if (rows.length > 5) {
    filter = {
      label: 'Filter nodes',
      match: (r: NodeTableRow, text: string) =>
        [
          r.row.name,
          r.row.instanceId,
          r.row.nodeGroup,
          r.row.instanceType,
          r.row.zone,
          r.row.podSubnetId,
        ]
          .filter(Boolean)
          .join(' ')
          .toLocaleLowerCase('en-US')
          .includes(text),
    };
  }
  return (
    <DataTable<NodeTableRow>
      title={title}
      testId={props.testId ?? 'nodes-table'}
      columns={columns}
      rows={rows}
      rowKey={nodeRowKey}
      rowTestId={nodeRowTestId}
      toolbar={props.toolbar}
      pageSize={props.pageSize}
      sort={props.sort}
      onSortChange={props.onSortChange}
      remote={props.remote}
      emptyText={props.emptyText ?? 'No nodes.'}
      filter={filter}
      detail={detail}
    />
  );
};
