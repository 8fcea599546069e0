import { EC2Client } from '@aws-sdk/client-ec2';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  awsErrorFacts,
  awsProblem,
  awsRequestHandler,
  ClusterProblemError,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { ClusterAwsSettings } from './clusterAwsSettings';
import { accountIdOf } from './accountIdOf';

export interface Ec2ClientOptions {
  credentials: AwsCredentialsManager;
  settings: ClusterAwsSettings;
  region: string;
  endpoint?: string;
  maxAttempts: number;
  /** Per HTTP request to EC2 and STS; a hung connection ends after this. */
  requestTimeoutMs: number;
  /** Ends credential resolution with the cluster's deadline. */
  signal?: AbortSignal;
}

/**
 * An EC2 client for a cluster's account and region, with credentials from
 * Backstage's AWS integration (`aws.mainAccount`, `aws.accounts`). When the
 * cluster names a role, it is assumed the way the Kubernetes plugin's `aws`
 * auth assumes it: from the role account's configured credentials, else the
 * main account's, so one cluster definition serves both plugins. The
 * credentials are resolved here, once, so that a role that cannot be assumed
 * or keys that are wrong are reported as such, not as a denied EC2 call.
 * Throttling is retried by the SDK's adaptive mode, which also slows the
 * client down.
 */
export async function createEc2Client(
  options: Ec2ClientOptions,
): Promise<{ client: EC2Client; accountId?: string }> {
  const { settings, region } = options;
  const requestHandler = awsRequestHandler(options.requestTimeoutMs);
  let credentials: AwsCredentialIdentityProvider;
  let accountId = settings.accountId;
  try {
    if (settings.roleArn) {
      credentials = fromTemporaryCredentials({
        masterCredentials: await masterCredentialsFor(
          options.credentials,
          settings.roleArn,
        ),
        clientConfig: { region, requestHandler, maxAttempts: 3 },
        params: {
          RoleArn: settings.roleArn,
          RoleSessionName: 'backstage-pod-ip-capacity',
          ...(settings.externalId ? { ExternalId: settings.externalId } : {}),
        },
      });
    } else {
      const provider = await options.credentials.getCredentialProvider(
        settings.accountId ? { accountId: settings.accountId } : undefined,
      );
      credentials = provider.sdkCredentialProvider;
      accountId =
        accountId ??
        provider.accountId ??
        (await accountIdOf(provider.sdkCredentialProvider, region, {
          requestHandler,
        }));
    }
  } catch (error) {
    throw new ClusterProblemError({
      source: 'config',
      code: 'NoAwsCredentials',
      message: `No AWS credentials are configured for account ${
        settings.accountId ?? '(main)'
      }. Configure aws.mainAccount or aws.accounts (see @backstage/integration-aws-node), or set podIpCapacity.clusters[].roleArn.`,
    });
  }
  try {
    await withSignal(credentials(), options.signal);
  } catch (error) {
    throw new ClusterProblemError(
      credentialsProblem(error, settings, region, options.requestTimeoutMs),
    );
  }
  const client = new EC2Client({
    region,
    credentials,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts,
    requestHandler,
  });
  return { client, ...(accountId ? { accountId } : {}) };
}

/** Why credentials could not be had: the role, or the keys behind it. */
function credentialsProblem(
  error: unknown,
  settings: ClusterAwsSettings,
  region: string,
  requestTimeoutMs: number,
) {
  if (!settings.roleArn) {
    return awsProblem(
      'GetCallerIdentity',
      error,
      { region, requestTimeoutMs },
      'sts',
    );
  }
  const { name } = awsErrorFacts(error);
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    return {
      source: 'ec2' as const,
      code: 'AssumeRoleDenied',
      action: 'sts:AssumeRole',
      message: `Backstage may not assume ${
        settings.roleArn
      }. Its trust policy must allow Backstage's AWS identity${
        settings.externalId ? ' with the configured external id' : ''
      }, and that identity needs "sts:AssumeRole" on the role.`,
    };
  }
  return awsProblem(
    'AssumeRole',
    error,
    { region, roleArn: settings.roleArn, requestTimeoutMs },
    'sts',
  );
}

function withSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', onAbort);
    });
  });
}

async function masterCredentialsFor(
  manager: AwsCredentialsManager,
  roleArn: string,
): Promise<AwsCredentialIdentityProvider> {
  try {
    return (await manager.getCredentialProvider({ arn: roleArn }))
      .sdkCredentialProvider;
  } catch (error) {
    if (
      !(error instanceof Error) ||
      !error.message.includes('There is no AWS integration that matches')
    ) {
      throw error;
    }
    return (await manager.getCredentialProvider()).sdkCredentialProvider;
  }
}
