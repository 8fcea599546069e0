import { KubeObject } from '../scenario/types';
import { KubeList } from './listChunk';

/*
 * The `malformed` fault for a cluster's pods and nodes lists: on the first page only (a
 * list without `continue`), a JSON `null` is inserted before the first item and the first
 * real item is corrupted. Paging metadata and the other items stay as they are.
 */

/** The first pod's `status.podIP` and `status.podIPs[].ip`. */
export const MALFORMED_POD_IP = 'not-an-ip';
/** The first node's `spec.providerID`. */
export const MALFORMED_PROVIDER_ID = 'garbage';

function corruptPod(pod: KubeObject): KubeObject {
  return {
    ...pod,
    status: {
      ...pod.status,
      podIP: MALFORMED_POD_IP,
      podIPs: [{ ip: MALFORMED_POD_IP }],
    },
  };
}

function corruptNode(node: KubeObject): KubeObject {
  return { ...node, spec: { ...node.spec, providerID: MALFORMED_PROVIDER_ID } };
}

/** A list whose items may hold the `null` a broken server or proxy let through. */
export type MalformedList = Omit<KubeList, 'items'> & {
  items: Array<KubeObject | null>;
};

export function malformedList(
  kind: 'pods' | 'nodes',
  list: KubeList,
): MalformedList {
  const [first, ...rest] = list.items;
  const corrupt = kind === 'pods' ? corruptPod : corruptNode;
  return {
    ...list,
    items: [null, ...(first ? [corrupt(first), ...rest] : [])],
  };
}
