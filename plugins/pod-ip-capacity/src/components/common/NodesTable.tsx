import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { NodeUsage } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { EniReport } from './EniReport';
import { MODE_TEXT, WALL_TEXT } from './format';
import { UsageBar } from './UsageBar';

/** One row: a node, its cluster, and the pods of the entity on it (when shown). */
export interface NodeRow {
  id: string;
  cluster: string;
  name: string;
  nodeGroup: string;
  instanceType: string;
  zone: string;
  mode: string;
  prefixes: number;
  secondaryIps: number;
  used: number;
  held: number;
  headroomPods: number;
  wall: string;
  workloadPods?: number;
  node: NodeUsage;
}

export function toNodeRow(
  cluster: string,
  node: NodeUsage,
  workloadPods?: number,
): NodeRow {
  return {
    id: `${cluster}/${node.name}`,
    cluster,
    name: node.name,
    nodeGroup: node.nodeGroup,
    instanceType: node.instanceType ?? '–',
    zone: node.zone ?? '–',
    mode: MODE_TEXT[node.mode],
    prefixes: node.networkInterfaces.reduce((n, e) => n + e.prefixes.length, 0),
    secondaryIps: node.networkInterfaces.reduce(
      (n, e) => n + e.secondaryIps.total,
      0,
    ),
    used: node.ips.used,
    held: node.ips.held,
    headroomPods: node.headroom.pods,
    wall: node.headroom.wall,
    ...(workloadPods !== undefined ? { workloadPods } : {}),
    node,
  };
}

/**
 * Nodes with their pod IPs; each row opens the per-ENI report. Sorting,
 * search and paging are the core Table's, so thousands of nodes stay quick:
 * only one page of rows is rendered.
 */
export const NodesTable = (props: {
  title: string;
  rows: NodeRow[];
  showCluster?: boolean;
  workloadPodsTitle?: string;
  pageSize?: number;
}) => {
  const { rows, title, showCluster, workloadPodsTitle } = props;
  const columns: TableColumn<NodeRow>[] = [
    ...(showCluster ? [{ title: 'Cluster', field: 'cluster' }] : []),
    {
      title: 'Node',
      field: 'name',
      highlight: true,
      cellStyle: { whiteSpace: 'nowrap' },
      customFilterAndSearch: (term: string, r: NodeRow) =>
        `${r.name} ${r.nodeGroup}`
          .toLocaleLowerCase('en-US')
          .includes(term.toLocaleLowerCase('en-US')),
      render: r => (
        <>
          {r.name}
          <Typography variant="caption" component="div" color="textSecondary">
            {r.nodeGroup}
          </Typography>
        </>
      ),
    },
    { title: 'Instance type', field: 'instanceType' },
    { title: 'Zone', field: 'zone' },
    { title: 'Mode', field: 'mode', cellStyle: { whiteSpace: 'nowrap' } },
    {
      title: 'Prefixes',
      field: 'prefixes',
      type: 'numeric',
      render: r =>
        r.secondaryIps > 0 && r.prefixes === 0
          ? `${r.secondaryIps} secondary IPs`
          : `${r.prefixes}${
              r.secondaryIps > 0 ? ` + ${r.secondaryIps} secondary IPs` : ''
            }`,
    },
    {
      title: 'IPs used / held',
      field: 'used',
      customSort: (a, b) => a.used / (a.held || 1) - b.used / (b.held || 1),
      render: r => (
        <UsageBar used={r.used} total={r.held} label="Pod IPs used / held" />
      ),
    },
    ...(workloadPodsTitle
      ? [
          {
            title: workloadPodsTitle,
            field: 'workloadPods',
            type: 'numeric' as const,
          },
        ]
      : [
          {
            title: 'More pods',
            field: 'headroomPods',
            type: 'numeric' as const,
            render: (r: NodeRow) => (
              <span title={WALL_TEXT[r.wall as keyof typeof WALL_TEXT]}>
                {r.headroomPods}
              </span>
            ),
          },
        ]),
  ];
  return (
    <div data-testid="nodes-table">
      <Table<NodeRow>
        title={title}
        columns={columns}
        data={rows}
        options={{
          paging: rows.length > 10,
          pageSize: props.pageSize ?? 10,
          pageSizeOptions: [10, 20, 50, 100],
          padding: 'dense',
          search: rows.length > 5,
        }}
        detailPanel={({ rowData }) => <EniReport node={rowData.node} />}
      />
    </div>
  );
};
