import { portalDemoFile } from '../../__testUtils__/karpenterScenario';
import { resolveScenario } from '../resolveScenario';
import { ScenarioError } from '../scenarioError';
import { ScenarioFile } from '../types';

function problemsOf(file: ScenarioFile): string[] {
  try {
    resolveScenario(file);
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  return [];
}

describe('add-on keys of a cluster', () => {
  it('refuses objects their CRDs would refuse, listing every problem', () => {
    const file = portalDemoFile();
    const prod = file.clusters!.find(c => c.name === 'eks-prod')!;
    prod.autoMode!.nodeClasses!.push(
      {
        name: 'both',
        subnetSelectorTerms: [
          { id: 'subnet-0511000000000a000', tags: { a: 'b' } },
        ],
      },
      { name: 'none', subnetSelectorTerms: [] },
      {
        name: 'big-prefix',
        subnetSelectorTerms: [{ id: 'subnet-0511000000000a000' }],
        ipv4PrefixSize: '24' as any,
      },
    );
    prod.autoMode!.nodePools!.push({
      name: 'bad-requirement',
      nodeClass: 'default',
      requirements: [{ key: 'topology.kubernetes.io/zone', operator: 'In' }],
    });
    file
      .clusters!.find(c => c.name === 'eks-analytics')!
      .eniConfigs!.push({
        name: 'eu-west-1a',
        subnet: '',
      });
    expect(problemsOf(file)).toEqual([
      'cluster eks-prod autoMode: NodeClass both: subnetSelectorTerms[0] must have either tags or id (and not both)',
      'cluster eks-prod autoMode: NodeClass none: subnetSelectorTerms needs at least one term',
      `cluster eks-prod autoMode: NodeClass big-prefix: ipv4PrefixSize must be Auto or "32", not '24'`,
      'cluster eks-prod autoMode: NodePool bad-requirement: requirement topology.kubernetes.io/zone In needs values',
      'cluster eks-analytics: ENIConfig eu-west-1a is listed twice',
      'cluster eks-analytics: ENIConfig eu-west-1a needs a subnet',
    ]);
  });

  it('warns about references to nothing, and still serves the objects', () => {
    const file = portalDemoFile();
    const analytics = file.clusters!.find(c => c.name === 'eks-analytics')!;
    analytics.eniConfigs![0].subnet = 'subnet-0522000000000dead';
    analytics.autoMode = {
      nodeClasses: [
        {
          name: 'pods-elsewhere',
          subnetSelectorTerms: [{ id: 'subnet-0522000000000a000' }],
          podSubnetSelectorTerms: [
            { tags: { 'kubernetes.io/role/pods': '1' } },
          ],
        },
      ],
      nodePools: [{ name: 'batch', nodeClass: 'pods-elsewhere' }],
    };
    const scenario = resolveScenario(file);
    expect(scenario.warnings).toEqual([
      `cluster eks-analytics autoMode: NodeClass pods-elsewhere: podSubnetSelectorTerms[0] (tags {"kubernetes.io/role/pods":"1"}) matches no subnet in the cluster's account and region`,
      "cluster eks-analytics: ENIConfig eu-west-1a names subnet subnet-0522000000000dead, which does not exist in the cluster's account and region",
    ]);
    const cluster = scenario.clusters.find(c => c.name === 'eks-analytics')!;
    expect(
      cluster.customResources['crd.k8s.amazonaws.com/eniconfigs'][0].spec
        .subnet,
    ).toBe('subnet-0522000000000dead');
    expect(
      cluster.customResources['karpenter.sh/nodepools'].map(
        p => p.metadata.name,
      ),
    ).toEqual(['batch']);
  });

  it('shipped portal-demo resolves its add-ons without warnings', () => {
    expect(resolveScenario(portalDemoFile()).warnings).toEqual([]);
  });
});
