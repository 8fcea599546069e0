import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  HistoryKind,
  HistoryPoint,
  HistoryResponse,
  HistorySeries,
  RunOutForecast,
  RunOutQuantity,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { useState } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { podIpCapacityApiRef } from '../../api';
import { apiErrorMessage } from './ApiErrorPanel';
import { fmt, formatInstant } from './format';
import { formatDay, runOutText } from './forecastText';
import { useLoad } from './useLoad';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The ranges the picker offers. */
export const HISTORY_RANGES = {
  '24 h': DAY,
  '7 d': 7 * DAY,
  '30 d': 30 * DAY,
  '90 d': 90 * DAY,
} as const;
export type HistoryRange = keyof typeof HISTORY_RANGES;

/** Fewer points than this: the chart says it is still collecting. */
const FEW_POINTS = 6;

/**
 * A run-out forecast drawn on a chart: a dashed line from the latest point
 * to the run-out date (when the series is the quantity forecast), the band
 * of earliest–latest dates, and the date itself.
 */
export interface ChartProjection {
  forecast: RunOutForecast;
  quantity: RunOutQuantity;
  /**
   * The series is the forecast quantity's own (a subnet's): draw the line
   * to zero free blocks, or to every usable IP used. Otherwise (a cluster's
   * or a service's totals) only the date and its band are marked.
   */
  line: boolean;
  /** What the forecast is about, for the marker: "subnet-0abc". */
  label?: string;
}

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  chart: { width: '100%', height: 180 },
  chip: { marginLeft: theme.spacing(1) },
}));

interface ChartRow {
  t: number;
  blocks?: number;
  used?: number;
  projBlocks?: number;
  projUsed?: number;
}

function rowsOf(points: HistoryPoint[]): ChartRow[] {
  return points.map(p => ({
    t: Date.parse(p.at),
    blocks: p.freePrefixBlocks,
    used: p.usedIps,
  }));
}

/** The dashed projection's two ends, on the axis of the forecast quantity. */
function projectionRows(
  points: HistoryPoint[],
  projection: ChartProjection | undefined,
): ChartRow[] {
  const f = projection?.forecast;
  if (!projection?.line || f?.state !== 'forecast' || points.length === 0) {
    return [];
  }
  const last = points[points.length - 1];
  const t = Date.parse(last.at);
  if (projection.quantity === 'freePrefixBlocks') {
    if (last.freePrefixBlocks === undefined) return [];
    return [
      { t, projBlocks: last.freePrefixBlocks },
      { t: f.exhaustsAt, projBlocks: 0 },
    ];
  }
  // Free IPs reaching zero: every usable address used.
  if (last.usedIps === undefined) return [];
  const usable =
    last.usableIps ??
    (last.availableIps !== undefined
      ? last.usedIps + last.availableIps
      : undefined);
  if (usable === undefined) return [];
  return [
    { t, projUsed: last.usedIps },
    { t: f.exhaustsAt, projUsed: usable },
  ];
}

function first<T>(values: T[]): T | undefined {
  return values.find(v => v !== undefined);
}

/** The chart in words, for screen readers (and for reading the trend at a glance). */
function summaryText(points: HistoryPoint[]): string {
  const blocks = points.map(p => p.freePrefixBlocks);
  const used = points.map(p => p.usedIps);
  const parts: string[] = [];
  const b0 = first(blocks);
  const b1 = first([...blocks].reverse());
  if (b0 !== undefined && b1 !== undefined) {
    parts.push(`free /28 blocks ${fmt(b0)} → ${fmt(b1)}`);
  }
  const u0 = first(used);
  const u1 = first([...used].reverse());
  if (u0 !== undefined && u1 !== undefined) {
    parts.push(`used IPs ${fmt(u0)} → ${fmt(u1)}`);
  }
  return parts.join(', ');
}

const SeriesChart = (props: {
  series: HistorySeries;
  response: HistoryResponse;
  projection?: ChartProjection;
  caption?: string;
}) => {
  const { series, response, projection, caption } = props;
  const theme = useTheme();
  const classes = useStyles();
  const points = series.points;
  const rows = rowsOf(points);
  const projected = projectionRows(points, projection);
  const f = projection?.forecast;
  const dated = f?.state === 'forecast' ? f : undefined;
  const from = Date.parse(response.from);
  const to = Math.max(Date.parse(response.to), dated ? dated.latest : 0);
  const hasBlocks = points.some(p => p.freePrefixBlocks !== undefined);
  const hasUsed = points.some(p => p.usedIps !== undefined);
  const since = response.collectingSince ?? points[0]?.at;
  const summary = summaryText(points);
  const tick = (t: number) =>
    to - from <= 2 * DAY
      ? new Date(t).toLocaleTimeString('en-GB', {
          hour: '2-digit',
          minute: '2-digit',
        })
      : formatDay(t);

  return (
    <Box mb={2} data-testid={`history-${series.cluster}-${series.key}`}>
      <Typography variant="body2" component="div">
        {caption}
        {series.simulated && (
          <Chip
            size="small"
            className={classes.chip}
            label="simulated history"
            title="Some points were not collected live but backfilled (the demo portal plays a simulated timeline)."
          />
        )}
      </Typography>
      {points.length < FEW_POINTS && (
        <Typography variant="body2" color="textSecondary">
          {since
            ? `Collecting history since ${formatInstant(since)}: ${
                points.length === 1 ? '1 point' : `${fmt(points.length)} points`
              } so far.`
            : 'No history collected yet.'}
        </Typography>
      )}
      {projection?.line && (
        <Typography variant="body2" color="textSecondary">
          {projection.label ? `${projection.label}: ` : ''}
          {runOutText(projection.forecast, projection.quantity)}
        </Typography>
      )}
      {points.length > 0 && (
        <figure
          style={{ margin: 0 }}
          aria-label={`History${summary ? `: ${summary}` : ''}`}
        >
          <div className={classes.chart}>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart
                data={rows}
                margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              >
                <CartesianGrid
                  strokeDasharray="3 3"
                  stroke={theme.palette.divider}
                />
                <XAxis
                  dataKey="t"
                  type="number"
                  scale="time"
                  domain={[from, to]}
                  tickFormatter={tick}
                  stroke={theme.palette.text.secondary}
                  fontSize={11}
                  allowDuplicatedCategory={false}
                />
                {hasBlocks && (
                  <YAxis
                    yAxisId="blocks"
                    allowDecimals={false}
                    stroke={theme.palette.primary.main}
                    fontSize={11}
                    width={48}
                  />
                )}
                {hasUsed && (
                  <YAxis
                    yAxisId="ips"
                    orientation="right"
                    allowDecimals={false}
                    stroke={theme.palette.secondary.main}
                    fontSize={11}
                    width={56}
                  />
                )}
                <Tooltip
                  labelFormatter={t => formatInstant(new Date(Number(t)))}
                  formatter={(value: number) => fmt(value)}
                  contentStyle={{
                    backgroundColor: theme.palette.background.paper,
                    color: theme.palette.text.primary,
                  }}
                />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                {dated && (
                  <ReferenceArea
                    yAxisId={hasBlocks ? 'blocks' : 'ips'}
                    x1={dated.earliest}
                    x2={Math.max(dated.latest, dated.earliest + HOUR)}
                    fill={theme.palette.error.main}
                    fillOpacity={0.12}
                    ifOverflow="extendDomain"
                  />
                )}
                {dated && (
                  <ReferenceLine
                    yAxisId={hasBlocks ? 'blocks' : 'ips'}
                    x={dated.exhaustsAt}
                    stroke={theme.palette.error.main}
                    strokeDasharray="4 2"
                    label={{
                      value: `runs out ~${formatDay(dated.exhaustsAt)}`,
                      position: 'insideTopRight',
                      fontSize: 11,
                      fill: theme.palette.error.main,
                    }}
                  />
                )}
                {hasBlocks && (
                  <Line
                    yAxisId="blocks"
                    dataKey="blocks"
                    name="Free /28 blocks"
                    stroke={theme.palette.primary.main}
                    dot={false}
                    isAnimationActive={false}
                    connectNulls
                  />
                )}
                {hasUsed && (
                  <Line
                    yAxisId="ips"
                    dataKey="used"
                    name="Used IPs"
                    stroke={theme.palette.secondary.main}
                    dot={false}
                    isAnimationActive={false}
                    connectNulls
                  />
                )}
                {projected.length > 0 && (
                  <Line
                    yAxisId={
                      projection?.quantity === 'freePrefixBlocks'
                        ? 'blocks'
                        : 'ips'
                    }
                    data={projected}
                    dataKey={
                      projection?.quantity === 'freePrefixBlocks'
                        ? 'projBlocks'
                        : 'projUsed'
                    }
                    name="Projection"
                    stroke={theme.palette.error.main}
                    strokeDasharray="6 4"
                    dot={false}
                    isAnimationActive={false}
                  />
                )}
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          {summary && (
            <Typography
              variant="caption"
              color="textSecondary"
              component="figcaption"
            >
              {summary[0].toUpperCase() + summary.slice(1)} between{' '}
              {formatInstant(response.from)} and {formatInstant(response.to)}.
            </Typography>
          )}
        </figure>
      )}
    </Box>
  );
};

/**
 * Free /28 blocks and used IPs over time, with a 24 h / 7 d / 30 d / 90 d
 * picker (`GET /history`), one small chart per series (a service's: one per
 * cluster). Labels backfilled series "simulated history", says "collecting
 * history since …" while there are few points, and draws a run-out
 * forecast's projection when given one.
 */
export const HistoryChart = (props: {
  title: string;
  kind: HistoryKind;
  cluster?: string;
  historyKey?: string;
  /** Only this cluster's series (an entity has one per cluster). */
  onlyCluster?: string;
  projection?: (series: HistorySeries) => ChartProjection | undefined;
  /** A caption per series (an entity's: its cluster). */
  caption?: (series: HistorySeries) => string | undefined;
  defaultRange?: HistoryRange;
}) => {
  const { kind, cluster, historyKey, onlyCluster } = props;
  const api = useApi(podIpCapacityApiRef);
  const classes = useStyles();
  const [range, setRange] = useState<HistoryRange>(props.defaultRange ?? '7 d');
  const history = useLoad(
    () =>
      api.getHistory({
        kind,
        ...(cluster ? { cluster } : {}),
        ...(historyKey ? { key: historyKey } : {}),
        from: new Date(Date.now() - HISTORY_RANGES[range]).toISOString(),
      }),
    [api, kind, cluster, historyKey, range],
  );
  const series = (history.value?.series ?? []).filter(
    s => !onlyCluster || s.cluster === onlyCluster,
  );
  return (
    <Box mt={2} data-testid={`history-chart-${kind}`}>
      <div className={classes.header}>
        <Typography variant="subtitle2" component="h3">
          {props.title}
        </Typography>
        <ButtonGroup size="small" aria-label={`Range of ${props.title}`}>
          {(Object.keys(HISTORY_RANGES) as HistoryRange[]).map(r => (
            <Button
              key={r}
              aria-pressed={r === range}
              variant={r === range ? 'contained' : 'outlined'}
              color={r === range ? 'primary' : 'default'}
              onClick={() => setRange(r)}
            >
              {r}
            </Button>
          ))}
        </ButtonGroup>
      </div>
      {history.loading && <LinearProgress aria-label="Loading history" />}
      {history.error !== undefined && (
        <Typography variant="body2" color="error">
          Could not load the history: {apiErrorMessage(history.error)}{' '}
          <Button size="small" variant="outlined" onClick={history.reload}>
            Retry
          </Button>
        </Typography>
      )}
      {history.value && series.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {history.value.collectingSince
            ? `Collecting history since ${formatInstant(
                history.value.collectingSince,
              )}: no points in this range yet.`
            : 'No history collected yet.'}
        </Typography>
      )}
      {history.value &&
        series.map(s => (
          <SeriesChart
            key={`${s.cluster}/${s.key}`}
            series={s}
            response={history.value!}
            projection={props.projection?.(s)}
            caption={props.caption?.(s)}
          />
        ))}
    </Box>
  );
};
