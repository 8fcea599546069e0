import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { WorkloadSelection } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { describeForLog } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { withTimeout } from '../lib/withTimeout';
import {
  COUNTED_ENTITY_FIELDS,
  COUNTED_ENTITY_FILTER,
  selectionsOf,
} from '../service/countedEntities';

/** An entity's owners: its `ownedBy` relations, else its `spec.owner`. */
function ownersOf(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
  if (related.length > 0) return [...new Set(related)].sort();
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return [];
  try {
    return [
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    ];
  } catch {
    return [];
  }
}

/** How long one read of the catalog serves the refreshes that follow it. */
const TTL_MS = 5 * 60_000;

/**
 * Every catalog entity whose pods can be counted (the Kubernetes plugin's
 * annotations), as workload selections, read with the plugin's own
 * credentials: the history keeps one series per entity, whoever may later
 * see it (reads check the caller's permissions). One catalog read serves
 * every cluster of a refresh round; a failed read keeps the last list.
 */
export class EntityDirectory {
  private cached?: {
    at: number;
    selections: WorkloadSelection[];
    owners: Map<string, string[]>;
  };

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** How long one catalog read may take before the refresh goes on. */
      requestTimeoutMs: number;
      now?: () => number;
    },
  ) {}

  async selections(): Promise<WorkloadSelection[]> {
    return (await this.read())?.selections ?? [];
  }

  /** Each selection with its entity's owners (entity refs), for alerts. */
  async withOwners(): Promise<
    Array<{ selection: WorkloadSelection; owners: string[] }>
  > {
    const read = await this.read();
    return (read?.selections ?? []).map(selection => ({
      selection,
      owners: read?.owners.get(selection.entityRef!) ?? [],
    }));
  }

  private async read() {
    const now = this.deps.now?.() ?? Date.now();
    if (this.cached && now - this.cached.at < TTL_MS) {
      return this.cached;
    }
    try {
      const { items } = await withTimeout(
        this.deps.catalog.getEntities(
          {
            filter: COUNTED_ENTITY_FILTER,
            fields: COUNTED_ENTITY_FIELDS,
          },
          { credentials: await this.deps.auth.getOwnServiceCredentials() },
        ),
        this.deps.requestTimeoutMs,
      );
      this.cached = {
        at: now,
        selections: selectionsOf(items).selections,
        owners: new Map(items.map(e => [stringifyEntityRef(e), ownersOf(e)])),
      };
    } catch (error) {
      this.deps.logger.warn(
        `Pod IP capacity: could not read the catalog for entity history: ${describeForLog(
          error,
        )}`,
      );
    }
    return this.cached;
  }
}
