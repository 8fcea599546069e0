import { SimCredential } from '../scenario/types';
import { AwsError } from './errors';
import { IdentityStore } from './identity';
import { QueryParams } from './queryParams';
import { el, raw } from './xml';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_ACTIONS = ['GetCallerIdentity', 'AssumeRole'] as const;

export const stsErrors = {
  invalidClientTokenId: () =>
    new AwsError(
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      403,
    ),
  signatureDoesNotMatch: () =>
    new AwsError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    ),
  throttling: () => new AwsError('Throttling', 'Rate exceeded', 400),
  accessDenied: (message: string) => new AwsError('AccessDenied', message, 403),
};

/** Returns the inner XML of `<ActionResponse>` (before `<ResponseMetadata>`). */
export function handleStsAction(
  action: string,
  params: QueryParams,
  caller: SimCredential,
  identities: IdentityStore,
): string {
  switch (action) {
    case 'GetCallerIdentity':
      return raw(
        'GetCallerIdentityResult',
        el('Arn', caller.arn) +
          el('UserId', caller.userId) +
          el('Account', caller.accountId),
      );
    case 'AssumeRole':
      return assumeRole(params, caller, identities);
    default:
      throw new AwsError(
        'InvalidAction',
        `Could not find operation ${action} for version 2011-06-15`,
      );
  }
}

function assumeRole(
  params: QueryParams,
  caller: SimCredential,
  identities: IdentityStore,
): string {
  const roleArn = params.get('RoleArn');
  const sessionName = params.get('RoleSessionName');
  if (!roleArn)
    throw new AwsError(
      'ValidationError',
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
  if (!sessionName) {
    throw new AwsError(
      'ValidationError',
      "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
    );
  }
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  const duration = Number(params.get('DurationSeconds') ?? 3600);
  if (!(duration >= 900 && duration <= 43200)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${params.get(
        'DurationSeconds',
      )}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
    );
  }
  const denied = stsErrors.accessDenied(
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  );
  const m =
    /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(
      roleArn,
    );
  if (!m) {
    throw new AwsError('ValidationError', `${roleArn} is invalid`);
  }
  const [, accountId, roleName] = m;
  const role = identities
    .account(accountId)
    ?.roles.find(r => r.name === roleName);
  if (!role) throw denied;
  if (
    role.trustedAccounts &&
    !role.trustedAccounts.map(String).includes(caller.accountId)
  )
    throw denied;
  if (role.externalId && role.externalId !== params.get('ExternalId'))
    throw denied;

  const issued = identities.issueRoleCredentials(
    accountId,
    roleName,
    sessionName,
    duration,
  );
  return raw(
    'AssumeRoleResult',
    raw(
      'AssumedRoleUser',
      el('AssumedRoleId', issued.userId) + el('Arn', issued.arn),
    ) +
      raw(
        'Credentials',
        el('AccessKeyId', issued.accessKeyId) +
          el('SecretAccessKey', issued.secretAccessKey) +
          el('SessionToken', issued.sessionToken) +
          el('Expiration', issued.expiration!.toISOString()),
      ),
  );
}
