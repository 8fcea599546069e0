/** Results kept per first source, at the most: a cap, not a working set. */
const MAX_RESULTS = 1000;
const NO_SOURCES = {};

const results = new WeakMap<
  object,
  Map<string, { sources: readonly object[]; value: unknown }>
>();

/**
 * Work done once per snapshot version, not per request: `compute` runs the
 * first time `key` is asked of these exact sources (the data objects the
 * store hands out, one object per collected version, kept deserialised),
 * and its result is answered again until a source is a new version. The
 * results live as long as the first source does, so an old version's go
 * with it. Results are shared between requests: callers must not change
 * them.
 */
export function perSnapshot<T>(
  sources: readonly object[],
  key: string,
  compute: () => T,
): T {
  const anchor = sources[0] ?? NO_SOURCES;
  let byKey = results.get(anchor);
  if (!byKey) {
    byKey = new Map();
    results.set(anchor, byKey);
  }
  const hit = byKey.get(key);
  if (
    hit &&
    hit.sources.length === sources.length &&
    hit.sources.every((s, i) => s === sources[i])
  ) {
    return hit.value as T;
  }
  const value = compute();
  if (byKey.size >= MAX_RESULTS) byKey.clear();
  byKey.set(key, { sources: [...sources], value });
  return value;
}
