import { DatedForecast } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { firstRunOutText, formatDay, runOutText } from './forecastText';

const DAY = 86_400_000;
const madeAt = Date.parse('2026-11-23T08:00:00.000Z');

/** 12 free /28 blocks falling 2 a day: zero in 6 days (the band ±1 block: 5.5 to 6.5 days). */
const sixDays: DatedForecast = {
  state: 'forecast',
  exhaustsAt: madeAt + 6 * DAY,
  earliest: madeAt + 5.5 * DAY,
  latest: madeAt + 6.5 * DAY,
  daysLeft: 6,
  daysLeftLow: 5.5,
  daysLeftHigh: 6.5,
  slopePerDay: -2,
  window: { from: madeAt - 7 * DAY, to: madeAt, points: 8 },
};

describe('forecast words', () => {
  it('gives the days left, the band and the date', () => {
    expect(runOutText(sixDays, 'freePrefixBlocks')).toBe(
      `runs out of /28 blocks in about 6 days (6–7), around ${formatDay(
        madeAt + 6 * DAY,
      )}`,
    );
    expect(
      runOutText(
        { ...sixDays, daysLeft: 12, daysLeftLow: 9, daysLeftHigh: 16 },
        'freePrefixBlocks',
      ),
    ).toMatch(/^runs out of \/28 blocks in about 12 days \(9–16\), around /);
    expect(
      runOutText(
        { ...sixDays, daysLeft: 0.3, daysLeftLow: 0.3, daysLeftHigh: 0.3 },
        'availableIps',
      ),
    ).toMatch(/^runs out of free IPs in less than a day/);
  });

  it('says when nothing is left, when it is not running down, and how long until a forecast', () => {
    expect(
      runOutText({ state: 'exhausted', since: madeAt }, 'freePrefixBlocks'),
    ).toBe('no free /28 block left');
    expect(
      runOutText({ state: 'exhausted', since: madeAt }, 'availableIps'),
    ).toBe('no free IP left');
    expect(
      runOutText(
        {
          state: 'not-growing',
          slopePerDay: 0,
          window: { from: 0, to: 1, points: 8 },
        },
        'freePrefixBlocks',
      ),
    ).toBe('not growing');
    expect(
      runOutText(
        {
          state: 'collecting',
          moreHours: 18,
          window: { from: 0, to: 1, points: 7 },
        },
        'freePrefixBlocks',
      ),
    ).toBe('collecting history: a forecast after 18 more hours');
  });

  it("names a service's first subnet to run out in its headline", () => {
    expect(
      firstRunOutText(
        {
          first: {
            subnetId: 'subnet-0abc',
            quantity: 'freePrefixBlocks',
            forecast: {
              ...sixDays,
              daysLeft: 12,
              daysLeftLow: 9,
              daysLeftHigh: 16,
            },
          },
          collecting: [],
          notGrowing: [],
          withoutForecast: [],
        },
        { subject: 'The subnets your pods use' },
      ),
    ).toMatch(
      /^The subnets your pods use run out of \/28 blocks in about 12 days \(9–16\), around .+ \(subnet-0abc first\)$/,
    );
    expect(
      firstRunOutText(
        { first: null, collecting: ['subnet-0a'], notGrowing: [] },
        { moreHours: 24 },
      ),
    ).toBe('collecting history: a forecast after 24 more hours');
  });
});
