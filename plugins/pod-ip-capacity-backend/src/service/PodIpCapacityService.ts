import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { durationToMilliseconds } from '@backstage/types';
import {
  ClusterDetailResponse,
  ClusterSummary,
  ClustersResponse,
  computeOwnerUsage,
  EntityCapacityResponse,
  GetHistory,
  HistoryResponse,
  ListNodes,
  NodeDetailResponse,
  NodeRow,
  NodesPage,
  NodeUsage,
  OverviewResponse,
  OwnersResponse,
  RefreshResponse,
  toEntityUsage,
  WorkloadSource,
  AddReplicasResponse,
  ClusterFixesResponse,
  ClusterForesightResponse,
  RolloutResponse,
  RotateResponse,
  WhatIfAddReplicas,
  WhatIfRollout,
  WhatIfRotate,
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
import { EntityView } from './entityView';
import { summarizeOwners } from './summarizeOwners';
import { perSnapshot } from './perSnapshot';
import { TooManyRequestsError } from './errors';
import { HistoryDatabase } from '../history/HistoryDatabase';
import { CapacitySnapshotData } from '../collection/types';
import { entityRunOut } from '../forecasts/entityRunOut';
import { foresightResponse, landingWarningsOf } from './foresightViews';
import {
  addReplicasAnswer,
  rolloutAnswer,
  rotateAnswer,
  WhatIfCluster,
  whatIfEntity,
} from './whatIf';

const DAY = 24 * 3_600_000;
/** Points a history series has by default, and at the most. */
const DEFAULT_HISTORY_POINTS = 300;
const MAX_HISTORY_POINTS = 1000;
import {
  compareRows,
  compareSubnetsByUrgency,
  matchesQuery,
  toNodeRow,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { entityRefInput } from './entityRefInput';

/** Node rows per page when the caller does not say. */
const DEFAULT_NODE_PAGE = 50;

/**
 * What the REST API (and automation) can ask of Pod IP Capacity. Reads
 * stored snapshots and shapes answers; never collects, except `refresh`.
 * Permission checks are the caller's (the router's); catalog reads use the
 * caller's credentials, so an entity the caller may not see is unknown.
 */
export class PodIpCapacityService {
  private readonly store: CapacityStore;
  private readonly history: HistoryDatabase;
  private readonly catalog: CatalogReader;
  private readonly refreshFrequencyMs: number;
  private readonly now: () => Date;

  constructor(options: {
    store: CapacityStore;
    history: HistoryDatabase;
    settings: PodIpCapacityConfig;
    catalog: CatalogService;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.history = options.history;
    this.catalog = new CatalogReader(
      options.catalog,
      options.logger,
      options.settings.catalog.requestTimeoutMs,
    );
    this.refreshFrequencyMs = durationToMilliseconds(
      options.settings.refreshFrequency,
    );
    this.now = options.now ?? (() => new Date());
  }

  async listClusters(): Promise<ClustersResponse> {
    const { problems, entries } = await this.readSnapshots();
    return {
      clusters: entries.map(({ cluster, stored, refreshing }) =>
        this.summarize(cluster.name, stored, cluster, refreshing),
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
      ...this.summarize(name, entry.stored, entry.cluster, entry.refreshing),
      ...(data ? { capacity: data.capacity } : {}),
      ...(data?.forecasts ? { forecast: data.forecasts } : {}),
    };
  }

  /** Every cluster's summary, node groups and subnets: no per-node detail. */
  async getOverview(): Promise<OverviewResponse> {
    const { problems, entries, sources } = await this.readData();
    const nodeGroups: OverviewResponse['nodeGroups'] = [];
    const subnets: OverviewResponse['subnets'] = [];
    entries.forEach(({ cluster }, i) => {
      for (const nodeGroup of sources[i]?.capacity.nodeGroups ?? []) {
        nodeGroups.push({ cluster: cluster.name, nodeGroup });
      }
      const forecasts = new Map(
        (sources[i]?.forecasts?.subnets ?? []).map(f => [f.subnetId, f]),
      );
      for (const subnet of sources[i]?.capacity.subnets ?? []) {
        const forecast = forecasts.get(subnet.subnetId);
        subnets.push({
          cluster: cluster.name,
          subnet,
          ...(forecast ? { forecast } : {}),
        });
      }
    });
    subnets.sort(compareSubnetsByUrgency);
    return {
      clusters: entries.map(({ cluster, stored, refreshing }) =>
        this.summarize(cluster.name, stored, cluster, refreshing),
      ),
      nodeGroups,
      subnets,
      problems,
      nextNodeWarnings: entries.flatMap(({ cluster }, i) =>
        landingWarningsOf(cluster.name, sources[i]),
      ),
    };
  }

  /**
   * One page of node rows, filtered and sorted; with `entityRef`, only the
   * nodes running the entity's pods, with its pods on each. The sorted rows
   * are kept per snapshot version and query: a page is a slice of them.
   */
  async listNodes(
    query: ListNodes['query'],
    credentials: BackstageCredentials,
  ): Promise<NodesPage> {
    const view = query.entityRef
      ? await this.entityView(query.entityRef, credentials)
      : undefined;
    const { entries, sources } = view ?? (await this.readData());
    const selected: Array<{ cluster: string; source: CapacitySnapshotData }> =
      [];
    entries.forEach(({ cluster }, i) => {
      const source = sources[i];
      if (source && (!query.cluster || query.cluster === cluster.name)) {
        selected.push({ cluster: cluster.name, source });
      }
    });
    const sort = query.sort ?? 'name';
    const order = query.order ?? 'asc';
    const rows = perSnapshot(
      selected.map(s => s.source),
      `nodes ${JSON.stringify([
        selected.map(s => s.cluster),
        view?.key ?? '',
        query.q ?? '',
        sort,
        order,
      ])}`,
      () => {
        const all: NodeRow[] = [];
        for (const { cluster, source } of selected) {
          const clusterRows = view
            ? this.entityNodeRows(cluster, source, view)
            : perSnapshot([source], 'node rows', () =>
                source.capacity.nodes.map(node => toNodeRow(cluster, node)),
              );
          for (const row of clusterRows) {
            if (matchesQuery(row, query.q)) all.push(row);
          }
        }
        return all.sort(compareRows(sort, order));
      },
    );
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_NODE_PAGE;
    return {
      items: rows.slice(offset, offset + limit),
      total: rows.length,
      offset,
      limit,
    };
  }

  /** The nodes of one cluster that run an entity's pods, each with them. */
  private entityNodeRows(
    cluster: string,
    source: CapacitySnapshotData,
    view: EntityView,
  ): NodeRow[] {
    return perSnapshot([source], `entity node rows ${view.key}`, () => {
      const usage = view.usageOf(source);
      const pods = new Map<string, number>();
      const nodes = new Map<string, NodeUsage>();
      for (const workload of usage.entities) {
        for (const n of workload.nodes) {
          pods.set(n.node.name, (pods.get(n.node.name) ?? 0) + n.workloadPods);
          nodes.set(n.node.name, n.node);
        }
      }
      return [...nodes.values()].map(node => ({
        ...toNodeRow(cluster, node),
        workloadPods: pods.get(node.name)!,
      }));
    });
  }

  /** One node in full, with the per-ENI report. */
  async getNode(
    clusterName: string,
    nodeName: string,
  ): Promise<NodeDetailResponse> {
    const detail = await this.getCluster(clusterName);
    const node = detail.capacity?.nodes.find(n => n.name === nodeName);
    if (!node) {
      throw new NotFoundError(
        `No node named '${nodeName.slice(0, 100)}' in cluster ${clusterName}.`,
      );
    }
    return { cluster: clusterName, snapshot: detail.snapshot, node };
  }

  /**
   * One thing's history between two instants, merged into buckets: at most
   * `MAX_HISTORY_POINTS` per series, never an unbounded answer.
   */
  async getHistory(query: GetHistory['query']): Promise<HistoryResponse> {
    if (query.kind !== 'entity' && !query.cluster) {
      throw new InputError(`A ${query.kind} history needs a cluster.`);
    }
    if (query.kind !== 'cluster' && !query.key) {
      throw new InputError(
        `A ${query.kind} history needs a key (the subnet id, node group name or entity ref).`,
      );
    }
    const to = query.to ? Date.parse(query.to) : this.now().getTime();
    const from = query.from ? Date.parse(query.from) : to - 7 * DAY;
    if (!(from < to)) {
      throw new InputError('`from` must be before `to`.');
    }
    const stepMs = query.step
      ? query.step * 1000
      : Math.max(
          this.refreshFrequencyMs,
          Math.ceil((to - from) / DEFAULT_HISTORY_POINTS / 60_000) * 60_000,
        );
    if ((to - from) / stepMs > MAX_HISTORY_POINTS) {
      throw new InputError(
        `That is more than ${MAX_HISTORY_POINTS} points per series: choose a step of at least ${Math.ceil(
          (to - from) / MAX_HISTORY_POINTS / 1000,
        )} s, or a shorter range.`,
      );
    }
    const [series, first] = await Promise.all([
      this.history.readSeries({
        cluster: query.cluster,
        kind: query.kind,
        key: query.key ?? '',
        from,
        to,
        stepMs,
      }),
      this.history.firstAt(query.cluster),
    ]);
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      stepSeconds: Math.round(stepMs / 1000),
      ...(first !== undefined
        ? { collectingSince: new Date(first).toISOString() }
        : {}),
      series: series.map(s => ({
        ...s,
        points: s.points.map(p => ({ ...p, at: new Date(p.at).toISOString() })),
      })),
    };
  }

  async getEntityCapacity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityCapacityResponse> {
    const view = await this.entityView(entityRef, credentials);
    const { entity, counted, problems, entries, sources } = view;
    return {
      entity: toCountedEntity(entity),
      entities: counted.map(toCountedEntity),
      problems,
      clusters: entries.map(({ cluster, stored, refreshing }, i) => {
        const summary = this.summarize(
          cluster.name,
          stored,
          cluster,
          refreshing,
        );
        const source = sources[i];
        const usage = source ? view.usageOf(source) : undefined;
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
                // Counts, not the pod and node lists: the same size at
                // 8,000 pods as at 3 (GET /nodes?entityRef= pages the nodes).
                usage: perSnapshot([source], `entity view ${view.key}`, () =>
                  toEntityUsage(usage),
                ),
                share: {
                  podIps: usage.podsWithVpcIp,
                  clusterHeldIps: source.capacity.totals.heldIps,
                },
                ...(source.forecasts
                  ? { runOut: entityRunOut(usage, source.forecasts) }
                  : {}),
              }
            : {}),
        };
      }),
    };
  }

  /**
   * An entity as the caller may see it (the catalog answers with the
   * caller's permissions: an entity the caller may not read is as unknown
   * as one that does not exist), what it counts, and its usage in each
   * snapshot: computed once per snapshot version and selection.
   */
  private async entityView(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityView> {
    const ref = entityRefInput(entityRef);
    const entity = await this.catalog.getEntity(ref, credentials);
    if (!entity) {
      throw new NotFoundError(`No entity ${stringifyEntityRef(ref)}`);
    }
    const counted = await this.catalog.countedEntities(entity, credentials);
    const { selections, problems } = selectionsOf(counted);
    const owner = stringifyEntityRef(entity);
    const key = `${owner} ${JSON.stringify(selections)}`;
    return {
      entity,
      counted,
      key,
      ...(await this.readData()),
      // The entity's problems, not the cluster listing's.
      problems,
      usageOf: source =>
        perSnapshot([source], `entity ${key}`, () =>
          computeOwnerUsage(owner, selections, [source]),
        ),
    };
  }

  async listOwners(credentials: BackstageCredentials): Promise<OwnersResponse> {
    const sources = (await this.readData()).sources.filter(
      (s): s is WorkloadSource => !!s,
    );
    return summarizeOwners({ catalog: this.catalog, credentials, sources });
  }

  /** Where each pool's next node lands, and the warm pools explained. */
  async getClusterForesight(name: string): Promise<ClusterForesightResponse> {
    const cluster = await this.whatIfCluster(name);
    return foresightResponse(name, cluster.snapshot, cluster.data);
  }

  /** Ready-made fixes of a cluster's subnets at risk (or of one subnet). */
  async getClusterFixes(
    name: string,
    subnet?: string,
  ): Promise<ClusterFixesResponse> {
    const cluster = await this.whatIfCluster(name);
    const all = cluster.data?.fixes ?? [];
    if (
      subnet &&
      cluster.data &&
      !cluster.data.capacity.subnets.some(s => s.subnetId === subnet)
    ) {
      throw new NotFoundError(
        `Cluster ${name} has no subnet '${subnet.slice(0, 100)}'.`,
      );
    }
    return {
      cluster: name,
      snapshot: cluster.snapshot,
      subnets: subnet ? all.filter(f => f.subnetId === subnet) : all,
    };
  }

  /**
   * Every subnet that is not `ok` (or is at risk), per cluster (or of the
   * named one), with its ready-made fixes: for automation.
   */
  async subnetsAtRisk(only?: string) {
    const { entries } = await this.readSnapshots();
    if (only && !entries.some(e => e.cluster.name === only)) {
      throw new NotFoundError(`No cluster named '${only.slice(0, 100)}'.`);
    }
    const selected = only
      ? entries.filter(e => e.cluster.name === only)
      : entries;
    const sources = await this.dataOf(selected);
    return selected.flatMap(({ cluster }, i) => {
      const data = sources[i];
      const fixes = new Map((data?.fixes ?? []).map(f => [f.subnetId, f]));
      return (data?.capacity.subnets ?? [])
        .filter(s => s.status !== 'ok' || s.atRisk)
        .map(s => ({
          cluster: cluster.name,
          subnetId: s.subnetId,
          cidr: s.cidr,
          ...(s.availabilityZone
            ? { availabilityZone: s.availabilityZone }
            : {}),
          status: s.status,
          atRisk: s.atRisk,
          freePrefixBlocks: s.freePrefixBlocks,
          availableIps: s.available,
          fixes: (fixes.get(s.subnetId)?.fixes ?? []) as unknown as Array<
            Record<string, unknown>
          >,
        }));
    });
  }

  /** "Add N replicas of this service", from the stored snapshots. */
  async whatIfAddReplicas(
    query: WhatIfAddReplicas['query'],
    credentials: BackstageCredentials,
  ): Promise<AddReplicasResponse> {
    const asked = await whatIfEntity(
      this.catalog,
      query.entityRef,
      credentials,
    );
    return addReplicasAnswer(
      asked,
      await this.whatIfClusters(query.cluster),
      query.replicas,
    );
  }

  /** "Roll out with maxSurge S", per Deployment of the entity. */
  async whatIfRollout(
    query: WhatIfRollout['query'],
    credentials: BackstageCredentials,
  ): Promise<RolloutResponse> {
    const asked = await whatIfEntity(
      this.catalog,
      query.entityRef,
      credentials,
    );
    return rolloutAnswer(
      asked,
      await this.whatIfClusters(query.cluster),
      query.maxSurge,
    );
  }

  /** "Rotate node group G". */
  async whatIfRotate(query: WhatIfRotate['query']): Promise<RotateResponse> {
    const cluster = await this.whatIfCluster(query.cluster);
    if (!cluster.data) {
      throw new ServiceUnavailableError(
        `Cluster ${query.cluster} has no good snapshot yet; try again after its first refresh.`,
      );
    }
    return rotateAnswer(
      { ...cluster, data: cluster.data },
      query.nodeGroup,
      query.concurrent,
    );
  }

  /** Every cluster (or the named one) with its snapshot info and data, for what-ifs. */
  private async whatIfClusters(only?: string): Promise<WhatIfCluster[]> {
    if (only) return [await this.whatIfCluster(only)];
    const { entries, sources } = await this.readData();
    return entries.map(({ cluster, stored, refreshing }, i) => ({
      name: cluster.name,
      snapshot: this.summarize(cluster.name, stored, cluster, refreshing)
        .snapshot,
      data: sources[i],
    }));
  }

  private async whatIfCluster(name: string): Promise<WhatIfCluster> {
    const { entries } = await this.readSnapshots();
    const entry = entries.find(e => e.cluster.name === name);
    if (!entry) {
      throw new NotFoundError(
        `No cluster named '${name.slice(0, 100)}'. Known clusters: ${
          entries.map(e => e.cluster.name).join(', ') || 'none yet'
        }.`,
      );
    }
    const [data] = await this.dataOf([entry]);
    return {
      name,
      snapshot: this.summarize(
        name,
        entry.stored,
        entry.cluster,
        entry.refreshing,
      ).snapshot,
      data,
    };
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

  /**
   * Every known cluster with its snapshot and whether any replica refreshes
   * it now, in the order of the listing: three small reads whatever the
   * clusters' size, shared by concurrent requests (`readShared`).
   */
  private async readSnapshots() {
    // One read shared by the requests that ask while it runs.
    const { list, records, leased } = await this.store.readShared();
    const clusters = list?.clusters ?? [];
    const refreshing = this.store.refreshingOf(
      clusters.map(c => c.name),
      leased,
    );
    return {
      problems: list?.problem ? [list.problem] : [],
      entries: clusters.map(cluster => ({
        cluster,
        stored: records.get(cluster.name),
        refreshing: refreshing.has(cluster.name),
      })),
    };
  }

  /** `readSnapshots` with each snapshot's data, where there is one. */
  private async readData() {
    const { problems, entries } = await this.readSnapshots();
    return { problems, entries, sources: await this.dataOf(entries) };
  }

  private dataOf(
    entries: Array<{ stored?: StoredSnapshot<CapacitySummary> }>,
  ): Promise<Array<CapacitySnapshotData | undefined>> {
    return Promise.all(
      entries.map(e => (e.stored ? this.store.getData(e.stored) : undefined)),
    );
  }

  private summarize(
    name: string,
    stored: StoredSnapshot<CapacitySummary> | undefined,
    listing: { title?: string; authProvider?: string },
    refreshing: boolean,
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
        refreshing,
      }),
      ...(summary
        ? { ipFamily: summary.ipFamily, totals: summary.totals }
        : {}),
      subnetsAtRisk: summary?.subnetsAtRisk ?? [],
      ...(summary?.runOut ? { runOut: summary.runOut } : {}),
    };
  }
}
