import { AwsError } from '../errors';

/** Resolves an explicit id list; unknown ids fail the whole call, as EC2 does. */
export function byIds<T extends { id: string }>(
  items: T[],
  ids: string[],
  onMissing: (missing: string[]) => AwsError,
): T[] {
  if (ids.length === 0) return items;
  const index = new Map(items.map(i => [i.id, i]));
  const missing = ids.filter(id => !index.has(id));
  if (missing.length > 0) throw onMissing(missing);
  return [...new Set(ids)].map(id => index.get(id)!);
}

/** EC2's `…NotFound` error for the ids that do not exist. */
export function notFound(code: string, what: string) {
  return (missing: string[]) =>
    new AwsError(
      code,
      missing.length === 1
        ? `The ${what} ID '${missing[0]}' does not exist`
        : `The ${what} IDs '${missing.join(', ')}' do not exist`,
    );
}
