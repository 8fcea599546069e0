/**
 * The Kubernetes plugin's annotations that tie a catalog entity to its pods
 * (how-pod-ips-are-counted.md §3).
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';

/** @public */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';

/** @public */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/**
 * Kinds whose view adds up the pods of what they own (Group, User) or
 * contain (System, Domain).
 *
 * @public
 */
export const AGGREGATE_KINDS = ['group', 'user', 'system', 'domain'] as const;
