import { JsonValue } from '@backstage/types';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { ClusterProblem, toClusterProblem } from '../lib/problems';
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

/** The result of one collection: the data, or the reason there is none. */
export interface CollectionResult<D> {
  data?: D;
  /** Where the cluster's EC2 side was found. */
  region?: string;
  accountId?: string;
  problems: ClusterProblem[];
  apiCalls: Record<string, Record<string, number>>;
}

export interface SnapshotStoreOptions<D, S> {
  cache: CacheService;
  logger: LoggerService;
  listClusters: () => Promise<KubernetesClusterListing[]>;
  /** Collects and computes one cluster; throws when nothing could be had. */
  collect: (cluster: KubernetesClusterListing) => Promise<CollectionResult<D>>;
  /** The small part of the data that cluster lists show. */
  summarize: (data: D) => S;
  /** Clusters refreshed at once. */
  concurrency?: number;
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

const CACHE_TTL_MS = 7 * 24 * 3600 * 1000;
const LIST_KEY = 'clusters:v2';
const snapshotKey = (cluster: string) => `snapshot:v2:${cluster}`;
const dataKey = (cluster: string) => `data:v2:${cluster}`;

/**
 * The only stateful part: keeps each cluster's last snapshot in Backstage's
 * cache (shared by the backend's replicas when the cache is Redis or
 * memcached). Reads never collect; refreshes are single-flight per cluster in
 * this process, and the scheduler makes sure one replica runs the periodic
 * refresh. A failed refresh keeps the last good data, marked as such.
 *
 * The data (every node, ENI, prefix and pod of a cluster) is stored apart
 * from its small snapshot record, and kept deserialised in this process by
 * version: a request reads the small record, and the big one only when a new
 * version has been collected since.
 */
export class SnapshotStore<D, S> {
  private readonly options: SnapshotStoreOptions<D, S>;
  private readonly inFlight = new Map<string, Promise<StoredSnapshot<S>>>();
  /** Refreshes of all (or of the named) clusters that have been asked for. */
  private readonly requested = new Set<{ only?: string[] }>();
  private readonly local = new Map<string, StoredData<D>>();
  private readonly now: () => Date;

  constructor(options: SnapshotStoreOptions<D, S>) {
    this.options = options;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The cluster is refreshing in this process, or a refresh that will include
   * it has been asked for: true from the moment `refreshAll` is called, so a
   * client polling after POST /refresh never sees the old state as final.
   */
  isRefreshing(cluster: string): boolean {
    if (this.inFlight.has(cluster)) return true;
    for (const request of this.requested) {
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
   * Returns when every refresh has ended; a cluster that fails does not stop
   * the others.
   */
  async refreshAll(only?: string[]): Promise<StoredSnapshot<S>[]> {
    const request = { only };
    this.requested.add(request);
    try {
      const clusters = await this.refreshClusterList();
      const selected = only
        ? clusters.filter(c => only.includes(c.name))
        : clusters;
      return await mapWithConcurrency(
        selected,
        this.options.concurrency ?? 2,
        c => this.refreshCluster(c),
      );
    } finally {
      this.requested.delete(request);
    }
  }

  /** Refreshes one cluster; joins a refresh already running for it. */
  refreshCluster(
    cluster: KubernetesClusterListing,
  ): Promise<StoredSnapshot<S>> {
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

  private async set(key: string, value: unknown) {
    await this.options.cache.set(key, value as JsonValue, {
      ttl: CACHE_TTL_MS,
    });
  }

  private async refreshClusterList(): Promise<KubernetesClusterListing[]> {
    try {
      const clusters = await this.options.listClusters();
      await this.set(LIST_KEY, {
        clusters,
        listedAt: this.now().toISOString(),
      });
      return clusters;
    } catch (error) {
      const previous = await this.getClusterList();
      const problem = toClusterProblem(error);
      this.options.logger.warn(
        `Pod IP capacity: could not list the Kubernetes plugin's clusters: ${problem.message}`,
      );
      await this.set(LIST_KEY, {
        clusters: previous?.clusters ?? [],
        listedAt: previous?.listedAt ?? this.now().toISOString(),
        problem,
      });
      return previous?.clusters ?? [];
    }
  }

  private async runRefresh(
    cluster: KubernetesClusterListing,
  ): Promise<StoredSnapshot<S>> {
    const started = this.now();
    const previous = await this.getSnapshot(cluster.name);
    let snapshot: StoredSnapshot<S>;
    try {
      const result = await this.options.collect(cluster);
      const finished = this.now();
      const version = started.toISOString();
      if (result.data !== undefined) {
        // Data first: a reader that sees the new record finds its data.
        this.local.set(cluster.name, { version, data: result.data });
        await this.set(dataKey(cluster.name), { version, data: result.data });
      }
      snapshot = {
        cluster,
        ...(result.region ? { region: result.region } : {}),
        ...(result.accountId ? { accountId: result.accountId } : {}),
        ...(result.data !== undefined
          ? {
              collectedAt: version,
              summary: this.options.summarize(result.data),
            }
          : {}),
        attemptedAt: finished.toISOString(),
        durationMs: finished.getTime() - started.getTime(),
        problems: result.problems,
        lastRefreshFailed: false,
        apiCalls: result.apiCalls,
      };
    } catch (error) {
      const finished = this.now();
      const problem = toClusterProblem(error);
      this.options.logger.warn(
        `Pod IP capacity: refresh of cluster ${cluster.name} failed: ${problem.message}`,
      );
      // The last good data stays where it is; the record keeps naming it.
      snapshot = {
        cluster,
        ...(previous?.region ? { region: previous.region } : {}),
        ...(previous?.accountId ? { accountId: previous.accountId } : {}),
        ...(previous?.collectedAt ? { collectedAt: previous.collectedAt } : {}),
        ...(previous?.summary ? { summary: previous.summary } : {}),
        attemptedAt: finished.toISOString(),
        durationMs: finished.getTime() - started.getTime(),
        problems: [problem],
        lastRefreshFailed: true,
        apiCalls: {},
      };
    }
    await this.set(snapshotKey(cluster.name), snapshot);
    return snapshot;
  }
}
