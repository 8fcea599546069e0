import {
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  GetSubnetCidrReservationsCommand,
} from '@aws-sdk/client-ec2';
import { RunningSimulator, startSimulator } from '../startSimulator';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { ec2Client, SHOP_CREDENTIALS } from '../__testUtils__/ec2Client';
import { request } from '../__testUtils__/httpRequest';

// What @aws-sdk/client-ec2 (default retry strategy, 3 attempts) makes of each broken answer
// the `badResponse` fault gives. The README's Faults table documents these outcomes.

/** A form POST signed as the SDK signs it (SigV4, service ec2), sent with node:http. */
async function signedPost(endpoint: string, body: string) {
  const url = new URL(endpoint);
  const signer = new SignatureV4({
    credentials: SHOP_CREDENTIALS,
    region: 'eu-west-1',
    service: 'ec2',
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    headers: {
      host: url.host,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body,
  });
  return request(`${endpoint}/`, {
    method: 'POST',
    headers: signed.headers as Record<string, string>,
    body,
  });
}

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e: any) {
    return {
      name: e.name,
      status: e.$metadata?.httpStatusCode,
      attempts: e.$metadata?.attempts,
      fault: e.$fault,
      message: String(e.message),
      contentType: e.$response?.headers?.['content-type'],
    };
  }
  throw new Error('expected the call to fail');
}

describe('badResponse fault (EC2)', () => {
  let sim: RunningSimulator;
  const calls = () => sim.counters().aws['ec2:DescribeInstances'];

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

  it('html502: the SDK raises Unknown (502, server fault) and retries it', async () => {
    sim.faults.badResponse({ action: 'DescribeInstances', mode: 'html502' });
    const ec2 = ec2Client(sim, { maxAttempts: 3 });
    expect(
      await failure(ec2.send(new DescribeInstancesCommand({}))),
    ).toMatchObject({
      name: 'Unknown',
      status: 502,
      attempts: 3,
      fault: 'server',
      contentType: 'text/html',
    });
    expect(calls()).toBe(3);
    ec2.destroy();
  });

  it('echo502: the XML parser fails on the echo, a plain Error with status 502, retried; the body holds the SigV4 Authorization', async () => {
    sim.faults.badResponse({ action: 'DescribeInstances', mode: 'echo502' });
    const ec2 = ec2Client(sim, { maxAttempts: 2 });
    expect(
      await failure(ec2.send(new DescribeInstancesCommand({}))),
    ).toMatchObject({
      name: 'Error',
      status: 502,
      attempts: 2,
      message: expect.stringMatching(/^@aws-sdk XML parse error/),
      contentType: 'text/plain; charset=utf-8',
    });
    ec2.destroy();
    const echoed = await signedPost(
      sim.awsEndpoint,
      'Action=DescribeInstances&Version=2016-11-15',
    );
    expect(echoed.status).toBe(502);
    const lines = echoed.text.split('\r\n');
    expect(lines[0]).toBe('POST / HTTP/1.1');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^authorization: AWS4-HMAC-SHA256 Credential=AKIASIMSHOP000000001\/\d{8}\/eu-west-1\/ec2\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/i,
        ),
      ]),
    );
  });

  it('html200: the XML parser fails, a plain Error with status 200, not retried', async () => {
    sim.faults.badResponse({ action: 'DescribeInstances', mode: 'html200' });
    const ec2 = ec2Client(sim, { maxAttempts: 3 });
    expect(
      await failure(ec2.send(new DescribeInstancesCommand({}))),
    ).toMatchObject({
      name: 'Error',
      status: 200,
      attempts: 1,
      message: expect.stringMatching(/^@aws-sdk XML parse error/),
    });
    expect(calls()).toBe(1);
    ec2.destroy();
  });

  it('empty200: the SDK resolves with no Reservations field at all (undefined, not [])', async () => {
    sim.faults.badResponse({ action: 'DescribeInstances', mode: 'empty200' });
    const ec2 = ec2Client(sim, { maxAttempts: 3 });
    const out = await ec2.send(new DescribeInstancesCommand({}));
    expect(out.Reservations).toBeUndefined();
    expect(out.NextToken).toBeUndefined();
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    ec2.destroy();
  });

  it('emptyResult: a valid, empty answer of the action, as for a wrong account or region', async () => {
    sim.faults.badResponse({ action: 'ec2:*', mode: 'emptyResult' });
    const ec2 = ec2Client(sim, { maxAttempts: 3 });
    const instances = await ec2.send(new DescribeInstancesCommand({}));
    expect(instances.Reservations).toEqual([]);
    expect(instances.NextToken).toBeUndefined();
    expect(
      (await ec2.send(new DescribeNetworkInterfacesCommand({ MaxResults: 5 })))
        .NetworkInterfaces,
    ).toEqual([]);
    expect((await ec2.send(new DescribeSubnetsCommand({}))).Subnets).toEqual(
      [],
    );
    const reservations = await ec2.send(
      new GetSubnetCidrReservationsCommand({ SubnetId: 'subnet-nonexistent' }),
    );
    expect(reservations.SubnetIpv4CidrReservations).toEqual([]);
    expect(reservations.SubnetIpv6CidrReservations).toEqual([]);
    ec2.destroy();
  });

  it("internalError: EC2's own 500 InternalError, which the SDK retries", async () => {
    sim.faults.badResponse({
      action: 'DescribeInstances',
      mode: 'internalError',
    });
    const ec2 = ec2Client(sim, { maxAttempts: 3 });
    expect(
      await failure(ec2.send(new DescribeInstancesCommand({}))),
    ).toMatchObject({
      name: 'InternalError',
      status: 500,
      attempts: 3,
      fault: 'server',
      message: 'An internal error has occurred',
    });
    expect(
      sim.counters().awsErrors['ec2:DescribeInstances:InternalError'],
    ).toBe(3);
    ec2.destroy();
  });

  it('count limits it to the next N calls, then the fault removes itself', async () => {
    sim.faults.badResponse({
      action: 'DescribeInstances',
      mode: 'internalError',
      count: 2,
    });
    expect(sim.faults.list()).toEqual([
      expect.objectContaining({ type: 'badResponse', remaining: 2 }),
    ]);
    // Two failed attempts, and the third (the SDK's last) gets the real answer.
    const ec2 = ec2Client(sim, { maxAttempts: 3 });
    const out = await ec2.send(new DescribeInstancesCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(out.Reservations).toHaveLength(5);
    expect(sim.faults.list()).toEqual([]);
    ec2.destroy();
  });

  it('only touches the action named', async () => {
    sim.faults.badResponse({ action: 'DescribeInstances', mode: 'html502' });
    const ec2 = ec2Client(sim);
    expect(
      (await ec2.send(new DescribeSubnetsCommand({}))).Subnets,
    ).toHaveLength(4);
    ec2.destroy();
  });

  it('is switched on over the admin API, and refused with a reason when malformed', async () => {
    const added = await request(`${sim.adminUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify({
        type: 'badResponse',
        action: 'ec2:DescribeSubnets',
        mode: 'html502',
        count: 1,
      }),
    });
    expect(added.status).toBe(201);
    const ec2 = ec2Client(sim);
    expect(
      await failure(ec2.send(new DescribeSubnetsCommand({}))),
    ).toMatchObject({ status: 502 });
    expect(
      (await ec2.send(new DescribeSubnetsCommand({}))).Subnets,
    ).toHaveLength(4);
    const refused = await request(`${sim.adminUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify({
        type: 'badResponse',
        action: 'DescribeSubnets',
        mode: 'echo500',
      }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe(
      'A badResponse fault for EC2 needs a mode: one of html502, echo502, html200, empty200, emptyResult, internalError',
    );
    ec2.destroy();
  });
});
