import fs from 'node:fs';
import { RunningSimulator, startSimulator } from '../startSimulator';
import { ensureBoto3, isolatedEnv, PYTHON, run, tempHome } from './tools';

// Conformance: boto3 (Debian's python3-boto3) paginators and error parsing.

jest.setTimeout(15 * 60_000);

const SCRIPT = String.raw`
import json, sys
import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
session = boto3.session.Session(region_name="eu-west-1")
ec2 = session.client("ec2", endpoint_url=endpoint)
sts = session.client("sts", endpoint_url=endpoint)
out = {}

pages = ec2.get_paginator("describe_network_interfaces").paginate(
    Filters=[{"Name": "subnet-id", "Values": ["subnet-0511000000000c000"]}],
    PaginationConfig={"PageSize": 5},
)
out["eniPages"] = [len(p["NetworkInterfaces"]) for p in pages]
out["interfaceTypes"] = sorted(
    e["InterfaceType"]
    for p in ec2.get_paginator("describe_network_interfaces").paginate(
        Filters=[{"Name": "subnet-id", "Values": ["subnet-0511000000000c000"]}])
    for e in p["NetworkInterfaces"])
pages = ec2.get_paginator("describe_instances").paginate(PaginationConfig={"PageSize": 5})
out["instancePages"] = [sum(len(r["Instances"]) for r in p["Reservations"]) for p in pages]
subnets = ec2.describe_subnets()["Subnets"]
out["available"] = {s["CidrBlock"]: s["AvailableIpAddressCount"] for s in subnets}
types = ec2.describe_instance_types(InstanceTypes=["m5.large"])["InstanceTypes"][0]["NetworkInfo"]
out["m5large"] = [types["MaximumNetworkInterfaces"], types["Ipv4AddressesPerInterface"]]
try:
    ec2.describe_instances(MaxResults=2)
except ClientError as e:
    out["maxResultsError"] = [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
role = sts.assume_role(RoleArn="arn:aws:iam::222222222222:role/backstage-eks-reader", RoleSessionName="boto3")
c = role["Credentials"]
other = boto3.session.Session(
    region_name="eu-west-1", aws_access_key_id=c["AccessKeyId"],
    aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
out["analyticsAccount"] = other.client("sts", endpoint_url=endpoint).get_caller_identity()["Account"]
out["analyticsInstances"] = [
    i["InstanceId"] for r in other.client("ec2", endpoint_url=endpoint).describe_instances()["Reservations"]
    for i in r["Instances"]]
print(json.dumps(out))
`;

describe('boto3 conformance', () => {
  let sim: RunningSimulator;
  let home: string;

  beforeAll(async () => {
    ensureBoto3();
    sim = await startSimulator({ scenario: 'portal-demo' });
    home = tempHome('boto3-conformance');
  });
  afterAll(async () => {
    await sim?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('paginates, derives subnet counts, parses errors and assumes roles', async () => {
    sim.faults.throttle('ec2:DescribeSubnets', { count: 1 });
    const out = await run(PYTHON, ['-c', SCRIPT, sim.awsEndpoint], {
      env: isolatedEnv(home, {
        AWS_ACCESS_KEY_ID: 'AKIASIMSHOP000000001',
        AWS_SECRET_ACCESS_KEY: 'shop-secret-access-key',
      }),
      timeoutMs: 120_000,
    });
    if (out.code !== 0)
      throw new Error(`boto3 script failed (${out.code}): ${out.stderr}`);
    const result = JSON.parse(out.stdout);
    expect(result.eniPages).toEqual([5]);
    expect(result.interfaceTypes).toEqual([
      'interface',
      'interface',
      'interface',
      'lambda',
      'vpc_endpoint',
    ]);
    expect(result.instancePages).toEqual([5]);
    expect(result.available).toEqual({
      '10.0.0.0/24': 233,
      '10.0.1.0/24': 218,
      '10.0.2.0/24': 238,
      '10.1.0.0/24': 232,
    });
    expect(result.m5large).toEqual([3, 10]);
    expect(result.maxResultsError).toEqual(['InvalidParameterValue', 400]);
    expect(result.analyticsAccount).toBe('222222222222');
    expect(result.analyticsInstances).toEqual([
      'i-0522000000000a001',
      'i-0522000000000b001',
    ]);
    // botocore retried the throttled DescribeSubnets (RequestLimitExceeded is retryable).
    expect(
      sim.counters().awsErrors['ec2:DescribeSubnets:RequestLimitExceeded'],
    ).toBe(1);
    expect(sim.counters().aws['ec2:DescribeSubnets']).toBe(2);
  });
});
