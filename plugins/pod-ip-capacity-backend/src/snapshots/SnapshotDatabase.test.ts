import { DatabaseService } from '@backstage/backend-plugin-api';
import knexFactory from 'knex';
import path from 'node:path';
import {
  DATABASES,
  freshDatabase,
  stopDatabases,
} from '../__testUtils__/databases';
import {
  migratePodIpCapacityDatabase,
  SnapshotDatabase,
} from './SnapshotDatabase';

jest.setTimeout(60_000);
afterAll(stopDatabases);

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe.each(DATABASES)('snapshot tables on %s', kind => {
  it('keeps a record and its data together, the data gzipped, and finds the data by version only', async () => {
    const db = new SnapshotDatabase<{ n: number }, { pods: string[] }>(
      (await freshDatabase(kind)).client,
    );
    const pods = Array.from({ length: 5000 }, (_, i) => `pod-${i % 50}`);
    await db.setRecord(
      'eks-prod',
      { n: 1 },
      {
        startedAt: NOW,
        now: NOW,
        data: { version: 'v1', data: { pods } },
      },
    );
    expect(await db.getRecord('eks-prod')).toEqual({ n: 1 });
    expect(await db.getData('eks-prod', 'v1')).toEqual({ pods });
    expect(await db.getData('eks-prod', 'v0')).toBeUndefined();
    expect(await db.getStartedAt('eks-prod')).toBe(NOW);
    // A record without data (a failed refresh) keeps the data there was.
    await db.setRecord(
      'eks-prod',
      { n: 2 },
      { startedAt: NOW + 1, now: NOW + 1 },
    );
    expect(await db.getData('eks-prod', 'v1')).toEqual({ pods });
    expect((await db.getRecords()).get('eks-prod')).toEqual({ n: 2 });
  });

  it('gives a cluster’s refresh lease to one replica at a time, and to another once it expires', async () => {
    const db = new SnapshotDatabase((await freshDatabase(kind)).client);
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map(holder =>
        db.tryAcquireLease('eks-prod', holder, 60_000, NOW),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.leasedClusters(NOW)).toEqual(new Set(['eks-prod']));
    const holder = ['a', 'b', 'c', 'd'][results.indexOf(true)];
    const other = holder === 'a' ? 'b' : 'a';
    expect(
      await db.tryAcquireLease('eks-prod', other, 60_000, NOW + 59_000),
    ).toBe(false);
    // The holder died: after the lease expires, another replica takes it.
    expect(
      await db.tryAcquireLease('eks-prod', other, 60_000, NOW + 61_000),
    ).toBe(true);
    await db.releaseLease('eks-prod', other);
    expect(await db.leasedClusters(NOW + 61_000)).toEqual(new Set());
  });
});

describe('migrations', () => {
  it('run forward from the previous release’s schema, keeping its snapshots', async () => {
    const client = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    });
    try {
      const directory = path.resolve(__dirname, '../../migrations');
      // The schema of the first migration only, with a snapshot in it.
      await client.migrate.up({ directory });
      await new SnapshotDatabase(client).setRecord(
        'eks-prod',
        { n: 1 },
        {
          startedAt: NOW,
          now: NOW,
          data: { version: 'v1', data: { ok: true } },
        },
      );
      const database: DatabaseService = { getClient: async () => client };
      await migratePodIpCapacityDatabase(database);
      const [, pending] = await client.migrate.list({ directory });
      expect(pending).toEqual([]);
      expect(await client.schema.hasTable('pod_ip_capacity_history')).toBe(
        true,
      );
      expect(
        await new SnapshotDatabase(client).getData('eks-prod', 'v1'),
      ).toEqual({
        ok: true,
      });
    } finally {
      await client.destroy();
    }
  });
});
