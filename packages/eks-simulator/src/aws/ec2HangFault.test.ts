import {
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2';
import { RunningSimulator, startSimulator } from '../startSimulator';
import { ec2Client } from '../__testUtils__/ec2Client';
import { request, waitFor } from '../__testUtils__/httpRequest';

// The `hang` fault against the real @aws-sdk/client-ec2: what a caller sees when EC2 (or
// the network in front of it) accepts a request and never answers.

/** A rejection's name, code and attempts, or 'pending' if it has not settled in `ms`. */
async function outcomeWithin(p: Promise<unknown>, ms: number) {
  const timer = new Promise(resolve =>
    setTimeout(() => resolve('pending'), ms),
  );
  return Promise.race([
    p.then(
      () => 'resolved',
      (e: any) => ({
        name: e.name,
        code: e.code,
        message: e.message,
        attempts: e.$metadata?.attempts,
      }),
    ),
    timer,
  ]);
}

describe('hang fault (EC2)', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'portal-demo' });
  });
  afterAll(async () => {
    await sim?.stop();
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.resetCounters();
  });

  it('holds matching calls until the SDK times out, and counts them as hung', async () => {
    sim.faults.hang({ action: 'DescribeInstances' });
    const ec2 = ec2Client(sim, {
      maxAttempts: 1,
      requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true },
    });
    const started = Date.now();
    await expect(
      ec2.send(new DescribeInstancesCommand({})),
    ).rejects.toMatchObject({
      name: 'TimeoutError',
      code: 'ETIMEDOUT',
      $metadata: expect.objectContaining({ attempts: 1 }),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    // Other actions are answered meanwhile.
    expect(
      (await ec2.send(new DescribeSubnetsCommand({}))).Subnets,
    ).toHaveLength(4);
    expect(sim.counters().hung).toEqual({ 'ec2:DescribeInstances': 1 });
    expect(sim.counters().aws['ec2:DescribeInstances']).toBe(1);
    ec2.destroy();
  });

  it('is retried by the SDK as a TimeoutError: every attempt hangs', async () => {
    sim.faults.hang({ action: 'ec2:DescribeInstances' });
    const ec2 = ec2Client(sim, {
      maxAttempts: 3,
      requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true },
    });
    await expect(
      ec2.send(new DescribeInstancesCommand({})),
    ).rejects.toMatchObject({
      name: 'TimeoutError',
      $metadata: expect.objectContaining({ attempts: 3 }),
    });
    expect(sim.counters().hung['ec2:DescribeInstances']).toBe(3);
    ec2.destroy();
  });

  it('a requestTimeout without throwOnRequestTimeout only warns: the call keeps waiting', async () => {
    sim.faults.hang({ action: 'DescribeInstances' });
    const warnings: string[] = [];
    const ec2 = ec2Client(sim, {
      requestHandler: { requestTimeout: 200 },
      logger: {
        warn: (m: string) => warnings.push(m),
        debug: () => undefined,
        info: () => undefined,
        error: () => undefined,
      },
    });
    const abort = new AbortController();
    const call = ec2.send(new DescribeInstancesCommand({}), {
      abortSignal: abort.signal,
    });
    expect(await outcomeWithin(call, 1000)).toBe('pending');
    expect(warnings.join('\n')).toContain('exceeded the configured 200 ms');
    abort.abort();
    expect(await outcomeWithin(call, 1000)).toMatchObject({
      name: 'AbortError',
    });
    ec2.destroy();
  });

  it('keeps held requests held after the fault is removed; new calls are answered', async () => {
    const id = sim.faults.hang({ action: 'DescribeSubnets' });
    const ec2 = ec2Client(sim);
    const abort = new AbortController();
    const held = ec2.send(new DescribeSubnetsCommand({}), {
      abortSignal: abort.signal,
    });
    await waitFor(() => sim.counters().hung['ec2:DescribeSubnets'] === 1);
    expect(sim.faults.remove(id)).toBe(true);
    expect(
      (await ec2.send(new DescribeSubnetsCommand({}))).Subnets,
    ).toHaveLength(4);
    expect(await outcomeWithin(held, 300)).toBe('pending');
    abort.abort();
    expect(await outcomeWithin(held, 1000)).toMatchObject({
      name: 'AbortError',
    });
    ec2.destroy();
  });

  it('only holds the account named', async () => {
    sim.faults.hang({ action: 'DescribeSubnets', account: '222222222222' });
    const ec2 = ec2Client(sim);
    expect(
      (await ec2.send(new DescribeSubnetsCommand({}))).Subnets,
    ).toHaveLength(4);
    expect(sim.counters().hung).toEqual({});
    ec2.destroy();
  });

  it('is switched on over the admin API', async () => {
    const added = await request(`${sim.adminUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify({ type: 'hang', action: 'ec2:DescribeSubnets' }),
    });
    expect(added.status).toBe(201);
    const ec2 = ec2Client(sim, {
      requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true },
    });
    await expect(
      ec2.send(new DescribeSubnetsCommand({})),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect((await request(`${sim.adminUrl}/counters`)).body.hung).toEqual({
      'ec2:DescribeSubnets': 1,
    });
    ec2.destroy();
  });

  it('stop() cuts held connections, so callers and the process end promptly', async () => {
    const own = await startSimulator({ scenario: 'auto-mode' });
    own.faults.hang({ action: 'DescribeInstances' });
    // No timeout at all: the SDK's default would wait forever.
    const ec2 = ec2Client(own, {
      region: 'us-west-2',
      credentials: {
        accessKeyId: 'AKIASIMAUTOMODE00001',
        secretAccessKey: 'auto-mode-secret-access-key',
      },
    });
    const held = ec2.send(new DescribeInstancesCommand({}));
    await waitFor(() => own.counters().hung['ec2:DescribeInstances'] === 1);
    const started = Date.now();
    await own.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    // The SDK sees the connection cut (under Jest it wraps Node's error, so match the text).
    expect(await outcomeWithin(held, 1000)).toMatchObject({
      message: expect.stringContaining('socket hang up'),
    });
    ec2.destroy();
  });
});
