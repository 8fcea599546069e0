import { Knex } from 'knex';
import { HistoryKind, HistoryRow, HistoryValues } from './historyRows';

const HISTORY = 'pod_ip_capacity_history';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Column of each value. */
const COLUMNS: Record<keyof HistoryValues, string> = {
  freePrefixBlocks: 'free_prefix_blocks',
  availableIps: 'available_ips',
  usableIps: 'usable_ips',
  heldIps: 'held_ips',
  usedIps: 'used_ips',
  idleIps: 'idle_ips',
  podsWithVpcIp: 'pods_with_vpc_ip',
  headroomPods: 'headroom_pods',
};
const VALUE_KEYS = Object.keys(COLUMNS) as Array<keyof HistoryValues>;

/**
 * Values that run out (free blocks, free addresses, headroom) keep their
 * lowest reading when several are merged, the others their highest: a
 * merged point is never healthier than any reading it stands for.
 */
const LOWEST_IS_WORST = new Set<keyof HistoryValues>([
  'freePrefixBlocks',
  'availableIps',
  'headroomPods',
]);

/** One point of a series read back. */
export interface HistoryPoint extends HistoryValues {
  at: number;
}

/** A series: one thing of one cluster over time. */
export interface HistorySeries {
  cluster: string;
  kind: HistoryKind;
  key: string;
  points: HistoryPoint[];
  /** True when any point was backfilled (a demo), not collected live. */
  simulated: boolean;
}

/** Merges readings into one, worst case per value. */
export function mergeReadings(
  at: number,
  readings: readonly HistoryValues[],
): HistoryPoint {
  const point: HistoryPoint = { at };
  for (const key of VALUE_KEYS) {
    let merged: number | undefined;
    for (const r of readings) {
      const v = r[key];
      if (v === undefined || v === null) continue;
      if (merged === undefined) merged = v;
      else if (LOWEST_IS_WORST.has(key)) merged = Math.min(merged, v);
      else merged = Math.max(merged, v);
    }
    if (merged !== undefined) point[key] = merged;
  }
  return point;
}

function toRow(row: HistoryRow, resolution: string, simulated: boolean) {
  const out: Record<string, unknown> = {
    cluster: row.cluster,
    kind: row.kind,
    key: row.key,
    at: row.at,
    resolution,
    simulated,
  };
  for (const key of VALUE_KEYS) {
    const v = row[key];
    if (v !== undefined) out[COLUMNS[key]] = v;
  }
  return out;
}

function valuesOf(row: any): HistoryValues {
  const values: HistoryValues = {};
  for (const key of VALUE_KEYS) {
    const v = row[COLUMNS[key]];
    if (v !== null && v !== undefined) values[key] = Number(v);
  }
  return values;
}

/**
 * The history table: one compact row per refresh for each cluster, subnet,
 * node group and counted entity; rows older than a week merged per hour,
 * older than a month per day, older than the retention deleted.
 */
export class HistoryDatabase {
  constructor(private readonly db: Knex) {}

  async write(
    rows: readonly HistoryRow[],
    options: { simulated?: boolean } = {},
  ): Promise<void> {
    if (rows.length === 0) return;
    const simulated = options.simulated ?? false;
    // Batches keep each insert under SQLite's variable limit.
    for (let i = 0; i < rows.length; i += 50) {
      await this.db(HISTORY).insert(
        rows.slice(i, i + 50).map(r => toRow(r, 'raw', simulated)),
      );
    }
  }

  /** True when nothing was ever written (a first start). */
  async isEmpty(): Promise<boolean> {
    return !(await this.db(HISTORY).select('id').first());
  }

  /**
   * Series between two instants, merged into buckets of `stepMs` in the
   * database (worst reading per bucket): the answer has at most
   * (to − from) / step points per series, however many rows there are.
   * One series per cluster and key: of one thing (`key`), or of every
   * thing of the kind (no `key`, say every subnet of a cluster).
   */
  async readSeries(query: {
    cluster?: string;
    kind: HistoryKind;
    key?: string;
    from: number;
    to: number;
    stepMs: number;
  }): Promise<HistorySeries[]> {
    const stepMs = Math.max(1, Math.floor(query.stepMs));
    const from = Math.floor(query.from);
    // The bucket's start: `at` rounded down to a step counted from `from`
    // (integer arithmetic, the same in SQLite and PostgreSQL).
    const bucket = this.db.raw('(?? - ((?? - ?) % ?))', [
      'at',
      'at',
      from,
      stepMs,
    ]);
    const q = this.db(HISTORY)
      .select('cluster', 'key', { bucket })
      .max({ simulated: this.db.raw('case when simulated then 1 else 0 end') })
      .where({ kind: query.kind })
      .andWhere('at', '>=', from)
      .andWhere('at', '<=', query.to)
      .groupBy('cluster', 'key', 'bucket')
      .orderBy([
        { column: 'cluster' },
        { column: 'key' },
        { column: 'bucket' },
      ]);
    for (const key of VALUE_KEYS) {
      const aggregate = { [key]: COLUMNS[key] };
      if (LOWEST_IS_WORST.has(key)) q.min(aggregate);
      else q.max(aggregate);
    }
    if (query.cluster !== undefined) q.andWhere({ cluster: query.cluster });
    if (query.key !== undefined) q.andWhere({ key: query.key });
    const series = new Map<string, HistorySeries>();
    const rows: Array<Record<string, any>> = await q;
    for (const row of rows) {
      const id = `${row.cluster}\u0000${row.key}`;
      let one = series.get(id);
      if (!one) {
        one = {
          cluster: row.cluster,
          kind: query.kind,
          key: row.key,
          points: [],
          simulated: false,
        };
        series.set(id, one);
      }
      one.simulated = one.simulated || Number(row.simulated) > 0;
      const point: HistoryPoint = { at: Number(row.bucket) };
      for (const key of VALUE_KEYS) {
        const v = row[key];
        if (v !== null && v !== undefined) point[key] = Number(v);
      }
      one.points.push(point);
    }
    return [...series.values()];
  }

  /** The first instant any row of the cluster was written. */
  async firstAt(cluster?: string): Promise<number | undefined> {
    const q = this.db(HISTORY).min({ first: 'at' });
    if (cluster) q.where({ cluster });
    const row = await q.first();
    return row?.first === null || row?.first === undefined
      ? undefined
      : Number(row.first);
  }

  /**
   * Merges raw rows older than a week into one per hour, hourly rows older
   * than a month into one per day, and deletes rows older than the
   * retention. Returns how many rows went.
   */
  async compact(now: number, retentionMs: number): Promise<number> {
    let removed = await this.db(HISTORY)
      .where('at', '<', now - retentionMs)
      .delete();
    removed += await this.merge('raw', 'hour', HOUR, now - 7 * DAY);
    removed += await this.merge('hour', 'day', DAY, now - 30 * DAY);
    return removed;
  }

  private async merge(
    from: string,
    to: string,
    periodMs: number,
    before: number,
  ): Promise<number> {
    let removed = 0;
    for (;;) {
      const rows = await this.db(HISTORY)
        .where({ resolution: from })
        .andWhere('at', '<', before)
        .orderBy('id', 'asc')
        .limit(5000);
      if (rows.length === 0) return removed;
      const groups = new Map<string, any[]>();
      for (const row of rows) {
        const start = Math.floor(Number(row.at) / periodMs) * periodMs;
        const id = [
          row.cluster,
          row.kind,
          row.key,
          start,
          !!row.simulated,
        ].join('\u0000');
        groups.set(id, [...(groups.get(id) ?? []), row]);
      }
      // A group cut by the batch limit becomes two rows of one period; the
      // reader takes the worst reading per bucket, so that costs a row only.
      removed += await this.db.transaction(async tx => {
        const merged = [...groups.values()].map(group => {
          const start = Math.floor(Number(group[0].at) / periodMs) * periodMs;
          const point = mergeReadings(start, group.map(valuesOf));
          return toRow(
            {
              cluster: group[0].cluster,
              kind: group[0].kind,
              key: group[0].key,
              ...point,
            },
            to,
            !!group[0].simulated,
          );
        });
        for (let i = 0; i < merged.length; i += 50) {
          await tx(HISTORY).insert(merged.slice(i, i + 50));
        }
        const ids = rows.map(r => r.id);
        for (let i = 0; i < ids.length; i += 500) {
          await tx(HISTORY)
            .whereIn('id', ids.slice(i, i + 500))
            .delete();
        }
        return rows.length - merged.length;
      });
    }
  }
}
