import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BUILTIN_SCENARIO_DIR,
  parseScenarioYaml,
} from '@pod-ip-capacity/eks-simulator';

/** The fragmented subnet the variant adds to eu-west-1c. */
export const FRAGMENTED_SUBNET = 'subnet-0511000000000e000';

/**
 * portal-demo with one more subnet tagged for eks-prod in eu-west-1c:
 * subnet-0511000000000e000, 10.0.4.0/23 (32 blocks: the first and the last
 * hold AWS-reserved addresses), no node in it and a Lambda ENI in each of
 * the other 30 blocks: 512 − 5 − 30 = 477 free IPs and no free /28. Auto
 * Mode's NodeClass selects it by its tag, and picks it over the legacy
 * subnet (238 free IPs, 1 free /28) for the next node in eu-west-1c, where
 * the node's first prefix then fails. Written as a file (JSON is YAML) for
 * the simulator to load; returns its path and how to remove it.
 */
export function portalDemoWithFragmentedZone(): {
  file: string;
  remove(): void;
} {
  const scenario = parseScenarioYaml(
    fs.readFileSync(
      path.join(BUILTIN_SCENARIO_DIR, 'portal-demo.yaml'),
      'utf8',
    ),
  ) as any;
  const region = scenario.accounts[0].regions[0];
  const vpc = region.vpcs.find((v: any) => v.id === 'vpc-0511000000000000a');
  vpc.cidrBlocks = ['10.0.0.0/16'];
  vpc.subnets.push({
    id: FRAGMENTED_SUBNET,
    cidr: '10.0.4.0/23',
    availabilityZone: 'eu-west-1c',
    tags: {
      Name: 'prod-batch-eu-west-1c',
      'kubernetes.io/cluster/eks-prod': 'shared',
    },
  });
  for (let block = 1; block <= 30; block++) {
    const base = 4 * 256 + 16 * block;
    region.networkInterfaces.push({
      id: `eni-05110000000e${String(block).padStart(5, '0')}`,
      subnetId: FRAGMENTED_SUBNET,
      primaryIp: `10.0.${Math.floor(base / 256)}.${(base % 256) + 5}`,
      interfaceType: 'lambda',
      description: `AWS Lambda VPC ENI-batch-${block}`,
      requesterId: 'AROAEXAMPLELAMBDA0003:batch',
    });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-ip-capacity-'));
  const file = path.join(dir, 'portal-demo-fragmented-zone.yaml');
  fs.writeFileSync(file, JSON.stringify(scenario));
  return {
    file,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
