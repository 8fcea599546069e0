import fs from 'node:fs';
import path from 'node:path';
import {
  BUILTIN_SCENARIO_DIR,
  parseScenarioYaml,
} from '../scenario/loadScenario';
import { ScenarioFile } from '../scenario/types';

/** The portal-demo scenario file as shipped (a fresh copy to change). */
export function portalDemoFile(): ScenarioFile {
  return parseScenarioYaml(
    fs.readFileSync(
      path.join(BUILTIN_SCENARIO_DIR, 'portal-demo.yaml'),
      'utf8',
    ),
  );
}

/**
 * portal-demo with Karpenter installed in eks-dev, whose EC2NodeClasses exercise every way
 * of selecting the shop account's four eu-west-1 subnets (tags: a and b carry
 * `karpenter.sh/discovery: eks-prod`, a–c `kubernetes.io/cluster/eks-prod: shared` and a
 * `Name` starting `prod-`, d `Name: dev-nodes-eu-west-1a`):
 *   discovery   one tag                                     → a (233 free IPs), b (218)
 *   wildcard    two tags ANDed, `prod-nodes-*` and `*`     → a, b (c's Name is prod-legacy-…)
 *   mixed       an id ORed with a tag wildcard              → c (238), d (232)
 *   nothing     a tag no subnet carries                     → none (SubnetsReady False)
 *   unknown-id  a subnet id that does not exist             → none
 */
export function portalDemoWithKarpenter(): ScenarioFile {
  const file = portalDemoFile();
  const dev = file.clusters!.find(c => c.name === 'eks-dev')!;
  dev.karpenter = {
    nodeClasses: [
      {
        name: 'discovery',
        subnetSelectorTerms: [
          { tags: { 'karpenter.sh/discovery': 'eks-prod' } },
        ],
      },
      {
        name: 'wildcard',
        subnetSelectorTerms: [
          {
            tags: {
              Name: 'prod-nodes-*',
              'kubernetes.io/cluster/eks-prod': '*',
            },
          },
        ],
      },
      {
        name: 'mixed',
        subnetSelectorTerms: [
          { id: 'subnet-0511000000000c000' },
          { tags: { Name: 'dev-*' } },
        ],
      },
      {
        name: 'nothing',
        subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'nobody' } }],
      },
      {
        name: 'unknown-id',
        subnetSelectorTerms: [{ id: 'subnet-0000000000000dead' }],
      },
    ],
    nodePools: [
      {
        name: 'default',
        nodeClass: 'discovery',
        requirements: [
          {
            key: 'topology.kubernetes.io/zone',
            operator: 'In',
            values: ['eu-west-1a', 'eu-west-1b'],
          },
        ],
      },
      { name: 'spot', nodeClass: 'mixed', weight: 10 },
      { name: 'orphan', nodeClass: 'missing' },
    ],
  };
  return file;
}
