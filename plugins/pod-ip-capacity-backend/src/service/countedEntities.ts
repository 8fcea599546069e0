import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CATALOG_FILTER_EXISTS,
  EntityFilterQuery,
} from '@backstage/catalog-client';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  CountedEntity,
  EntityProblem,
  hasKubernetesAnnotations,
  selectionOf,
  WorkloadSelection,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { describeForLog } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { withTimeout } from '../lib/withTimeout';

/** The entity fields entity views read: kind, names, annotations, owner. */
export const COUNTED_ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'relations',
];

/** Every entity with pods to count: either Kubernetes annotation set. */
export const COUNTED_ENTITY_FILTER: EntityFilterQuery = [
  {
    [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]: CATALOG_FILTER_EXISTS,
  },
  {
    [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]:
      CATALOG_FILTER_EXISTS,
  },
];

export function toCountedEntity(entity: Entity): CountedEntity {
  return {
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind,
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
  };
}

/**
 * The selections of some entities, and the entities whose annotations cannot
 * be read (reported, not counted; the others are still served).
 */
export function selectionsOf(entities: Entity[]): {
  selections: WorkloadSelection[];
  problems: EntityProblem[];
} {
  const selections: WorkloadSelection[] = [];
  const problems: EntityProblem[] = [];
  for (const entity of entities) {
    const result = selectionOf(entity, stringifyEntityRef(entity));
    if ('problem' in result) problems.push(result.problem);
    else selections.push(result.selection);
  }
  return { selections, problems };
}

/**
 * Catalog calls made for a request. A failure is reported in our own words:
 * the catalog's error (its stack, the nested response body) is logged,
 * redacted, and never passed on to the caller.
 */
export class CatalogReader {
  /** Calls under way, by caller and question: see `call`. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly logger: LoggerService,
    /** A catalog that does not answer in time is a 503, not a hung request. */
    private readonly requestTimeoutMs: number,
  ) {}

  async getEntity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    return this.call(['getEntityByRef', ref], credentials, () =>
      this.catalog.getEntityByRef(ref, { credentials }),
    );
  }

  async getEntities(
    request: Parameters<CatalogService['getEntities']>[0],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    return this.call(
      ['getEntities', request],
      credentials,
      async () =>
        (await this.catalog.getEntities(request, { credentials })).items,
    );
  }

  async getEntitiesByRefs(
    entityRefs: string[],
    fields: string[],
    credentials: BackstageCredentials,
  ): Promise<Array<Entity | undefined>> {
    if (entityRefs.length === 0) return [];
    return this.call(
      ['getEntitiesByRefs', entityRefs, fields],
      credentials,
      async () =>
        (
          await this.catalog.getEntitiesByRefs(
            { entityRefs, fields },
            { credentials },
          )
        ).items,
    );
  }

  /**
   * The entities an entity view counts: a Group's or User's owned entities (a
   * User's include what its groups own), a System's or Domain's parts, or the
   * entity itself. Only entities the caller may read are returned: the
   * catalog applies the caller's permissions.
   */
  async countedEntities(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const ref = stringifyEntityRef(entity);
    let filter: Array<Record<string, string>> | undefined;
    switch (entity.kind.toLocaleLowerCase('en-US')) {
      case 'group':
        filter = [{ 'relations.ownedBy': ref }];
        break;
      case 'user': {
        const groups = (entity.relations ?? [])
          .filter(r => r.type === RELATION_MEMBER_OF)
          .map(r => r.targetRef);
        filter = [ref, ...groups].map(owner => ({
          'relations.ownedBy': owner,
        }));
        break;
      }
      case 'system':
      case 'domain':
        filter = [{ 'relations.partOf': ref }];
        break;
      default:
        return hasKubernetesAnnotations(entity) ? [entity] : [];
    }
    const items = await this.getEntities(
      { filter, fields: COUNTED_ENTITY_FIELDS },
      credentials,
    );
    const seen = new Set<string>();
    return items
      .filter(hasKubernetesAnnotations)
      .filter(e => {
        const key = stringifyEntityRef(e);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) =>
        stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
      );
  }

  /**
   * One catalog call, or a share of the same call by the same caller that
   * is already under way: a hundred tabs opening one page ask the catalog
   * once. Nothing is kept once the call has answered (no staleness beyond
   * the call itself), and callers are told apart by their principal, since
   * the catalog answers with each caller's permissions.
   */
  private call<T>(
    question: unknown[],
    credentials: BackstageCredentials,
    run: () => Promise<T>,
  ): Promise<T> {
    const key = JSON.stringify([credentials.principal, question]);
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const call = this.callNow(run).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }

  private async callNow<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(run(), this.requestTimeoutMs);
    } catch (error) {
      this.logger.warn(
        `Pod IP capacity: the catalog could not be read: ${describeForLog(
          error,
        )}`,
      );
      throw new ServiceUnavailableError(
        'The software catalog could not be read just now; try again in a moment.',
      );
    }
  }
}
