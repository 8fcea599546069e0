import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
} from '@backstage/plugin-kubernetes-common';
import {
  CountedEntity,
  parseLabelSelector,
  WorkloadSelection,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/** The annotation that narrows an entity's pods to one namespace. */
const KUBERNETES_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

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

/** True when the Kubernetes plugin would find pods for the entity. */
export function hasKubernetesAnnotations(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return (
    !!annotations[KUBERNETES_ANNOTATION] ||
    !!annotations[KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION]
  );
}

/**
 * Which pods belong to an entity, as the Kubernetes plugin decides it. A label
 * selector annotation that does not parse is the entity owner's to fix: the
 * error names the entity and the annotation.
 */
export function selectionOf(entity: Entity): WorkloadSelection {
  const annotations = entity.metadata.annotations ?? {};
  const entityRef = stringifyEntityRef(entity);
  const labelSelector = annotations[KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION];
  if (labelSelector) {
    try {
      parseLabelSelector(labelSelector);
    } catch (error) {
      throw new InputError(
        `The ${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION} annotation of ${entityRef} is not a valid label selector: ${
          (error as Error).message
        }`,
      );
    }
  }
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION];
  return {
    entityRef,
    ...(labelSelector
      ? { labelSelector }
      : { kubernetesId: annotations[KUBERNETES_ANNOTATION] }),
    ...(namespace ? { namespace } : {}),
  };
}

export function toCountedEntity(entity: Entity): CountedEntity {
  return {
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind,
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
  };
}

/**
 * The entities an entity view counts: a Group's or User's owned entities (a
 * User's include what its groups own), a System's or Domain's parts, or the
 * entity itself. Only entities the caller may read are returned: the catalog
 * applies the caller's permissions.
 */
export async function countedEntities(
  entity: Entity,
  catalog: CatalogService,
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
      filter = [ref, ...groups].map(owner => ({ 'relations.ownedBy': owner }));
      break;
    }
    case 'system':
    case 'domain':
      filter = [{ 'relations.partOf': ref }];
      break;
    default:
      return hasKubernetesAnnotations(entity) ? [entity] : [];
  }
  const { items } = await catalog.getEntities(
    { filter, fields: COUNTED_ENTITY_FIELDS },
    { credentials },
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
    .sort((a, b) => stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)));
}
