import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { RunningSimulator } from '@pod-ip-capacity/eks-simulator';
import request from 'supertest';
import {
  CapacityBackend,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';
import { podIpCapacityHistoryExtensionPoint } from './extensions';
import { REFRESH_TASK_ID } from './plugin';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const API = '/api/pod-ip-capacity';
/** timeline-demo's node subnet: one free /28 fewer every 12 h. */
const NODE_SUBNET = 'subnet-0a00000000000a000';

/**
 * The forecast checked against the world: the simulator plays timeline-demo
 * (start −7 d, a step every 12 h) on a clock 4 days ahead of ours, so that
 * now is about start + 3 d, and the node subnet has had 6 of its 13 free
 * /28 blocks taken, one every 12 h. A backfill (the plugin's extension
 * point, as the demo portal's) collects each past instant through the real
 * collector; then the plugin's first live refresh forecasts when the subnet
 * runs out. The simulator knows when it really does: start + 6 d 12 h.
 */
describe('run-out forecast against the simulator timeline', () => {
  let backend: CapacityBackend;
  let sim: RunningSimulator;
  let scheduler: SchedulerService;
  const backfilled: number[] = [];

  const timelineBackfill = createBackendModule({
    pluginId: 'pod-ip-capacity',
    moduleId: 'test-timeline-backfill',
    register(env) {
      env.registerInit({
        deps: {
          history: podIpCapacityHistoryExtensionPoint,
          scheduler: coreServices.scheduler,
        },
        async init(deps) {
          scheduler = deps.scheduler;
          deps.history.setBackfill({
            id: 'test-timeline',
            async run({ collectAt }) {
              const now = Date.now();
              for (const at of sim.timeline.instants()) {
                if (at > now) break;
                sim.timeline.seek(at);
                backfilled.push(at);
                await collectAt(new Date(at));
              }
              sim.timeline.seek(now);
            },
          });
        },
      });
    },
  });

  beforeAll(async () => {
    backend = await startCapacityBackend({
      scenario: 'timeline-demo',
      simulator: { clock: () => Date.now() + 4 * DAY },
      prepare: s => {
        sim = s;
      },
      features: [timelineBackfill],
    });
    // What the scheduler runs first on a first start: the backfill, then
    // the live refresh.
    await scheduler.triggerTask(REFRESH_TASK_ID);
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
  });

  it('dates the subnet within ±10 % of the day the timeline exhausts it', async () => {
    const { body } = await request(backend.server).get(
      `${API}/clusters/timeline`,
    );
    expect(body.snapshot.status).toBe('ok');
    const madeAt = Date.parse(body.forecast.madeAt);
    const subnet = body.forecast.subnets.find(
      (s: any) => s.subnetId === NODE_SUBNET,
    );
    expect(subnet.quantity).toBe('freePrefixBlocks');
    expect(subnet.freePrefixBlocks.state).toBe('forecast');

    const actualAt = sim.timeline.runsOut(NODE_SUBNET).noFreeBlockAt!;
    expect(actualAt).toBe(sim.timeline.start + 6 * DAY + 12 * HOUR);
    const actualDays = (actualAt - madeAt) / DAY;
    const forecastDays = subnet.freePrefixBlocks.daysLeft;
    // eslint-disable-next-line no-console
    console.log(
      `timeline-demo ${NODE_SUBNET}: ${backfilled.length} past instants collected; ` +
        `forecast ${forecastDays.toFixed(
          2,
        )} days (band ${subnet.freePrefixBlocks.daysLeftLow.toFixed(
          2,
        )}–${subnet.freePrefixBlocks.daysLeftHigh.toFixed(2)}), ` +
        `actual ${actualDays.toFixed(2)} days, off by ${(
          (100 * Math.abs(forecastDays - actualDays)) /
          actualDays
        ).toFixed(1)} %`,
    );
    expect(Math.abs(forecastDays - actualDays)).toBeLessThanOrEqual(
      0.1 * actualDays,
    );
    // Two blocks a day: the trend the timeline drew.
    expect(subnet.freePrefixBlocks.slopePerDay).toBeCloseTo(-2, 5);
  });

  it('names the subnet that runs out first in the cluster list', async () => {
    const [list, detail] = await Promise.all([
      request(backend.server).get(`${API}/clusters`),
      request(backend.server).get(`${API}/clusters/timeline`),
    ]);
    const cluster = list.body.clusters.find((c: any) => c.name === 'timeline');
    // The Lambda subnet has no free /28 since start + 6 h, but no node of
    // the cluster uses it, so it is not the cluster's; of its two subnets
    // the blue node group's is not running down (a rotation freed blocks).
    expect(cluster.runOut).toEqual(detail.body.forecast.first);
    expect(cluster.runOut.first).toMatchObject({
      subnetId: NODE_SUBNET,
      quantity: 'freePrefixBlocks',
      forecast: { state: 'forecast' },
    });
    expect(cluster.runOut.notGrowing).toEqual(['subnet-0a00000000000c000']);
  });

  it('lists the subnet with a run-out date before the one that is not running down', async () => {
    // Both are ok today (7 and 14 free /28 blocks): the one that runs out
    // in about 3 days comes first, with its forecast.
    const { body } = await request(backend.server).get(`${API}/overview`);
    const rows = body.subnets.filter((s: any) => s.cluster === 'timeline');
    expect(
      rows.map((r: any) => [
        r.subnet.subnetId,
        r.subnet.status,
        r.forecast[r.forecast.quantity].state,
      ]),
    ).toEqual([
      [NODE_SUBNET, 'ok', 'forecast'],
      ['subnet-0a00000000000c000', 'ok', 'not-growing'],
    ]);
  });

  it('keeps the backfilled past as simulated history, and runs it once', async () => {
    const history = async () =>
      (
        await request(backend.server)
          .get(`${API}/history`)
          .query({
            kind: 'subnet',
            cluster: 'timeline',
            key: NODE_SUBNET,
            from: new Date(sim.timeline.start).toISOString(),
            step: 3600,
          })
      ).body;
    const before = await history();
    const series = before.series[0];
    expect(series.simulated).toBe(true);
    // One point per past instant, 13 − k free blocks at the k-th. The live
    // refresh sees the world as at the last instant: its point follows with
    // the same count, or shares the last instant's hour bucket when the
    // test runs within the hour after it (the grid is whole 12 h steps).
    const values = series.points.map((p: any) => p.freePrefixBlocks);
    const last = 13 - (backfilled.length - 1);
    expect(values.slice(0, backfilled.length)).toEqual(
      backfilled.map((_, k) => 13 - k),
    );
    const { body: cluster } = await request(backend.server).get(
      `${API}/clusters/timeline`,
    );
    const liveAt = Date.parse(cluster.snapshot.collectedAt);
    const liveInOwnBucket = liveAt - backfilled[backfilled.length - 1] >= HOUR;
    expect(values.slice(backfilled.length)).toEqual(
      liveInOwnBucket ? [last] : [],
    );

    // The next run of the task refreshes the present only: the history is
    // no longer empty, so the past is not collected again.
    const instants = backfilled.length;
    await scheduler.triggerTask(REFRESH_TASK_ID);
    expect(backfilled).toHaveLength(instants);
    const after = await history();
    expect(after.series[0].points.slice(0, instants)).toEqual(
      series.points.slice(0, instants),
    );
  });
});
