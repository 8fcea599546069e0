import {
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  EC2Client,
  GetManagedResourceVisibilityCommand,
} from '@aws-sdk/client-ec2';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  BUILTIN_SCENARIO_DIR,
  parseScenarioYaml,
} from '../scenario/loadScenario';
import { resolveScenario } from '../scenario/resolveScenario';
import { ScenarioError } from '../scenario/scenarioError';
import { RunningSimulator, startSimulator } from '../startSimulator';
import { ec2Client } from '../__testUtils__/ec2Client';
import { request } from '../__testUtils__/httpRequest';

// EKS Auto Mode instances and their ENIs are managed by EKS; EC2 hides them from Describe
// calls when the account says so, unless the call sets IncludeManagedResources
// (how-pod-ips-are-counted.md §8). In portal-demo, eks-prod's i-0511000000000a001 and
// i-0511000000000b001 (ENIs eni-0511000000000a001 / b001) are Auto Mode nodes.

const AUTO_MODE = ['i-0511000000000a001', 'i-0511000000000b001'];
const OTHERS = [
  'i-0511000000000c001',
  'i-0511000000000c002',
  'i-0511000000000d001',
];

async function instanceIds(
  ec2: EC2Client,
  input: ConstructorParameters<typeof DescribeInstancesCommand>[0] = {},
) {
  const out = await ec2.send(new DescribeInstancesCommand(input));
  return out.Reservations!.flatMap(r => r.Instances!.map(i => i.InstanceId!));
}

async function eniIds(
  ec2: EC2Client,
  input: ConstructorParameters<typeof DescribeNetworkInterfacesCommand>[0] = {},
) {
  const out = await ec2.send(new DescribeNetworkInterfacesCommand(input));
  return out.NetworkInterfaces!.map(e => e.NetworkInterfaceId!);
}

/** The form body the SDK sends, captured by a loopback server answering an empty result. */
async function capturedBody(send: (c: EC2Client) => Promise<unknown>) {
  let body = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      body = Buffer.concat(chunks).toString('utf8');
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><reservationSet/></DescribeInstancesResponse>',
      );
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const client = new EC2Client({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  await send(client);
  client.destroy();
  await new Promise(r => server.close(r));
  return new URLSearchParams(body);
}

describe('managed-resource visibility (EKS Auto Mode)', () => {
  let sim: RunningSimulator;
  let ec2: EC2Client;

  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'portal-demo' });
    ec2 = ec2Client(sim);
  });
  afterAll(async () => {
    ec2?.destroy();
    await sim?.stop();
  });
  afterEach(() => sim.setManagedResourceVisibility('111111111111', 'visible'));

  it('the SDK sends IncludeManagedResources=true in the EC2 Query body', async () => {
    const body = await capturedBody(c =>
      c.send(new DescribeInstancesCommand({ IncludeManagedResources: true })),
    );
    expect(body.get('Action')).toBe('DescribeInstances');
    expect(body.get('IncludeManagedResources')).toBe('true');
    const without = await capturedBody(c =>
      c.send(new DescribeInstancesCommand({})),
    );
    expect(without.has('IncludeManagedResources')).toBe(false);
  });

  it('visible (the default): everything is listed; Auto Mode items carry EKS as operator', async () => {
    expect(
      (await ec2.send(new GetManagedResourceVisibilityCommand({}))).Visibility,
    ).toEqual({ DefaultVisibility: 'visible' });
    const out = await ec2.send(new DescribeInstancesCommand({}));
    const instances = out.Reservations!.flatMap(r => r.Instances!);
    expect(instances.map(i => i.InstanceId)).toEqual([...AUTO_MODE, ...OTHERS]);
    expect(instances[0].Operator).toEqual({
      Managed: true,
      Principal: 'eks.amazonaws.com',
      HiddenByDefault: false,
    });
    expect(instances[0].NetworkInterfaces![0].Operator).toEqual({
      Managed: true,
      Principal: 'eks.amazonaws.com',
      HiddenByDefault: false,
    });
    expect(instances[2].Operator).toBeUndefined();
    const enis = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        NetworkInterfaceIds: ['eni-0511000000000a001', 'eni-0511000000000c001'],
      }),
    );
    expect(enis.NetworkInterfaces!.map(e => e.Operator)).toEqual([
      { Managed: true, Principal: 'eks.amazonaws.com', HiddenByDefault: false },
      undefined,
    ]);
  });

  it('hidden: Auto Mode instances and ENIs are absent unless IncludeManagedResources is set', async () => {
    sim.setManagedResourceVisibility('111111111111', 'hidden');
    expect(
      (await ec2.send(new GetManagedResourceVisibilityCommand({}))).Visibility,
    ).toEqual({ DefaultVisibility: 'hidden' });
    expect(await instanceIds(ec2)).toEqual(OTHERS);
    const included = await ec2.send(
      new DescribeInstancesCommand({ IncludeManagedResources: true }),
    );
    const all = included.Reservations!.flatMap(r => r.Instances!);
    expect(all.map(i => i.InstanceId)).toEqual([...AUTO_MODE, ...OTHERS]);
    expect(all[0].Operator).toEqual({
      Managed: true,
      Principal: 'eks.amazonaws.com',
      HiddenByDefault: true,
    });

    const subnetA = { Name: 'subnet-id', Values: ['subnet-0511000000000a000'] };
    expect(await eniIds(ec2, { Filters: [subnetA] })).toEqual([
      'eni-0511000000000f004',
    ]);
    expect(
      await eniIds(ec2, { Filters: [subnetA], IncludeManagedResources: true }),
    ).toEqual(['eni-0511000000000a001', 'eni-0511000000000f004']);
  });

  it('hidden: filtering or asking by id finds nothing rather than failing', async () => {
    sim.setManagedResourceVisibility('111111111111', 'hidden');
    const byFilter = {
      Filters: [{ Name: 'instance-id', Values: AUTO_MODE }],
    };
    expect(await instanceIds(ec2, byFilter)).toEqual([]);
    expect(
      await instanceIds(ec2, { ...byFilter, IncludeManagedResources: true }),
    ).toEqual(AUTO_MODE);
    expect(
      await instanceIds(ec2, {
        InstanceIds: ['i-0511000000000a001', 'i-0511000000000c001'],
      }),
    ).toEqual(['i-0511000000000c001']);
    expect(await instanceIds(ec2, { InstanceIds: AUTO_MODE })).toEqual([]);
    expect(
      await eniIds(ec2, {
        Filters: [{ Name: 'attachment.instance-id', Values: AUTO_MODE }],
      }),
    ).toEqual([]);
    // Unknown ids still fail the call.
    await expect(
      ec2.send(
        new DescribeInstancesCommand({ InstanceIds: ['i-0511000000000a999'] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
  });

  it('is switched over the admin API, per account', async () => {
    const url = `${sim.adminUrl}/accounts/111111111111/managed-resource-visibility`;
    const set = await request(url, {
      method: 'POST',
      body: JSON.stringify({ visibility: 'hidden' }),
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      accountId: '111111111111',
      visibility: 'hidden',
    });
    expect(await instanceIds(ec2)).toEqual(OTHERS);
    expect((await request(url)).body.visibility).toBe('hidden');
    expect(sim.getManagedResourceVisibility('222222222222')).toBe('visible');
    // One region only: the account's default stays as it was.
    sim.setManagedResourceVisibility('111111111111', 'visible');
    const regional = await request(url, {
      method: 'POST',
      body: JSON.stringify({ visibility: 'hidden', region: 'eu-west-1' }),
    });
    expect(regional.body).toEqual({
      accountId: '111111111111',
      visibility: 'visible',
      region: 'eu-west-1',
      regionVisibility: 'hidden',
    });
    expect(await instanceIds(ec2)).toEqual(OTHERS);
    const usEast = ec2Client(sim, { region: 'us-east-1' });
    expect(
      (await usEast.send(new GetManagedResourceVisibilityCommand({})))
        .Visibility,
    ).toEqual({ DefaultVisibility: 'visible' });
    usEast.destroy();
    const unknown = await request(
      `${sim.adminUrl}/accounts/999999999999/managed-resource-visibility`,
      { method: 'POST', body: JSON.stringify({ visibility: 'hidden' }) },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('No account 999999999999 in the scenario');
    expect(
      (
        await request(
          `${sim.adminUrl}/accounts/999999999999/managed-resource-visibility`,
        )
      ).status,
    ).toBe(400);
  });

  it('comes from the scenario file, per account with per-region overrides', async () => {
    const file = parseScenarioYaml(
      fs.readFileSync(
        path.join(BUILTIN_SCENARIO_DIR, 'auto-mode.yaml'),
        'utf8',
      ),
    );
    file.accounts[0].managedResourceVisibility = 'hidden';
    const hidden = await startSimulator({ scenario: file });
    const autoMode = (s: RunningSimulator) =>
      ec2Client(s, {
        region: 'us-west-2',
        credentials: {
          accessKeyId: 'AKIASIMAUTOMODE00001',
          secretAccessKey: 'auto-mode-secret-access-key',
        },
      });
    const c1 = autoMode(hidden);
    expect(await instanceIds(c1)).toEqual([]);
    expect(
      await instanceIds(c1, { IncludeManagedResources: true }),
    ).toHaveLength(3);
    c1.destroy();
    await hidden.stop();

    file.accounts[0].regions[0].managedResourceVisibility = 'visible';
    const overridden = await startSimulator({ scenario: file });
    const c2 = autoMode(overridden);
    expect(await instanceIds(c2)).toHaveLength(3);
    c2.destroy();
    await overridden.stop();

    (file.accounts[0] as any).managedResourceVisibility = 'invisible';
    expect(() => resolveScenario(file)).toThrow(ScenarioError);
    expect(() => resolveScenario(file)).toThrow(
      "111111111111: managedResourceVisibility must be hidden or visible, not 'invisible'",
    );
  });
});
