import { SubnetIndex } from './subnetIndex';
import { SimRegion } from './types';

/** Shared by the steps that resolve one account's region: where things go, what is wrong. */
export interface RegionContext {
  accountId: string;
  region: SimRegion;
  /** `account/region`, for problem messages. */
  where: string;
  /** Every subnet of the scenario by id (ENIs must find theirs in this region). */
  subnetIndex: Map<string, SubnetIndex>;
  problems: string[];
}
