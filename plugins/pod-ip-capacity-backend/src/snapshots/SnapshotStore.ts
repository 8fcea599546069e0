import { JsonValue } from '@backstage/types';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterProblem,
  ClusterProblemError,
  CollectionFailedError,
  problemsOf,
  toClusterProblem,
} from '../lib/problems';
import { describeForLog } from '../lib/redact';
import { KubernetesClusterListing } from '../collection/kubernetes/KubernetesPluginClient';
import { mapWithConcurrency } from '../lib/mapWithConcurrency';

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

export interface SnapshotStoreOptions<T extends RefreshTarget, D, S> {
  cache: CacheService;
  logger: LoggerService;
  /** The clusters to refresh, each with what its collection needs. */
  listTargets: () => Promise<T[]>;
  /**
   * Collects and computes one cluster. Throws when a required part is
   * missing (`CollectionFailedError`): the last good data is then kept.
   * Must stop when `signal` aborts (the cluster's deadline).
   */
  collect: (target: T, signal: AbortSignal) => Promise<CollectionResult<D>>;
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

interface StoredClusterList {
  clusters: KubernetesClusterListing[];
  listedAt: string;
  problem?: ClusterProblem;
}

interface StoredData<D> {
  version: string;
  data: D;
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

const CACHE_TTL_MS = 7 * 24 * 3600 * 1000;
const LIST_KEY = 'clusters:v2';
const snapshotKey = (cluster: string) => `snapshot:v2:${cluster}`;
const dataKey = (cluster: string) => `data:v2:${cluster}`;

/**
 * The only stateful part: keeps each cluster's last snapshot in Backstage's
 * cache (shared by the backend's replicas when the cache is Redis or
 * memcached). Reads never collect; refreshes are single-flight per cluster in
 * this process, and the scheduler makes sure one replica runs the periodic
 * refresh. A failed refresh — an error, a required part missing, or no
 * answer before the cluster's deadline — keeps the last good data, marked
 * as such: a worse picture never replaces a better one.
 *
 * The data (every node, ENI, prefix and pod of a cluster) is stored apart
 * from its small snapshot record, and kept deserialised in this process by
 * version: a request reads the small record, and the big one only when a new
 * version has been collected since.
 */
export class SnapshotStore<T extends RefreshTarget, D, S> {
  private readonly options: SnapshotStoreOptions<T, D, S>;
  private readonly inFlight = new Map<string, Promise<StoredSnapshot<S>>>();
  /** Refreshes still listing the clusters: all (or the named) clusters wait. */
  private readonly listing = new Set<{ only?: string[] }>();
  /** Clusters a running refresh will still get to. */
  private readonly queued = new Map<string, number>();
  private readonly local = new Map<string, StoredData<D>>();
  private readonly now: () => Date;

  constructor(options: SnapshotStoreOptions<T, D, S>) {
    this.options = options;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The cluster is refreshing in this process, or a refresh that will include
   * it has been asked for: true from the moment a refresh is asked for, so a
   * client polling after POST /refresh never sees the old state as final,
   * and false as soon as this cluster's own refresh ends.
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

  async getClusterList(): Promise<StoredClusterList | undefined> {
    return (await this.options.cache.get(LIST_KEY)) as
      | StoredClusterList
      | undefined;
  }

  async getSnapshot(cluster: string): Promise<StoredSnapshot<S> | undefined> {
    return (await this.options.cache.get(snapshotKey(cluster))) as
      | StoredSnapshot<S>
      | undefined;
  }

  /** The data a snapshot record names, from this process when it has it. */
  async getData(snapshot: StoredSnapshot<S>): Promise<D | undefined> {
    const version = snapshot.collectedAt;
    if (!version || !snapshot.summary) return undefined;
    const name = snapshot.cluster.name;
    const local = this.local.get(name);
    if (local?.version === version) return local.data;
    const stored = (await this.options.cache.get(dataKey(name))) as
      | StoredData<D>
      | undefined;
    if (stored?.version !== version) return undefined;
    this.local.set(name, stored);
    return stored.data;
  }

  /**
   * Lists the clusters again and refreshes them all (or the named ones).
   * Returns when every refresh has ended; a cluster that fails or hangs
   * neither stops nor holds up the others beyond its own deadline.
   */
  async refreshAll(only?: string[]): Promise<StoredSnapshot<S>[]> {
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
      this.refreshCluster(t).finally(() => this.queue(t.cluster.name, -1)),
    );
  }

  /**
   * A refresh asked for over REST: clusters refreshed less than the cooldown
   * ago are left alone (the answer says when they may be refreshed again),
   * running ones are joined, the rest start. Returns at once; the refresh
   * goes on.
   */
  async requestRefresh(only?: string[]): Promise<RefreshPlan> {
    const list = (await this.getClusterList())?.clusters;
    const names = (list ?? [])
      .map(c => c.name)
      .filter(n => !only || only.includes(n));
    const plan: RefreshPlan = { started: [], running: [], coolingDown: [] };
    const now = this.now().getTime();
    for (const name of names) {
      if (this.inFlight.has(name)) {
        plan.running.push(name);
        continue;
      }
      const started = (await this.getSnapshot(name))?.startedAt;
      const next = started
        ? new Date(started).getTime() + this.options.cooldownMs
        : 0;
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

  /** Refreshes one cluster; joins a refresh already running for it. */
  refreshCluster(target: T): Promise<StoredSnapshot<S>> {
    const name = target.cluster.name;
    const running = this.inFlight.get(name);
    if (running) {
      return running;
    }
    const refresh = this.runRefresh(target).finally(() =>
      this.inFlight.delete(name),
    );
    this.inFlight.set(name, refresh);
    return refresh;
  }

  private queue(cluster: string, delta: number) {
    const count = (this.queued.get(cluster) ?? 0) + delta;
    if (count > 0) this.queued.set(cluster, count);
    else this.queued.delete(cluster);
  }

  private async set(key: string, value: unknown) {
    await this.options.cache.set(key, value as JsonValue, {
      ttl: CACHE_TTL_MS,
    });
  }

  private async refreshClusterList(): Promise<T[]> {
    try {
      const targets = await this.options.listTargets();
      await this.set(LIST_KEY, {
        clusters: targets.map(t => t.cluster),
        listedAt: this.now().toISOString(),
      });
      return targets;
    } catch (error) {
      const previous = await this.getClusterList();
      const problem = toClusterProblem(error);
      this.options.logger.warn(
        `Pod IP capacity: could not list the Kubernetes plugin's clusters: ${
          problem.message
        } (${describeForLog(error)})`,
      );
      await this.set(LIST_KEY, {
        clusters: previous?.clusters ?? [],
        listedAt: previous?.listedAt ?? this.now().toISOString(),
        problem,
      });
      return [];
    }
  }

  /**
   * Collects one cluster within its deadline. At the deadline the collection
   * is aborted and counts as failed even if something inside ignores the
   * abort: its late result, if any, is dropped.
   */
  private async collectWithinDeadline(target: T): Promise<CollectionResult<D>> {
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
        this.options.collect(target, controller.signal),
        expired,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async runRefresh(target: T): Promise<StoredSnapshot<S>> {
    const { cluster } = target;
    const started = this.now();
    const previous = await this.getSnapshot(cluster.name);
    const base = {
      cluster,
      startedAt: started.toISOString(),
    };
    let snapshot: StoredSnapshot<S>;
    try {
      const result = await this.collectWithinDeadline(target);
      const finished = this.now();
      const version = started.toISOString();
      // Data first: a reader that sees the new record finds its data.
      this.local.set(cluster.name, { version, data: result.data });
      await this.set(dataKey(cluster.name), { version, data: result.data });
      snapshot = {
        ...base,
        ...(result.region ? { region: result.region } : {}),
        ...(result.accountId ? { accountId: result.accountId } : {}),
        collectedAt: version,
        summary: this.options.summarize(result.data),
        attemptedAt: finished.toISOString(),
        durationMs: finished.getTime() - started.getTime(),
        problems: result.problems,
        lastRefreshFailed: false,
        apiCalls: result.apiCalls,
      };
    } catch (error) {
      const finished = this.now();
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
      // The last good data stays where it is; the record keeps naming it.
      snapshot = {
        ...base,
        ...(region ? { region } : {}),
        ...(accountId ? { accountId } : {}),
        ...(previous?.collectedAt ? { collectedAt: previous.collectedAt } : {}),
        ...(previous?.summary ? { summary: previous.summary } : {}),
        attemptedAt: finished.toISOString(),
        durationMs: finished.getTime() - started.getTime(),
        problems,
        lastRefreshFailed: true,
        apiCalls: failure?.apiCalls ?? {},
      };
    }
    await this.set(snapshotKey(cluster.name), snapshot);
    return snapshot;
  }
}
