import { DescribeSubnetsCommand, Filter, Subnet } from '@aws-sdk/client-ec2';
import { RunningSimulator, startSimulator } from '../startSimulator';
import { ec2Client } from '../__testUtils__/ec2Client';
import { request } from '../__testUtils__/httpRequest';
import { portalDemoWithKarpenter } from '../__testUtils__/karpenterScenario';

// The add-on CRDs of how-pod-ips-are-counted.md §7, read as Backstage's Kubernetes plugin
// and kubectl read them, and checked against what DescribeSubnets (the real SDK) says.

describe('Karpenter, Auto Mode and VPC CNI resources', () => {
  let sim: RunningSimulator;
  const get = (path: string, cluster: string) =>
    request(`${sim.cluster(cluster).url}${path}`, {
      token: `${cluster}-token`,
      ca: sim.caCert,
    });

  beforeAll(async () => {
    sim = await startSimulator({ scenario: portalDemoWithKarpenter() });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  /** What Karpenter's subnet provider does: one DescribeSubnets per term, unioned. */
  async function describeTerms(
    terms: Array<{ tags?: Record<string, string>; id?: string }>,
  ): Promise<Subnet[]> {
    const ec2 = ec2Client(sim);
    const found = new Map<string, Subnet>();
    for (const t of terms) {
      const Filters: Filter[] = t.id
        ? [{ Name: 'subnet-id', Values: [t.id] }]
        : Object.entries(t.tags!).map(([k, v]) =>
            v === '*'
              ? { Name: 'tag-key', Values: [k] }
              : { Name: `tag:${k}`, Values: [v] },
          );
      const { Subnets = [] } = await ec2.send(
        new DescribeSubnetsCommand({ Filters }),
      );
      for (const s of Subnets) found.set(s.SubnetId!, s);
    }
    return [...found.values()];
  }

  it('resolves EC2NodeClass selector terms to status.subnets exactly as DescribeSubnets filters do', async () => {
    const { status, body } = await get(
      '/apis/karpenter.k8s.aws/v1/ec2nodeclasses',
      'eks-dev',
    );
    expect(status).toBe(200);
    // Backstage's custom-resource fetch needs the list's kind; CR items keep theirs.
    expect(body.kind).toBe('EC2NodeClassList');
    expect(body.apiVersion).toBe('karpenter.k8s.aws/v1');
    expect(body.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(body.items.map((c: any) => c.metadata.name)).toEqual([
      'discovery',
      'mixed',
      'nothing',
      'unknown-id',
      'wildcard',
    ]);
    for (const c of body.items) {
      expect(c).toMatchObject({
        kind: 'EC2NodeClass',
        apiVersion: 'karpenter.k8s.aws/v1',
      });
      // Karpenter's order: most AvailableIpAddressCount first, then by id.
      const expected = (await describeTerms(c.spec.subnetSelectorTerms))
        .sort(
          (a, b) =>
            b.AvailableIpAddressCount! - a.AvailableIpAddressCount! ||
            a.SubnetId!.localeCompare(b.SubnetId!),
        )
        .map(s => ({
          id: s.SubnetId,
          zone: s.AvailabilityZone,
          zoneID: s.AvailabilityZoneId,
        }));
      expect(c.status.subnets ?? []).toEqual(expected);
    }
    const byName = Object.fromEntries(
      body.items.map((c: any) => [c.metadata.name, c]),
    );
    // a has 233 free IPs, b 218 (README worked values); c 238, d 232.
    expect(byName.discovery.status.subnets.map((s: any) => s.id)).toEqual([
      'subnet-0511000000000a000',
      'subnet-0511000000000b000',
    ]);
    expect(byName.wildcard.status.subnets.map((s: any) => s.id)).toEqual([
      'subnet-0511000000000a000',
      'subnet-0511000000000b000',
    ]);
    expect(byName.mixed.status.subnets).toEqual([
      {
        id: 'subnet-0511000000000c000',
        zone: 'eu-west-1c',
        zoneID: 'euw1-az3',
      },
      {
        id: 'subnet-0511000000000d000',
        zone: 'eu-west-1a',
        zoneID: 'euw1-az1',
      },
    ]);
    // Nothing selected: Karpenter clears status.subnets and the class is not ready.
    expect(byName.nothing.status.subnets).toBeUndefined();
    expect(byName.nothing.status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'SubnetsReady',
          status: 'False',
          reason: 'SubnetsNotFound',
        }),
        expect.objectContaining({ type: 'Ready', status: 'False' }),
      ]),
    );
    expect(sim.scenario.warnings).toEqual([
      expect.stringMatching(/EC2NodeClass nothing: .* matches no subnet/),
      expect.stringMatching(
        /EC2NodeClass unknown-id: .* subnet-0000000000000dead, which does not exist/,
      ),
      expect.stringMatching(/NodePool orphan names EC2NodeClass missing/),
    ]);
  });

  it('pages NodePools with limit and continue, each naming its class', async () => {
    const first = await get(
      '/apis/karpenter.sh/v1/nodepools?limit=2',
      'eks-dev',
    );
    expect(first.body.kind).toBe('NodePoolList');
    expect(first.body.metadata.remainingItemCount).toBe(1);
    const rest = await get(
      `/apis/karpenter.sh/v1/nodepools?limit=2&continue=${encodeURIComponent(
        first.body.metadata.continue,
      )}`,
      'eks-dev',
    );
    const pools = [...first.body.items, ...rest.body.items];
    expect(
      pools.map((p: any) => [
        p.metadata.name,
        p.spec.template.spec.nodeClassRef,
        p.status.conditions.find((c: any) => c.type === 'Ready').status,
      ]),
    ).toEqual([
      [
        'default',
        { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'discovery' },
        'True',
      ],
      [
        'orphan',
        { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'missing' },
        'False',
      ],
      [
        'spot',
        { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'mixed' },
        'True',
      ],
    ]);
    expect(pools[0].spec.template.spec.requirements).toEqual([
      {
        key: 'topology.kubernetes.io/zone',
        operator: 'In',
        values: ['eu-west-1a', 'eu-west-1b'],
      },
    ]);
    const one = await get('/apis/karpenter.sh/v1/nodepools/spot', 'eks-dev');
    expect(one.body).toMatchObject({ kind: 'NodePool', spec: { weight: 10 } });
  });

  it("serves eks-prod's Auto Mode NodeClass and NodePool; its terms select the subnets of 1a, 1b and 1c", async () => {
    const classes = await get(
      '/apis/eks.amazonaws.com/v1/nodeclasses',
      'eks-prod',
    );
    expect(classes.body.kind).toBe('NodeClassList');
    const [nodeClass] = classes.body.items;
    expect(nodeClass).toMatchObject({
      kind: 'NodeClass',
      apiVersion: 'eks.amazonaws.com/v1',
      metadata: { name: 'default' },
      spec: {
        subnetSelectorTerms: [
          { tags: { 'kubernetes.io/cluster/eks-prod': '*' } },
        ],
        advancedNetworking: { ipv4PrefixSize: 'Auto' },
      },
    });
    // AWS documents no status.subnets for NodeClass: clients resolve the terms themselves.
    expect(nodeClass.status.subnets).toBeUndefined();
    const selected = await describeTerms(nodeClass.spec.subnetSelectorTerms);
    expect(
      selected.map(s => [s.SubnetId, s.AvailabilityZone, s.CidrBlock]).sort(),
    ).toEqual([
      ['subnet-0511000000000a000', 'eu-west-1a', '10.0.0.0/24'],
      ['subnet-0511000000000b000', 'eu-west-1b', '10.0.1.0/24'],
      // The fragmented legacy subnet: 238 free IPs, one free /28.
      ['subnet-0511000000000c000', 'eu-west-1c', '10.0.2.0/24'],
    ]);
    const pools = await get('/apis/karpenter.sh/v1/nodepools', 'eks-prod');
    expect(pools.body.items).toHaveLength(1);
    expect(pools.body.items[0]).toMatchObject({
      metadata: { name: 'general-purpose' },
      spec: {
        template: {
          spec: {
            nodeClassRef: {
              group: 'eks.amazonaws.com',
              kind: 'NodeClass',
              name: 'default',
            },
          },
        },
      },
      // The two Auto Mode nodes labelled karpenter.sh/nodepool=general-purpose.
      status: { resources: { nodes: '2', pods: '220' } },
    });
  });

  it('leaves out what a cluster does not have: 404 and no discovery group; a CRD without objects is an empty list', async () => {
    const groups = async (cluster: string) =>
      (await get('/apis', cluster)).body.groups.map((g: any) => g.name);
    expect(await groups('eks-prod')).toEqual(
      expect.arrayContaining(['karpenter.sh', 'eks.amazonaws.com']),
    );
    expect(await groups('eks-prod')).not.toContain('karpenter.k8s.aws');
    expect(await groups('eks-analytics')).not.toContain('karpenter.sh');
    expect(await groups('eks-analytics')).toContain('crd.k8s.amazonaws.com');
    const missing = await get(
      '/apis/karpenter.k8s.aws/v1/ec2nodeclasses',
      'eks-prod',
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ kind: 'Status', code: 404 });
    expect(
      (await get('/apis/karpenter.sh/v1/nodepools', 'eks-analytics')).status,
    ).toBe(404);
    expect(
      (await get('/apis/eks.amazonaws.com/v1', 'eks-prod')).body.resources,
    ).toEqual([
      expect.objectContaining({
        name: 'nodeclasses',
        kind: 'NodeClass',
        namespaced: false,
      }),
    ]);
    // eks-dev runs the VPC CNI (which installs the ENIConfig CRD) without custom networking.
    const empty = await get(
      '/apis/crd.k8s.amazonaws.com/v1alpha1/eniconfigs',
      'eks-dev',
    );
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ kind: 'ENIConfigList', items: [] });
  });

  it("serves the aws-node DaemonSet with the CNI's environment, alone and in the cluster-wide list", async () => {
    const envOf = async (cluster: string) => {
      const { status, body } = await get(
        '/apis/apps/v1/namespaces/kube-system/daemonsets/aws-node',
        cluster,
      );
      expect(status).toBe(200);
      const container = body.spec.template.spec.containers.find(
        (c: any) => c.name === 'aws-node',
      );
      return Object.fromEntries(
        container.env
          .filter((e: any) => 'value' in e)
          .map((e: any) => [e.name, e.value]),
      );
    };
    expect(await envOf('eks-dev')).toEqual({
      ENABLE_PREFIX_DELEGATION: 'true',
      WARM_IP_TARGET: '8',
      MINIMUM_IP_TARGET: '16',
    });
    expect(await envOf('eks-analytics')).toEqual({
      AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true',
      ENI_CONFIG_LABEL_DEF: 'topology.kubernetes.io/zone',
      ENABLE_PREFIX_DELEGATION: 'true',
    });
    const all = await get('/apis/apps/v1/daemonsets', 'eks-analytics');
    const awsNode = all.body.items.find(
      (d: any) => d.metadata.name === 'aws-node',
    );
    expect(awsNode.kind).toBeUndefined();
    expect(awsNode.status.desiredNumberScheduled).toBe(2);
    expect(awsNode.spec.template.spec.containers[0].env).toContainEqual({
      name: 'MY_NODE_NAME',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } },
    });
    // Its pods run the same container.
    const pods = await get(
      '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Daws-node',
      'eks-analytics',
    );
    expect(pods.body.items.map((p: any) => p.spec.containers[0].name)).toEqual([
      'aws-node',
      'aws-node',
    ]);
    // The ENIConfig named after the nodes' zone points at the 100.64 pod subnet.
    const configs = await get(
      '/apis/crd.k8s.amazonaws.com/v1alpha1/eniconfigs',
      'eks-analytics',
    );
    expect(configs.body.items).toEqual([
      expect.objectContaining({
        kind: 'ENIConfig',
        metadata: expect.objectContaining({ name: 'eu-west-1a' }),
        spec: {
          subnet: 'subnet-0522000000000b000',
          securityGroups: ['sg-0522000000000c001'],
        },
      }),
    ]);
  });
});
