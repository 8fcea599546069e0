import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  apportionNodeIps,
  computeOwnerUsage,
  EntityProblem,
  OwnerSummary,
  OwnersResponse,
  WorkloadSource,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import {
  CatalogReader,
  COUNTED_ENTITY_FIELDS,
  COUNTED_ENTITY_FILTER,
  selectionsOf,
  toCountedEntity,
} from './countedEntities';
import { perSnapshot } from './perSnapshot';

/** The owner of an entity, as its ownedBy relation (or spec.owner) names it. */
function ownerOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * Every team that owns entities with Kubernetes annotations, with its pods
 * and the whole addresses their nodes hold for them (its pods' IPs, and the
 * idle addresses of nodes only its pods use), across all clusters; most
 * addresses held first. An entity whose annotations cannot be read is
 * reported and left out; the rest are still counted.
 */
export async function summarizeOwners(options: {
  catalog: CatalogReader;
  credentials: BackstageCredentials;
  sources: WorkloadSource[];
}): Promise<OwnersResponse> {
  const { catalog, credentials, sources } = options;
  const items = await catalog.getEntities(
    {
      filter: COUNTED_ENTITY_FILTER,
      fields: COUNTED_ENTITY_FIELDS,
    },
    credentials,
  );

  const byOwner = new Map<string, Entity[]>();
  for (const entity of items) {
    const owner = ownerOf(entity);
    if (!owner) continue;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), entity]);
  }

  const ownerRefs = [...byOwner.keys()];
  const owners = await catalog.getEntitiesByRefs(
    ownerRefs,
    ['kind', 'metadata'],
    credentials,
  );
  const problems: EntityProblem[] = [];
  const selected = ownerRefs.map(ownerRef => {
    const { selections, problems: unreadable } = selectionsOf(
      byOwner.get(ownerRef)!,
    );
    problems.push(...unreadable);
    return selections;
  });

  // The sums are the snapshot's, not the request's: computed once per
  // snapshot version and set of owners with their selections.
  const { usages, charged, clustersOf } = perSnapshot(
    sources,
    `owners ${JSON.stringify(ownerRefs.map((ref, i) => [ref, selected[i]]))}`,
    () => {
      const owned = ownerRefs.map((ownerRef, i) =>
        computeOwnerUsage(ownerRef, selected[i], sources),
      );
      return {
        usages: owned,
        // Whole addresses, each charged once: to the one team it is for, or
        // to nobody ("not attributed"), so that teams add up to what is held.
        charged: apportionNodeIps(
          sources.map(s => s.capacity),
          owned,
        ),
        clustersOf: owned.map(usage =>
          [
            ...new Set(
              usage.entities.flatMap(w => w.nodes.map(n => n.cluster)),
            ),
          ].sort(),
        ),
      };
    },
  );

  const summaries: OwnerSummary[] = ownerRefs.map((ownerRef, i) => {
    const usage = usages[i];
    const ownerEntity = owners[i];
    return {
      owner: ownerEntity
        ? toCountedEntity(ownerEntity)
        : { entityRef: ownerRef, kind: parseEntityRef(ownerRef).kind },
      entities: byOwner.get(ownerRef)!.length,
      pods: usage.pods,
      podsWithVpcIp: usage.podsWithVpcIp,
      nodes: usage.nodes,
      nodeHeldIps: charged.owners[i].held,
      nodeIdleIps: charged.owners[i].idle,
      headroom: usage.headroom,
      clusters: [...clustersOf[i]],
    };
  });
  return {
    owners: summaries.sort(
      (a, b) =>
        b.nodeHeldIps - a.nodeHeldIps ||
        a.owner.entityRef.localeCompare(b.owner.entityRef),
    ),
    notAttributed: charged.notAttributed,
    problems: problems.sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
  };
}
