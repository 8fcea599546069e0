import fc from 'fast-check';
import { RunOutForecast, SeriesPoint } from './types';
import { forecastRunOut } from './forecastRunOut';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 5, 1);

/** Any history: instants within 40 days, in any order, values from −50 to 5,000. */
const anyHistory = fc.array(
  fc.record({
    at: fc.integer({ min: T0, max: T0 + 40 * DAY }),
    value: fc.double({ min: -50, max: 5000, noNaN: true }),
  }),
  { maxLength: 300 },
);

/**
 * A history sampled at a steady interval (as the backend collects it): a
 * level, a trend (rising or falling) and a scatter of at most 2 around it.
 */
const steadyHistory = fc
  .record({
    points: fc.integer({ min: 2, max: 300 }),
    intervalMinutes: fc.integer({ min: 5, max: 12 * 60 }),
    level: fc.integer({ min: 0, max: 5000 }),
    // −50 to +20 a day, in tenths.
    perDay: fc.integer({ min: -500, max: 200 }).map(tenths => tenths / 10),
    scatter: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), {
      minLength: 1,
      maxLength: 10,
    }),
  })
  .map(c =>
    Array.from({ length: c.points }, (_, i): SeriesPoint => {
      const at = T0 + i * c.intervalMinutes * 60_000;
      return {
        at,
        value:
          c.level +
          (c.perDay * (at - T0)) / DAY +
          c.scatter[i % c.scatter.length],
      };
    }),
  );

/**
 * The instant a forecast says the quantity is gone (or the band's earliest
 * or latest): exhausted is "already", not-growing and collecting "never".
 */
function runOutInstant(
  forecast: RunOutForecast,
  which: 'exhaustsAt' | 'earliest' | 'latest' = 'exhaustsAt',
): number {
  switch (forecast.state) {
    case 'exhausted':
      return -Infinity;
    case 'forecast':
      return forecast[which];
    default:
      return Infinity;
  }
}

describe('forecastRunOut (properties)', () => {
  it('never dates a run-out in the past, and orders earliest ≤ exhaustsAt ≤ latest', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyHistory, steadyHistory),
        fc.integer({ min: T0, max: T0 + 60 * DAY }),
        (history, now) => {
          const f = forecastRunOut(history, now);
          if (f.state !== 'forecast') return;
          expect(f.earliest).toBeGreaterThanOrEqual(now);
          expect(f.exhaustsAt).toBeGreaterThanOrEqual(f.earliest);
          expect(f.latest).toBeGreaterThanOrEqual(f.exhaustsAt);
          expect(f.daysLeftLow).toBeGreaterThanOrEqual(0);
          expect(f.slopePerDay).toBeLessThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never gives a later run-out for a steeper decline', () => {
    fc.assert(
      fc.property(
        steadyHistory,
        // At least a hundredth of a unit per day more decline (or none).
        fc.oneof(
          fc.constant(0),
          fc.double({ min: 0.01, max: 100, noNaN: true }),
        ),
        (history, morePerDay) => {
          const steeper = history.map(p => ({
            at: p.at,
            value: p.value - (morePerDay * (p.at - T0)) / DAY,
          }));
          const now = history[history.length - 1].at;
          const shallow = forecastRunOut(history, now);
          const steep = forecastRunOut(steeper, now);
          for (const which of ['exhaustsAt', 'earliest', 'latest'] as const) {
            expect(runOutInstant(steep, which)).toBeLessThanOrEqual(
              runOutInstant(shallow, which),
            );
          }
          // Collecting depends on the instants alone, which are the same
          // (unless the steeper one has already run out).
          expect(
            steep.state === 'exhausted' ||
              (steep.state === 'collecting') ===
                (shallow.state === 'collecting'),
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
