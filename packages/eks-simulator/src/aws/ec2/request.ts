import { InstanceTypeSpec, SimRegion } from '../../scenario/types';
import { QueryParams } from '../queryParams';

/** One EC2 Query API call, authenticated and ready for its action. */
export interface Ec2Request {
  action: string;
  params: QueryParams;
  accountId: string;
  regionName: string;
  /** What this account has in this region (undefined: nothing). */
  region: SimRegion | undefined;
  instanceTypes: Array<Required<InstanceTypeSpec>>;
  /**
   * Whether EC2 leaves out resources an AWS service manages (EKS Auto Mode instances and
   * their ENIs) unless the request sets `IncludeManagedResources=true`
   * (how-pod-ips-are-counted.md §8). Default: visible.
   */
  managedResourceVisibility?: 'hidden' | 'visible';
  /** A `malformed` fault is on for this action: corrupt the first item of the page. */
  malformed?: boolean;
}
