import { describeInstances } from './ec2/actions/describeInstances';
import { describeInstanceTypes } from './ec2/actions/describeInstanceTypes';
import { describeNetworkInterfaces } from './ec2/actions/describeNetworkInterfaces';
import { describeSubnets } from './ec2/actions/describeSubnets';
import { describeVpcs } from './ec2/actions/describeVpcs';
import { getManagedResourceVisibility } from './ec2/actions/getManagedResourceVisibility';
import { getSubnetCidrReservations } from './ec2/actions/getSubnetCidrReservations';
import { Ec2Request } from './ec2/request';
import { ec2Errors } from './errors';

export type { Ec2Request } from './ec2/request';

const HANDLERS = {
  DescribeInstances: describeInstances,
  DescribeNetworkInterfaces: describeNetworkInterfaces,
  DescribeSubnets: describeSubnets,
  DescribeInstanceTypes: describeInstanceTypes,
  GetSubnetCidrReservations: getSubnetCidrReservations,
  DescribeVpcs: describeVpcs,
  GetManagedResourceVisibility: getManagedResourceVisibility,
} satisfies Record<string, (req: Ec2Request) => string>;

export const EC2_ACTIONS = Object.keys(HANDLERS) as Array<
  keyof typeof HANDLERS
>;

/** Returns the inner XML of `<ActionResponse>` (after `<requestId>`). */
export function handleEc2Action(req: Ec2Request): string {
  if (req.params.get('DryRun') === 'true') {
    throw ec2Errors.dryRun();
  }
  const handler = HANDLERS[req.action as keyof typeof HANDLERS];
  if (!handler) throw ec2Errors.invalidAction(req.action);
  return handler(req);
}
