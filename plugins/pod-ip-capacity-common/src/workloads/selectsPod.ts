import { InventoryPod, WorkloadSelection } from '../types';
import {
  LabelRequirement,
  parseLabelSelector,
  matchesLabelSelector,
} from '../pods/labelSelector';

/**
 * The pod label Backstage's Kubernetes plugin matches an entity's id on.
 *
 * @public
 */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/**
 * The label requirements of a selection: its label selector when it has
 * one (the `backstage.io/kubernetes-label-selector` annotation wins, as in
 * the Kubernetes plugin), else `backstage.io/kubernetes-id=<id>`; undefined
 * when it has neither (selects nothing).
 *
 * @public
 */
export function selectionRequirements(
  selection: WorkloadSelection,
): LabelRequirement[] | undefined {
  if (selection.labelSelector !== undefined && selection.labelSelector.trim()) {
    return parseLabelSelector(selection.labelSelector);
  }
  if (selection.kubernetesId) {
    return [
      {
        key: KUBERNETES_ID_LABEL,
        operator: 'in',
        values: [selection.kubernetesId],
      },
    ];
  }
  return undefined;
}

/**
 * True when the pod belongs to the selection in the given cluster.
 *
 * @public
 */
export function selectsPod(
  selection: WorkloadSelection,
  requirements: readonly LabelRequirement[] | undefined,
  cluster: string,
  pod: InventoryPod,
): boolean {
  if (!requirements) return false;
  if (selection.cluster !== undefined && selection.cluster !== cluster)
    return false;
  if (
    selection.namespace !== undefined &&
    selection.namespace !== pod.namespace
  ) {
    return false;
  }
  return matchesLabelSelector(requirements, pod.labels);
}
