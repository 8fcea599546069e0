import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import { OverviewResponse } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { memo, ReactNode, useCallback, useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { podIpCapacityApiRef } from '../../api';
import { ApiErrorPanel, apiErrorMessage } from '../common/ApiErrorPanel';
import { fmt, plural } from '../common/format';
import { PagedNodesTable } from '../common/PagedNodesTable';
import { SnapshotBanner } from '../common/SnapshotStatus';
import { SubnetMap } from '../common/SubnetMap';
import {
  SubnetRiskWarning,
  SubnetRow,
  SubnetsTable,
  SubnetStatusChip,
  toSubnetRow,
} from '../common/SubnetsTable';
import { freeBlocksText, fragmentedWithoutRisk } from '../common/subnetText';
import { subnetForecastText } from '../common/forecastText';
import { useLoad } from '../common/useLoad';
import { ClusterCards } from './ClusterCards';
import { NodeGroupsTable } from './NodeGroupsTable';
import {
  OverviewFilters,
  overviewLink,
  OverviewSection,
  useOverviewFilters,
} from './overviewLinks';
import { TeamsTable } from './TeamsTable';
import { useRefresh } from './useRefresh';
import { WhatComesNext } from './WhatComesNext';

/** Subnets at risk drawn as maps at most: the table holds all of them. */
const MAX_MAPS = 12;
/** The page asks again on this schedule, so figures and ages stay current. */
export const OVERVIEW_POLL_MS = 60_000;
/** While a refresh the user asked for runs. */
export const REFRESH_POLL_MS = 1_500;
/** While a cluster has never been collected. */
const PENDING_POLL_MS = 5_000;

const SUBTITLE = 'How much pod IP room your EKS clusters have left';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(4) },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
    '& h2:focus': { outline: 'none' },
  },
  focusRing: {
    '& a:focus-visible, & .MuiButtonBase-root.Mui-focusVisible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

const Section = (props: {
  id: OverviewSection | 'teams' | 'what-comes-next';
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) => {
  const classes = useStyles();
  return (
    <section className={classes.section} aria-labelledby={props.id}>
      <div className={classes.heading}>
        <Typography variant="h5" component="h2" id={props.id} tabIndex={-1}>
          {props.title}
        </Typography>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
};

/** Scrolls to `#nodes` and friends when a link leads there. */
function useScrollToSection(ready: boolean) {
  const location = useLocation();
  useEffect(() => {
    if (!ready || !location.hash) return;
    const element = document.getElementById(location.hash.slice(1));
    element?.scrollIntoView?.({ block: 'start' });
    element?.focus?.({ preventScroll: true });
  }, [ready, location.hash, location.search]);
}

const FilterNote = (props: {
  filters: OverviewFilters;
  overview: OverviewResponse;
}) => {
  const { cluster, subnet, q } = props.filters;
  if (!cluster && !subnet && !q) return null;
  const subnetCidr = props.overview.subnets.find(
    s => s.subnet.subnetId === subnet,
  )?.subnet.cidr;
  const parts = [
    cluster && `cluster ${cluster}`,
    subnet && `subnet ${subnetCidr ?? subnet}`,
    q && `nodes matching “${q}”`,
  ].filter(Boolean);
  return (
    <Box mt={3} data-testid="filter-note">
      <Typography variant="body2">
        Showing {parts.join(', ')} only. <Link to="?">Show everything</Link>
      </Typography>
    </Box>
  );
};

const SubnetsSection = (props: {
  overview: OverviewResponse;
  filters: OverviewFilters;
}) => {
  const { overview, filters } = props;
  const rows = overview.subnets
    .filter(
      s =>
        (!filters.cluster || s.cluster === filters.cluster) &&
        (!filters.subnet || s.subnet.subnetId === filters.subnet),
    )
    .map(s => toSubnetRow(s.cluster, s.subnet, undefined, s.forecast));
  const atRisk = rows.filter(r => r.subnet.atRisk);
  const calm = rows.filter(r => fragmentedWithoutRisk(r.subnet));
  const links = (r: SubnetRow) => (
    <Box mt={1}>
      <Typography variant="body2">
        {r.subnet.podNodes > 0 ? (
          <Link
            to={overviewLink(
              { cluster: r.cluster, q: r.subnet.subnetId },
              'nodes',
            )}
          >
            {`Show the ${plural(
              r.subnet.podNodes,
              'node',
            )} taking pod IPs from ${r.subnet.cidr}`}
          </Link>
        ) : (
          `No node takes pod IPs from ${r.subnet.cidr}.`
        )}
      </Typography>
    </Box>
  );
  return (
    <>
      {atRisk.length === 0 && rows.length > 0 && (
        <Typography variant="body1" paragraph>
          No subnet is at risk: every subnet pods take IPs from has free
          addresses left, and free /28 blocks wherever nodes need whole
          prefixes.
        </Typography>
      )}
      {calm.map(r => (
        <Box key={r.id} mb={2}>
          <SubnetRiskWarning
            subnet={r.subnet}
            cluster={r.cluster}
            expanded={false}
          />
        </Box>
      ))}
      <Grid container spacing={3}>
        {atRisk.slice(0, MAX_MAPS).map(r => (
          <Grid item xs={12} md={6} key={r.id}>
            <InfoCard
              title={`${r.subnet.cidr} · ${r.cluster}`}
              subheader={`${r.subnet.subnetId}${
                r.subnet.availabilityZone
                  ? `, ${r.subnet.availabilityZone}`
                  : ''
              }: ${plural(r.subnet.available, 'free IP')}, ${freeBlocksText(
                r.subnet,
              )} of ${fmt(r.subnet.blocks.total)}`}
              action={<SubnetStatusChip subnet={r.subnet} />}
            >
              <div data-testid={`subnet-at-risk-${r.subnet.subnetId}`}>
                <SubnetMap subnet={r.subnet} />
                {r.forecast && (
                  <Typography variant="body2">
                    Runs out: {subnetForecastText(r.forecast)}.
                  </Typography>
                )}
                <Box mt={2}>
                  <SubnetRiskWarning
                    subnet={r.subnet}
                    cluster={r.cluster}
                    expanded={false}
                  />
                </Box>
                {links(r)}
              </div>
            </InfoCard>
          </Grid>
        ))}
      </Grid>
      <Box mt={3}>
        <SubnetsTable
          title="All subnets, most at risk first"
          rows={rows}
          showCluster
          podIpsTitle="Pod IPs"
          filter={rows.length > 5}
          keepOrder
          selectedKey={
            filters.subnet
              ? rows.find(r => r.subnet.subnetId === filters.subnet)?.id
              : undefined
          }
          renderLinks={links}
        />
      </Box>
    </>
  );
};

/** Every node of every cluster, one page at a time from `GET /nodes`. */
const NodesSection = (props: {
  overview: OverviewResponse;
  filters: OverviewFilters;
  setFilters: (changes: Partial<OverviewFilters>) => void;
  /** Changes when new data was collected: the page is asked again. */
  version: string;
}) => {
  const { overview, filters, setFilters, version } = props;
  const clusterSelect = (
    <TextField
      id="pod-ip-capacity-nodes-cluster"
      select
      size="small"
      variant="outlined"
      label="Cluster"
      value={filters.cluster ?? ''}
      onChange={e => setFilters({ cluster: e.target.value || undefined })}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">All clusters</option>
      {overview.clusters.map(c => (
        <option key={c.name} value={c.name}>
          {c.name}
        </option>
      ))}
    </TextField>
  );
  return (
    <PagedNodesTable
      title="Nodes"
      cluster={filters.cluster}
      q={filters.q ?? ''}
      onQueryChange={q => setFilters({ q: q || undefined })}
      showCluster
      toolbar={clusterSelect}
      version={version}
    />
  );
};

const TeamsSection = (props: { version: string }) => {
  const api = useApi(podIpCapacityApiRef);
  const owners = useLoad(() => api.getOwners(), [api, props.version]);
  if (!owners.value && owners.loading) return <Progress />;
  return (
    <>
      {owners.error !== undefined && (
        <ApiErrorPanel
          title="Could not load the teams"
          error={owners.error}
          onRetry={owners.reload}
        />
      )}
      {owners.value && <TeamsTable response={owners.value} />}
    </>
  );
};

const RefreshControl = (props: {
  text: string;
  busy: boolean;
  disabled: boolean;
  onClick: () => void;
}) => (
  <Box display="flex" alignItems="center">
    <Box mr={2}>
      <Typography
        variant="body2"
        color="textSecondary"
        role="status"
        aria-live="polite"
      >
        {props.text}
      </Typography>
    </Box>
    <Button
      variant="outlined"
      color="primary"
      startIcon={<RefreshIcon />}
      onClick={props.onClick}
      disabled={props.busy || props.disabled}
    >
      Refresh now
    </Button>
  </Box>
);

// A filter typed into the nodes table changes the URL, which renders the
// whole page again: the sections it does not change skip that render (the
// subnet maps are the largest part of it).
const ClusterCardsOnce = memo(ClusterCards);
const WhatComesNextOnce = memo(WhatComesNext);
const TeamsSectionOnce = memo(TeamsSection);
const SubnetsSectionOnce = memo(
  SubnetsSection,
  (a, b) =>
    a.overview === b.overview &&
    a.filters.cluster === b.filters.cluster &&
    a.filters.subnet === b.filters.subnet,
);
const NodeGroupsSection = memo(
  (props: { nodeGroups: OverviewResponse['nodeGroups']; cluster?: string }) => (
    <NodeGroupsTable
      groups={props.nodeGroups.filter(
        g => !props.cluster || g.cluster === props.cluster,
      )}
    />
  ),
);

/**
 * The overview's content, without a page header: the platform team's view
 * of clusters at a glance, node groups, subnets by risk with their maps,
 * every node (paged on the server) and teams by the pod IPs charged to them.
 * Everything comes from summary routes (`/overview`, `/nodes`, `/owners`);
 * a node's ENIs are fetched only when its row is opened.
 */
export const PodIpCapacityOverview = () => {
  const api = useApi(podIpCapacityApiRef);
  const classes = useStyles();
  const [filters, setFilters] = useOverviewFilters();
  const [fast, setFast] = useState(false);
  const [pending, setPending] = useState(false);
  let pollMs = OVERVIEW_POLL_MS;
  if (fast) pollMs = REFRESH_POLL_MS;
  else if (pending) pollMs = PENDING_POLL_MS;
  const overview = useLoad(() => api.getOverview(), [api], pollMs);
  const value = overview.value;
  const refresh = useRefresh(value?.clusters);
  useEffect(() => setFast(refresh.running), [refresh.running]);
  useEffect(
    () =>
      setPending(
        !!value &&
          (value.clusters.length === 0 ||
            value.clusters.some(c => c.snapshot.status === 'pending')),
      ),
    [value],
  );
  const { start } = refresh;
  const { reload } = overview;
  const onRefresh = useCallback(async () => {
    await start();
    reload();
  }, [start, reload]);
  useScrollToSection(!!value);

  if (!value && overview.loading) return <Progress />;
  if (!value) {
    return (
      <ApiErrorPanel
        title="Could not load the overview"
        error={overview.error}
        onRetry={overview.reload}
      />
    );
  }
  // New data collected anywhere: the nodes and teams are asked again.
  const version = value.clusters
    .map(c => `${c.name}@${c.snapshot.collectedAt ?? ''}`)
    .join(',');

  return (
    <div className={classes.focusRing}>
      <Section
        id="clusters"
        title="Clusters"
        actions={
          <RefreshControl
            text={refresh.text}
            busy={refresh.busy}
            disabled={!!refresh.disabledUntil}
            onClick={onRefresh}
          />
        }
      >
        {overview.error !== undefined && (
          <WarningPanel
            severity="error"
            title={`Could not update the overview: ${apiErrorMessage(
              overview.error,
            )}`}
          >
            <Button variant="outlined" size="small" onClick={overview.reload}>
              Retry
            </Button>
          </WarningPanel>
        )}
        {value.problems.map((p, i) => (
          <WarningPanel
            key={i}
            severity="error"
            title="Clusters could not be listed"
            message={`${p.message}${
              p.code ? ` (${p.code}${p.action ? `, ${p.action}` : ''})` : ''
            }`}
            defaultExpanded
          />
        ))}
        {value.clusters.map(c => (
          <Box key={c.name} mb={1}>
            <SnapshotBanner cluster={c.name} snapshot={c.snapshot} />
          </Box>
        ))}
        {value.clusters.length === 0 && (
          <Typography variant="body1">
            No clusters yet: the backend takes them from the Kubernetes plugin's
            configuration. This page refreshes by itself.
          </Typography>
        )}
        <ClusterCardsOnce clusters={value.clusters} subnets={value.subnets} />
        <FilterNote filters={filters} overview={value} />
      </Section>

      <Section id="what-comes-next" title="What comes next">
        <WhatComesNextOnce
          overview={value}
          cluster={filters.cluster}
          version={version}
        />
      </Section>

      <Section id="node-groups" title="Node groups">
        <NodeGroupsSection
          nodeGroups={value.nodeGroups}
          cluster={filters.cluster}
        />
      </Section>

      <Section id="subnets" title="Subnets by risk">
        <SubnetsSectionOnce overview={value} filters={filters} />
      </Section>

      <Section id="nodes" title="Nodes">
        <NodesSection
          overview={value}
          filters={filters}
          setFilters={setFilters}
          version={version}
        />
      </Section>

      <Section id="teams" title="Teams">
        <TeamsSectionOnce version={version} />
      </Section>
    </div>
  );
};

/**
 * The overview page of the legacy frontend system, with its own header.
 * (The new frontend system's page draws the title bar itself and renders
 * only `PodIpCapacityOverview`.)
 *
 * @public
 */
export const PodIpCapacityPage = () => (
  <Page themeId="tool">
    <Header title="Pod IP Capacity" subtitle={SUBTITLE} />
    <Content>
      <PodIpCapacityOverview />
    </Content>
  </Page>
);

/** The new frontend system's page content: no header of its own. */
export const PodIpCapacityPageContent = () => (
  <Content>
    <Typography variant="body1" color="textSecondary">
      {SUBTITLE}.
    </Typography>
    <PodIpCapacityOverview />
  </Content>
);
