import { AwsError } from '../errors';
import { byIds } from './lookupByIds';
import { Ec2Request } from './request';

/**
 * Whether this call leaves managed resources out: the account hides them and the request
 * did not set `IncludeManagedResources=true` (how-pod-ips-are-counted.md §8).
 */
export function hidesManagedResources(req: Ec2Request): boolean {
  return (
    req.managedResourceVisibility === 'hidden' &&
    req.params.get('IncludeManagedResources')?.toLowerCase() !== 'true'
  );
}

/**
 * The items this call may see, narrowed to explicit ids when given. Hidden managed items
 * are simply absent, also when asked for by id (as EC2 leaves out instances of other
 * owners); unknown ids still fail the call.
 */
export function visibleByIds<T extends { id: string; managedBy?: string }>(
  req: Ec2Request,
  items: T[],
  ids: string[],
  onMissing: (missing: string[]) => AwsError,
): T[] {
  if (!hidesManagedResources(req)) return byIds(items, ids, onMissing);
  const hidden = new Set(items.filter(i => i.managedBy).map(i => i.id));
  const visible = items.filter(i => !i.managedBy);
  if (ids.length === 0) return visible;
  const wanted = ids.filter(id => !hidden.has(id));
  return wanted.length === 0 ? [] : byIds(visible, wanted, onMissing);
}
