import { EC2Client, EC2ClientConfig } from '@aws-sdk/client-ec2';
import { RunningSimulator } from '../startSimulator';

/** The portal-demo scenario's own access key (account 111111111111). */
export const SHOP_CREDENTIALS = {
  accessKeyId: 'AKIASIMSHOP000000001',
  secretAccessKey: 'shop-secret-access-key',
};

/** The real @aws-sdk/client-ec2 pointed at the simulator (no retries unless asked). */
export function ec2Client(
  sim: RunningSimulator,
  config: Partial<EC2ClientConfig> = {},
): EC2Client {
  return new EC2Client({
    endpoint: sim.awsEndpoint,
    region: 'eu-west-1',
    credentials: SHOP_CREDENTIALS,
    maxAttempts: 1,
    ...config,
  });
}
