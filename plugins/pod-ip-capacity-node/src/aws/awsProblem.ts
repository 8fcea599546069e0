import { ClusterProblem } from '../lib/problems';
import { safeCode } from '../lib/redact';

/**
 * The words of a problem that depend on who makes the calls: the backend
 * plugin (configured in app-config, refreshed on a schedule) or the CLI (a
 * person's own credentials, run again by hand). The classification of the
 * error is the same for both.
 *
 * @public
 */
export interface AwsProblemWording {
  /** Whose credentials were denied, at the start of a sentence. */
  credentials: string;
  /** Whose credentials were rejected, inside a sentence. */
  rejected: string;
  /** Where the missing action has to be added. */
  grant: string;
  /** Where the credentials come from, to check. */
  checkCredentials: string;
  /** Whose clock signs the requests. */
  clock: string;
  /** What happens next after a transient failure. */
  retry: string;
  /** How to ask for less at once, after throttling. */
  slowDown: string;
  /** The setting that limits one call, after a timeout. */
  timeoutSetting: string;
  /** The settings that say where EC2 is. */
  endpointSettings: string;
  /** Where the calls are made from. */
  from: string;
}

/**
 * What the backend plugin says (its configuration keys, its refresh).
 *
 * @public
 */
export const BACKEND_AWS_WORDING: AwsProblemWording = {
  credentials: "Backstage's AWS credentials",
  rejected: "Backstage's credentials",
  grant: 'the IAM policy of that role',
  checkCredentials:
    "aws.mainAccount / aws.accounts (or the environment's credentials)",
  clock: "the backend's clock",
  retry: 'the next refresh tries again',
  slowDown: 'lower podIpCapacity.aws.concurrency',
  timeoutSetting: 'podIpCapacity.aws.requestTimeout',
  endpointSettings: 'podIpCapacity.aws.endpoint, AWS_ENDPOINT_URL_EC2',
  from: 'Backstage',
};

/**
 * Where a failed AWS call went, for the message.
 *
 * @public
 */
export interface AwsCallContext {
  region: string;
  /** The account the calls land in, when known. */
  accountId?: string;
  /** The role assumed for the calls, when one is. */
  roleArn?: string;
  /** The per-call timeout, to say how long was waited. */
  requestTimeoutMs?: number;
  /** Who is told: the backend's words unless given. */
  wording?: AwsProblemWording;
}

/** The credentials may not call the action: a missing IAM permission. */
const DENIED = new Set([
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
  'OptInRequired',
]);

/** The credentials themselves are wrong, expired or not AWS's. */
const BAD_CREDENTIALS = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidAccessKeyId',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'CredentialsProviderError',
]);

/** EC2's request throttling (a token bucket per account and region). */
const THROTTLED = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
]);

/** AWS's own side failed. */
const SERVER_SIDE = new Set([
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'Unavailable',
]);

/** No answer in time: our timeout or the per-cluster deadline. */
const TIMED_OUT = new Set(['TimeoutError', 'AbortError', 'RequestTimeout']);

/** The network path to the endpoint failed. */
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: unknown;
  message?: unknown;
}

/**
 * What the AWS SDK tells of an error, without any of its text.
 *
 * @public
 */
export function awsErrorFacts(error: unknown): {
  name: string;
  status?: number;
  network?: string;
} {
  const e = (error ?? {}) as SdkErrorShape;
  const status =
    typeof e.$metadata?.httpStatusCode === 'number'
      ? e.$metadata.httpStatusCode
      : undefined;
  const network = [e.code, e.name].find(
    (c): c is string => typeof c === 'string' && NETWORK.has(c),
  );
  return {
    name: safeCode(e.Code ?? e.name),
    ...(status !== undefined ? { status } : {}),
    ...(network ? { network } : {}),
  };
}

/**
 * A failed AWS call described for the person who has to fix it, in our own
 * words: AWS's message is never quoted (it can carry account details, encoded
 * authorization messages or, from a proxy, anything at all). Each class of
 * error gets the advice that fits it: a denied call names the IAM action,
 * bad credentials say so, throttling says the retries ran out, an answer
 * that is not EC2's says to look at the endpoint and proxies.
 *
 * @public
 */
export function awsProblem(
  action: string,
  error: unknown,
  context: AwsCallContext,
  service = 'ec2',
): ClusterProblem {
  const { name, status, network } = awsErrorFacts(error);
  const w = context.wording ?? BACKEND_AWS_WORDING;
  const retry = w.retry.charAt(0).toUpperCase() + w.retry.slice(1);
  const iamAction = `${service}:${action}`;
  const where = `in ${context.region}${
    context.accountId ? ` (account ${context.accountId})` : ''
  }`;
  const base = { source: 'ec2' as const, action: iamAction };
  const http = status !== undefined ? `, HTTP ${status}` : '';

  if (DENIED.has(name)) {
    return {
      ...base,
      code: name,
      message: `${w.credentials} may not call ${iamAction} ${where}${
        context.roleArn ? ` as ${context.roleArn}` : ''
      }. Add "${iamAction}" to ${w.grant}.`,
    };
  }
  if (BAD_CREDENTIALS.has(name)) {
    return {
      ...base,
      code: name,
      message: `AWS rejected ${
        w.rejected
      } for ${iamAction} ${where} (${name}): they are invalid, expired or for another partition. Check ${
        w.checkCredentials
      }${
        context.roleArn ? ` and that ${context.roleArn} can be assumed` : ''
      }, and that ${w.clock} is right.`,
    };
  }
  if (THROTTLED.has(name)) {
    return {
      ...base,
      code: name,
      message: `EC2 throttled ${iamAction} ${where} and the retries ran out. The account's request budget is shared with the VPC CNI and Karpenter; ${w.retry}, or ${w.slowDown}.`,
    };
  }
  if (TIMED_OUT.has(name)) {
    const seconds = context.requestTimeoutMs
      ? ` within ${Math.round(context.requestTimeoutMs / 1000)} s`
      : ' in time';
    return {
      ...base,
      code: 'Timeout',
      message: `EC2 did not answer ${iamAction} ${where}${seconds}. Check the network path to the EC2 endpoint (VPC endpoint, proxy); ${w.retry}. The limit is ${w.timeoutSetting}.`,
    };
  }
  if (network) {
    return {
      ...base,
      code: 'EndpointUnreachable',
      message: `The EC2 endpoint for ${context.region} could not be reached for ${iamAction} (${network}). Check ${w.endpointSettings} and the network path from ${w.from}.`,
    };
  }
  if (SERVER_SIDE.has(name) || (status !== undefined && status >= 500)) {
    const known = SERVER_SIDE.has(name);
    return {
      ...base,
      code: known ? name : 'NotAnEc2Response',
      message: known
        ? `EC2 failed ${iamAction} ${where} (${name}${http}) on its side, after retries. ${retry}.`
        : `The EC2 endpoint answered ${iamAction} ${where} with HTTP ${status} and a body that is not an EC2 response (for example a proxy's error page). Check ${w.endpointSettings} and any proxy between ${w.from} and EC2.`,
    };
  }
  if (isUnparseable(error, name)) {
    return {
      ...base,
      code: 'NotAnEc2Response',
      message: `The EC2 endpoint answered ${iamAction} ${where}${
        status !== undefined ? ` with HTTP ${status}` : ''
      } but not with an EC2 response (an empty or non-XML body). Check ${
        w.endpointSettings
      } and any proxy between ${w.from} and EC2.`,
    };
  }
  return {
    ...base,
    code: name,
    message: `EC2 refused ${iamAction} ${where} (${name}${http}). This is unexpected: please report it to the Pod IP Capacity maintainers with this code.`,
  };
}

/**
 * The SDK could not read the answer as EC2 XML: it throws a deserialisation
 * error, or an error without an EC2 code.
 */
function isUnparseable(error: unknown, name: string): boolean {
  const e = (error ?? {}) as SdkErrorShape;
  const message = typeof e.message === 'string' ? e.message : '';
  return (
    name === 'Unknown' ||
    name === 'UnknownError' ||
    name === 'SyntaxError' ||
    /deseriali[sz]ation|unexpected end|not valid xml|non-whitespace/i.test(
      message,
    )
  );
}
