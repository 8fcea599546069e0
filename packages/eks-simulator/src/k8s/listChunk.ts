import { KubeObject } from '../scenario/types';
import {
  ContinueToken,
  decodeContinue,
  encodeContinue,
} from './continueTokens';
import { ResourceInfo } from './resources';
import { parseFieldSelector, parseLabelSelector } from './selectors';

/** The list as the API server sends it: metadata, and items without kind/apiVersion. */
export interface KubeList {
  kind: string;
  apiVersion: string;
  metadata: Record<string, unknown>;
  items: KubeObject[];
}

/** The store's state a list is cut from. */
export interface ListState {
  resourceVersion: number;
  /** Continue tokens from before this resourceVersion are expired (compacted). */
  compactedBelow: number;
  continueTtlMs: number;
}

const keyOf = (o: KubeObject) =>
  o.metadata.namespace
    ? `${o.metadata.namespace}/${o.metadata.name}`
    : o.metadata.name;

/** Objects are sorted by key: binary-search the first key at or after the token's start. */
function startIndexOf(objects: KubeObject[], token: ContinueToken): number {
  let lo = 0;
  let hi = objects.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(objects[mid]) < token.start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether any object from index `from` on matches (without copying a big list). */
function anyMatchFrom(
  objects: KubeObject[],
  from: number,
  matches: (o: KubeObject) => boolean,
): boolean {
  for (let j = from; j < objects.length; j++)
    if (matches(objects[j])) return true;
  return false;
}

function parseLimit(text: string | null): number {
  return text && Number(text) > 0 ? Math.floor(Number(text)) : Infinity;
}

/**
 * A chunked list exactly as the API server pages it: ordered by key, `limit` + `continue`,
 * `remainingItemCount` only when unfiltered.
 */
export function listChunk(
  info: ResourceInfo,
  objects: KubeObject[],
  q: URLSearchParams,
  state: ListState,
): KubeList {
  const matchLabels = parseLabelSelector(q.get('labelSelector'));
  const matchFields = parseFieldSelector(q.get('fieldSelector'), info.name);
  const matches = (o: KubeObject) =>
    matchLabels(o.metadata.labels) && matchFields(o);
  const filtered = q.get('labelSelector') || q.get('fieldSelector');
  const limit = parseLimit(q.get('limit'));
  const continueText = q.get('continue');
  const startIndex = continueText
    ? startIndexOf(
        objects,
        decodeContinue(continueText, {
          compactedBelow: state.compactedBelow,
          ttlMs: state.continueTtlMs,
        }),
      )
    : 0;

  const items: KubeObject[] = [];
  let i = startIndex;
  for (; i < objects.length && items.length < limit; i++) {
    if (matches(objects[i])) items.push(objects[i]);
  }
  const more = items.length >= limit && anyMatchFrom(objects, i, matches);
  const metadata: Record<string, unknown> = {
    resourceVersion: String(state.resourceVersion),
  };
  if (more) {
    metadata.continue = encodeContinue({
      v: 'meta.k8s.io/v1',
      rv: state.resourceVersion,
      start: `${keyOf(items[items.length - 1])}\u0000`,
      t: Date.now(),
    });
    if (!filtered) metadata.remainingItemCount = objects.length - i;
  }
  return {
    kind: `${info.kind}List`,
    apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
    metadata,
    // Items of a built-in list carry no kind/apiVersion of their own, as the real API server
    // sends them; custom resources keep theirs (unstructured lists do).
    items: info.crd
      ? items
      : items.map(
          ({ kind: _kind, apiVersion: _apiVersion, ...rest }) =>
            rest as KubeObject,
        ),
  };
}
