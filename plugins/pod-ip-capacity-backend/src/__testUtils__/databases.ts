import { DatabaseService } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { migratePodIpCapacityDatabase } from '../snapshots/SnapshotDatabase';
import { RunningPostgres, startPostgres } from './postgres';
import { sqliteDatabase } from './testDatabase';

/** The databases the plugin supports: the embedded default and production's. */
export const DATABASES = ['SQLite', 'PostgreSQL'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

let postgres: Promise<RunningPostgres> | undefined;
let databasesMade = 0;
const clients: Knex[] = [];

/**
 * A fresh, migrated plugin database of the given kind: SQLite in memory, or
 * a new database on a throwaway PostgreSQL server started once per test
 * file (stop it with `stopDatabases()` in `afterAll`).
 */
export async function freshDatabase(
  kind: DatabaseKind,
): Promise<{ database: DatabaseService; client: Knex }> {
  if (kind === 'SQLite') {
    const made = await sqliteDatabase();
    clients.push(made.client);
    return made;
  }
  postgres ??= startPostgres();
  const server = await postgres;
  const name = `pod_ip_capacity_test_${process.pid}_${++databasesMade}`;
  const admin = knexFactory({ client: 'pg', connection: server.connection });
  await admin.raw(`create database ${name}`);
  await admin.destroy();
  const client = knexFactory({
    client: 'pg',
    connection: { ...server.connection, database: name },
    pool: { min: 0, max: 4 },
  });
  clients.push(client);
  const database: DatabaseService = { getClient: async () => client };
  await migratePodIpCapacityDatabase(database);
  return { database, client };
}

/** Closes every database made here and stops the PostgreSQL server. */
export async function stopDatabases(): Promise<void> {
  await Promise.all(clients.splice(0).map(c => c.destroy()));
  if (postgres) await (await postgres).stop();
  postgres = undefined;
}
