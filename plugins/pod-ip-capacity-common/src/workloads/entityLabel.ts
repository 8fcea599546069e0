import { WorkloadSelection } from '../types';

/**
 * How an entity is named where several are listed (`OwnerHeadroomPool`):
 * its entity ref, else what selects its pods.
 */
export function entityLabel(selection: WorkloadSelection): string {
  if (selection.entityRef) return selection.entityRef;
  if (selection.labelSelector?.trim())
    return `label-selector:${selection.labelSelector.trim()}`;
  return `kubernetes-id:${selection.kubernetesId ?? ''}`;
}
