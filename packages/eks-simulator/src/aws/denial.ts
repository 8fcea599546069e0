import { randomBytes } from 'node:crypto';
import { SimCredential } from '../scenario/types';
import { AwsError } from './errors';
import { Service } from './awsResponses';
import { stsErrors } from './stsActions';

/** What a `deny` fault answers: the service's authorization error naming the IAM action. */
export function denial(
  service: Service,
  action: string,
  caller: SimCredential,
): AwsError {
  const iamAction = `${service}:${action}`;
  if (service === 'sts') {
    return stsErrors.accessDenied(
      `User: ${caller.arn} is not authorized to perform: ${iamAction} because no identity-based policy allows the ${iamAction} action`,
    );
  }
  // Real EC2 appends an opaque, encrypted blob that `sts decode-authorization-message` reveals.
  const encoded = randomBytes(180).toString('base64url');
  return new AwsError(
    'UnauthorizedOperation',
    `You are not authorized to perform this operation. User: ${caller.arn} is not authorized to perform: ${iamAction} because no identity-based policy allows the ${iamAction} action. Encoded authorization failure message: ${encoded}`,
    403,
  );
}
