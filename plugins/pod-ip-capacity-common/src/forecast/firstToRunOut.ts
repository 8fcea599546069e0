import {
  FirstRunOut,
  SubnetRunOut,
  SubnetRunOutDate,
  WorkloadRunOut,
} from './types';

/** Exhausted first (the longest exhausted first), then the soonest date, then by id. */
function sooner(a: SubnetRunOutDate, b: SubnetRunOutDate): number {
  const fa = a.forecast;
  const fb = b.forecast;
  if (fa.state === 'exhausted' && fb.state === 'exhausted') {
    return fa.since - fb.since || a.subnetId.localeCompare(b.subnetId);
  }
  if (fa.state === 'exhausted') return -1;
  if (fb.state === 'exhausted') return 1;
  return (
    fa.exhaustsAt - fb.exhaustsAt ||
    fa.earliest - fb.earliest ||
    a.subnetId.localeCompare(b.subnetId)
  );
}

/**
 * The first of several subnets to run out (at cluster level: which subnet,
 * when), and which subnets cannot be ranked yet. O(subnets).
 *
 * @public
 */
export function firstSubnetToRunOut(
  forecasts: readonly SubnetRunOut[],
): FirstRunOut {
  let first: SubnetRunOutDate | null = null;
  const collecting: string[] = [];
  const notGrowing: string[] = [];
  for (const { subnetId, forecast } of forecasts) {
    if (forecast.state === 'collecting') collecting.push(subnetId);
    else if (forecast.state === 'not-growing') notGrowing.push(subnetId);
    else {
      const candidate = { subnetId, forecast };
      if (!first || sooner(candidate, first) < 0) first = candidate;
    }
  }
  return {
    first,
    collecting: collecting.sort(),
    notGrowing: notGrowing.sort(),
  };
}

/**
 * For a service or team: "the subnets your pods use run out in about N
 * days (low–high)" — the first to run out among the subnets its pods
 * actually take IPs from (`WorkloadUsage.subnets`), not all the cluster's.
 *
 * @public
 */
export function workloadSubnetsRunOut(
  subnetIds: readonly string[],
  forecasts: readonly SubnetRunOut[],
): WorkloadRunOut {
  const wanted = new Set(subnetIds);
  const mine = forecasts.filter(f => wanted.has(f.subnetId));
  const known = new Set(mine.map(f => f.subnetId));
  return {
    ...firstSubnetToRunOut(mine),
    withoutForecast: [...wanted].filter(id => !known.has(id)).sort(),
  };
}
