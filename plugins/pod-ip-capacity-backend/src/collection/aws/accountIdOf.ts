import {
  GetCallerIdentityCommand,
  STSClient,
  STSClientConfig,
} from '@aws-sdk/client-sts';
import { AwsCredentialIdentityProvider } from '@aws-sdk/types';

/** One answer per credentials: the account behind them does not change. */
const accounts = new WeakMap<
  AwsCredentialIdentityProvider,
  Promise<string | undefined>
>();

/**
 * The AWS account of some credentials, from `sts:GetCallerIdentity` (which
 * needs no IAM permission), asked once per credentials in this process.
 * Unknown rather than an error when STS cannot be reached: the account id
 * only labels a cluster.
 */
export function accountIdOf(
  credentials: AwsCredentialIdentityProvider,
  region: string,
  clientConfig: Pick<STSClientConfig, 'requestHandler'> = {},
): Promise<string | undefined> {
  let account = accounts.get(credentials);
  if (!account) {
    const sts = new STSClient({
      region,
      credentials,
      maxAttempts: 2,
      ...clientConfig,
    });
    account = sts
      .send(new GetCallerIdentityCommand({}))
      .then(
        identity => identity.Account,
        () => undefined,
      )
      .finally(() => sts.destroy());
    accounts.set(credentials, account);
  }
  return account;
}
