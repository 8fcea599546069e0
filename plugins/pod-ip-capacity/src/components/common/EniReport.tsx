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
import { fmt } from './format';
import { GLOSSARY, Term } from './glossary';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(1, 2, 2, 2),
    backgroundColor: theme.palette.background.default,
    // Never wider than the page: long cells wrap, the table scrolls last.
    maxWidth: '100%',
    overflowX: 'auto',
    '& th, & td': { verticalAlign: 'top', whiteSpace: 'nowrap' },
    // Only the pod IPs wrap (between addresses): the rest stays readable.
    '& td:last-child': { whiteSpace: 'normal', minWidth: 200 },
  },
  mono: { fontFamily: 'monospace' },
  podIps: { fontFamily: 'monospace' },
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

const num = (n?: number) => (n === undefined ? '–' : fmt(n));

const ENI_TYPE_TERM: Record<string, 'trunkEni' | 'branchEni'> = {
  trunk: 'trunkEni',
  branch: 'branchEni',
};

/**
 * The per-ENI report people know (how-pod-ips-are-counted.md §6): for each ENI its primary
 * IP and subnet, then each /28 prefix with its total, assigned pod IPs and
 * available count; secondary IPs in secondary-IP mode; "no prefixes" for an
 * ENI that holds none.
 */
export const EniReport = (props: { node: NodeUsage }) => {
  const { node } = props;
  const classes = useStyles();
  if (node.notDescribedByEc2) {
    return (
      <div className={classes.root}>
        <Typography variant="body2">
          EC2 did not describe this instance
          {node.instanceId ? ` (${node.instanceId})` : ''}: it may be in another
          account or region, or hidden as a managed resource. Its ENIs, held IPs
          and room are unknown — not zero — and left out of the cluster's
          totals.
        </Typography>
      </div>
    );
  }
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
            <TableCell align="right" title={GLOSSARY.held}>
              Total
            </TableCell>
            <TableCell align="right" title={GLOSSARY.used}>
              Assigned
            </TableCell>
            <TableCell align="right" title={GLOSSARY.idle}>
              Available
            </TableCell>
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
                          {eni.interfaceType !== 'interface' && (
                            <>
                              {' ('}
                              {ENI_TYPE_TERM[eni.interfaceType] ? (
                                <Term term={ENI_TYPE_TERM[eni.interfaceType]}>
                                  {eni.interfaceType}
                                </Term>
                              ) : (
                                eni.interfaceType
                              )}
                              )
                            </>
                          )}
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
                    <TableCell className={classes.podIps}>
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
