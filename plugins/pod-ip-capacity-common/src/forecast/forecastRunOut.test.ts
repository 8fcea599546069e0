import { SeriesPoint } from './types';
import { forecastRunOut } from './forecastRunOut';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 2025-06-01T00:00:00Z: where the histories below start. */
const T0 = Date.UTC(2025, 5, 1);

/** A reading every 6 hours from day `fromDay` to day `toDay`, both included. */
function sampled(
  fromDay: number,
  toDay: number,
  valueAt: (day: number, index: number) => number,
): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (
    let i = 0, day = fromDay;
    day <= toDay + 1e-9;
    i++, day = fromDay + i / 4
  ) {
    points.push({ at: T0 + day * DAY, value: valueAt(day, i) });
  }
  return points;
}

/** Reverses and interleaves: the input order must not matter. */
const shuffled = (points: SeriesPoint[]) => [
  ...points.filter((_, i) => i % 2 === 1).reverse(),
  ...points.filter((_, i) => i % 2 === 0),
];

describe('forecastRunOut', () => {
  it('gives the exact day for an exact linear decline, whatever the order of the points', () => {
    // 1,000 free /28 blocks on day 0, 10 fewer every day, read every 6 h for
    // 14 days: 860 left on day 14, which at 10 a day last 86 more days.
    const history = sampled(0, 14, day => 1000 - 10 * day);
    const last = T0 + 14 * DAY;
    const forecast = forecastRunOut(shuffled(history), last);
    expect(forecast).toEqual({
      state: 'forecast',
      exhaustsAt: last + 86 * DAY,
      // No scatter around the line: the band is the line itself.
      earliest: last + 86 * DAY,
      latest: last + 86 * DAY,
      daysLeft: 86,
      daysLeftLow: 86,
      daysLeftHigh: 86,
      slopePerDay: expect.closeTo(-10, 9),
      window: { from: T0, to: last, points: 57 },
    });
    // A day later with no new reading, the same instant is one day closer.
    const dayLater = forecastRunOut(history, last + DAY);
    expect(dayLater).toMatchObject({
      exhaustsAt: last + 86 * DAY,
      daysLeft: 85,
    });
  });

  it('keeps a noisy decline inside its band', () => {
    // The same decline with a repeating scatter of at most 3 blocks either
    // way. At 10 blocks a day, 3 blocks move the crossing by 0.3 day: the
    // band must hold the true day 86 and be no wider than ±0.3 day around it.
    const noise = [0, 3, -2, 1, -3, 2, -1];
    const history = sampled(0, 14, (day, i) => 1000 - 10 * day + noise[i % 7]);
    const last = T0 + 14 * DAY;
    const forecast = forecastRunOut(history, last);
    if (forecast.state !== 'forecast') throw new Error(forecast.state);
    const trueDay = last + 86 * DAY;
    expect(forecast.earliest).toBeLessThanOrEqual(trueDay);
    expect(forecast.latest).toBeGreaterThanOrEqual(trueDay);
    expect(forecast.earliest).toBeGreaterThanOrEqual(trueDay - 0.3 * DAY);
    expect(forecast.latest).toBeLessThanOrEqual(trueDay + 0.3 * DAY);
    expect(forecast.daysLeftLow).toBeLessThanOrEqual(forecast.daysLeft);
    expect(forecast.daysLeft).toBeLessThanOrEqual(forecast.daysLeftHigh);
    expect(forecast.slopePerDay).toBeCloseTo(-10, 0);
  });

  it('says not-growing for a flat, a rising and a merely noisy history', () => {
    const last = T0 + 14 * DAY;
    expect(
      forecastRunOut(
        sampled(0, 14, () => 500),
        last,
      ),
    ).toMatchObject({
      state: 'not-growing',
      slopePerDay: 0,
    });
    // Nodes scaled in: 5 more free blocks a day.
    expect(
      forecastRunOut(
        sampled(0, 14, day => 500 + 5 * day),
        last,
      ),
    ).toMatchObject({
      state: 'not-growing',
      slopePerDay: expect.closeTo(5, 9),
    });
    // ±3 blocks around a constant 500: whatever slope the scatter suggests
    // moves the line less over 14 days than the scatter itself.
    const noise = [0, 3, -2, 1, -3, 2, -1];
    expect(
      forecastRunOut(
        sampled(0, 14, (_, i) => 500 + noise[i % 7]),
        last,
      ).state,
    ).toBe('not-growing');
  });

  it('restarts the window after a step change instead of bending the trend', () => {
    // 10 blocks a day, then on day 10 a CIDR reservation takes 300 blocks
    // at once, then 10 a day again: 1,000 − 140 − 300 = 560 left on day
    // 14, 56 more days.
    const history = sampled(0, 14, day => (day < 10 ? 1000 : 700) - 10 * day);
    const last = T0 + 14 * DAY;
    const forecast = forecastRunOut(history, last);
    expect(forecast).toMatchObject({
      state: 'forecast',
      exhaustsAt: last + 56 * DAY,
      // Days 10 to 14 every 6 h: 17 points.
      window: {
        from: T0 + 10 * DAY,
        to: last,
        points: 17,
        restartedAt: T0 + 10 * DAY,
      },
    });
    // Fitted across the step, the 40 older points sit 300 blocks above the
    // line: that scatter dwarfs the 140-block decline, which would pass for
    // noise — "not growing" for a subnet that just lost 300 blocks.
    expect(forecastRunOut(history, last, { stepFactor: Infinity }).state).toBe(
      'not-growing',
    );
  });

  it('collects again right after a step', () => {
    // The step is the latest reading: one point after it, 0 h of history.
    // 24 h of span are missing, and 5 more readings at the series' 6 h
    // interval take 30 h: the later of the two.
    const history = sampled(0, 14, day => (day < 14 ? 1000 : 700) - 10 * day);
    expect(forecastRunOut(history, T0 + 14 * DAY)).toEqual({
      state: 'collecting',
      moreHours: 30,
      window: {
        from: T0 + 14 * DAY,
        to: T0 + 14 * DAY,
        points: 1,
        restartedAt: T0 + 14 * DAY,
      },
    });
  });

  it('says exhausted when the latest value is zero, since the first zero of the run', () => {
    // Ran out on day 3 (a zero already on day 1 was followed by a recovery).
    const history = [
      { at: T0, value: 40 },
      { at: T0 + DAY, value: 0 },
      { at: T0 + 2 * DAY, value: 12 },
      { at: T0 + 3 * DAY, value: 0 },
      { at: T0 + 4 * DAY, value: -1 },
    ];
    expect(forecastRunOut(history, T0 + 4 * DAY)).toEqual({
      state: 'exhausted',
      since: T0 + 3 * DAY,
    });
  });

  it('says how many more hours of history a forecast needs', () => {
    // 4 readings 6 h apart span 18 h: 6 h of span short, and 2 readings
    // (12 h at the 6 h interval) short of 6: 12 more hours.
    const history = sampled(0, 0.75, day => 100 - day);
    expect(forecastRunOut(history, T0 + 18 * HOUR)).toMatchObject({
      state: 'collecting',
      moreHours: 12,
      window: { from: T0, to: T0 + 18 * HOUR, points: 4 },
    });
    // No history at all: the whole minimum span, 24 h (here 48 h as configured).
    expect(forecastRunOut([], T0, { minSpanHours: 48 })).toEqual({
      state: 'collecting',
      moreHours: 48,
      window: { from: T0, to: T0, points: 0 },
    });
  });

  it('fits only the last 14 days', () => {
    // A fast decline in the first 16 days, flat in the last 14: what a
    // subnet did a month ago says nothing about its next weeks.
    const history = sampled(0, 30, day => (day < 16 ? 2000 - 100 * day : 400));
    expect(forecastRunOut(history, T0 + 30 * DAY)).toMatchObject({
      state: 'not-growing',
      window: { from: T0 + 16 * DAY, points: 57 },
    });
  });

  it('thins a long history deterministically and still gives the exact day', () => {
    // A reading every 5 minutes for 14 days (4,033 points) of 8,000 free
    // IPs losing 100 a day: 6,600 left, 66 days. The trend uses 200 evenly
    // spaced points, the residuals all of them.
    const points: SeriesPoint[] = [];
    for (let k = 0; k <= 14 * 288; k++) {
      points.push({ at: T0 + k * 5 * 60_000, value: 8000 - (100 * k) / 288 });
    }
    const last = T0 + 14 * DAY;
    const forecast = forecastRunOut(points, last);
    expect(forecast).toMatchObject({
      state: 'forecast',
      window: { points: 4033 },
    });
    if (forecast.state !== 'forecast') throw new Error(forecast.state);
    // Within a second of day 66: 4,032 fifths of an hour carry rounding.
    expect(Math.abs(forecast.exhaustsAt - (last + 66 * DAY))).toBeLessThan(
      1000,
    );
    expect(forecastRunOut(points, last)).toEqual(forecast);
  });

  it('never dates a run-out before now, even when the data is old', () => {
    // 860 left on day 14 at 10 a day, but now is day 120: the line crossed
    // zero on day 100, and the forecast says "now" rather than the past.
    const history = sampled(0, 14, day => 1000 - 10 * day);
    const now = T0 + 120 * DAY;
    expect(forecastRunOut(history, now)).toMatchObject({
      state: 'forecast',
      exhaustsAt: now,
      daysLeft: 0,
    });
  });
});
