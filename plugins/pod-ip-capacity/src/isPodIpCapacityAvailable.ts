import { Entity } from '@backstage/catalog-model';

/** The Kubernetes plugin's annotations that tie an entity to its pods. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/** Kinds whose tab adds up the pods of what they own or contain. */
export const AGGREGATE_KINDS = ['group', 'user', 'system', 'domain'];

/** True for a Group, User, System or Domain: the tab shows what it owns or contains. */
export function isAggregateEntity(entity: Entity): boolean {
  return AGGREGATE_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}

/** True when the Kubernetes plugin would look for the entity's pods. */
export function hasKubernetesAnnotations(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return (
    !!annotations[KUBERNETES_ID_ANNOTATION] ||
    !!annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION]
  );
}

/**
 * Whether the Pod IP Capacity tab applies to an entity: it has the
 * Kubernetes plugin's annotations, or it is a Group, User, System or Domain
 * (the tab then adds up the pods of what it owns or contains).
 *
 * @public
 */
export function isPodIpCapacityAvailable(entity: Entity): boolean {
  return hasKubernetesAnnotations(entity) || isAggregateEntity(entity);
}
