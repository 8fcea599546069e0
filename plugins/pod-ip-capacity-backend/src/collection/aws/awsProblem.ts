import { ClusterProblem } from '../../lib/problems';

/** Error names the AWS SDK gives when credentials may not call an action. */
const DENIED = new Set([
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
  'AuthFailure',
]);

/** Error names of EC2's request throttling (token bucket per account and region). */
const THROTTLED = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
]);

/**
 * Describes a failed EC2 call for the person who has to fix it: a denied call
 * names the IAM action to add, throttling says that the SDK's retries were
 * exhausted. AWS's own message is left out when it is an encoded
 * authorization message (long, and only useful through sts:DecodeAuthorizationMessage).
 */
export function awsProblem(
  action: string,
  error: unknown,
  region: string,
): ClusterProblem {
  const name = (error as { name?: string })?.name ?? 'Error';
  const iamAction = `ec2:${action}`;
  if (DENIED.has(name)) {
    return {
      source: 'ec2',
      code: name,
      action: iamAction,
      message: `Backstage's AWS credentials may not call ${iamAction} in ${region}. Add "${iamAction}" to the IAM policy of the role Backstage uses for this cluster's account.`,
    };
  }
  if (THROTTLED.has(name)) {
    return {
      source: 'ec2',
      code: name,
      action: iamAction,
      message: `EC2 throttled ${iamAction} in ${region} and the retries ran out. The account's request budget is shared with the VPC CNI and Karpenter; the next refresh will try again, or lower podIpCapacity.aws.concurrency.`,
    };
  }
  const raw = error instanceof Error ? error.message : String(error);
  const detail = /encoded authorization failure message/i.test(raw)
    ? ''
    : `: ${raw.slice(0, 300)}`;
  return {
    source: 'ec2',
    code: name,
    action: iamAction,
    message: `${iamAction} failed in ${region} (${name}${detail}). Check that the EC2 endpoint is reachable and the region is right.`,
  };
}
