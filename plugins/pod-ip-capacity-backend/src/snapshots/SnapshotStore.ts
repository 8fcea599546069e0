import { JsonValue } from '@backstage/types';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { ClusterProblem, toClusterProblem } from '../problems';
import { KubernetesClusterListing } from '../kubernetes/KubernetesPluginClient';
import { mapWithConcurrency } from '../util/mapWithConcurrency';

/** What one refresh of one cluster left behind, as stored in the cache. */
export interface StoredSnapshot<C> {
  cluster: KubernetesClusterListing;
  region?: string;
  accountId?: string;
  /** When `data` was collected (the last good refresh). */
  collectedAt?: string;
  /** When the last refresh finished, good or not. */
  attemptedAt: string;
  /** How long the last refresh took. */
  durationMs: number;
  /** The last refresh's problems; empty when it was complete. */
  problems: ClusterProblem[];
  /** True when the last refresh failed and `data` is older data. */
  lastRefreshFailed: boolean;
  data?: C;
  /** API calls the last refresh made, per API and action. */
  apiCalls: Record<string, Record<string, number>>;
}

/** The result of one collection: capacity, or the reason there is none. */
export interface CollectionResult<C> {
  data?: C;
  /** Where the cluster's EC2 side was found. */
  region?: string;
  accountId?: string;
  problems: ClusterProblem[];
  apiCalls: Record<string, Record<string, number>>;
}

export interface SnapshotStoreOptions<C> {
  cache: CacheService;
  logger: LoggerService;
  listClusters: () => Promise<KubernetesClusterListing[]>;
  /** Collects and computes one cluster; throws when nothing could be had. */
  collect: (cluster: KubernetesClusterListing) => Promise<CollectionResult<C>>;
  /** Clusters refreshed at once. */
  concurrency?: number;
  now?: () => Date;
}

interface StoredClusterList {
  clusters: KubernetesClusterListing[];
  listedAt: string;
  problem?: ClusterProblem;
}

const CACHE_TTL_MS = 7 * 24 * 3600 * 1000;
const LIST_KEY = 'clusters:v1';
const snapshotKey = (cluster: string) => `snapshot:v1:${cluster}`;

/**
 * The only stateful part: keeps each cluster's last snapshot in Backstage's
 * cache (shared by the backend's replicas when the cache is Redis or
 * memcached). Reads never collect; refreshes are single-flight per cluster in
 * this process, and the scheduler makes sure one replica runs the periodic
 * refresh. A failed refresh keeps the last good data, marked as such.
 */
export class SnapshotStore<C> {
  private readonly options: SnapshotStoreOptions<C>;
  private readonly inFlight = new Map<string, Promise<StoredSnapshot<C>>>();
  private readonly now: () => Date;

  constructor(options: SnapshotStoreOptions<C>) {
    this.options = options;
    this.now = options.now ?? (() => new Date());
  }

  /** Clusters are refreshing in this process right now. */
  isRefreshing(cluster: string): boolean {
    return this.inFlight.has(cluster);
  }

  async getClusterList(): Promise<StoredClusterList | undefined> {
    return (await this.options.cache.get(LIST_KEY)) as
      | StoredClusterList
      | undefined;
  }

  async getSnapshot(cluster: string): Promise<StoredSnapshot<C> | undefined> {
    return (await this.options.cache.get(snapshotKey(cluster))) as
      | StoredSnapshot<C>
      | undefined;
  }

  /**
   * Lists the clusters again and refreshes them all (or the named ones).
   * Returns when every refresh has ended; a cluster that fails does not stop
   * the others.
   */
  async refreshAll(only?: string[]): Promise<StoredSnapshot<C>[]> {
    const clusters = await this.refreshClusterList();
    const selected = only
      ? clusters.filter(c => only.includes(c.name))
      : clusters;
    return mapWithConcurrency(selected, this.options.concurrency ?? 2, c =>
      this.refreshCluster(c),
    );
  }

  /** Refreshes one cluster; joins a refresh already running for it. */
  refreshCluster(
    cluster: KubernetesClusterListing,
  ): Promise<StoredSnapshot<C>> {
    const running = this.inFlight.get(cluster.name);
    if (running) {
      return running;
    }
    const refresh = this.runRefresh(cluster).finally(() =>
      this.inFlight.delete(cluster.name),
    );
    this.inFlight.set(cluster.name, refresh);
    return refresh;
  }

  private async refreshClusterList(): Promise<KubernetesClusterListing[]> {
    try {
      const clusters = await this.options.listClusters();
      await this.options.cache.set(
        LIST_KEY,
        {
          clusters,
          listedAt: this.now().toISOString(),
        } as unknown as JsonValue,
        { ttl: CACHE_TTL_MS },
      );
      return clusters;
    } catch (error) {
      const previous = await this.getClusterList();
      const problem = toClusterProblem(error);
      this.options.logger.warn(
        `Pod IP capacity: could not list the Kubernetes plugin's clusters: ${problem.message}`,
      );
      await this.options.cache.set(
        LIST_KEY,
        {
          clusters: previous?.clusters ?? [],
          listedAt: previous?.listedAt ?? this.now().toISOString(),
          problem,
        } as unknown as JsonValue,
        { ttl: CACHE_TTL_MS },
      );
      return previous?.clusters ?? [];
    }
  }

  private async runRefresh(
    cluster: KubernetesClusterListing,
  ): Promise<StoredSnapshot<C>> {
    const started = this.now();
    const previous = await this.getSnapshot(cluster.name);
    let snapshot: StoredSnapshot<C>;
    try {
      const result = await this.options.collect(cluster);
      const finished = this.now();
      snapshot = {
        cluster,
        ...(result.region ? { region: result.region } : {}),
        ...(result.accountId ? { accountId: result.accountId } : {}),
        collectedAt: started.toISOString(),
        attemptedAt: finished.toISOString(),
        durationMs: finished.getTime() - started.getTime(),
        problems: result.problems,
        lastRefreshFailed: false,
        data: result.data,
        apiCalls: result.apiCalls,
      };
    } catch (error) {
      const finished = this.now();
      const problem = toClusterProblem(error);
      this.options.logger.warn(
        `Pod IP capacity: refresh of cluster ${cluster.name} failed: ${problem.message}`,
      );
      snapshot = {
        cluster,
        ...(previous?.region ? { region: previous.region } : {}),
        ...(previous?.accountId ? { accountId: previous.accountId } : {}),
        ...(previous?.collectedAt ? { collectedAt: previous.collectedAt } : {}),
        attemptedAt: finished.toISOString(),
        durationMs: finished.getTime() - started.getTime(),
        problems: [problem],
        lastRefreshFailed: true,
        ...(previous?.data ? { data: previous.data } : {}),
        apiCalls: {},
      };
    }
    await this.options.cache.set(
      snapshotKey(cluster.name),
      snapshot as unknown as JsonValue,
      {
        ttl: CACHE_TTL_MS,
      },
    );
    return snapshot;
  }
}
