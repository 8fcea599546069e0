import { stableHex, stableUuid } from '../ids';
import { CREATED_AT } from '../resolveInstance';
import { KubeObject } from '../types';

/** Metadata every add-on object carries: stable uid, the API server's bookkeeping fields. */
export function crdMetadata(
  cluster: string,
  kind: string,
  name: string,
  extra: Record<string, unknown> = {},
): KubeObject['metadata'] {
  return {
    name,
    uid: stableUuid(`${cluster}/${kind}/${name}`),
    resourceVersion: '1000',
    generation: 1,
    creationTimestamp: CREATED_AT,
    ...extra,
  };
}

/** A controller's spec hash annotation value (Karpenter writes a decimal FNV hash). */
export function specHash(seed: unknown): string {
  return BigInt(`0x${stableHex(JSON.stringify(seed), 15)}`).toString();
}

/** A status condition as Karpenter's operatorpkg writes them. */
export function condition(
  type: string,
  ok: boolean,
  reason?: string,
  message = '',
) {
  return {
    type,
    status: ok ? 'True' : 'False',
    reason: reason ?? type,
    message,
    lastTransitionTime: CREATED_AT,
    observedGeneration: 1,
  };
}

/** Cluster-scoped objects are listed by name, as etcd keys sort. */
export const byName = (a: KubeObject, b: KubeObject) =>
  a.metadata.name < b.metadata.name ? -1 : 1;
