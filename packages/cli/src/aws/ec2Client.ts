import { EC2Client } from '@aws-sdk/client-ec2';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import {
  AwsProblemWording,
  awsRequestHandler,
  safeCode,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { CollectionError } from '../errors';

/** What a person at a terminal or a CI job is told about a failed AWS call. */
export const CLI_AWS_WORDING: AwsProblemWording = {
  credentials: 'Your AWS credentials',
  rejected: 'your AWS credentials',
  grant: 'the IAM policy of the role or user they belong to',
  checkCredentials:
    '--profile / AWS_PROFILE, the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN variables, or renew an SSO session with `aws sso login`',
  clock: "this machine's clock",
  retry: 'run the command again',
  slowDown: 'run it when the cluster is calmer',
  timeoutSetting: '--request-timeout',
  endpointSettings: 'AWS_ENDPOINT_URL_EC2 (or AWS_ENDPOINT_URL)',
  from: 'this machine',
};

/** Attempts per EC2 call: throttling and transient errors are retried. */
const MAX_ATTEMPTS = 5;

/**
 * The region EC2 is asked in, when nothing more specific names it: the
 * SDK's own resolution (AWS_REGION, AWS_DEFAULT_REGION, the profile).
 */
export async function sdkDefaultRegion(
  profile: string | undefined,
): Promise<string | undefined> {
  const probe = new EC2Client(profile ? { profile } : {});
  try {
    return (await probe.config.region()) || undefined;
  } catch {
    return undefined;
  } finally {
    probe.destroy();
  }
}

/**
 * An EC2 client with the SDK's default credential chain (environment, SSO,
 * shared files, web identity, container and instance roles), or one
 * profile's with `--profile`. The endpoint follows the SDK's standard
 * `AWS_ENDPOINT_URL_EC2`. Credentials are resolved here, once, so that
 * missing or expired ones are said as such, not as a failed EC2 call.
 */
export async function createEc2Client(options: {
  region: string;
  profile?: string;
  requestTimeoutMs: number;
}): Promise<EC2Client> {
  const { region, profile } = options;
  const requestHandler = awsRequestHandler(options.requestTimeoutMs);
  const credentials = profile
    ? fromIni({ profile, clientConfig: { region, requestHandler } })
    : fromNodeProviderChain({ clientConfig: { region, requestHandler } });
  try {
    await credentials();
  } catch (error) {
    throw new CollectionError([credentialsProblem(error, profile)]);
  }
  return new EC2Client({
    region,
    credentials,
    ...(profile ? { profile } : {}),
    retryMode: 'adaptive',
    maxAttempts: MAX_ATTEMPTS,
    requestHandler,
  });
}

/** Why no credentials could be had, in our own words (the SDK's text is not quoted). */
function credentialsProblem(error: unknown, profile: string | undefined) {
  const e = (error ?? {}) as { name?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  const name = safeCode(e.name);
  const base = {
    source: 'ec2' as const,
    code: 'NoAwsCredentials',
  };
  if (
    profile &&
    /could not resolve credentials using profile|profile.*not found/i.test(
      message,
    )
  ) {
    return {
      ...base,
      code: 'NoSuchProfile',
      message: `The AWS profile ${profile} gives no credentials: it is not in the shared config and credentials files (~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), or it names no keys, role, SSO session or process to get them from.`,
    };
  }
  if (/expired|refresh/i.test(message) || /Expired/.test(name)) {
    return {
      ...base,
      code: 'ExpiredCredentials',
      message: `The AWS credentials${
        profile ? ` of profile ${profile}` : ''
      } have expired: renew them (\`aws sso login${
        profile ? ` --profile ${profile}` : ''
      }\` for an SSO session, or new temporary keys) and run the command again.`,
    };
  }
  if (/could not load credentials from any providers/i.test(message)) {
    return {
      ...base,
      message:
        'No AWS credentials were found: pass --profile or set AWS_PROFILE, export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or run `aws configure` / `aws sso login`. In CI, give the job a role (web identity, container or instance role).',
    };
  }
  return {
    ...base,
    message: `The AWS credentials${
      profile ? ` of profile ${profile}` : ''
    } could not be loaded (${name}). Check --profile / AWS_PROFILE and the shared config and credentials files.`,
  };
}
