import {
  ClusterSpec,
  MovementSpec,
  ScenarioFile,
  TimelineSpec,
} from '../scenario/types';
import { parseDuration, parseTimeText } from './timeText';

/** Kinds a `grow` can add pods to (a DaemonSet has one per node, a Job runs to completion). */
const GROWABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/** The shortest step and period: shorter ones make timelines of millions of instants. */
export const MIN_PERIOD_MS = 60_000;

function checkTime(where: string, key: string, v: unknown, problems: string[]) {
  if (v !== undefined && !parseTimeText(v)) {
    problems.push(
      `${where}: ${key} '${v}' is neither a relative time (-14d, +30d, 0) nor an ISO 8601 timestamp`,
    );
  }
}

function checkPeriod(where: string, v: unknown, problems: string[]) {
  const ms = parseDuration(v);
  if (ms === undefined || ms < MIN_PERIOD_MS) {
    problems.push(
      `${where}: every '${v}' must be a duration of at least 1m (30m, 6h, 2d)`,
    );
  }
}

function checkCount(
  where: string,
  key: string,
  v: unknown,
  problems: string[],
) {
  if (!Number.isInteger(v) || (v as number) < 1) {
    problems.push(
      `${where}: ${key} must be a positive whole number, not '${v}'`,
    );
  }
}

function clusterOf(
  file: ScenarioFile,
  name: string,
  where: string,
  problems: string[],
) {
  const c = (file.clusters ?? []).find(x => x.name === name);
  if (!c) problems.push(`${where}: no cluster ${name}`);
  return c;
}

function checkGrow(
  file: ScenarioFile,
  m: MovementSpec & { type: 'grow' },
  where: string,
  problems: string[],
) {
  checkCount(where, 'pods', m.pods, problems);
  checkPeriod(where, m.every, problems);
  checkTime(where, 'from', m.from, problems);
  checkTime(where, 'until', m.until, problems);
  const c = clusterOf(file, m.cluster, where, problems);
  if (!c) return;
  const w = (c.workloads ?? []).find(
    x => x.namespace === m.namespace && x.name === m.workload,
  );
  if (!w) {
    problems.push(
      `${where}: cluster ${m.cluster} has no workload ${m.namespace}/${m.workload}`,
    );
  } else if (!GROWABLE.has(w.kind) || w.hostNetwork) {
    problems.push(
      `${where}: ${m.namespace}/${m.workload} is a ${
        w.hostNetwork ? 'hostNetwork ' : ''
      }${
        w.kind
      }; only Deployments, StatefulSets and ReplicaSets with pod IPs grow`,
    );
  }
  const names = new Set((c.nodes ?? []).map(n => n.name ?? n.instanceId));
  for (const n of m.nodes ?? []) {
    if (!names.has(n))
      problems.push(`${where}: cluster ${m.cluster} has no node ${n}`);
  }
}

function subnetExists(file: ScenarioFile, id: string) {
  return file.accounts.some(a =>
    (a.regions ?? []).some(r =>
      (r.vpcs ?? []).some(v => (v.subnets ?? []).some(s => s.id === id)),
    ),
  );
}

function checkMovement(
  file: ScenarioFile,
  m: MovementSpec,
  i: number,
  problems: string[],
) {
  const where = `timeline.movements[${i}] (${(m as { type?: string })?.type})`;
  switch (m?.type) {
    case 'grow':
      checkGrow(file, m, where, problems);
      return;
    case 'addNetworkInterfaces':
      checkCount(where, 'count', m.count, problems);
      checkPeriod(where, m.every, problems);
      checkTime(where, 'from', m.from, problems);
      checkTime(where, 'until', m.until, problems);
      if (!subnetExists(file, m.subnet))
        problems.push(`${where}: no subnet ${m.subnet}`);
      return;
    case 'rotateNodeGroup': {
      if (m.at === undefined)
        problems.push(`${where}: needs at (when the rotation happens)`);
      checkTime(where, 'at', m.at, problems);
      const c: ClusterSpec | undefined = clusterOf(
        file,
        m.cluster,
        where,
        problems,
      );
      if (c && !(c.nodes ?? []).some(n => n.nodegroup === m.nodegroup)) {
        problems.push(
          `${where}: cluster ${m.cluster} has no node in node group ${m.nodegroup}`,
        );
      }
      return;
    }
    default:
      problems.push(
        `timeline.movements[${i}]: type must be grow, addNetworkInterfaces or rotateNodeGroup`,
      );
  }
}

/**
 * The checks a timeline passes without knowing when the simulator starts: times and
 * durations are well-formed, movements name what the file has. (Checks that need the
 * actual instants — ordering against start and end — run when the simulator starts.)
 */
export function validateTimeline(file: ScenarioFile, problems: string[]): void {
  const t = file.timeline as TimelineSpec | undefined;
  if (t === undefined) return;
  if (!t || typeof t !== 'object') {
    problems.push(
      'timeline must be a mapping with start, end, step and movements',
    );
    return;
  }
  for (const key of ['start', 'end'] as const) {
    if (t[key] === undefined) problems.push(`timeline: needs ${key}`);
    checkTime('timeline', key, t[key], problems);
  }
  const step = parseDuration(t.step);
  if (step === undefined || step < MIN_PERIOD_MS) {
    problems.push(
      `timeline: step '${t.step}' must be a duration of at least 1m (6h, 1d)`,
    );
  }
  const start = parseTimeText(t.start);
  const end = parseTimeText(t.end);
  if (start?.kind === end?.kind && start && end) {
    const s = start.kind === 'relative' ? start.offsetMs : start.atMs;
    const e = end.kind === 'relative' ? end.offsetMs : end.atMs;
    if (e < s)
      problems.push(`timeline: end ${t.end} lies before start ${t.start}`);
  }
  if (t.movements !== undefined && !Array.isArray(t.movements)) {
    problems.push('timeline: movements must be a list');
    return;
  }
  (t.movements ?? []).forEach((m, i) => checkMovement(file, m, i, problems));
}
