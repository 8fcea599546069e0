import http from 'node:http';
import { sendJson } from './aws/awsResponses';
import { RunningSimulator } from './simulatorTypes';

/** `GET /__simulator/timeline`: the frame, the instants up to now, where subnets run out. */
export function describeTimeline(sim: RunningSimulator) {
  const t = sim.timeline;
  return {
    start: t.start,
    end: t.end,
    step: t.step,
    now: t.now(),
    current: t.current,
    instants: t.instants(),
    subnets: sim.scenario.regions.flatMap(r =>
      r.subnets.map(s => ({
        accountId: r.accountId,
        region: r.region,
        cidr: s.cidr,
        ...t.runsOut(s.id),
      })),
    ),
  };
}

/**
 * The timeline routes: `GET /timeline`, and `POST /timeline/seek` with
 * `{"at": <epoch ms> | "now"}` (answers `{current}`, 400 for an instant before start).
 */
export function timelineRoutes(
  sim: RunningSimulator,
  route: string,
  json: () => any,
  res: http.ServerResponse,
): boolean {
  if (route === 'GET /timeline') {
    sendJson(res, 200, describeTimeline(sim));
    return true;
  }
  if (route === 'POST /timeline/seek') {
    const { at } = json() ?? {};
    if (at !== 'now' && typeof at !== 'number') {
      throw new Error('seek needs {"at": <epoch milliseconds> | "now"}');
    }
    sendJson(res, 200, { current: sim.timeline.seek(at) });
    return true;
  }
  return false;
}
