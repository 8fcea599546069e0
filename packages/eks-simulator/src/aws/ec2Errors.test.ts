import {
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { RunningSimulator, startSimulator } from '../startSimulator';

// The real @aws-sdk/client-ec2 against the simulator's errors: EC2's error codes and HTTP
// statuses, throttling and denial switches, SDK retries, token buckets, latency.

describe('EC2 Query API errors with @aws-sdk/client-ec2', () => {
  let sim: RunningSimulator;
  let ec2: EC2Client;
  const shop = {
    accessKeyId: 'AKIASIMSHOP000000001',
    secretAccessKey: 'shop-secret-access-key',
  };

  const client = (credentials = shop, region = 'eu-west-1') =>
    new EC2Client({
      endpoint: sim.awsEndpoint,
      region,
      credentials,
      maxAttempts: 1,
    });

  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'portal-demo' });
    ec2 = client();
  });
  afterAll(async () => {
    ec2?.destroy();
    await sim?.stop();
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.resetCounters();
  });

  it('answers EC2 error codes with the right HTTP status', async () => {
    const err = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e: any) {
        return [e.name, e.$metadata?.httpStatusCode, e.message];
      }
      throw new Error('expected an error');
    };
    expect(
      await err(
        ec2.send(
          new DescribeInstancesCommand({
            InstanceIds: ['i-0511000000000a001'],
            MaxResults: 5,
          }),
        ),
      ),
    ).toEqual([
      'InvalidParameterCombination',
      400,
      'The parameter instancesSet cannot be used with the parameter maxResults',
    ]);
    expect(
      await err(ec2.send(new DescribeInstancesCommand({ MaxResults: 3 }))),
    ).toEqual([
      'InvalidParameterValue',
      400,
      'Value ( 3 ) for parameter maxResults is invalid. Expecting a value greater than 5.',
    ]);
    expect(
      await err(
        ec2.send(
          new DescribeInstancesCommand({
            InstanceIds: ['i-0511000000000a999'],
          }),
        ),
      ),
    ).toEqual([
      'InvalidInstanceID.NotFound',
      400,
      "The instance ID 'i-0511000000000a999' does not exist",
    ]);
    expect(
      (
        await err(
          ec2.send(
            new DescribeSubnetsCommand({
              Filters: [{ Name: 'no-such-filter', Values: ['x'] }],
            }),
          ),
        )
      )[0],
    ).toBe('InvalidParameterValue');
    expect(
      (
        await err(
          ec2.send(
            new DescribeSubnetsCommand({ NextToken: 'garbage', MaxResults: 5 }),
          ),
        )
      )[0],
    ).toBe('InvalidPaginationToken');
    const stranger = client({
      accessKeyId: 'AKIANOBODY0000000000',
      secretAccessKey: 'x',
    });
    expect(await err(stranger.send(new DescribeVpcsCommand({})))).toEqual([
      'AuthFailure',
      401,
      'AWS was not able to validate the provided access credentials',
    ]);
    const wrongSecret = client({
      accessKeyId: shop.accessKeyId,
      secretAccessKey: 'wrong',
    });
    expect((await err(wrongSecret.send(new DescribeVpcsCommand({}))))[0]).toBe(
      'SignatureDoesNotMatch',
    );
    stranger.destroy();
    wrongSecret.destroy();
  });

  it('throttles and denies actions on demand', async () => {
    sim.faults.throttle('ec2:DescribeSubnets', { count: 2 });
    const failures: Array<[string, number]> = [];
    for (let i = 0; i < 3; i++) {
      try {
        await ec2.send(new DescribeSubnetsCommand({}));
      } catch (e: any) {
        failures.push([e.name, e.$metadata.httpStatusCode]);
      }
    }
    expect(failures).toEqual([
      ['RequestLimitExceeded', 503],
      ['RequestLimitExceeded', 503],
    ]);
    expect(sim.counters().aws['ec2:DescribeSubnets']).toBe(3);
    expect(
      sim.counters().awsErrors['ec2:DescribeSubnets:RequestLimitExceeded'],
    ).toBe(2);

    sim.faults.deny('DescribeNetworkInterfaces');
    await expect(
      ec2.send(new DescribeNetworkInterfacesCommand({})),
    ).rejects.toMatchObject({
      name: 'UnauthorizedOperation',
      $metadata: expect.objectContaining({ httpStatusCode: 403 }),
      message: expect.stringMatching(
        /^You are not authorized to perform this operation\. User: arn:aws:iam::111111111111:user\/backstage is not authorized to perform: ec2:DescribeNetworkInterfaces .*Encoded authorization failure message: /,
      ),
    });
    // Only that action, and only for the accounts named.
    await expect(ec2.send(new DescribeVpcsCommand({}))).resolves.toBeDefined();
  });

  it('retries throttled calls with the SDK default retry strategy', async () => {
    sim.faults.throttle('DescribeVpcs', { count: 1 });
    const retrying = new EC2Client({
      endpoint: sim.awsEndpoint,
      region: 'eu-west-1',
      credentials: shop,
      maxAttempts: 3,
    });
    const out = await retrying.send(new DescribeVpcsCommand({}));
    expect(out.Vpcs).toHaveLength(2);
    expect(sim.counters().aws['ec2:DescribeVpcs']).toBe(2);
    retrying.destroy();
  });

  it('applies EC2 token buckets per account and region when asked', async () => {
    const limited = await startSimulator({
      scenario: 'portal-demo',
      ec2RateLimits: {
        filtered: { burst: 3, refillPerSecond: 0.01 },
        unfiltered: { burst: 2, refillPerSecond: 0.01 },
      },
    });
    const c = new EC2Client({
      endpoint: limited.awsEndpoint,
      region: 'eu-west-1',
      credentials: shop,
      maxAttempts: 1,
    });
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: any) => e.name,
      );
    const unfiltered = [];
    for (let i = 0; i < 3; i++)
      unfiltered.push(await outcome(c.send(new DescribeSubnetsCommand({}))));
    expect(unfiltered).toEqual(['ok', 'ok', 'RequestLimitExceeded']);
    // The filtered bucket is a separate one.
    expect(
      await outcome(c.send(new DescribeSubnetsCommand({ MaxResults: 5 }))),
    ).toBe('ok');
    // And another region has its own buckets.
    const other = new EC2Client({
      endpoint: limited.awsEndpoint,
      region: 'us-east-1',
      credentials: shop,
      maxAttempts: 1,
    });
    expect(await outcome(other.send(new DescribeSubnetsCommand({})))).toBe(
      'ok',
    );
    c.destroy();
    other.destroy();
    await limited.stop();
  });

  it('adds latency', async () => {
    sim.faults.latency(300, { action: 'ec2:DescribeVpcs' });
    const start = Date.now();
    await ec2.send(new DescribeVpcsCommand({}));
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
  });
});
