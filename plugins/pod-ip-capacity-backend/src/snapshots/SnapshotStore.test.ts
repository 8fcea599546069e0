import { mockServices } from '@backstage/backend-test-utils';
import { ClusterProblemError } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { sqliteDatabase } from '../__testUtils__/testDatabase';
import { SnapshotDatabase } from './SnapshotDatabase';
import {
  CollectionResult,
  SHARED_READ_MS,
  SnapshotStore,
} from './SnapshotStore';

/** A fresh plugin database (SQLite in memory, migrated) for each store. */
async function database() {
  return new SnapshotDatabase<any, any>((await sqliteDatabase()).client);
}

interface Target {
  cluster: { name: string; authProvider: string };
}

/** Generous limits: these tests are about what is kept, not about time. */
const limits = { concurrency: 2, clusterTimeoutMs: 60_000, cooldownMs: 0 };

const clusterA = { name: 'eks-a', authProvider: 'aws' };
const clusterB = { name: 'eks-b', authProvider: 'serviceAccount' };

function clock(start: string) {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('SnapshotStore', () => {
  it('runs one collection per cluster however many refreshes are asked for at once', async () => {
    let collections = 0;
    let release!: () => void;
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const store = new SnapshotStore<Target, { ips: number }, number>({
      ...limits,
      summarize: data => data.ips,
      database: await database(),
      logger: mockServices.logger.mock(),
      listTargets: async () => [{ cluster: clusterA }],
      collect: async () => {
        collections++;
        await gate;
        return { data: { ips: 16 }, problems: [], apiCalls: {} };
      },
    });

    const refreshes = Array.from({ length: 10 }, () =>
      store.refreshCluster({ cluster: clusterA }),
    );
    expect(store.isRefreshing('eks-a')).toBe(true);
    release();
    const snapshots = await Promise.all(refreshes);

    expect(collections).toBe(1);
    expect(snapshots.every(s => s?.summary === 16)).toBe(true);
    expect(store.isRefreshing('eks-a')).toBe(false);
  });

  it('counts a cluster as refreshing from the moment a refresh of all clusters is asked for', async () => {
    let release!: () => void;
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const store = new SnapshotStore<Target, { ips: number }, number>({
      ...limits,
      summarize: data => data.ips,
      database: await database(),
      logger: mockServices.logger.mock(),
      listTargets: async () => {
        await gate;
        return [{ cluster: clusterA }];
      },
      collect: async () => ({ data: { ips: 16 }, problems: [], apiCalls: {} }),
    });

    const refresh = store.refreshAll(['eks-a']);
    // Still listing the clusters: no collection has started yet.
    expect(store.isRefreshing('eks-a')).toBe(true);
    expect(store.isRefreshing('eks-b')).toBe(false);
    release();
    await refresh;
    expect(store.isRefreshing('eks-a')).toBe(false);
  });

  it('lets another replica read the data through the shared database, and never an older version', async () => {
    const shared = await database();
    const time = clock('2026-11-23T10:00:00Z');
    let ips = 16;
    const options = {
      ...limits,
      database: shared,
      logger: mockServices.logger.mock(),
      listTargets: async () => [{ cluster: clusterA }],
      summarize: (data: { ips: number }) => data.ips,
      now: time.now,
      collect: async () => ({ data: { ips }, problems: [], apiCalls: {} }),
    };
    const refreshing = new SnapshotStore(options);
    const reading = new SnapshotStore(options);

    await refreshing.refreshAll();
    const first = (await reading.getSnapshot('eks-a'))!;
    expect(await reading.getData(first)).toEqual({ ips: 16 });

    time.advance(60_000);
    ips = 32;
    await refreshing.refreshAll();
    const second = (await reading.getSnapshot('eks-a'))!;
    expect(second.summary).toBe(32);
    expect(await reading.getData(second)).toEqual({ ips: 32 });
    // A record older than the stored data no longer finds data.
    expect(await reading.getData(first)).toBeUndefined();
  });

  it('keeps the last good data when a refresh fails, and says so', async () => {
    const time = clock('2026-11-23T10:00:00Z');
    let fail = false;
    const store = new SnapshotStore<Target, { ips: number }, number>({
      ...limits,
      summarize: data => data.ips,
      database: await database(),
      logger: mockServices.logger.mock(),
      listTargets: async () => [{ cluster: clusterA }],
      now: time.now,
      collect: async (): Promise<CollectionResult<{ ips: number }>> => {
        if (fail) {
          throw new ClusterProblemError({
            source: 'kubernetes',
            code: 'ClusterUnreachable',
            message: 'Listing nodes in cluster eks-a failed with HTTP 503',
          });
        }
        return { data: { ips: 32 }, problems: [], apiCalls: {} };
      },
    });

    await store.refreshAll();
    time.advance(60_000);
    fail = true;
    await store.refreshAll();

    const snapshot = await store.getSnapshot('eks-a');
    expect(snapshot?.summary).toBe(32);
    expect(await store.getData(snapshot!)).toEqual({ ips: 32 });
    expect(snapshot?.collectedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(snapshot?.attemptedAt).toBe('2026-11-23T10:01:00.000Z');
    expect(snapshot?.lastRefreshFailed).toBe(true);
    expect(snapshot?.problems).toEqual([
      expect.objectContaining({ code: 'ClusterUnreachable' }),
    ]);
  });

  it('keeps a backfilled past out of the latest snapshot: only its history is written, and no one is told', async () => {
    const time = clock('2026-11-23T10:00:00Z');
    let fail = false;
    const enriched: Array<{ ips: number; at: string; simulated: boolean }> = [];
    const refreshed: string[] = [];
    const store = new SnapshotStore<Target, { ips: number }, number>({
      ...limits,
      summarize: data => data.ips,
      database: await database(),
      logger: mockServices.logger.mock(),
      listTargets: async () => [{ cluster: clusterA }],
      now: time.now,
      collect: async (): Promise<CollectionResult<{ ips: number }>> => {
        if (fail) {
          throw new ClusterProblemError({
            source: 'kubernetes',
            code: 'ClusterUnreachable',
            message: 'Listing nodes in cluster eks-a failed with HTTP 503',
          });
        }
        return { data: { ips: 32 }, problems: [], apiCalls: {} };
      },
      enrich: async (_target, data, at) => {
        enriched.push({
          ips: data.ips,
          at: at.at.toISOString(),
          simulated: at.simulated,
        });
        return data;
      },
      onRefreshed: async snapshot => {
        refreshed.push(snapshot.collectedAt ?? 'never');
      },
    });

    // The world eight days ago, collected on a first start: pages must not
    // show it as the present (nor as a failure when it cannot be read).
    const past = new Date('2026-11-15T10:00:00Z');
    await store.refreshAll(undefined, { at: past, simulated: true });
    fail = true;
    await store.refreshAll(undefined, {
      at: new Date('2026-11-15T16:00:00Z'),
      simulated: true,
    });
    expect(await store.getSnapshot('eks-a')).toBeUndefined();
    expect(enriched).toEqual([
      { ips: 32, at: '2026-11-15T10:00:00.000Z', simulated: true },
    ]);
    expect(refreshed).toEqual([]);

    fail = false;
    await store.refreshAll();
    const snapshot = await store.getSnapshot('eks-a');
    expect(snapshot?.collectedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(snapshot?.lastRefreshFailed).toBe(false);
    expect(refreshed).toEqual(['2026-11-23T10:00:00.000Z']);
  });

  it('refreshes the other clusters when one of them fails', async () => {
    const store = new SnapshotStore<Target, { ips: number }, number>({
      ...limits,
      summarize: data => data.ips,
      database: await database(),
      logger: mockServices.logger.mock(),
      listTargets: async () => [{ cluster: clusterA }, { cluster: clusterB }],
      collect: async ({ cluster }) => {
        if (cluster.name === 'eks-a') throw new Error('connect ECONNREFUSED');
        return { data: { ips: 48 }, problems: [], apiCalls: {} };
      },
    });

    await store.refreshAll();

    expect((await store.getSnapshot('eks-a'))?.lastRefreshFailed).toBe(true);
    expect((await store.getSnapshot('eks-a'))?.summary).toBeUndefined();
    const b = await store.getSnapshot('eks-b');
    expect(await store.getData(b!)).toEqual({ ips: 48 });
  });

  it('keeps the previous cluster list when the Kubernetes plugin cannot be asked', async () => {
    let listFails = false;
    const store = new SnapshotStore<Target, { ips: number }, number>({
      ...limits,
      summarize: data => data.ips,
      database: await database(),
      logger: mockServices.logger.mock(),
      listTargets: async () => {
        if (listFails) {
          throw new ClusterProblemError({
            source: 'kubernetes',
            code: 'KubernetesBackendError',
            message:
              'The Kubernetes plugin answered GET /clusters with HTTP 503.',
          });
        }
        return [{ cluster: clusterA }, { cluster: clusterB }];
      },
      collect: async () => ({ data: { ips: 0 }, problems: [], apiCalls: {} }),
    });

    await store.refreshAll();
    listFails = true;
    await store.refreshAll();

    const list = await store.getClusterList();
    expect(list?.clusters.map(c => c.name)).toEqual(['eks-a', 'eks-b']);
    expect(list?.problem?.message).toMatch(/HTTP 503/);
  });

  it('ends a cluster that does not answer at its deadline, and never holds up the others', async () => {
    const store = new SnapshotStore<Target, { ips: number }, number>({
      ...limits,
      clusterTimeoutMs: 300,
      summarize: data => data.ips,
      database: await database(),
      logger: mockServices.logger.mock(),
      listTargets: async () => [{ cluster: clusterA }, { cluster: clusterB }],
      // eks-a never answers and ignores the abort; eks-b answers at once.
      collect: async ({ cluster }) =>
        cluster.name === 'eks-a'
          ? new Promise(() => {})
          : { data: { ips: 48 }, problems: [], apiCalls: {} },
    });

    const started = Date.now();
    const refresh = store.refreshAll();
    await new Promise(resolve => setTimeout(resolve, 100));
    // eks-b is done and no longer refreshing while eks-a still waits.
    expect((await store.getSnapshot('eks-b'))?.summary).toBe(48);
    expect(store.isRefreshing('eks-b')).toBe(false);
    expect(store.isRefreshing('eks-a')).toBe(true);

    await refresh;
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(2_000);
    const a = await store.getSnapshot('eks-a');
    expect(a?.lastRefreshFailed).toBe(true);
    expect(a?.problems).toEqual([
      expect.objectContaining({ code: 'DeadlineExceeded' }),
    ]);
    expect(store.isRefreshing('eks-a')).toBe(false);
  });

  it('leaves a cluster refreshed less than the cooldown ago alone, and says when it may be refreshed again', async () => {
    const time = clock('2026-11-23T10:00:00Z');
    let collections = 0;
    const store = new SnapshotStore<Target, { ips: number }, number>({
      ...limits,
      cooldownMs: 30_000,
      now: time.now,
      summarize: data => data.ips,
      database: await database(),
      logger: mockServices.logger.mock(),
      listTargets: async () => [{ cluster: clusterA }],
      collect: async () => {
        collections++;
        return { data: { ips: 16 }, problems: [], apiCalls: {} };
      },
    });
    await store.refreshAll();
    expect(collections).toBe(1);

    time.advance(10_000);
    expect(await store.requestRefresh()).toEqual({
      started: [],
      running: [],
      coolingDown: [
        { cluster: 'eks-a', nextRefreshAt: '2026-11-23T10:00:30.000Z' },
      ],
    });
    expect(collections).toBe(1);

    time.advance(20_000);
    expect((await store.requestRefresh()).started).toEqual(['eks-a']);
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(collections).toBe(2);
  });
});

describe('SnapshotStore.readShared', () => {
  it('makes one round of database reads for requests that ask at once or just after, and never hides this process’s own writes', async () => {
    const db = await database();
    const readRecords = db.getRecords.bind(db);
    const getRecords = jest.spyOn(db, 'getRecords');
    const time = clock('2026-12-01T12:00:00Z');
    const store = new SnapshotStore<Target, { ips: number }, number>({
      ...limits,
      now: time.now,
      summarize: data => data.ips,
      database: db,
      logger: mockServices.logger.mock(),
      listTargets: async () => [{ cluster: clusterA }],
      collect: async () => ({ data: { ips: 16 }, problems: [], apiCalls: {} }),
    });

    // A hundred requests at once: one read of the records.
    const before = await Promise.all(
      Array.from({ length: 100 }, () => store.readShared()),
    );
    expect(getRecords).toHaveBeenCalledTimes(1);
    expect(before.every(s => s.records.size === 0)).toBe(true);

    // A read under way when a refresh stores its snapshot (held up here
    // until the end) is not shared with requests that come after: they
    // read again and see it.
    let release!: () => void;
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    getRecords.mockImplementationOnce(async () => {
      await held;
      return readRecords();
    });
    time.advance(SHARED_READ_MS + 1);
    const during = store.readShared();
    await store.refreshAll();
    const reads = getRecords.mock.calls.length;
    const after = await store.readShared();
    expect(getRecords).toHaveBeenCalledTimes(reads + 1);
    expect(after.records.get('eks-a')?.summary).toBe(16);
    expect(after.list?.clusters.map(c => c.name)).toEqual(['eks-a']);
    release();
    await during;

    // An answer is shared for SHARED_READ_MS after it came, then read again.
    time.advance(SHARED_READ_MS);
    await store.readShared();
    expect(getRecords).toHaveBeenCalledTimes(reads + 1);
    time.advance(1);
    await store.readShared();
    expect(getRecords).toHaveBeenCalledTimes(reads + 2);
  });
});
