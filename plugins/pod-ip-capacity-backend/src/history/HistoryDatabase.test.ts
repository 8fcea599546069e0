import {
  DATABASES,
  freshDatabase,
  stopDatabases,
} from '../__testUtils__/databases';
import { HistoryDatabase } from './HistoryDatabase';
import { HistoryRow } from './historyRows';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-01T12:00:00Z');

/** A subnet read every 5 minutes, losing one free /28 per reading from 500. */
function subnetReadings(count: number, start: number): HistoryRow[] {
  return Array.from({ length: count }, (_, i) => ({
    cluster: 'eks-prod',
    kind: 'subnet' as const,
    key: 'subnet-a',
    at: start + i * 5 * 60_000,
    freePrefixBlocks: 500 - i,
    availableIps: 8000 - 16 * i,
    usedIps: 100 + 16 * i,
  }));
}

afterAll(stopDatabases);

describe.each(DATABASES)('history on %s', kind => {
  it('reads a series back merged into buckets, each the worst reading in it', async () => {
    const history = new HistoryDatabase((await freshDatabase(kind)).client);
    // 12 readings, 5 minutes apart, from 11:00: free blocks 500 … 489.
    await history.write(subnetReadings(12, NOW - HOUR));
    const [series] = await history.readSeries({
      cluster: 'eks-prod',
      kind: 'subnet',
      key: 'subnet-a',
      from: NOW - HOUR,
      to: NOW,
      stepMs: 15 * 60_000,
    });
    // Four 15-minute buckets of three readings: the fewest free blocks
    // and free addresses, the most used addresses of each.
    expect(series.points).toEqual([
      {
        at: NOW - HOUR,
        freePrefixBlocks: 498,
        availableIps: 7968,
        usedIps: 132,
      },
      {
        at: NOW - 45 * 60_000,
        freePrefixBlocks: 495,
        availableIps: 7920,
        usedIps: 180,
      },
      {
        at: NOW - 30 * 60_000,
        freePrefixBlocks: 492,
        availableIps: 7872,
        usedIps: 228,
      },
      {
        at: NOW - 15 * 60_000,
        freePrefixBlocks: 489,
        availableIps: 7824,
        usedIps: 276,
      },
    ]);
    expect(series.simulated).toBe(false);
  });

  it('gives an entity one series per cluster, and says which points were backfilled', async () => {
    const history = new HistoryDatabase((await freshDatabase(kind)).client);
    const row = (cluster: string, at: number, pods: number): HistoryRow => ({
      cluster,
      kind: 'entity',
      key: 'component:default/checkout-api',
      at,
      podsWithVpcIp: pods,
      headroomPods: 100 - pods,
    });
    await history.write([row('eks-dev', NOW - 2 * HOUR, 2)], {
      simulated: true,
    });
    await history.write([
      row('eks-prod', NOW - HOUR, 3),
      row('eks-dev', NOW - HOUR, 4),
    ]);
    const series = await history.readSeries({
      kind: 'entity',
      key: 'component:default/checkout-api',
      from: NOW - DAY,
      to: NOW,
      stepMs: HOUR,
    });
    expect(series.map(s => [s.cluster, s.simulated, s.points.length])).toEqual([
      ['eks-dev', true, 2],
      ['eks-prod', false, 1],
    ]);
    expect(await history.firstAt('eks-prod')).toBe(NOW - HOUR);
  });

  it('merges week-old readings per hour and month-old ones per day, and forgets what is past the retention', async () => {
    const history = new HistoryDatabase((await freshDatabase(kind)).client);
    // 24 readings (2 hours) ten days ago, 24 forty days ago, 24 a hundred
    // days ago, and 24 in the last two hours.
    for (const start of [
      NOW - 10 * DAY,
      NOW - 40 * DAY,
      NOW - 100 * DAY,
      NOW - 2 * HOUR,
    ]) {
      await history.write(subnetReadings(24, start));
    }
    // Forty days ago first becomes two hourly rows, then one daily row.
    const removed = await history.compact(NOW, 90 * DAY);
    const read = (from: number, to: number) =>
      history.readSeries({
        cluster: 'eks-prod',
        kind: 'subnet',
        key: 'subnet-a',
        from,
        to,
        stepMs: 5 * 60_000,
      });
    // Ten days ago: one row per hour, the worst reading of each (500 − 11
    // is the fewest free blocks in the first hour, 500 − 23 in the second).
    const [tenDaysAgo] = await read(NOW - 11 * DAY, NOW - 9 * DAY);
    expect(tenDaysAgo.points.map(p => [p.at, p.freePrefixBlocks])).toEqual([
      [NOW - 10 * DAY, 489],
      [NOW - 10 * DAY + HOUR, 477],
    ]);
    const [fortyDaysAgo] = await read(NOW - 41 * DAY, NOW - 39 * DAY);
    expect(fortyDaysAgo.points.map(p => p.freePrefixBlocks)).toEqual([477]);
    expect(await read(NOW - 101 * DAY, NOW - 99 * DAY)).toEqual([]);
    const [recent] = await read(NOW - 3 * HOUR, NOW);
    expect(recent.points).toHaveLength(24);
    // 24 past the retention; 24 → 2 and 24 → 1 merged.
    expect(removed).toBe(24 + 22 + 23);
  });
});
