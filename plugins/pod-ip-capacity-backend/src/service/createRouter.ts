import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { durationToMilliseconds } from '@backstage/types';
import {
  ClusterDetailResponse,
  ClusterSummary,
  ClustersResponse,
  computeOwnerUsage,
  EntityCapacityResponse,
  OwnersResponse,
  podIpCapacityReadPermission,
  podIpCapacityRefreshPermission,
  RefreshResponse,
  WorkloadSource,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import express from 'express';
import { PodIpCapacityConfig } from '../config';
import {
  CapacityStore,
  CapacitySummary,
} from '../snapshots/createCapacityStore';
import { StoredSnapshot } from '../snapshots/SnapshotStore';
import { openApiSpec } from '../schema/openApiSpec';
import { toSnapshotInfo } from './snapshotInfo';
import {
  countedEntities,
  selectionOf,
  toCountedEntity,
} from './countedEntities';
import { summarizeOwners } from './summarizeOwners';

export interface RouterOptions {
  store: CapacityStore;
  settings: PodIpCapacityConfig;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  /** Validate responses against the OpenAPI spec too (tests turn this on). */
  validateResponses?: boolean;
  now?: () => Date;
}

/**
 * The REST API: authenticate (the http router requires credentials on every
 * route but /health), check permission, validate input against the OpenAPI
 * spec, read snapshots, shape the response. Never collects anything itself,
 * except on POST /refresh.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, settings, httpAuth, permissions, catalog } = options;
  const now = options.now ?? (() => new Date());
  const refreshFrequencyMs = durationToMilliseconds(settings.refreshFrequency);
  // The spec's schemas are built with small helpers, so TypeScript cannot
  // infer request types from it: the handlers use the common package's
  // response types, and the validator enforces the spec at run time.
  const router = createValidatedOpenApiRouter(
    openApiSpec as unknown as Parameters<
      typeof createValidatedOpenApiRouter
    >[0],
    {
      validatorOptions: {
        validateResponses: options.validateResponses ?? false,
      },
    },
  ) as unknown as express.Router;

  const requirePermission = async (
    req: express.Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== 'ALLOW') {
      throw new NotAllowedError(
        `You may not use this: the ${permission.name} permission is required.`,
      );
    }
    return credentials;
  };

  /** Every known cluster with its snapshot, in the order of the listing. */
  const readSnapshots = async () => {
    const list = await store.getClusterList();
    const clusters = list?.clusters ?? [];
    const snapshots = await Promise.all(
      clusters.map(c => store.getSnapshot(c.name)),
    );
    return {
      problems: list?.problem ? [list.problem] : [],
      entries: clusters.map((cluster, i) => ({
        cluster,
        stored: snapshots[i],
      })),
    };
  };

  const summarize = (
    name: string,
    stored: StoredSnapshot<CapacitySummary> | undefined,
    listing: { title?: string; authProvider?: string },
  ): ClusterSummary => {
    const summary = stored?.summary;
    return {
      name,
      ...(listing.title ? { title: listing.title } : {}),
      ...(listing.authProvider ? { authProvider: listing.authProvider } : {}),
      ...(stored?.region ? { region: stored.region } : {}),
      ...(stored?.accountId ? { accountId: stored.accountId } : {}),
      snapshot: toSnapshotInfo(stored, {
        now: now(),
        refreshFrequencyMs,
        refreshing: store.isRefreshing(name),
      }),
      ...(summary
        ? { ipFamily: summary.ipFamily, totals: summary.totals }
        : {}),
      subnetsAtRisk: summary?.subnetsAtRisk ?? [],
    };
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clusters', async (req, res) => {
    await requirePermission(req, podIpCapacityReadPermission);
    const { problems, entries } = await readSnapshots();
    const body: ClustersResponse = {
      clusters: entries.map(({ cluster, stored }) =>
        summarize(cluster.name, stored, cluster),
      ),
      problems,
    };
    res.json(body);
  });

  router.get('/clusters/:name', async (req, res) => {
    await requirePermission(req, podIpCapacityReadPermission);
    const name = req.params.name;
    const { entries } = await readSnapshots();
    const entry = entries.find(e => e.cluster.name === name);
    if (!entry) {
      throw new NotFoundError(
        `No cluster named '${name}'. Known clusters: ${
          entries.map(e => e.cluster.name).join(', ') || 'none yet'
        }.`,
      );
    }
    const data = entry.stored && (await store.getData(entry.stored));
    const capacity = data?.capacity;
    const body: ClusterDetailResponse = {
      ...summarize(name, entry.stored, entry.cluster),
      ...(capacity ? { capacity } : {}),
    };
    res.json(body);
  });

  router.get('/entity', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const raw = String(req.query.entityRef ?? '');
    let ref;
    try {
      ref = parseEntityRef(raw);
    } catch (error) {
      throw new InputError(
        `Malformed entityRef '${raw}': ${
          (error as Error).message
        }. Expected kind:namespace/name, e.g. component:default/checkout-api.`,
      );
    }
    // The catalog answers with the caller's permissions: an entity the
    // caller may not read is as unknown as one that does not exist.
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${stringifyEntityRef(ref)}`);
    }
    const counted = await countedEntities(entity, catalog, credentials);
    const selections = counted.map(selectionOf);
    const owner = stringifyEntityRef(entity);
    const { entries } = await readSnapshots();
    const sources = await Promise.all(
      entries.map(e => (e.stored ? store.getData(e.stored) : undefined)),
    );
    const body: EntityCapacityResponse = {
      entity: toCountedEntity(entity),
      entities: counted.map(toCountedEntity),
      clusters: entries.map(({ cluster, stored }, i) => {
        const summary = summarize(cluster.name, stored, cluster);
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
    res.json(body);
  });

  router.get('/owners', async (req, res) => {
    const credentials = await requirePermission(
      req,
      podIpCapacityReadPermission,
    );
    const { entries } = await readSnapshots();
    const sources = (
      await Promise.all(
        entries.map(e => (e.stored ? store.getData(e.stored) : undefined)),
      )
    ).filter((s): s is WorkloadSource => !!s);
    const body: OwnersResponse = {
      owners: await summarizeOwners({ catalog, credentials, sources }),
    };
    res.json(body);
  });

  router.post('/refresh', async (req, res) => {
    await requirePermission(req, podIpCapacityRefreshPermission);
    const only = req.body?.cluster as string | undefined;
    const list = (await store.getClusterList())?.clusters ?? [];
    if (only && list.length > 0 && !list.some(c => c.name === only)) {
      throw new NotFoundError(`No cluster named '${only}'`);
    }
    // Answer at once: the refresh goes on, single-flight per cluster.
    const refresh = store.refreshAll(only ? [only] : undefined);
    refresh.catch(error =>
      options.logger.error(`Pod IP capacity: refresh failed: ${error}`),
    );
    const names = only ? [only] : list.map(c => c.name);
    const body: RefreshResponse = { refreshing: names };
    res.status(202).json(body);
  });

  return router;
}
