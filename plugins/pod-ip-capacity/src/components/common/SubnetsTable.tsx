import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  SubnetForecast,
  SubnetUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { ReactNode } from 'react';
import { DataColumn, DataTable } from './DataTable';
import { fmt, plural, ROLE_TEXT } from './format';
import { daysLeftOf, subnetForecastText } from './forecastText';
import { GLOSSARY } from './glossary';
import { HistoryChart } from './HistoryChart';
import { SubnetMap } from './SubnetMap';
import {
  freeBlocksCountText,
  fragmentedWithoutRisk,
  statusLabel,
  subnetRiskDetail,
  subnetRiskTitle,
  subnetSeverity,
  unknownText,
} from './subnetText';
import { UsageBar } from './UsageBar';
import { SubnetFixes } from './SubnetFixes';

/** One row: a subnet of a cluster, with the pod IPs counted in it. */
export interface SubnetRow {
  id: string;
  cluster: string;
  subnet: SubnetUsage;
  /** The pod IPs shown in the "pod IPs" column (a service's, or all). */
  podIps: number;
  /** When it runs out of what its nodes need, when the response says. */
  forecast?: SubnetForecast;
}

export function toSubnetRow(
  cluster: string,
  subnet: SubnetUsage,
  podIps?: number,
  forecast?: SubnetForecast,
): SubnetRow {
  return {
    id: `${cluster}/${subnet.subnetId}`,
    cluster,
    subnet,
    podIps: podIps ?? subnet.podIps,
    ...(forecast ? { forecast } : {}),
  };
}

/** Worst first: exhausted, low, fragmented at risk, fragmented, then fewest free /28 blocks. */
export function byRisk(a: SubnetRow, b: SubnetRow): number {
  return (
    subnetSeverity(a.subnet) - subnetSeverity(b.subnet) ||
    a.subnet.freePrefixBlocks - b.subnet.freePrefixBlocks ||
    a.subnet.available - b.subnet.available ||
    a.subnet.cidr.localeCompare(b.subnet.cidr)
  );
}

const useStyles = makeStyles(theme => ({
  ok: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  calm: {
    backgroundColor: theme.palette.action.selected,
    color: theme.palette.text.primary,
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

/** A subnet's status; a fragmented subnet that stops no node is not coloured as a risk. */
export const SubnetStatusChip = (props: { subnet: SubnetUsage }) => {
  const classes = useStyles();
  const { subnet } = props;
  const className = fragmentedWithoutRisk(subnet)
    ? classes.calm
    : classes[subnet.status];
  return (
    <Chip size="small" label={statusLabel(subnet)} className={className} />
  );
};

/**
 * The warning for a subnet whose state matters, phrased for the nodes it
 * hurts: a fragmented subnet only stops prefix-mode nodes (an information,
 * not a warning, when its nodes take single secondary IPs); a full one stops
 * every node. Nothing for a healthy subnet.
 */
export const SubnetRiskWarning = (props: {
  subnet: SubnetUsage;
  cluster?: string;
  /** Show the explanation at once (default) or behind the title. */
  expanded?: boolean;
}) => {
  const { subnet, cluster, expanded = true } = props;
  const title = subnetRiskTitle(subnet);
  if (!title) return null;
  let severity: 'error' | 'warning' | 'info' = 'warning';
  if (subnet.status === 'exhausted') severity = 'error';
  else if (fragmentedWithoutRisk(subnet)) severity = 'info';
  return (
    <div data-testid={`subnet-warning-${subnet.subnetId}`}>
      <WarningPanel
        defaultExpanded={expanded}
        severity={severity}
        title={title}
        message={subnetRiskDetail(subnet, cluster)}
      />
    </div>
  );
};

/** A subnet's free /28 blocks and used IPs over time, with its run-out projection. */
export const SubnetHistory = (props: {
  cluster: string;
  subnet: SubnetUsage;
  forecast?: SubnetForecast;
}) => {
  const { cluster, subnet, forecast } = props;
  return (
    <HistoryChart
      title={`History of ${subnet.cidr}`}
      kind="subnet"
      cluster={cluster}
      historyKey={subnet.subnetId}
      projection={
        forecast
          ? () => ({
              forecast: forecast[forecast.quantity],
              quantity: forecast.quantity,
              line: true,
            })
          : undefined
      }
    />
  );
};

/** What a subnet's detail panel shows: its map, its history, and what the page adds (links). */
export const SubnetDetail = (props: {
  subnet: SubnetUsage;
  /** With the cluster, the panel charts the subnet's history. */
  cluster?: string;
  forecast?: SubnetForecast;
  children?: ReactNode;
}) => {
  const bounds = unknownText(props.subnet);
  return (
    <Box p={2}>
      <SubnetMap subnet={props.subnet} />
      {bounds && (
        <Typography variant="body2" color="textSecondary">
          Free blocks are bounds: {bounds}.
        </Typography>
      )}
      {props.children}
      {props.cluster && props.subnet.status !== 'ok' && (
        <SubnetFixes cluster={props.cluster} subnetId={props.subnet.subnetId} />
      )}
      {props.cluster && (
        <SubnetHistory
          cluster={props.cluster}
          subnet={props.subnet}
          forecast={props.forecast}
        />
      )}
    </Box>
  );
};

/** Subnets with their addresses and free /28 blocks; each row opens its subnet map. */
export const SubnetsTable = (props: {
  title: string;
  rows: SubnetRow[];
  showCluster?: boolean;
  /** "Pod IPs" (all the cluster's) or "Its pod IPs" (a service's). */
  podIpsTitle: string;
  showWarnings?: boolean;
  testId?: string;
  filter?: boolean;
  toolbar?: ReactNode;
  selectedKey?: string;
  /** Links under a subnet's map (the nodes that use it). */
  renderLinks?: (row: SubnetRow) => ReactNode;
  /**
   * Keep the rows' order (the overview's: the backend's urgency order)
   * instead of sorting them by risk.
   */
  keepOrder?: boolean;
}) => {
  const { rows, title, showCluster, podIpsTitle, showWarnings } = props;
  const columns: DataColumn<SubnetRow>[] = [
    ...(showCluster
      ? [
          {
            id: 'cluster',
            title: 'Cluster',
            sortValue: (r: SubnetRow) => r.cluster,
            render: (r: SubnetRow) => r.cluster,
            nowrap: true,
          },
        ]
      : []),
    {
      id: 'subnet',
      title: 'Subnet',
      sortValue: r => r.subnet.cidr,
      render: r => (
        <>
          {r.subnet.cidr}
          <Typography
            variant="caption"
            component="div"
            color="textSecondary"
            style={{ whiteSpace: 'nowrap' }}
          >
            {r.subnet.subnetId}
          </Typography>
          <Typography variant="caption" component="div" color="textSecondary">
            {[r.subnet.availabilityZone, `for ${ROLE_TEXT[r.subnet.role]}`]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
        </>
      ),
    },
    {
      id: 'taken',
      title: 'Addresses taken / usable',
      help: GLOSSARY.taken,
      sortValue: r => r.subnet.used / (r.subnet.usable || 1),
      firstOrder: 'desc',
      render: r => (
        <UsageBar
          used={r.subnet.used}
          total={r.subnet.usable}
          label="Subnet addresses taken / usable"
        />
      ),
    },
    {
      id: 'free',
      title: 'Free IPs',
      help: GLOSSARY.freeIps,
      align: 'right',
      sortValue: r => r.subnet.available,
      render: r => fmt(r.subnet.available),
    },
    {
      id: 'blocks',
      title: 'Free /28 blocks',
      help: GLOSSARY.freeBlock,
      align: 'right',
      sortValue: r => r.subnet.freePrefixBlocks,
      render: r => (
        <>
          {freeBlocksCountText(r.subnet)}
          <Typography variant="caption" component="div" color="textSecondary">
            = {plural(r.subnet.prefixRoom, 'address', 'addresses')}
          </Typography>
        </>
      ),
    },
    {
      id: 'status',
      title: 'Status',
      help: GLOSSARY.fragmented,
      sortValue: r => subnetSeverity(r.subnet),
      render: r => (
        <>
          <SubnetStatusChip subnet={r.subnet} />
          {fragmentedWithoutRisk(r.subnet) && (
            <Typography variant="caption" component="div" color="textSecondary">
              {r.subnet.secondaryIpNodes > 0
                ? 'no risk: its nodes use secondary IPs'
                : 'no risk: no node takes prefixes here'}
            </Typography>
          )}
        </>
      ),
    },
    ...(rows.some(r => r.forecast)
      ? [
          {
            id: 'runOut',
            title: 'Runs out',
            help: 'When the subnet runs out of what its nodes need (free /28 blocks for prefix-mode nodes, free IPs for secondary-IP nodes), from the trend of its history, with the range of likely days.',
            sortValue: (r: SubnetRow) =>
              Math.min(daysLeftOf(r.forecast), Number.MAX_SAFE_INTEGER),
            render: (r: SubnetRow) => (
              <Typography
                variant="body2"
                component="span"
                data-testid={`run-out-${r.subnet.subnetId}`}
              >
                {r.forecast ? subnetForecastText(r.forecast) : 'no forecast'}
              </Typography>
            ),
          },
        ]
      : []),
    {
      id: 'nodes',
      title: 'Nodes taking pod IPs',
      help: `${GLOSSARY.prefixMode} ${GLOSSARY.secondaryIpMode}`,
      sortValue: r => r.subnet.prefixNodes + r.subnet.secondaryIpNodes,
      firstOrder: 'desc',
      render: r => {
        const parts = [
          r.subnet.prefixNodes > 0 ? `${fmt(r.subnet.prefixNodes)} prefix` : '',
          r.subnet.secondaryIpNodes > 0
            ? `${fmt(r.subnet.secondaryIpNodes)} secondary-IP`
            : '',
        ].filter(Boolean);
        return parts.join(', ') || 'none';
      },
    },
    {
      id: 'podIps',
      title: podIpsTitle,
      align: 'right',
      sortValue: r => r.podIps,
      firstOrder: 'desc',
      render: r => fmt(r.podIps),
    },
  ];
  const sorted = props.keepOrder ? rows : [...rows].sort(byRisk);
  return (
    <>
      {showWarnings &&
        sorted.map(r => (
          <Box key={r.id} mb={1}>
            <SubnetRiskWarning
              subnet={r.subnet}
              cluster={showCluster ? r.cluster : undefined}
            />
          </Box>
        ))}
      <DataTable<SubnetRow>
        title={title}
        testId={props.testId ?? 'subnets-table'}
        columns={columns}
        rows={sorted}
        rowKey={r => r.id}
        rowTestId={r => `subnet-row-${r.subnet.subnetId}`}
        selectedKey={props.selectedKey}
        toolbar={props.toolbar}
        filter={
          props.filter
            ? {
                label: 'Filter subnets',
                match: (r, text) =>
                  `${r.cluster} ${r.subnet.cidr} ${r.subnet.subnetId} ${
                    r.subnet.availabilityZone ?? ''
                  } ${r.subnet.status}`
                    .toLocaleLowerCase('en-US')
                    .includes(text),
              }
            : undefined
        }
        detail={{
          label: r => `the subnet map of ${r.subnet.cidr}`,
          render: r => (
            <SubnetDetail
              subnet={r.subnet}
              cluster={r.cluster}
              forecast={r.forecast}
            >
              {props.renderLinks?.(r)}
            </SubnetDetail>
          ),
        }}
      />
    </>
  );
};
