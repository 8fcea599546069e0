/** An error the simulated AWS service answers with its own envelope. */
export class AwsError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
    this.name = 'AwsError';
  }
}

export const ec2Errors = {
  invalidAction: (action: string) =>
    new AwsError(
      'InvalidAction',
      `The action ${action} is not valid for this web service.`,
    ),
  missingParameter: (name: string) =>
    new AwsError(
      'MissingParameter',
      `The request must contain the parameter ${name}`,
    ),
  invalidParameterValue: (message: string) =>
    new AwsError('InvalidParameterValue', message),
  invalidParameterCombination: (message: string) =>
    new AwsError('InvalidParameterCombination', message),
  requestLimitExceeded: () =>
    new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503),
  authFailure: () =>
    new AwsError(
      'AuthFailure',
      'AWS was not able to validate the provided access credentials',
      401,
    ),
  signatureDoesNotMatch: () =>
    new AwsError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    ),
  missingAuthenticationToken: () =>
    new AwsError(
      'MissingAuthenticationToken',
      'Request is missing Authentication Token',
      401,
    ),
  /** EC2's own answer when it fails inside; SDKs retry it (a 5xx). */
  internalError: () =>
    new AwsError('InternalError', 'An internal error has occurred', 500),
  dryRun: () =>
    new AwsError(
      'DryRunOperation',
      'Request would have succeeded, but DryRun flag is set.',
      412,
    ),
};
