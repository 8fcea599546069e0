import {
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetSubnetCidrReservationsCommand,
  paginateDescribeInstances,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSubnets,
} from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { RunningSimulator, startSimulator } from '../startSimulator';

// The real @aws-sdk/client-ec2 against the simulator: every shape here went through the
// SDK's own EC2 protocol deserialiser.

describe('EC2 Query API with @aws-sdk/client-ec2', () => {
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

  it('DescribeInstances returns ENIs with prefixes, secondary IPs and attachments', async () => {
    const out = await ec2.send(
      new DescribeInstancesCommand({
        InstanceIds: ['i-0511000000000b001', 'i-0511000000000c001'],
      }),
    );
    const instances = out.Reservations!.flatMap(r => r.Instances!);
    expect(instances.map(i => i.InstanceId)).toEqual([
      'i-0511000000000b001',
      'i-0511000000000c001',
    ]);
    const [b, c] = instances;
    expect(b.InstanceType).toBe('c6a.large');
    expect(b.Placement?.AvailabilityZone).toBe('eu-west-1b');
    expect(b.State).toEqual({ Code: 16, Name: 'running' });
    const eni = b.NetworkInterfaces![0];
    expect(eni).toMatchObject({
      NetworkInterfaceId: 'eni-0511000000000b001',
      SubnetId: 'subnet-0511000000000b000',
      PrivateIpAddress: '10.0.1.10',
      InterfaceType: 'interface',
      Attachment: expect.objectContaining({
        DeviceIndex: 0,
        NetworkCardIndex: 0,
        Status: 'attached',
      }),
    });
    expect(eni.Ipv4Prefixes).toEqual([
      { Ipv4Prefix: '10.0.1.16/28' },
      { Ipv4Prefix: '10.0.1.32/28' },
    ]);
    expect(
      c.NetworkInterfaces![0].PrivateIpAddresses!.map(p => [
        p.PrivateIpAddress,
        p.Primary,
      ]),
    ).toEqual([
      ['10.0.2.20', true],
      ['10.0.2.37', false],
      ['10.0.2.53', false],
      ['10.0.2.69', false],
      ['10.0.2.85', false],
    ]);
    expect(c.NetworkInterfaces![0].Ipv4Prefixes).toBeUndefined();
  });

  it('paginates DescribeInstances with MaxResults and NextToken', async () => {
    const pages: string[][] = [];
    for await (const page of paginateDescribeInstances(
      { client: ec2, pageSize: 5 },
      {},
    )) {
      pages.push(
        page.Reservations!.flatMap(r => r.Instances!.map(i => i.InstanceId!)),
      );
    }
    expect(pages.map(p => p.length)).toEqual([5]);
    expect(sim.counters().aws['ec2:DescribeInstances']).toBe(1);
  });

  it('pages DescribeInstances of a generated cluster at 5 per page', async () => {
    const big = await startSimulator({
      scenario: 'generated:nodes=12,podsPerNode=4,subnets=2',
    });
    const c = new EC2Client({
      endpoint: big.awsEndpoint,
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIAGENERATED0000001',
        secretAccessKey: 'generated-secret-access-key',
      },
    });
    const pages: number[] = [];
    for await (const page of paginateDescribeInstances(
      { client: c, pageSize: 5 },
      {},
    )) {
      pages.push(page.Reservations!.flatMap(r => r.Instances!).length);
    }
    expect(pages).toEqual([5, 5, 2]);
    expect(big.counters().aws['ec2:DescribeInstances']).toBe(3);
    c.destroy();
    await big.stop();
  });

  it('paginates DescribeNetworkInterfaces over every ENI of a VPC, page boundaries at 5', async () => {
    const pages: string[][] = [];
    for await (const page of paginateDescribeNetworkInterfaces(
      { client: ec2, pageSize: 5 },
      { Filters: [{ Name: 'vpc-id', Values: ['vpc-0511000000000000a'] }] },
    )) {
      pages.push(page.NetworkInterfaces!.map(e => e.NetworkInterfaceId!));
    }
    // 4 eks-prod node ENIs + 3 managed ENIs in the legacy subnet + 1 detached ENI.
    expect(pages.map(p => p.length)).toEqual([5, 3]);
    expect(new Set(pages.flat()).size).toBe(8);
    expect(sim.counters().aws['ec2:DescribeNetworkInterfaces']).toBe(2);
  });

  it('filters network interfaces by subnet, attachment and interface type', async () => {
    const bySubnet = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'subnet-id', Values: ['subnet-0511000000000c000'] }],
      }),
    );
    const enis = bySubnet.NetworkInterfaces!;
    expect(enis.map(e => e.NetworkInterfaceId).sort()).toEqual([
      'eni-0511000000000c001',
      'eni-0511000000000c002',
      'eni-0511000000000f001',
      'eni-0511000000000f002',
      'eni-0511000000000f003',
    ]);
    const lambda = enis.find(
      e => e.NetworkInterfaceId === 'eni-0511000000000f001',
    )!;
    expect(lambda).toMatchObject({
      InterfaceType: 'lambda',
      RequesterManaged: true,
      Status: 'in-use',
    });
    expect(lambda.Attachment).toBeUndefined();

    const byInstance = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [
          {
            Name: 'attachment.instance-id',
            Values: ['i-0511000000000c001', 'i-0511000000000c002'],
          },
        ],
      }),
    );
    expect(
      byInstance.NetworkInterfaces!.map(e => e.Attachment?.InstanceId),
    ).toEqual(['i-0511000000000c001', 'i-0511000000000c002']);
    const byType = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [
          { Name: 'interface-type', Values: ['vpc_endpoint', 'lambda'] },
        ],
      }),
    );
    expect(byType.NetworkInterfaces).toHaveLength(2);
    const detached = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'status', Values: ['available'] }],
      }),
    );
    expect(
      detached.NetworkInterfaces!.map(e => [
        e.NetworkInterfaceId,
        e.TagSet?.length,
      ]),
    ).toEqual([['eni-0511000000000f004', 2]]);
  });

  it('DescribeSubnets reports the derived AvailableIpAddressCount and paginates', async () => {
    const out = await ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: ['subnet-0511000000000c000'] }),
    );
    expect(out.Subnets![0]).toMatchObject({
      SubnetId: 'subnet-0511000000000c000',
      CidrBlock: '10.0.2.0/24',
      AvailableIpAddressCount: 238,
      AvailabilityZone: 'eu-west-1c',
      VpcId: 'vpc-0511000000000000a',
      OwnerId: '111111111111',
    });
    const wildcard = await ec2.send(
      new DescribeSubnetsCommand({
        Filters: [{ Name: 'tag:Name', Values: ['prod-*'] }],
      }),
    );
    expect(wildcard.Subnets!.map(s => s.CidrBlock)).toEqual([
      '10.0.0.0/24',
      '10.0.1.0/24',
      '10.0.2.0/24',
    ]);
    const pages: number[] = [];
    for await (const page of paginateDescribeSubnets(
      { client: ec2, pageSize: 5 },
      {},
    )) {
      pages.push(page.Subnets!.length);
    }
    expect(pages).toEqual([4]);
  });

  it('DescribeInstanceTypes reports ENI limits and network cards', async () => {
    const out = await ec2.send(
      new DescribeInstanceTypesCommand({
        InstanceTypes: ['m5.large', 'p5.48xlarge'],
      }),
    );
    const [m5, p5] = out.InstanceTypes!;
    expect(m5).toMatchObject({
      InstanceType: 'm5.large',
      Hypervisor: 'nitro',
      VCpuInfo: expect.objectContaining({ DefaultVCpus: 2 }),
      NetworkInfo: expect.objectContaining({
        MaximumNetworkInterfaces: 3,
        Ipv4AddressesPerInterface: 10,
        DefaultNetworkCardIndex: 0,
      }),
    });
    expect(p5.NetworkInfo!.NetworkCards).toHaveLength(32);
    expect(p5.NetworkInfo!.NetworkCards![0]).toMatchObject({
      NetworkCardIndex: 0,
      MaximumNetworkInterfaces: 2,
    });
    await expect(
      ec2.send(
        new DescribeInstanceTypesCommand({ InstanceTypes: ['x9.huge' as any] }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidInstanceType',
    });
  });

  it('GetSubnetCidrReservations and DescribeVpcs (with secondary CIDRs)', async () => {
    const analytics = client(await assumeAnalytics());
    const res = await analytics.send(
      new GetSubnetCidrReservationsCommand({
        SubnetId: 'subnet-0522000000000a000',
      }),
    );
    expect(res.SubnetIpv4CidrReservations).toEqual([
      expect.objectContaining({
        Cidr: '10.20.0.224/28',
        ReservationType: 'explicit',
        SubnetId: 'subnet-0522000000000a000',
      }),
    ]);
    expect(res.SubnetIpv6CidrReservations).toEqual([]);
    const vpcs = await analytics.send(new DescribeVpcsCommand({}));
    expect(
      vpcs.Vpcs!.map(v => v.CidrBlockAssociationSet!.map(a => a.CidrBlock)),
    ).toEqual([['10.20.0.0/16', '100.64.0.0/16']]);
    analytics.destroy();
  });

  async function assumeAnalytics() {
    const sts = new STSClient({
      endpoint: sim.awsEndpoint,
      region: 'eu-west-1',
      credentials: shop,
    });
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222222222222:role/backstage-eks-reader',
        RoleSessionName: 'test',
      }),
    );
    sts.destroy();
    return {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    };
  }

  it('picks the account from the access key: assumed-role credentials see the other account', async () => {
    const analytics = client(await assumeAnalytics());
    const subnets = await analytics.send(new DescribeSubnetsCommand({}));
    expect(
      subnets.Subnets!.map(s => [
        s.CidrBlock,
        s.AvailableIpAddressCount,
        s.OwnerId,
      ]),
    ).toEqual([
      ['10.20.0.0/24', 247, '222222222222'],
      ['100.64.0.0/20', 4057, '222222222222'],
    ]);
    analytics.destroy();
    // Another region of the same account is empty.
    const other = client(shop, 'us-east-1');
    expect((await other.send(new DescribeSubnetsCommand({}))).Subnets).toEqual(
      [],
    );
    other.destroy();
    expect(sim.counters().awsByAccount).toMatchObject({
      '111111111111': 2,
      '222222222222': 1,
    });
  });
});
