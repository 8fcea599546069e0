import { el, raw } from '../../xml';
import { Ec2Request } from '../request';

/** The account's default visibility of managed resources (how-pod-ips-are-counted.md §8). */
export function getManagedResourceVisibility(req: Ec2Request): string {
  return raw(
    'visibility',
    el('defaultVisibility', req.managedResourceVisibility ?? 'visible'),
  );
}
