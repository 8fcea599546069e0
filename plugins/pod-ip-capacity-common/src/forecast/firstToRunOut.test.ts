import { SeriesPoint, SubnetRunOut } from './types';
import { forecastRunOut } from './forecastRunOut';
import { firstSubnetToRunOut, workloadSubnetsRunOut } from './firstToRunOut';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 5, 1);
const NOW = T0 + 14 * DAY;

/** 14 days of free /28 blocks read every 6 h, ending at NOW with `left` and losing `perDay`. */
function history(left: number, perDay: number): SeriesPoint[] {
  return Array.from({ length: 57 }, (_, i) => ({
    at: T0 + (i / 4) * DAY,
    value: left + perDay * (14 - i / 4),
  }));
}

// subnet-a: 300 left at 10 a day → 30 days; subnet-b: 120 at 10 → 12 days;
// subnet-c: two readings, still collecting; subnet-d: flat.
const forecasts: SubnetRunOut[] = [
  { subnetId: 'subnet-a', forecast: forecastRunOut(history(300, 10), NOW) },
  { subnetId: 'subnet-b', forecast: forecastRunOut(history(120, 10), NOW) },
  {
    subnetId: 'subnet-c',
    forecast: forecastRunOut(history(50, 10).slice(-2), NOW),
  },
  { subnetId: 'subnet-d', forecast: forecastRunOut(history(900, 0), NOW) },
];

describe('firstSubnetToRunOut', () => {
  it('names the subnet that runs out first, and the ones it cannot rank yet', () => {
    const first = firstSubnetToRunOut(forecasts);
    expect(first.first?.subnetId).toBe('subnet-b');
    expect(first.first?.forecast).toMatchObject({ daysLeft: 12 });
    expect(first.collecting).toEqual(['subnet-c']);
    expect(first.notGrowing).toEqual(['subnet-d']);
  });

  it('puts a subnet that already ran out before any date', () => {
    const first = firstSubnetToRunOut([
      ...forecasts,
      { subnetId: 'subnet-e', forecast: { state: 'exhausted', since: T0 } },
    ]);
    expect(first.first).toEqual({
      subnetId: 'subnet-e',
      forecast: { state: 'exhausted', since: T0 },
    });
  });

  it('has no first when nothing is running down', () => {
    expect(firstSubnetToRunOut(forecasts.slice(2)).first).toBeNull();
  });
});

describe('workloadSubnetsRunOut', () => {
  it('looks only at the subnets the workload takes IPs from', () => {
    // The service's pods are in a and c, not in b (which runs out first
    // cluster-wide); subnet-x had no forecast given.
    const run = workloadSubnetsRunOut(
      ['subnet-a', 'subnet-c', 'subnet-x'],
      forecasts,
    );
    expect(run.first?.subnetId).toBe('subnet-a');
    expect(run.first?.forecast).toMatchObject({
      daysLeft: 30,
      daysLeftLow: 30,
      daysLeftHigh: 30,
    });
    expect(run.collecting).toEqual(['subnet-c']);
    expect(run.withoutForecast).toEqual(['subnet-x']);
  });
});
