import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ClusterForesight,
  ClusterNodeGroup,
  LandingSubnet,
  LandingWarning,
  landingWarningMessage,
  NodeLanding,
  OverviewResponse,
  RotateResponse,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { FormEvent, memo, useState } from 'react';
import { podIpCapacityApiRef } from '../../api';
import { ApiErrorPanel } from '../common/ApiErrorPanel';
import { DataColumn, DataTable } from '../common/DataTable';
import { fmt, plural } from '../common/format';
import { useLoad } from '../common/useLoad';
import { SubnetChanges, WhatIfAnswer } from '../common/WhatIfAnswer';

const useStyles = makeStyles(theme => ({
  warning: {
    padding: theme.spacing(1.5),
    marginBottom: theme.spacing(1),
    borderLeft: `4px solid ${theme.palette.error.main}`,
    backgroundColor: theme.palette.background.default,
  },
  fallback: { borderLeftColor: theme.palette.warning.main },
  list: { margin: 0, paddingLeft: theme.spacing(3) },
}));

const KIND_TEXT: Record<NodeLanding['kind'], string> = {
  karpenter: 'Karpenter node pool',
  'auto-mode': 'Auto Mode node pool',
  'node-group': 'node group',
};

const SOURCE_TEXT: Record<NodeLanding['podSubnetSource'], string> = {
  'auto-mode-pod-subnets': "the NodeClass's pod subnets",
  'eni-config': "the zone's ENIConfig",
  'current-nodes': 'as its nodes there now',
  'node-subnet': "the node's own subnet",
  unknown: 'not known',
};

const PROBLEM_TEXT: Record<NodeLanding['problems'][number], string> = {
  'node-class-not-found': 'its node class could not be read',
  'no-subnet-in-zone': 'no subnet in this zone',
  'subnet-not-in-snapshot': 'its subnet is not in the snapshot',
  'pod-subnet-unknown': "its pods' subnet is not known",
  'prefix-mode-unknown': 'whether it takes prefixes is not known',
  'several-subnets-in-zone': 'several subnets are possible',
};

const PREFIX_MODE_TEXT: Record<string, string> = {
  true: ' · /28 prefixes',
  false: ' · secondary IPs',
  null: '',
};

function subnetText(s: LandingSubnet | null): string {
  if (!s) return 'not known';
  const figures =
    s.available !== undefined && s.freePrefixBlocks !== undefined
      ? ` (${plural(s.available, 'free IP')}, ${plural(
          s.freePrefixBlocks,
          'free /28 block',
        )})`
      : '';
  return `${s.subnetId}${figures}`;
}

/** A request of the next node that will fail: the backend's sentence, as it says it. */
const LandingWarningText = (props: {
  landing: NodeLanding;
  warning: LandingWarning;
}) => {
  const classes = useStyles();
  const { landing, warning } = props;
  return (
    <div
      className={`${classes.warning} ${
        warning.fallsBackToSecondaryIps ? classes.fallback : ''
      }`}
      data-testid={`landing-warning-${landing.nodeGroup}-${landing.zone}`}
    >
      <Typography variant="body2">
        {warning.message ?? landingWarningMessage(landing, warning)}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {warning.workingSubnetId
          ? `The subnet that would work: ${warning.workingSubnetId}.`
          : 'No other subnet of this pool and zone would work.'}
      </Typography>
    </div>
  );
};

interface LandingRow {
  id: string;
  landing: NodeLanding;
}

const landingColumns: DataColumn<LandingRow>[] = [
  {
    id: 'group',
    title: 'Node pool or group',
    sortValue: r => r.landing.nodeGroup,
    render: r => (
      <>
        {r.landing.nodeGroup}
        <Typography variant="caption" component="div" color="textSecondary">
          {KIND_TEXT[r.landing.kind]}
        </Typography>
      </>
    ),
  },
  {
    id: 'zone',
    title: 'Zone',
    sortValue: r => r.landing.zone,
    render: r => r.landing.zone,
    nowrap: true,
  },
  {
    id: 'node',
    title: 'Next node lands in',
    help: "Karpenter and Auto Mode pick the class's subnet in the zone with the most free IPs, whatever its /28 layout; EC2 Auto Scaling picks among the group's subnets in the zone.",
    render: r =>
      r.landing.nodeSubnet
        ? subnetText(r.landing.nodeSubnet)
        : `one of ${
            r.landing.candidates.map(c => c.subnetId).join(', ') || 'none known'
          }`,
  },
  {
    id: 'pods',
    title: "Its pods' IPs from",
    render: r => (
      <>
        {subnetText(r.landing.podSubnet)}
        <Typography variant="caption" component="div" color="textSecondary">
          {SOURCE_TEXT[r.landing.podSubnetSource]}
          {PREFIX_MODE_TEXT[String(r.landing.prefixMode)]}
        </Typography>
      </>
    ),
  },
  {
    id: 'status',
    title: 'Will it work?',
    sortValue: r => -r.landing.warnings.length,
    render: r => {
      const problems = r.landing.problems.map(p => PROBLEM_TEXT[p]);
      if (r.landing.warnings.length > 0) {
        return (
          <Typography variant="body2" color="error">
            {r.landing.warnings.map(w => `${w.request}: ${w.error}`).join('; ')}
          </Typography>
        );
      }
      return problems.length > 0 ? `not sure: ${problems.join('; ')}` : 'yes';
    },
  },
];

const ClusterForesightView = (props: {
  foresight: ClusterForesight;
  cluster: string;
}) => {
  const classes = useStyles();
  const { foresight, cluster } = props;
  const warned = foresight.landings.filter(l => l.warnings.length > 0);
  return (
    <>
      {warned.length === 0 && (
        <Typography variant="body2" paragraph>
          The next node of every node pool and group gets its own address and
          its first prefix (or warm IPs) where it lands.
        </Typography>
      )}
      {warned.flatMap(landing =>
        landing.warnings.map((warning, i) => (
          <LandingWarningText
            key={`${landing.nodeGroup}/${landing.zone}/${i}`}
            landing={landing}
            warning={warning}
          />
        )),
      )}
      <DataTable<LandingRow>
        title="Where the next node lands"
        testId={`landings-${cluster}`}
        columns={landingColumns}
        rows={foresight.landings.map(landing => ({
          id: `${landing.nodeGroup}/${landing.zone}`,
          landing,
        }))}
        rowKey={r => r.id}
        emptyText="No node pool or group found."
      />
      {foresight.warmPools.some(p => p.message) && (
        <Box mt={2} data-testid={`warm-pools-${cluster}`}>
          <Typography variant="subtitle2">Idle addresses, explained</Typography>
          <ul className={classes.list}>
            {foresight.warmPools
              .filter(p => p.message)
              .map(p => (
                <li key={p.nodeGroup}>
                  <Typography variant="body2">
                    {p.nodeGroup}: {p.message}
                    {p.releases
                      .filter(r => r.message && r.addresses > 0)
                      .map(r => ` ${r.message}`)
                      .join('')}
                  </Typography>
                </li>
              ))}
          </ul>
        </Box>
      )}
      {foresight.notes.map((n, i) => (
        <Typography
          key={i}
          variant="caption"
          color="textSecondary"
          component="div"
        >
          {n.message}
          {n.code ? ` (${n.code}${n.action ? `, ${n.action}` : ''})` : ''}
        </Typography>
      ))}
    </>
  );
};

/**
 * One cluster's foresight (`GET /clusters/{name}/foresight`), asked again
 * when new data was collected (`version`), not on every poll of the page.
 */
const ClusterNext = memo(function ClusterNextCard(props: {
  name: string;
  title?: string;
  version: string;
}) {
  const api = useApi(podIpCapacityApiRef);
  const name = props.name;
  const foresight = useLoad(
    () => api.getClusterForesight(name),
    [api, name, props.version],
  );
  return (
    <InfoCard title={`What comes next in ${props.title ?? name}`}>
      <div data-testid={`foresight-${name}`}>
        {!foresight.value && foresight.loading && <Progress />}
        {foresight.error !== undefined && (
          <ApiErrorPanel
            title={`Could not load what comes next in ${name}`}
            error={foresight.error}
            onRetry={foresight.reload}
          />
        )}
        {foresight.value && !foresight.value.foresight && (
          <Typography variant="body2" color="textSecondary">
            Not known until the cluster's first good refresh.
          </Typography>
        )}
        {foresight.value?.foresight && (
          <ClusterForesightView
            foresight={foresight.value.foresight}
            cluster={name}
          />
        )}
      </div>
    </InfoCard>
  );
});

/** "Rotate node group G": a what-if on the overview (`GET /what-if/rotate`). */
const RotateWhatIfForm = (props: { nodeGroups: ClusterNodeGroup[] }) => {
  const api = useApi(podIpCapacityApiRef);
  const groups = props.nodeGroups.filter(g => g.nodeGroup.nodes > 0);
  const keyOf = (g: ClusterNodeGroup) => `${g.cluster}/${g.nodeGroup.name}`;
  const [selected, setSelected] = useState(groups[0] ? keyOf(groups[0]) : '');
  const [concurrent, setConcurrent] = useState('');
  const [state, setState] = useState<{
    value?: RotateResponse;
    error?: unknown;
    loading: boolean;
  }>({ loading: false });
  const group = groups.find(g => keyOf(g) === selected);
  const concurrentValid =
    concurrent.trim() === '' ||
    (/^\d+$/.test(concurrent.trim()) && Number(concurrent) >= 1);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!group || !concurrentValid) return;
    setState({ loading: true });
    api
      .whatIfRotate({
        cluster: group.cluster,
        nodeGroup: group.nodeGroup.name,
        ...(concurrent.trim() ? { concurrent: Number(concurrent) } : {}),
      })
      .then(
        value => setState({ value, loading: false }),
        error => setState({ error, loading: false }),
      );
  };
  const w = state.value?.whatIf;
  return (
    <InfoCard title="What if we rotate a node group?">
      <Typography variant="body2" color="textSecondary" paragraph>
        Every new node takes its own address and its first prefix (or warm IPs)
        before the old node drains. Answered from the last snapshot.
      </Typography>
      <form onSubmit={submit}>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="flex-start"
          style={{ gap: 8 }}
        >
          <TextField
            id="pod-ip-capacity-rotate-group"
            select
            size="small"
            variant="outlined"
            label="Node group"
            value={selected}
            onChange={e => setSelected(e.target.value)}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
          >
            {groups.map(g => (
              <option key={keyOf(g)} value={keyOf(g)}>
                {g.nodeGroup.name} ({g.cluster},{' '}
                {plural(g.nodeGroup.nodes, 'node')})
              </option>
            ))}
          </TextField>
          <TextField
            id="pod-ip-capacity-rotate-concurrent"
            size="small"
            variant="outlined"
            label="New nodes at once"
            placeholder="all"
            value={concurrent}
            onChange={e => setConcurrent(e.target.value)}
            error={!concurrentValid}
            InputLabelProps={{ shrink: true }}
          />
          <Button
            type="submit"
            variant="outlined"
            color="primary"
            disabled={!group || state.loading || !concurrentValid}
          >
            Rotate
          </Button>
        </Box>
      </form>
      {state.loading && <LinearProgress />}
      {state.error !== undefined && (
        <ApiErrorPanel title="Could not answer" error={state.error} />
      )}
      {state.value && w && (
        <WhatIfAnswer
          testId="what-if-rotate-answer"
          title={`${w.nodeGroup} in ${state.value.cluster}`}
          message={state.value.message}
          fits={w.fits}
        >
          <Typography variant="body2" color="textSecondary">
            {plural(w.nodes, 'node')} now, {fmt(w.concurrent)} new at once ·{' '}
            {plural(
              w.newNodes.reduce((n, x) => n + x.addresses, 0),
              'address',
              'addresses',
            )}{' '}
            taken before the old nodes drain
          </Typography>
          <SubnetChanges changes={w.subnets} />
        </WhatIfAnswer>
      )}
    </InfoCard>
  );
};

/** The form again only when the node groups' names or sizes change, not on every poll. */
export const RotateWhatIf = memo(
  RotateWhatIfForm,
  (a, b) => groupsKey(a.nodeGroups) === groupsKey(b.nodeGroups),
);

function groupsKey(groups: ClusterNodeGroup[]): string {
  return groups
    .map(g => `${g.cluster}/${g.nodeGroup.name}:${g.nodeGroup.nodes}`)
    .join(',');
}

/**
 * "What comes next": per cluster, where each node pool's and group's next
 * node lands and which of its requests will fail (the backend's words),
 * the warm pools explained, and the rotation what-if.
 */
export const WhatComesNext = memo(function WhatComesNextSection(props: {
  overview: OverviewResponse;
  /** Only this cluster (the page's filter). */
  cluster?: string;
  version: string;
}) {
  const { overview, cluster } = props;
  const collected = overview.clusters.filter(
    c => c.totals && (!cluster || c.name === cluster),
  );
  const nodeGroups = overview.nodeGroups.filter(
    g => !cluster || g.cluster === cluster,
  );
  return (
    <Grid container spacing={3}>
      {collected.map(c => (
        <Grid item xs={12} lg={6} key={c.name}>
          <ClusterNext name={c.name} title={c.title} version={props.version} />
        </Grid>
      ))}
      <Grid item xs={12}>
        <RotateWhatIf nodeGroups={nodeGroups} />
      </Grid>
    </Grid>
  );
});
