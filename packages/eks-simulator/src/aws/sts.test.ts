import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import https from 'node:https';
import { RunningSimulator, startSimulator } from '../startSimulator';

// The SigV4 signer Backstage's AwsIamStrategy uses to presign EKS tokens.
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';

const shop = {
  accessKeyId: 'AKIASIMSHOP000000001',
  secretAccessKey: 'shop-secret-access-key',
};

/**
 * Builds a bearer token exactly as @backstage/plugin-kubernetes-backend's AwsIamStrategy does
 * (same signer, same request shape, `expiresIn: 0`).
 */
async function backstageEksToken(
  clusterId: string,
  credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  },
  region = 'us-east-1',
  signingDate?: Date,
) {
  const signer = new SignatureV4({
    credentials,
    region,
    service: 'sts',
    sha256: Sha256,
  });
  const request = await signer.presign(
    {
      headers: {
        host: `sts.${region}.amazonaws.com`,
        'x-k8s-aws-id': clusterId,
      },
      hostname: `sts.${region}.amazonaws.com`,
      method: 'GET',
      path: '/',
      protocol: 'https:',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    },
    { expiresIn: 0, signingDate },
  );
  const query = Object.keys(request.query ?? {})
    .map(
      q =>
        `${encodeURIComponent(q)}=${encodeURIComponent(
          request.query![q] as string,
        )}`,
    )
    .join('&');
  return `k8s-aws-v1.${Buffer.from(
    `https://${request.hostname}${request.path}?${query}`,
  ).toString('base64url')}`;
}

function getStatus(
  sim: RunningSimulator,
  cluster: string,
  token: string,
): Promise<number> {
  const url = new URL('/api/v1/nodes', sim.cluster(cluster).url);
  return new Promise((resolve, reject) => {
    https
      .get(
        url,
        { ca: sim.caCert, headers: { authorization: `Bearer ${token}` } },
        res => {
          res.resume();
          resolve(res.statusCode!);
        },
      )
      .on('error', reject);
  });
}

describe('STS Query API and aws-iam-authenticator tokens', () => {
  let sim: RunningSimulator;
  let sts: STSClient;

  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'portal-demo' });
    sts = new STSClient({
      endpoint: sim.awsEndpoint,
      region: 'eu-west-1',
      credentials: shop,
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    sts?.destroy();
    await sim?.stop();
  });

  it('GetCallerIdentity names the caller', async () => {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({
      Account: '111111111111',
      Arn: 'arn:aws:iam::111111111111:user/backstage',
    });
    expect(out.UserId).toMatch(/^AIDA[0-9A-F]{17}$/);
  });

  it('AssumeRole returns temporary credentials of the role account', async () => {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222222222222:role/backstage-eks-reader',
        RoleSessionName: 'backstage',
      }),
    );
    expect(out.AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::222222222222:assumed-role/backstage-eks-reader/backstage',
    );
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials!.Expiration!.getTime()).toBeGreaterThan(
      Date.now() + 3500 * 1000,
    );
    const assumed = new STSClient({
      endpoint: sim.awsEndpoint,
      region: 'eu-west-1',
      credentials: {
        accessKeyId: out.Credentials!.AccessKeyId!,
        secretAccessKey: out.Credentials!.SecretAccessKey!,
        sessionToken: out.Credentials!.SessionToken!,
      },
    });
    expect((await assumed.send(new GetCallerIdentityCommand({}))).Account).toBe(
      '222222222222',
    );
    assumed.destroy();
  });

  it('refuses roles the caller may not assume', async () => {
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::222222222222:role/admin',
          RoleSessionName: 'x1',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message:
        'User: arn:aws:iam::111111111111:user/backstage is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/admin',
      $metadata: expect.objectContaining({ httpStatusCode: 403 }),
    });
    const stranger = new STSClient({
      endpoint: sim.awsEndpoint,
      region: 'eu-west-1',
      credentials: {
        accessKeyId: 'AKIANOBODY0000000000',
        secretAccessKey: 'x',
      },
    });
    await expect(
      stranger.send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    stranger.destroy();
  });

  it('is reachable through AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_EC2, as unmodified Backstage code uses it', async () => {
    const saved = { ...process.env };
    process.env.AWS_ENDPOINT_URL_STS = sim.awsEndpoint;
    process.env.AWS_ENDPOINT_URL_EC2 = sim.awsEndpoint;
    try {
      const plainSts = new STSClient({
        region: 'eu-west-1',
        credentials: shop,
      });
      expect(
        (await plainSts.send(new GetCallerIdentityCommand({}))).Account,
      ).toBe('111111111111');
      const plainEc2 = new EC2Client({
        region: 'eu-west-1',
        credentials: shop,
      });
      expect(
        (await plainEc2.send(new DescribeVpcsCommand({}))).Vpcs,
      ).toHaveLength(2);
      plainSts.destroy();
      plainEc2.destroy();
    } finally {
      process.env = saved;
    }
  });

  it('accepts a Backstage-made IAM token only for the cluster it names', async () => {
    const token = await backstageEksToken('eks-prod', shop);
    expect(await getStatus(sim, 'eks-prod', token)).toBe(200);
    // Same signer, but signed for eks-prod: eks-dev refuses it.
    expect(await getStatus(sim, 'eks-dev', token)).toBe(401);
    expect(
      await getStatus(
        sim,
        'eks-dev',
        await backstageEksToken('eks-dev', shop, 'eu-west-1'),
      ),
    ).toBe(200);
  });

  it('admits eks-analytics only with the assumed role of its own account', async () => {
    expect(
      await getStatus(
        sim,
        'eks-analytics',
        await backstageEksToken('eks-analytics', shop),
      ),
    ).toBe(401);
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222222222222:role/backstage-eks-reader',
        RoleSessionName: 'k8s',
      }),
    );
    const assumed = {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    };
    expect(
      await getStatus(
        sim,
        'eks-analytics',
        await backstageEksToken('eks-analytics', assumed),
      ),
    ).toBe(200);
  });

  it('rejects expired, tampered and wrongly signed tokens', async () => {
    const old = await backstageEksToken(
      'eks-prod',
      shop,
      'us-east-1',
      new Date(Date.now() - 16 * 60 * 1000),
    );
    expect(await getStatus(sim, 'eks-prod', old)).toBe(401);
    const wrongSecret = await backstageEksToken('eks-prod', {
      ...shop,
      secretAccessKey: 'nope',
    });
    expect(await getStatus(sim, 'eks-prod', wrongSecret)).toBe(401);
    const url = Buffer.from(
      (await backstageEksToken('eks-prod', shop)).slice(11),
      'base64url',
    ).toString();
    const tampered = url.replace('GetCallerIdentity', 'GetSessionToken');
    expect(
      await getStatus(
        sim,
        'eks-prod',
        `k8s-aws-v1.${Buffer.from(tampered).toString('base64url')}`,
      ),
    ).toBe(401);
    const unsignedHeader = url.replace(
      /X-Amz-SignedHeaders=[^&]*/,
      'X-Amz-SignedHeaders=host',
    );
    expect(
      await getStatus(
        sim,
        'eks-prod',
        `k8s-aws-v1.${Buffer.from(unsignedHeader).toString('base64url')}`,
      ),
    ).toBe(401);
    expect(await getStatus(sim, 'eks-prod', 'k8s-aws-v1.bm90IGEgdXJs')).toBe(
      401,
    );
  });
});
