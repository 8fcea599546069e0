import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  AGGREGATE_KINDS,
} from './annotations';
import { parseLabelSelector } from '../pods/labelSelector';
import type { EntityProblem, WorkloadSelection } from '../types';

/**
 * The part of a catalog entity that entity selection reads: kind, name,
 * annotations. Structural, so the backend's and the frontend's entity types
 * both fit.
 *
 * @public
 */
export interface SelectableEntity {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
}

/**
 * True when the Kubernetes plugin would look for the entity's pods: it has
 * `backstage.io/kubernetes-id` or `backstage.io/kubernetes-label-selector`.
 *
 * @public
 */
export function hasKubernetesAnnotations(entity: SelectableEntity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return (
    !!annotations[ANNOTATION_KUBERNETES_ID] ||
    !!annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR]
  );
}

/**
 * True for a Group, User, System or Domain: its view adds up the pods of
 * what it owns or contains.
 *
 * @public
 */
export function isAggregateEntity(entity: SelectableEntity): boolean {
  return (AGGREGATE_KINDS as readonly string[]).includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );
}

/**
 * Whether Pod IP Capacity has something to say about an entity: it has the
 * Kubernetes plugin's annotations, or it is an aggregate kind.
 *
 * @public
 */
export function isPodIpCapacityAvailable(entity: SelectableEntity): boolean {
  return hasKubernetesAnnotations(entity) || isAggregateEntity(entity);
}

/**
 * Which pods belong to an entity, as the Kubernetes plugin decides it
 * (how-pod-ips-are-counted.md §3): its label selector annotation, else its
 * kubernetes-id; the namespace annotation narrows either. A label selector
 * that does not parse is a problem of that entity alone, never an error of
 * the whole view.
 *
 * @public
 */
export function selectionOf(
  entity: SelectableEntity,
  entityRef: string,
): { selection: WorkloadSelection } | { problem: EntityProblem } {
  const annotations = entity.metadata.annotations ?? {};
  const labelSelector = annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR];
  if (labelSelector) {
    try {
      parseLabelSelector(labelSelector);
    } catch (error) {
      return {
        problem: {
          entityRef,
          code: 'InvalidLabelSelector',
          message: `The ${ANNOTATION_KUBERNETES_LABEL_SELECTOR} annotation of ${entityRef} is not a valid label selector (${
            (error as Error).message
          }): its pods are not counted until it is fixed.`,
        },
      };
    }
  }
  const namespace = annotations[ANNOTATION_KUBERNETES_NAMESPACE];
  return {
    selection: {
      entityRef,
      ...(labelSelector
        ? { labelSelector }
        : { kubernetesId: annotations[ANNOTATION_KUBERNETES_ID] }),
      ...(namespace ? { namespace } : {}),
    },
  };
}
