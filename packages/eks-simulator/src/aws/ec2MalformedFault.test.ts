import {
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  NetworkInterface,
  paginateDescribeNetworkInterfaces,
} from '@aws-sdk/client-ec2';
import { RunningSimulator, startSimulator } from '../startSimulator';
import { ec2Client } from '../__testUtils__/ec2Client';
import { request } from '../__testUtils__/httpRequest';

// The `malformed` fault: garbage in named items of otherwise valid EC2 answers, as the SDK
// deserialises them (it validates nothing, so the garbage reaches the caller).

async function eniPages(ec2: EC2Client): Promise<NetworkInterface[][]> {
  const pages: NetworkInterface[][] = [];
  for await (const page of paginateDescribeNetworkInterfaces(
    { client: ec2, pageSize: 5 },
    { Filters: [{ Name: 'vpc-id', Values: ['vpc-0511000000000000a'] }] },
  )) {
    pages.push(page.NetworkInterfaces!);
  }
  return pages;
}

describe('malformed fault (EC2)', () => {
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
  beforeEach(() => sim.faults.clear());

  it('DescribeSubnets: the first subnet of the answer gets CidrBlock 10.0.0.0/33', async () => {
    sim.faults.malformed({ action: 'ec2:DescribeSubnets' });
    const out = await ec2.send(new DescribeSubnetsCommand({}));
    expect(out.Subnets!.map(s => [s.SubnetId, s.CidrBlock])).toEqual([
      ['subnet-0511000000000a000', '10.0.0.0/33'],
      ['subnet-0511000000000b000', '10.0.1.0/24'],
      ['subnet-0511000000000c000', '10.0.2.0/24'],
      ['subnet-0511000000000d000', '10.1.0.0/24'],
    ]);
    // Everything else about the item is intact.
    expect(out.Subnets![0].AvailableIpAddressCount).toBe(233);
    const byId = await ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: ['subnet-0511000000000c000'] }),
    );
    expect(byId.Subnets![0].CidrBlock).toBe('10.0.0.0/33');
  });

  it("DescribeInstances: the first instance's first ENI gets IP 10.0.0.999 and prefix not-a-cidr", async () => {
    sim.faults.malformed({ action: 'ec2:DescribeInstances' });
    const out = await ec2.send(new DescribeInstancesCommand({}));
    const instances = out.Reservations!.flatMap(r => r.Instances!);
    expect(instances).toHaveLength(5);
    const eni = instances[0].NetworkInterfaces![0];
    expect([instances[0].InstanceId, eni.NetworkInterfaceId]).toEqual([
      'i-0511000000000a001',
      'eni-0511000000000a001',
    ]);
    expect(
      eni.PrivateIpAddresses!.map(p => [p.PrivateIpAddress, p.Primary]),
    ).toEqual([
      ['10.0.0.10', true],
      ['10.0.0.999', false],
    ]);
    expect(eni.Ipv4Prefixes).toEqual([
      { Ipv4Prefix: '10.0.0.32/28' },
      { Ipv4Prefix: 'not-a-cidr' },
    ]);
    // The second instance is as the scenario says.
    expect(instances[1].NetworkInterfaces![0].Ipv4Prefixes).toEqual([
      { Ipv4Prefix: '10.0.1.16/28' },
      { Ipv4Prefix: '10.0.1.32/28' },
    ]);
  });

  it("DescribeNetworkInterfaces: each page's first ENI gets private IP 999.1.1.1; paging is unchanged", async () => {
    const clean = await eniPages(ec2);
    sim.faults.malformed({ action: 'ec2:DescribeNetworkInterfaces' });
    const broken = await eniPages(ec2);
    expect(broken.map(p => p.map(e => e.NetworkInterfaceId))).toEqual(
      clean.map(p => p.map(e => e.NetworkInterfaceId)),
    );
    expect(broken.map(p => p.length)).toEqual([5, 3]);
    for (const [i, page] of broken.entries()) {
      expect(page[0].PrivateIpAddress).toBe('999.1.1.1');
      expect(page[0].PrivateIpAddresses![0]).toMatchObject({
        PrivateIpAddress: '999.1.1.1',
        Primary: true,
      });
      expect(page.slice(1)).toEqual(clean[i].slice(1));
    }
    expect(broken[0][0].NetworkInterfaceId).toBe('eni-0511000000000a001');
  });

  it('leaves the other actions and, once removed, the action itself alone', async () => {
    const id = sim.faults.malformed({ action: 'ec2:DescribeSubnets' });
    const enis = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        NetworkInterfaceIds: ['eni-0511000000000a001'],
      }),
    );
    expect(enis.NetworkInterfaces![0].PrivateIpAddress).toBe('10.0.0.10');
    sim.faults.remove(id);
    const subnets = await ec2.send(new DescribeSubnetsCommand({}));
    expect(subnets.Subnets![0].CidrBlock).toBe('10.0.0.0/24');
  });

  it('is switched on over the admin API; other actions are refused', async () => {
    const added = await request(`${sim.adminUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify({
        type: 'malformed',
        action: 'ec2:DescribeSubnets',
      }),
    });
    expect(added.status).toBe(201);
    expect(
      (await ec2.send(new DescribeSubnetsCommand({}))).Subnets![0].CidrBlock,
    ).toBe('10.0.0.0/33');
    const refused = await request(`${sim.adminUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify({ type: 'malformed', action: 'ec2:DescribeVpcs' }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('not ec2:DescribeVpcs');
  });
});
