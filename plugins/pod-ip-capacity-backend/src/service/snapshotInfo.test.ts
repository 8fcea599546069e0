import { toSnapshotInfo } from './snapshotInfo';

const base = {
  cluster: { name: 'eks-prod', authProvider: 'aws' },
  attemptedAt: '2026-11-23T10:00:05.000Z',
  collectedAt: '2026-11-23T10:00:00.000Z',
  durationMs: 5000,
  problems: [],
  lastRefreshFailed: false,
  summary: {},
  apiCalls: {},
};
const fiveMinutes = 5 * 60 * 1000;

describe('toSnapshotInfo', () => {
  it('reports a fresh, complete snapshot as ok with its age', () => {
    const info = toSnapshotInfo(base, {
      now: new Date('2026-11-23T10:03:00.000Z'),
      refreshFrequencyMs: fiveMinutes,
      refreshing: false,
    });
    expect(info).toMatchObject({ status: 'ok', ageSeconds: 180, stale: false });
  });

  it('calls data older than two refresh periods stale', () => {
    const info = toSnapshotInfo(base, {
      now: new Date('2026-11-23T10:10:01.000Z'),
      refreshFrequencyMs: fiveMinutes,
      refreshing: true,
    });
    expect(info).toMatchObject({
      status: 'stale',
      ageSeconds: 601,
      stale: true,
      refreshing: true,
    });
  });

  it('calls last good data after a failed refresh stale, with the problem', () => {
    const problem = {
      source: 'kubernetes' as const,
      code: 'ClusterUnreachable',
      message: 'down',
    };
    const info = toSnapshotInfo(
      { ...base, lastRefreshFailed: true, problems: [problem] },
      {
        now: new Date('2026-11-23T10:01:00.000Z'),
        refreshFrequencyMs: fiveMinutes,
        refreshing: false,
      },
    );
    expect(info).toMatchObject({ status: 'stale', problems: [problem] });
  });

  it('tells partial data, no data and not-yet-collected apart', () => {
    const options = {
      now: new Date('2026-11-23T10:01:00.000Z'),
      refreshFrequencyMs: fiveMinutes,
      refreshing: false,
    };
    const problem = {
      source: 'ec2' as const,
      code: 'UnauthorizedOperation',
      action: 'ec2:DescribeNetworkInterfaces',
      message: 'denied',
    };
    expect(
      toSnapshotInfo({ ...base, problems: [problem] }, options).status,
    ).toBe('partial');
    expect(
      toSnapshotInfo(
        {
          ...base,
          summary: undefined,
          collectedAt: undefined,
          lastRefreshFailed: true,
          problems: [problem],
        },
        options,
      ).status,
    ).toBe('error');
    expect(toSnapshotInfo(undefined, options).status).toBe('pending');
  });
});
