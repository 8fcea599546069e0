import { DatabaseService } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { migratePodIpCapacityDatabase } from '../snapshots/SnapshotDatabase';

/**
 * A real, empty SQLite database in memory (Backstage's embedded default)
 * with the plugin's migrations run: one connection, so every query sees
 * the same in-memory database.
 */
export async function sqliteDatabase(): Promise<{
  database: DatabaseService;
  client: Knex;
}> {
  const client = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  const database: DatabaseService = { getClient: async () => client };
  await migratePodIpCapacityDatabase(database);
  return { database, client };
}
