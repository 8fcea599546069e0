import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { durationToMilliseconds } from '@backstage/types';
import {
  ClusterDetailResponse,
  ClusterSummary,
  ClustersResponse,
  computeOwnerUsage,
  EntityCapacityResponse,
  OwnersResponse,
  RefreshResponse,
  WorkloadSource,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { PodIpCapacityConfig } from '../config';
import { CapacityStore, CapacitySummary } from '../snapshots/capacitySnapshots';
import { StoredSnapshot } from '../snapshots/SnapshotStore';
import { toSnapshotInfo } from './snapshotInfo';
import {
  CatalogReader,
  selectionsOf,
  toCountedEntity,
} from './countedEntities';
import { summarizeOwners } from './summarizeOwners';
import { TooManyRequestsError } from './errors';

/**
 * What the REST API (and automation) can ask of Pod IP Capacity. Reads
 * stored snapshots and shapes answers; never collects, except `refresh`.
 * Permission checks are the caller's (the router's); catalog reads use the
 * caller's credentials, so an entity the caller may not see is unknown.
 */
export class PodIpCapacityService {
  private readonly store: CapacityStore;
  private readonly catalog: CatalogReader;
  private readonly refreshFrequencyMs: number;
  private readonly now: () => Date;

  constructor(options: {
    store: CapacityStore;
    settings: PodIpCapacityConfig;
    catalog: CatalogService;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.catalog = new CatalogReader(options.catalog, options.logger);
    this.refreshFrequencyMs = durationToMilliseconds(
      options.settings.refreshFrequency,
    );
    this.now = options.now ?? (() => new Date());
  }

  async listClusters(): Promise<ClustersResponse> {
    const { problems, entries } = await this.readSnapshots();
    return {
      clusters: entries.map(({ cluster, stored }) =>
        this.summarize(cluster.name, stored, cluster),
      ),
      problems,
    };
  }

  async getCluster(name: string): Promise<ClusterDetailResponse> {
    const { entries } = await this.readSnapshots();
    const entry = entries.find(e => e.cluster.name === name);
    if (!entry) {
      throw new NotFoundError(
        `No cluster named '${name.slice(0, 100)}'. Known clusters: ${
          entries.map(e => e.cluster.name).join(', ') || 'none yet'
        }.`,
      );
    }
    const data = entry.stored && (await this.store.getData(entry.stored));
    return {
      ...this.summarize(name, entry.stored, entry.cluster),
      ...(data ? { capacity: data.capacity } : {}),
    };
  }

  async getEntityCapacity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityCapacityResponse> {
    let ref;
    try {
      ref = parseEntityRef(entityRef);
    } catch (error) {
      throw new InputError(
        `Malformed entityRef: ${
          (error as Error).message
        }. Expected kind:namespace/name, e.g. component:default/checkout-api.`,
      );
    }
    // The catalog answers with the caller's permissions: an entity the
    // caller may not read is as unknown as one that does not exist.
    const entity = await this.catalog.getEntity(ref, credentials);
    if (!entity) {
      throw new NotFoundError(`No entity ${stringifyEntityRef(ref)}`);
    }
    const counted = await this.catalog.countedEntities(entity, credentials);
    const { selections, problems } = selectionsOf(counted);
    const owner = stringifyEntityRef(entity);
    const { entries } = await this.readSnapshots();
    const sources = await this.dataOf(entries);
    return {
      entity: toCountedEntity(entity),
      entities: counted.map(toCountedEntity),
      problems,
      clusters: entries.map(({ cluster, stored }, i) => {
        const summary = this.summarize(cluster.name, stored, cluster);
        const source = sources[i];
        const usage = source
          ? computeOwnerUsage(owner, selections, [source])
          : undefined;
        return {
          cluster: {
            name: summary.name,
            ...(summary.title ? { title: summary.title } : {}),
            ...(summary.authProvider
              ? { authProvider: summary.authProvider }
              : {}),
            ...(summary.region ? { region: summary.region } : {}),
            ...(summary.accountId ? { accountId: summary.accountId } : {}),
          },
          snapshot: summary.snapshot,
          ...(usage && source
            ? {
                usage,
                share: {
                  podIps: usage.podsWithVpcIp,
                  clusterHeldIps: source.capacity.totals.heldIps,
                },
              }
            : {}),
        };
      }),
    };
  }

  async listOwners(credentials: BackstageCredentials): Promise<OwnersResponse> {
    const { entries } = await this.readSnapshots();
    const sources = (await this.dataOf(entries)).filter(
      (s): s is WorkloadSource => !!s,
    );
    return summarizeOwners({ catalog: this.catalog, credentials, sources });
  }

  /**
   * Starts refreshing every cluster (or the named one), except clusters
   * refreshed less than the cooldown ago: the answer says when those may be
   * refreshed again. When nothing at all would be refreshed, a 429 says so.
   */
  async refresh(cluster?: string): Promise<RefreshResponse> {
    const list = (await this.store.getClusterList())?.clusters ?? [];
    if (cluster && list.length > 0 && !list.some(c => c.name === cluster)) {
      throw new NotFoundError(`No cluster named '${cluster.slice(0, 100)}'`);
    }
    const plan = await this.store.requestRefresh(
      cluster ? [cluster] : undefined,
    );
    const refreshing = [...plan.running, ...plan.started].sort();
    if (refreshing.length === 0 && plan.coolingDown.length > 0) {
      const next = plan.coolingDown.map(c => c.nextRefreshAt).sort()[0];
      throw new TooManyRequestsError(
        `${plan.coolingDown.map(c => c.cluster).join(', ')} ${
          plan.coolingDown.length === 1 ? 'was' : 'were'
        } refreshed moments ago; the next refresh may start at ${next}.`,
        new Date(next),
        this.now(),
      );
    }
    return { refreshing, coolingDown: plan.coolingDown };
  }

  /** Every known cluster with its snapshot, in the order of the listing. */
  private async readSnapshots() {
    const list = await this.store.getClusterList();
    const clusters = list?.clusters ?? [];
    const snapshots = await Promise.all(
      clusters.map(c => this.store.getSnapshot(c.name)),
    );
    return {
      problems: list?.problem ? [list.problem] : [],
      entries: clusters.map((cluster, i) => ({
        cluster,
        stored: snapshots[i],
      })),
    };
  }

  private dataOf(
    entries: Array<{ stored?: StoredSnapshot<CapacitySummary> }>,
  ): Promise<Array<WorkloadSource | undefined>> {
    return Promise.all(
      entries.map(e => (e.stored ? this.store.getData(e.stored) : undefined)),
    );
  }

  private summarize(
    name: string,
    stored: StoredSnapshot<CapacitySummary> | undefined,
    listing: { title?: string; authProvider?: string },
  ): ClusterSummary {
    const summary = stored?.summary;
    return {
      name,
      ...(listing.title ? { title: listing.title } : {}),
      ...(listing.authProvider ? { authProvider: listing.authProvider } : {}),
      ...(stored?.region ? { region: stored.region } : {}),
      ...(stored?.accountId ? { accountId: stored.accountId } : {}),
      snapshot: toSnapshotInfo(stored, {
        now: this.now(),
        refreshFrequencyMs: this.refreshFrequencyMs,
        refreshing: this.store.isRefreshing(name),
      }),
      ...(summary
        ? { ipFamily: summary.ipFamily, totals: summary.totals }
        : {}),
      subnetsAtRisk: summary?.subnetsAtRisk ?? [],
    };
  }
}
