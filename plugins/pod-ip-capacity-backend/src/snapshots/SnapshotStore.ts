import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterProblem,
  ClusterProblemError,
  CollectionFailedError,
  describeForLog,
  mapWithConcurrency,
  problemsOf,
  toClusterProblem,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { KubernetesClusterListing } from '../collection/kubernetes/KubernetesPluginClient';
import { SnapshotDatabase } from './SnapshotDatabase';

/**
 * What the last refresh of one cluster left behind, without the data itself:
 * small, so that listing every cluster stays cheap however big they are.
 */
export interface StoredSnapshot<S> {
  cluster: KubernetesClusterListing;
  region?: string;
  accountId?: string;
  /** When the data was collected (the last good refresh); names its version. */
  collectedAt?: string;
  /** When the last refresh started, good or not. */
  startedAt?: string;
  /** When the last refresh finished, good or not. */
  attemptedAt: string;
  /** How long the last refresh took. */
  durationMs: number;
  /** The last refresh's problems; empty when it was complete. */
  problems: ClusterProblem[];
  /** True when the last refresh failed and the data is older. */
  lastRefreshFailed: boolean;
  /** A summary of the data, for lists; absent when there is no data. */
  summary?: S;
  /** API calls the last refresh made, per API and action. */
  apiCalls: Record<string, Record<string, number>>;
}

/** The result of one good collection; a failed one throws. */
export interface CollectionResult<D> {
  data: D;
  /** Where the cluster's EC2 side was found. */
  region?: string;
  accountId?: string;
  /** What is missing from an otherwise good collection. */
  problems: ClusterProblem[];
  apiCalls: Record<string, Record<string, number>>;
}

/** A cluster to refresh: its listing, and whatever the collector needs. */
export interface RefreshTarget {
  cluster: KubernetesClusterListing;
}

/** The instant a refresh stands for, when it is not now (a backfill). */
export interface RefreshClock {
  /** The instant the data is collected "at". */
  at: Date;
  /** Marks what it writes as backfilled, not collected live. */
  simulated: boolean;
}

export interface SnapshotStoreOptions<T extends RefreshTarget, D, S> {
  database: SnapshotDatabase<StoredSnapshot<S>, D>;
  logger: LoggerService;
  /** The clusters to refresh, each with what its collection needs. */
  listTargets: () => Promise<T[]>;
  /**
   * Collects and computes one cluster. Throws when a required part is
   * missing (`CollectionFailedError`): the last good data is then kept.
   * Must stop when `signal` aborts (the cluster's deadline).
   */
  collect: (
    target: T,
    signal: AbortSignal,
    clock: RefreshClock,
  ) => Promise<CollectionResult<D>>;
  /**
   * Runs on a good collection before it is stored: keeps its history and
   * adds what is derived from history (forecasts). When it fails, the
   * failure is logged and the data is stored as collected.
   */
  enrich?: (target: T, data: D, clock: RefreshClock) => Promise<D>;
  /**
   * Runs after every refresh, good or failed, with the record now stored
   * and the data it names (alerts). Its failure is logged.
   */
  onRefreshed?: (
    snapshot: StoredSnapshot<S>,
    data: D | undefined,
    clock: RefreshClock,
  ) => Promise<void>;
  /** The small part of the data that cluster lists show. */
  summarize: (data: D) => S;
  /** Clusters refreshed at once. */
  concurrency: number;
  /** How long one cluster's refresh may take. */
  clusterTimeoutMs: number;
  /** The least time between two requested refreshes of one cluster. */
  cooldownMs: number;
  now?: () => Date;
}

/** The Kubernetes plugin's cluster list, as last read. */
export interface StoredClusterList {
  clusters: KubernetesClusterListing[];
  listedAt: string;
  problem?: ClusterProblem;
}

/** How long a read's answer is shared after it came (`readShared`). */
export const SHARED_READ_MS = 250;

/** What `readShared` reads in one go. */
export interface SharedState<S> {
  list?: StoredClusterList;
  records: Map<string, StoredSnapshot<S>>;
  /** Clusters whose refresh lease some replica holds. */
  leased: Set<string>;
}

/** What a requested refresh does for each cluster. */
export interface RefreshPlan {
  /** Clusters whose refresh starts now. */
  started: string[];
  /** Clusters whose refresh was already running (joined). */
  running: string[];
  /** Clusters refreshed too recently: when each may be refreshed again. */
  coolingDown: Array<{ cluster: string; nextRefreshAt: string }>;
}

const CLUSTER_LIST = 'cluster-list';

/**
 * How long a refresh lease lasts: the cluster's deadline and half as much
 * again (at most 30 s more), for the writes after the collection. A replica
 * that dies mid-refresh holds the cluster up for no longer.
 */
function leaseTtlMs(clusterTimeoutMs: number): number {
  return clusterTimeoutMs + Math.min(30_000, clusterTimeoutMs / 2);
}

/**
 * The only stateful part: keeps each cluster's last snapshot in the
 * plugin's database (shared by the backend's replicas). Reads never collect.
 * A refresh of a cluster runs in one replica at a time (a lease in the
 * database; a replica that dies mid-refresh loses it when it expires), and
 * the scheduler makes sure one replica runs the periodic refresh. A failed
 * refresh — an error, a required part missing, or no answer before the
 * cluster's deadline — keeps the last good data, marked as such: a worse
 * picture never replaces a better one.
 *
 * The data (every node, ENI, prefix and pod of a cluster) is stored apart
 * from its small record, gzipped, and kept deserialised in this process by
 * version: a request reads the small record, and the big one only when a
 * new version has been collected since.
 */
export class SnapshotStore<T extends RefreshTarget, D, S> {
  private readonly options: SnapshotStoreOptions<T, D, S>;
  private readonly db: SnapshotDatabase<StoredSnapshot<S>, D>;
  /** Who this replica is, for leases. */
  readonly replicaId = `replica-${randomUUID()}`;
  private readonly inFlight = new Map<string, Promise<StoredSnapshot<S>>>();
  /** Refreshes still listing the clusters: all (or the named) clusters wait. */
  private readonly listing = new Set<{ only?: string[] }>();
  /** Clusters a running refresh will still get to. */
  private readonly queued = new Map<string, number>();
  private readonly local = new Map<string, { version: string; data: D }>();
  private readonly now: () => Date;
  /** Writes this process made to the database: see `readShared`. */
  private writes = 0;
  private shared?: {
    writes: number;
    read: Promise<SharedState<S>>;
    answeredAt?: number;
  };

  constructor(options: SnapshotStoreOptions<T, D, S>) {
    this.options = options;
    this.db = options.database;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The cluster is refreshing in this process, or a refresh that will include
   * it has been asked for here: true from the moment a refresh is asked for,
   * so a client polling after POST /refresh never sees the old state as
   * final, and false as soon as this cluster's own refresh ends.
   */
  isRefreshing(cluster: string): boolean {
    if (this.inFlight.has(cluster) || (this.queued.get(cluster) ?? 0) > 0) {
      return true;
    }
    for (const request of this.listing) {
      if (!request.only || request.only.includes(cluster)) return true;
    }
    return false;
  }

  /** Clusters refreshing here or in another replica (one database read). */
  async refreshingClusters(names: readonly string[]): Promise<Set<string>> {
    const leased = await this.db.leasedClusters(this.now().getTime());
    return this.refreshingOf(names, leased);
  }

  /** Of `names`, those refreshing here now or leased by any replica. */
  refreshingOf(names: readonly string[], leased: Set<string>): Set<string> {
    return new Set(names.filter(n => this.isRefreshing(n) || leased.has(n)));
  }

  /**
   * The cluster list, every cluster's record and the leased clusters, read
   * together. Callers that ask while such a read runs, or up to
   * `SHARED_READ_MS` after it answered, share it: a hundred requests at once
   * make one round of database reads, not a hundred (with SQLite a read
   * answers within the same turn of the event loop, so sharing only the
   * reads under way would share almost nothing). A read is not shared once
   * this process has written since it began, so a caller always sees this
   * process's own writes (a stored snapshot, a lease); another replica's
   * are seen at most `SHARED_READ_MS` late. What is refreshing here is for
   * the caller to ask (`refreshingOf`), never shared.
   */
  readShared(): Promise<SharedState<S>> {
    const shared = this.shared;
    if (
      shared &&
      shared.writes === this.writes &&
      (shared.answeredAt === undefined ||
        this.now().getTime() - shared.answeredAt <= SHARED_READ_MS)
    ) {
      return shared.read;
    }
    const read: Promise<SharedState<S>> = Promise.all([
      this.getClusterList(),
      this.getSnapshots(),
      this.db.leasedClusters(this.now().getTime()),
    ]).then(([list, records, leased]) => ({ list, records, leased }));
    const entry: NonNullable<typeof this.shared> = {
      writes: this.writes,
      read,
    };
    this.shared = entry;
    read.then(
      () => {
        entry.answeredAt = this.now().getTime();
      },
      () => {
        // A failed read is not shared with later callers.
        if (this.shared === entry) this.shared = undefined;
      },
    );
    return read;
  }

  /** After every write to the database: reads begun before it are not shared. */
  private wrote<R>(result: R): R {
    this.writes++;
    return result;
  }

  async getClusterList(): Promise<StoredClusterList | undefined> {
    return this.db.getState<StoredClusterList>(CLUSTER_LIST);
  }

  async getSnapshot(cluster: string): Promise<StoredSnapshot<S> | undefined> {
    return this.db.getRecord(cluster);
  }

  /** Every listed cluster's record, in one read. */
  async getSnapshots(): Promise<Map<string, StoredSnapshot<S>>> {
    return this.db.getRecords();
  }

  /** The data a snapshot record names, from this process when it has it. */
  async getData(snapshot: StoredSnapshot<S>): Promise<D | undefined> {
    const version = snapshot.collectedAt;
    if (!version || !snapshot.summary) return undefined;
    const name = snapshot.cluster.name;
    const local = this.local.get(name);
    if (local?.version === version) return local.data;
    const data = await this.db.getData(name, version);
    if (data === undefined) return undefined;
    this.local.set(name, { version, data });
    return data;
  }

  /**
   * Lists the clusters again and refreshes them all (or the named ones).
   * Returns when every refresh has ended; a cluster that fails or hangs
   * neither stops nor holds up the others beyond its own deadline. With a
   * clock, the data stands for that instant (a backfill of the past).
   */
  async refreshAll(
    only?: string[],
    clock?: RefreshClock,
  ): Promise<Array<StoredSnapshot<S> | undefined>> {
    const request = { only };
    this.listing.add(request);
    let selected: T[];
    try {
      const targets = await this.refreshClusterList();
      selected = only
        ? targets.filter(t => only.includes(t.cluster.name))
        : targets;
      for (const t of selected) this.queue(t.cluster.name, +1);
    } finally {
      this.listing.delete(request);
    }
    return mapWithConcurrency(selected, this.options.concurrency, t =>
      this.refreshCluster(t, clock).finally(() =>
        this.queue(t.cluster.name, -1),
      ),
    );
  }

  /**
   * A refresh asked for over REST: clusters refreshed less than the cooldown
   * ago (by any replica) are left alone (the answer says when they may be
   * refreshed again), running ones are joined, the rest start. Returns at
   * once; the refresh goes on.
   */
  async requestRefresh(only?: string[]): Promise<RefreshPlan> {
    const list = (await this.getClusterList())?.clusters;
    const names = (list ?? [])
      .map(c => c.name)
      .filter(n => !only || only.includes(n));
    const plan: RefreshPlan = { started: [], running: [], coolingDown: [] };
    const now = this.now().getTime();
    const refreshing = await this.refreshingClusters(names);
    for (const name of names) {
      if (refreshing.has(name)) {
        plan.running.push(name);
        continue;
      }
      const started = await this.db.getStartedAt(name);
      const next =
        started !== undefined ? started + this.options.cooldownMs : 0;
      if (next > now) {
        plan.coolingDown.push({
          cluster: name,
          nextRefreshAt: new Date(next).toISOString(),
        });
      } else {
        plan.started.push(name);
      }
    }
    // Nothing cooling down: list again (new clusters too) and refresh all
    // that were asked for; before the first listing that is all there is.
    if (!list) plan.started.push(...(only ?? []));
    const toRefresh = plan.coolingDown.length === 0 ? only : plan.started;
    if (!toRefresh || toRefresh.length > 0) {
      this.refreshAll(toRefresh).catch(error =>
        this.options.logger.error(
          `Pod IP capacity: refresh failed: ${describeForLog(error)}`,
        ),
      );
    }
    return plan;
  }

  /**
   * Refreshes one cluster; joins a refresh already running for it here, and
   * leaves it to the replica that holds its lease (answering with the
   * current record, undefined before any).
   */
  refreshCluster(
    target: T,
    clock?: RefreshClock,
  ): Promise<StoredSnapshot<S> | undefined> {
    const name = target.cluster.name;
    const running = this.inFlight.get(name);
    if (running) return running;
    const refresh = this.refreshUnderLease(target, clock).finally(() =>
      this.inFlight.delete(name),
    );
    this.inFlight.set(name, refresh as Promise<StoredSnapshot<S>>);
    return refresh;
  }

  private async refreshUnderLease(
    target: T,
    clock?: RefreshClock,
  ): Promise<StoredSnapshot<S> | undefined> {
    const name = target.cluster.name;
    const ttl = leaseTtlMs(this.options.clusterTimeoutMs);
    const leased = this.wrote(
      await this.db.tryAcquireLease(
        name,
        this.replicaId,
        ttl,
        this.now().getTime(),
      ),
    );
    if (!leased) return this.getSnapshot(name);
    try {
      return await this.runRefresh(target, clock);
    } finally {
      this.wrote(await this.db.releaseLease(name, this.replicaId));
    }
  }

  private queue(cluster: string, delta: number) {
    const count = (this.queued.get(cluster) ?? 0) + delta;
    if (count > 0) this.queued.set(cluster, count);
    else this.queued.delete(cluster);
  }

  private async refreshClusterList(): Promise<T[]> {
    const now = this.now();
    try {
      const targets = await this.options.listTargets();
      this.wrote(
        await this.db.setState(
          CLUSTER_LIST,
          {
            clusters: targets.map(t => t.cluster),
            listedAt: now.toISOString(),
          } satisfies StoredClusterList,
          now.getTime(),
        ),
      );
      return targets;
    } catch (error) {
      const previous = await this.getClusterList();
      const problem = toClusterProblem(error);
      this.options.logger.warn(
        `Pod IP capacity: could not list the Kubernetes plugin's clusters: ${
          problem.message
        } (${describeForLog(error)})`,
      );
      this.wrote(
        await this.db.setState(
          CLUSTER_LIST,
          {
            clusters: previous?.clusters ?? [],
            listedAt: previous?.listedAt ?? now.toISOString(),
            problem,
          } satisfies StoredClusterList,
          now.getTime(),
        ),
      );
      return [];
    }
  }

  /**
   * Collects one cluster within its deadline. At the deadline the collection
   * is aborted and counts as failed even if something inside ignores the
   * abort: its late result, if any, is dropped.
   */
  private async collectWithinDeadline(
    target: T,
    clock: RefreshClock,
  ): Promise<CollectionResult<D>> {
    const controller = new AbortController();
    const seconds = Math.round(this.options.clusterTimeoutMs / 1000);
    const deadline = new ClusterProblemError({
      source: 'internal',
      code: 'DeadlineExceeded',
      message: `The refresh of cluster ${target.cluster.name} did not finish within ${seconds} s (podIpCapacity.refresh.clusterTimeout): an API it reads is not answering. Its last good data is kept; the next refresh tries again.`,
    });
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(deadline);
        reject(deadline);
      }, this.options.clusterTimeoutMs);
    });
    try {
      return await Promise.race([
        this.options.collect(target, controller.signal, clock),
        expired,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async runRefresh(
    target: T,
    clockOverride?: RefreshClock,
  ): Promise<StoredSnapshot<S>> {
    const { cluster } = target;
    const wallStart = this.now();
    const clock = clockOverride ?? { at: wallStart, simulated: false };
    const started = clock.at;
    const previous = await this.getSnapshot(cluster.name);
    this.wrote(await this.db.setStartedAt(cluster.name, wallStart.getTime()));
    const base = { cluster, startedAt: started.toISOString() };
    let snapshot: StoredSnapshot<S>;
    let collected: D | undefined;
    try {
      const result = await this.collectWithinDeadline(target, clock);
      collected = await this.enrich(target, result.data, clock);
      const durationMs = this.now().getTime() - wallStart.getTime();
      const version = started.toISOString();
      snapshot = {
        ...base,
        ...(result.region ? { region: result.region } : {}),
        ...(result.accountId ? { accountId: result.accountId } : {}),
        collectedAt: version,
        summary: this.options.summarize(collected),
        attemptedAt: new Date(started.getTime() + durationMs).toISOString(),
        durationMs,
        problems: result.problems,
        lastRefreshFailed: false,
        apiCalls: result.apiCalls,
      };
      if (clock.simulated) {
        // A backfill of the past is never the present: only its history
        // counts (written by enrich), and the latest snapshot stays as is.
        snapshot = previous ?? snapshot;
      } else if (previous?.collectedAt && previous.collectedAt > version) {
        snapshot = previous;
      } else {
        // Record and data in one write: a reader sees both or neither.
        this.wrote(
          await this.db.setRecord(cluster.name, snapshot, {
            startedAt: wallStart.getTime(),
            now: this.now().getTime(),
            data: { version, data: collected },
          }),
        );
        this.local.set(cluster.name, { version, data: collected });
      }
    } catch (error) {
      const durationMs = this.now().getTime() - wallStart.getTime();
      const problems = problemsOf(error);
      this.options.logger.warn(
        `Pod IP capacity: refresh of cluster ${cluster.name} failed: ${problems
          .map(p => p.code)
          .join(', ')} (${describeForLog(error)})`,
      );
      const failure =
        error instanceof CollectionFailedError ? error : undefined;
      const region = failure?.region ?? previous?.region;
      const accountId = failure?.accountId ?? previous?.accountId;
      if (clock.simulated) {
        // A past that cannot be collected is a gap in the history, not a
        // failure of the present.
        return (
          previous ?? {
            ...base,
            attemptedAt: started.toISOString(),
            durationMs,
            problems,
            lastRefreshFailed: true,
            apiCalls: {},
          }
        );
      }
      // The last good data stays where it is; the record keeps naming it.
      snapshot = {
        ...base,
        ...(region ? { region } : {}),
        ...(accountId ? { accountId } : {}),
        ...(previous?.collectedAt ? { collectedAt: previous.collectedAt } : {}),
        ...(previous?.summary ? { summary: previous.summary } : {}),
        attemptedAt: new Date(started.getTime() + durationMs).toISOString(),
        durationMs,
        problems,
        lastRefreshFailed: true,
        apiCalls: failure?.apiCalls ?? {},
      };
      this.wrote(
        await this.db.setRecord(cluster.name, snapshot, {
          startedAt: wallStart.getTime(),
          now: this.now().getTime(),
        }),
      );
    }
    if (this.options.onRefreshed && !clock.simulated) {
      const data = snapshot.lastRefreshFailed
        ? await this.getData(snapshot).catch(() => undefined)
        : collected;
      await this.options
        .onRefreshed(snapshot, data, clock)
        .catch(error =>
          this.options.logger.warn(
            `Pod IP capacity: after the refresh of cluster ${
              cluster.name
            }: ${describeForLog(error)}`,
          ),
        );
    }
    return snapshot;
  }

  /** History and what is derived from it; the data as collected if that fails. */
  private async enrich(target: T, data: D, clock: RefreshClock): Promise<D> {
    if (!this.options.enrich) return data;
    try {
      return await this.options.enrich(target, data, clock);
    } catch (error) {
      this.options.logger.warn(
        `Pod IP capacity: could not keep the history of cluster ${
          target.cluster.name
        }: ${describeForLog(error)}`,
      );
      return data;
    }
  }
}
