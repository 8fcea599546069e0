import fs from 'node:fs';
import { RunningSimulator, startSimulator } from '../startSimulator';
import { AWS_CLI, ensureAwsCli, isolatedEnv, run, tempHome } from './tools';

// Conformance: Debian's AWS CLI v2 (botocore) against the simulated EC2 and STS endpoint.

jest.setTimeout(15 * 60_000);

describe('AWS CLI conformance', () => {
  let sim: RunningSimulator;
  let home: string;

  beforeAll(async () => {
    ensureAwsCli();
    sim = await startSimulator({ scenario: 'portal-demo' });
    home = tempHome('awscli-conformance');
  });
  afterAll(async () => {
    await sim?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  const aws = (args: string[], credentials: Record<string, string> = {}) =>
    run(
      AWS_CLI,
      [
        '--endpoint-url',
        sim.awsEndpoint,
        '--region',
        'eu-west-1',
        '--output',
        'json',
        ...args,
      ],
      {
        env: isolatedEnv(home, {
          AWS_ACCESS_KEY_ID: 'AKIASIMSHOP000000001',
          AWS_SECRET_ACCESS_KEY: 'shop-secret-access-key',
          ...credentials,
        }),
        timeoutMs: 120_000,
      },
    );
  const json = async (args: string[], credentials?: Record<string, string>) => {
    const out = await aws(args, credentials);
    if (out.code !== 0)
      throw new Error(
        `aws ${args.join(' ')} failed (${out.code}): ${out.stderr}`,
      );
    return JSON.parse(out.stdout);
  };

  it('describe-subnets: AvailableIpAddressCount', async () => {
    const out = await json([
      'ec2',
      'describe-subnets',
      '--subnet-ids',
      'subnet-0511000000000c000',
    ]);
    expect(out.Subnets).toHaveLength(1);
    expect(out.Subnets[0]).toMatchObject({
      CidrBlock: '10.0.2.0/24',
      AvailableIpAddressCount: 238,
      AvailabilityZone: 'eu-west-1c',
    });
  });

  it('describe-instances: ENI prefixes of a node', async () => {
    const out = await json([
      'ec2',
      'describe-instances',
      '--instance-ids',
      'i-0511000000000b001',
    ]);
    const eni = out.Reservations[0].Instances[0].NetworkInterfaces[0];
    expect(eni.Ipv4Prefixes).toEqual([
      { Ipv4Prefix: '10.0.1.16/28' },
      { Ipv4Prefix: '10.0.1.32/28' },
    ]);
    expect(eni.Attachment).toMatchObject({
      DeviceIndex: 0,
      NetworkCardIndex: 0,
    });
  });

  it('describe-network-interfaces: server-side page boundary and NextToken', async () => {
    const filter = ['--filters', 'Name=vpc-id,Values=vpc-0511000000000000a'];
    const first = await json([
      'ec2',
      'describe-network-interfaces',
      ...filter,
      '--no-paginate',
      '--max-results',
      '5',
    ]);
    expect(first.NetworkInterfaces).toHaveLength(5);
    expect(typeof first.NextToken).toBe('string');
    const second = await json([
      'ec2',
      'describe-network-interfaces',
      ...filter,
      '--no-paginate',
      '--max-results',
      '5',
      '--next-token',
      first.NextToken,
    ]);
    expect(second.NetworkInterfaces).toHaveLength(3);
    expect(second.NextToken).toBeUndefined();
    // The CLI's own paginator walks all pages.
    sim.resetCounters();
    const all = await json([
      'ec2',
      'describe-network-interfaces',
      ...filter,
      '--page-size',
      '5',
    ]);
    expect(all.NetworkInterfaces).toHaveLength(8);
    expect(sim.counters().aws['ec2:DescribeNetworkInterfaces']).toBe(2);
  });

  it('error codes: InvalidInstanceID.NotFound, InvalidParameterCombination, UnauthorizedOperation', async () => {
    const missing = await aws([
      'ec2',
      'describe-instances',
      '--instance-ids',
      'i-0511000000000a999',
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('(InvalidInstanceID.NotFound)');
    const combo = await aws([
      'ec2',
      'describe-instances',
      '--instance-ids',
      'i-0511000000000a001',
      '--max-results',
      '5',
    ]);
    expect(combo.stderr).toContain('(InvalidParameterCombination)');
    const id = sim.faults.deny('ec2:DescribeSubnets');
    const denied = await aws(['ec2', 'describe-subnets']);
    expect(denied.stderr).toContain('(UnauthorizedOperation)');
    expect(denied.stderr).toContain('ec2:DescribeSubnets');
    sim.faults.remove(id);
  });

  it('sts get-caller-identity and assume-role into the analytics account', async () => {
    expect((await json(['sts', 'get-caller-identity'])).Account).toBe(
      '111111111111',
    );
    const assumed = await json([
      'sts',
      'assume-role',
      '--role-arn',
      'arn:aws:iam::222222222222:role/backstage-eks-reader',
      '--role-session-name',
      'cli',
    ]);
    const creds = {
      AWS_ACCESS_KEY_ID: assumed.Credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: assumed.Credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: assumed.Credentials.SessionToken,
    };
    const reservations = await json(
      [
        'ec2',
        'get-subnet-cidr-reservations',
        '--subnet-id',
        'subnet-0522000000000b000',
      ],
      creds,
    );
    expect(reservations.SubnetIpv4CidrReservations).toEqual([
      expect.objectContaining({
        Cidr: '100.64.8.0/21',
        ReservationType: 'prefix',
      }),
    ]);
  });
});
