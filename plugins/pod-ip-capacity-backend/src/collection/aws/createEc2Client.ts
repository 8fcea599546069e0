import { EC2Client } from '@aws-sdk/client-ec2';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { ClusterProblemError } from '../../lib/problems';
import { ClusterAwsSettings } from './clusterAwsSettings';
import { accountIdOf } from './accountIdOf';

/**
 * An EC2 client for a cluster's account and region, with credentials from
 * Backstage's AWS integration (`aws.mainAccount`, `aws.accounts`). When the
 * cluster names a role, it is assumed the way the Kubernetes plugin's `aws`
 * auth assumes it: from the role account's configured credentials, else the
 * main account's, so one cluster definition serves both plugins. Also says
 * which account the calls land in. Throttling
 * is retried by the SDK's adaptive mode, which also slows the client down.
 */
export async function createEc2Client(options: {
  credentials: AwsCredentialsManager;
  settings: ClusterAwsSettings;
  region: string;
  endpoint?: string;
  maxAttempts: number;
}): Promise<{ client: EC2Client; accountId?: string }> {
  const { settings, region } = options;
  let credentials: AwsCredentialIdentityProvider;
  let accountId = settings.accountId;
  try {
    if (settings.roleArn) {
      credentials = fromTemporaryCredentials({
        masterCredentials: await masterCredentialsFor(
          options.credentials,
          settings.roleArn,
        ),
        clientConfig: { region },
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
        (await accountIdOf(provider.sdkCredentialProvider, region));
    }
  } catch (error) {
    throw new ClusterProblemError({
      source: 'config',
      code: 'NoAwsCredentials',
      message: `No AWS credentials for account ${
        settings.accountId ?? '(main)'
      }: ${
        (error as Error).message
      } Configure aws.mainAccount or aws.accounts (see @backstage/integration-aws-node), or set podIpCapacity.clusters[].roleArn.`,
    });
  }
  const client = new EC2Client({
    region,
    credentials,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts,
  });
  return { client, ...(accountId ? { accountId } : {}) };
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
