import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  ClusterNodeGroup,
  NodeIpMode,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { DataColumn, DataTable } from '../common/DataTable';
import { fmt, MODE_TEXT } from '../common/format';
import { GLOSSARY } from '../common/glossary';
import { UsageBar } from '../common/UsageBar';
import { overviewLink } from './overviewLinks';

/** "prefix", or "2 prefix, 1 unknown" when its nodes differ. */
function modesText(group: ClusterNodeGroup['nodeGroup']): string {
  const modes = Object.entries(group.modes ?? {}).filter(
    ([, n]) => (n ?? 0) > 0,
  );
  if (modes.length <= 1) return MODE_TEXT[group.mode];
  return modes
    .map(([mode, n]) => `${fmt(n ?? 0)} ${MODE_TEXT[mode as NodeIpMode]}`)
    .join(', ');
}

const columns: DataColumn<ClusterNodeGroup>[] = [
  {
    id: 'cluster',
    title: 'Cluster',
    sortValue: g => g.cluster,
    render: g => g.cluster,
    nowrap: true,
  },
  {
    id: 'name',
    title: 'Node group',
    sortValue: g => g.nodeGroup.name,
    render: g => (
      <>
        <Link
          to={overviewLink(
            { cluster: g.cluster, q: g.nodeGroup.name },
            'nodes',
          )}
        >
          {g.nodeGroup.name}
        </Link>
        <Typography variant="caption" component="div" color="textSecondary">
          {g.nodeGroup.source}
        </Typography>
      </>
    ),
  },
  {
    id: 'mode',
    title: 'Mode',
    help: `${GLOSSARY.prefixMode} ${GLOSSARY.secondaryIpMode} ${GLOSSARY.autoMode} ${GLOSSARY.customNetworking}`,
    sortValue: g => MODE_TEXT[g.nodeGroup.mode],
    render: g => modesText(g.nodeGroup),
  },
  {
    id: 'nodes',
    title: 'Nodes',
    align: 'right',
    sortValue: g => g.nodeGroup.nodes,
    firstOrder: 'desc',
    render: g => fmt(g.nodeGroup.nodes),
  },
  {
    id: 'pods',
    title: 'Pods with a pod IP',
    align: 'right',
    sortValue: g => g.nodeGroup.podsWithVpcIp,
    firstOrder: 'desc',
    render: g => fmt(g.nodeGroup.podsWithVpcIp),
  },
  {
    id: 'ips',
    title: 'Pod IPs used / held',
    help: `${GLOSSARY.used} ${GLOSSARY.held}`,
    sortValue: g => g.nodeGroup.usedIps,
    firstOrder: 'desc',
    render: g => (
      <UsageBar
        used={g.nodeGroup.usedIps}
        total={g.nodeGroup.heldIps}
        label="Pod IPs used / held"
      />
    ),
  },
  {
    id: 'idle',
    title: 'Idle',
    help: GLOSSARY.idle,
    align: 'right',
    sortValue: g => g.nodeGroup.idleIps,
    firstOrder: 'desc',
    render: g => fmt(g.nodeGroup.idleIps),
  },
  {
    id: 'headroom',
    title: 'More pods',
    help: GLOSSARY.moreReplicas,
    align: 'right',
    sortValue: g => g.nodeGroup.headroomPods,
    firstOrder: 'desc',
    render: g => fmt(g.nodeGroup.headroomPods),
  },
];

/** Node groups, node pools and Fargate profiles of every cluster. */
export const NodeGroupsTable = (props: { groups: ClusterNodeGroup[] }) => (
  <DataTable<ClusterNodeGroup>
    title="Node groups"
    testId="node-groups-table"
    columns={columns}
    rows={props.groups}
    rowKey={g => `${g.cluster}/${g.nodeGroup.name}`}
    rowTestId={g => `node-group-row-${g.cluster}-${g.nodeGroup.name}`}
    emptyText="No node groups."
  />
);
