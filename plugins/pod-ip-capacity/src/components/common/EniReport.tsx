import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EniUsage,
  NodeUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { Fragment } from 'react';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(1, 2, 2, 6),
    backgroundColor: theme.palette.background.default,
    '& th, & td': { whiteSpace: 'nowrap' },
    '& td:last-child': { whiteSpace: 'normal' },
  },
  mono: { fontFamily: 'monospace' },
  total: { fontWeight: theme.typography.fontWeightBold as number },
}));

interface ReportRow {
  key: string;
  what: string;
  total?: number;
  assigned?: number;
  available?: number;
  podIps?: string[];
  isTotal?: boolean;
}

/** The rows of one ENI: its prefixes, its secondary IPs, or "no prefixes". */
function rowsOf(eni: EniUsage): ReportRow[] {
  const rows: ReportRow[] = eni.prefixes.map(p => ({
    key: p.cidr,
    what: p.cidr,
    total: p.total,
    assigned: p.assigned,
    available: p.available,
    podIps: p.podIps,
  }));
  if (eni.secondaryIps.total > 0) {
    rows.push({
      key: 'secondary',
      what: 'secondary IPs',
      total: eni.secondaryIps.total,
      assigned: eni.secondaryIps.assigned,
      available: eni.secondaryIps.available,
      podIps: eni.secondaryIps.podIps,
    });
  }
  if (rows.length === 0) {
    return [
      {
        key: 'none',
        what:
          eni.interfaceType === 'trunk'
            ? 'no prefixes (trunk ENI)'
            : 'no prefixes',
      },
    ];
  }
  if (rows.length > 1) {
    rows.push({
      key: 'total',
      what: 'ENI total',
      total: eni.total,
      assigned: eni.assigned,
      available: eni.available,
      isTotal: true,
    });
  }
  return rows;
}

const num = (n?: number) => (n === undefined ? '–' : String(n));

/**
 * The per-ENI report people know (how-pod-ips-are-counted.md §6): for each ENI its primary
 * IP and subnet, then each /28 prefix with its total, assigned pod IPs and
 * available count; secondary IPs in secondary-IP mode; "no prefixes" for an
 * ENI that holds none.
 */
export const EniReport = (props: { node: NodeUsage }) => {
  const { node } = props;
  const classes = useStyles();
  return (
    <div className={classes.root}>
      <Typography variant="subtitle2" gutterBottom>
        ENIs of {node.name}
        {node.instanceId && node.instanceId !== node.name
          ? ` (${node.instanceId})`
          : ''}
      </Typography>
      <Table size="small" aria-label={`ENI report of ${node.name}`}>
        <TableHead>
          <TableRow>
            <TableCell>ENI</TableCell>
            <TableCell>Primary IP</TableCell>
            <TableCell>Subnet</TableCell>
            <TableCell>Prefix</TableCell>
            <TableCell align="right">Total</TableCell>
            <TableCell align="right">Assigned</TableCell>
            <TableCell align="right">Available</TableCell>
            <TableCell>Pod IPs</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {node.networkInterfaces.map(eni => {
            const rows = rowsOf(eni);
            return (
              <Fragment key={eni.networkInterfaceId}>
                {rows.map((row, i) => (
                  <TableRow
                    key={row.key}
                    data-testid={`eni-row-${eni.networkInterfaceId}-${row.key}`}
                  >
                    {i === 0 && (
                      <>
                        <TableCell
                          rowSpan={rows.length}
                          className={classes.mono}
                        >
                          {eni.networkInterfaceId}
                          {eni.interfaceType !== 'interface'
                            ? ` (${eni.interfaceType})`
                            : ''}
                        </TableCell>
                        <TableCell
                          rowSpan={rows.length}
                          className={classes.mono}
                        >
                          {eni.primaryIp ?? '–'}
                        </TableCell>
                        <TableCell rowSpan={rows.length}>
                          <span className={classes.mono}>
                            {eni.subnetCidr ?? '–'}
                          </span>
                          <Typography
                            variant="caption"
                            component="div"
                            color="textSecondary"
                          >
                            {eni.subnetId}
                          </Typography>
                        </TableCell>
                      </>
                    )}
                    <TableCell
                      className={row.isTotal ? classes.total : classes.mono}
                    >
                      {row.what}
                    </TableCell>
                    <TableCell
                      align="right"
                      className={row.isTotal ? classes.total : undefined}
                    >
                      {num(row.total)}
                    </TableCell>
                    <TableCell
                      align="right"
                      className={row.isTotal ? classes.total : undefined}
                    >
                      {num(row.assigned)}
                    </TableCell>
                    <TableCell
                      align="right"
                      className={row.isTotal ? classes.total : undefined}
                    >
                      {num(row.available)}
                    </TableCell>
                    <TableCell className={classes.mono}>
                      {row.podIps ? row.podIps.join(', ') || '–' : ''}
                    </TableCell>
                  </TableRow>
                ))}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
};
