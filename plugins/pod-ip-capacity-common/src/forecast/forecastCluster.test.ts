import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { domainSample1 } from '../testing';
import { forecastCluster, runOuts } from './forecastCluster';
import { workloadSubnetsRunOut } from './firstToRunOut';
import { SeriesPoint } from './types';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 15);

/** A reading every 6 hours over the 14 days before NOW. */
function lastTwoWeeks(valueAt: (daysAgo: number) => number): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (let i = 14 * 4; i >= 0; i--) {
    points.push({ at: NOW - i * 6 * HOUR, value: valueAt(i / 4) });
  }
  return points;
}

describe('forecastCluster', () => {
  // Sample 1 of the rules (Auto Mode): both subnets have nodes that take
  // /28 prefixes, so what runs out first is a subnet's free /28 blocks.
  const capacity = computeClusterCapacity(domainSample1());

  it('dates each subnet by what its nodes need, and names the first to run out', () => {
    // subnet-0sample1a: 506 free /28 blocks now, 10 fewer every day for two
    // weeks: 506 / 10 = 50.6 days left. Its free IPs fall 160 a day from
    // 8,153: 50.96 days. subnet-0sample1c: no history at all.
    const history = new Map([
      [
        'subnet-0sample1a',
        {
          freePrefixBlocks: lastTwoWeeks(d => 506 + 10 * d),
          availableIps: lastTwoWeeks(d => 8153 + 160 * d),
        },
      ],
    ]);
    const forecast = forecastCluster(capacity, history, NOW);

    expect(forecast.madeAt).toBe('2026-11-15T00:00:00.000Z');
    const a = forecast.subnets.find(s => s.subnetId === 'subnet-0sample1a')!;
    expect(a.quantity).toBe('freePrefixBlocks');
    expect(a.freePrefixBlocks).toMatchObject({
      state: 'forecast',
      daysLeft: 50.6,
      slopePerDay: -10,
    });
    expect(a.availableIps).toMatchObject({
      state: 'forecast',
      daysLeft: 50.95625,
    });
    const c = forecast.subnets.find(s => s.subnetId === 'subnet-0sample1c')!;
    expect(c.freePrefixBlocks.state).toBe('collecting');

    expect(forecast.first.first).toMatchObject({
      subnetId: 'subnet-0sample1a',
      quantity: 'freePrefixBlocks',
      forecast: { state: 'forecast', daysLeft: 50.6 },
    });
    expect(forecast.first.collecting).toEqual(['subnet-0sample1c']);
  });

  it("gives a service the date of the subnets its pods use, not the cluster's", () => {
    // subnet-0sample1c is flat at 508 free blocks (not growing); a service
    // whose pods are only there does not inherit subnet-0sample1a's date.
    const history = new Map([
      [
        'subnet-0sample1a',
        {
          freePrefixBlocks: lastTwoWeeks(d => 506 + 10 * d),
          availableIps: lastTwoWeeks(d => 8153 + 160 * d),
        },
      ],
      [
        'subnet-0sample1c',
        {
          freePrefixBlocks: lastTwoWeeks(() => 508),
          availableIps: lastTwoWeeks(() => 8170),
        },
      ],
    ]);
    const forecast = forecastCluster(capacity, history, NOW);
    const runOut = workloadSubnetsRunOut(
      ['subnet-0sample1c'],
      runOuts(forecast.subnets),
    );
    expect(runOut).toEqual({
      first: null,
      collecting: [],
      notGrowing: ['subnet-0sample1c'],
      withoutForecast: [],
    });
  });
});
