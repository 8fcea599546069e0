import { Table, TableColumn, WarningPanel } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  SubnetStatus,
  SubnetUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { plural, SUBNET_STATUS_RANK } from './format';
import { SubnetMap } from './SubnetMap';
import { UsageBar } from './UsageBar';

export interface SubnetRow {
  id: string;
  cluster: string;
  subnetId: string;
  cidr: string;
  zone: string;
  used: number;
  usable: number;
  available: number;
  freePrefixBlocks: number;
  status: SubnetStatus;
  rank: number;
  podIps: number;
  subnet: SubnetUsage;
}

export function toSubnetRow(
  cluster: string,
  subnet: SubnetUsage,
  podIps?: number,
): SubnetRow {
  return {
    id: `${cluster}/${subnet.subnetId}`,
    cluster,
    subnetId: subnet.subnetId,
    cidr: subnet.cidr,
    zone: subnet.availabilityZone ?? '–',
    used: subnet.used,
    usable: subnet.usable,
    available: subnet.available,
    freePrefixBlocks: subnet.freePrefixBlocks,
    status: subnet.status,
    rank: SUBNET_STATUS_RANK[subnet.status],
    podIps: podIps ?? subnet.podIps,
    subnet,
  };
}

/** Worst first: exhausted, low, fragmented, then fewest free /28 blocks. */
export function byRisk(a: SubnetRow, b: SubnetRow): number {
  return (
    a.rank - b.rank ||
    a.freePrefixBlocks - b.freePrefixBlocks ||
    a.available - b.available ||
    a.cidr.localeCompare(b.cidr)
  );
}

const useStyles = makeStyles(theme => ({
  ok: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  fragmented: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  low: {
    backgroundColor: theme.palette.warning.dark,
    color: theme.palette.warning.contrastText,
  },
  exhausted: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

export const SubnetStatusChip = (props: { status: SubnetStatus }) => {
  const classes = useStyles();
  return (
    <Chip size="small" label={props.status} className={classes[props.status]} />
  );
};

/**
 * The warning a service owner must not miss: single free addresses are
 * plentiful, but whole free /28 blocks (what a new prefix needs) are not.
 */
export const FragmentationWarning = (props: {
  subnet: SubnetUsage;
  cluster?: string;
  /** Show the explanation at once (default) or behind the title. */
  expanded?: boolean;
}) => {
  const { subnet, cluster, expanded = true } = props;
  if (subnet.status !== 'fragmented') return null;
  return (
    <WarningPanel
      defaultExpanded={expanded}
      title={`Subnet ${subnet.cidr} is fragmented: ${plural(
        subnet.available,
        'free IP',
      )} but ${plural(subnet.freePrefixBlocks, 'free /28 block')}`}
      message={`${subnet.subnetId}${cluster ? ` (${cluster})` : ''}${
        subnet.availabilityZone ? `, ${subnet.availabilityZone}` : ''
      }: new /28 prefixes need a whole, aligned, unused block. Nodes that need another prefix will fail with InsufficientCidrBlocks (or fall back to single secondary IPs) although EC2 reports ${
        subnet.available
      } available addresses. Free blocks: ${subnet.freePrefixBlocks} of ${
        subnet.blocks.total
      }; ${
        subnet.blocks.fragmented
      } blocks are split by secondary IPs or other ENIs' addresses.`}
    />
  );
};

/** Subnets with their addresses and free /28 blocks; each row opens its subnet map. */
export const SubnetsTable = (props: {
  title: string;
  rows: SubnetRow[];
  showCluster?: boolean;
  podIpsTitle: string;
  showWarnings?: boolean;
}) => {
  const { rows, title, showCluster, podIpsTitle, showWarnings } = props;
  const columns: TableColumn<SubnetRow>[] = [
    ...(showCluster ? [{ title: 'Cluster', field: 'cluster' }] : []),
    {
      title: 'Subnet',
      field: 'cidr',
      highlight: true,
      cellStyle: { whiteSpace: 'nowrap' },
      customFilterAndSearch: (term: string, r: SubnetRow) =>
        `${r.cidr} ${r.subnetId}`.includes(term),
      render: r => (
        <>
          {r.cidr}
          <Typography variant="caption" component="div" color="textSecondary">
            {r.subnetId}
          </Typography>
        </>
      ),
    },
    { title: 'Zone', field: 'zone' },
    {
      title: 'Used / usable',
      field: 'used',
      customSort: (a, b) => a.used / a.usable - b.used / b.usable,
      render: r => (
        <UsageBar
          used={r.used}
          total={r.usable}
          label="Subnet addresses used / usable"
        />
      ),
    },
    { title: 'Free IPs', field: 'available', type: 'numeric' },
    { title: 'Free /28 blocks', field: 'freePrefixBlocks', type: 'numeric' },
    {
      title: 'Status',
      field: 'status',
      customSort: (a, b) => a.rank - b.rank,
      render: r => <SubnetStatusChip status={r.status} />,
    },
    { title: podIpsTitle, field: 'podIps', type: 'numeric' },
  ];
  const sorted = [...rows].sort(byRisk);
  return (
    <>
      {showWarnings &&
        sorted.map(r => (
          <Box key={r.id} mb={1}>
            <FragmentationWarning
              subnet={r.subnet}
              cluster={showCluster ? r.cluster : undefined}
            />
          </Box>
        ))}
      <div data-testid="subnets-table">
        <Table<SubnetRow>
          title={title}
          columns={columns}
          data={sorted}
          options={{
            paging: sorted.length > 10,
            pageSize: 10,
            pageSizeOptions: [10, 20, 50],
            padding: 'dense',
            search: sorted.length > 5,
          }}
          detailPanel={({ rowData }) => (
            <Box p={2}>
              <SubnetMap subnet={rowData.subnet} />
            </Box>
          )}
        />
      </div>
    </>
  );
};
