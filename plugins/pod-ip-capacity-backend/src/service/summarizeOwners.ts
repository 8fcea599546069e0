import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
} from '@backstage/plugin-kubernetes-common';
import {
  attributedNodeIps,
  computeOwnerUsage,
  OwnerSummary,
  WorkloadSource,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import {
  COUNTED_ENTITY_FIELDS,
  selectionOf,
  toCountedEntity,
} from './countedEntities';

/** The owner of an entity, as its ownedBy relation (or spec.owner) names it. */
function ownerOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/**
 * Every team that owns entities with Kubernetes annotations, with its pods
 * and the addresses their nodes hold for them, across all clusters; most
 * addresses held first.
 */
export async function summarizeOwners(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  sources: WorkloadSource[];
}): Promise<OwnerSummary[]> {
  const { catalog, credentials, sources } = options;
  const { items } = await catalog.getEntities(
    {
      filter: [
        {
          [`metadata.annotations.${KUBERNETES_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
      ],
      fields: COUNTED_ENTITY_FIELDS,
    },
    { credentials },
  );

  const byOwner = new Map<string, Entity[]>();
  for (const entity of items) {
    const owner = ownerOf(entity);
    if (!owner) continue;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), entity]);
  }

  const ownerRefs = [...byOwner.keys()];
  const { items: owners } = await catalog.getEntitiesByRefs(
    { entityRefs: ownerRefs, fields: ['kind', 'metadata'] },
    { credentials },
  );

  return ownerRefs
    .map((ownerRef, i) => {
      const entities = byOwner.get(ownerRef)!;
      const usage = computeOwnerUsage(
        ownerRef,
        entities.map(selectionOf),
        sources,
      );
      let held = 0;
      let idle = 0;
      for (const workload of usage.entities) {
        const ips = attributedNodeIps(workload);
        held += ips.held;
        idle += ips.idle;
      }
      const ownerEntity = owners[i];
      const clusters = new Set(
        usage.entities.flatMap(w => w.nodes.map(n => n.cluster)),
      );
      return {
        owner: ownerEntity
          ? toCountedEntity(ownerEntity)
          : { entityRef: ownerRef, kind: parseEntityRef(ownerRef).kind },
        entities: entities.length,
        pods: usage.pods,
        podsWithVpcIp: usage.podsWithVpcIp,
        nodes: usage.nodes,
        nodeHeldIps: Math.round(held * 10) / 10,
        nodeIdleIps: Math.round(idle * 10) / 10,
        clusters: [...clusters].sort(),
      };
    })
    .sort(
      (a, b) =>
        b.nodeHeldIps - a.nodeHeldIps ||
        a.owner.entityRef.localeCompare(b.owner.entityRef),
    );
}
