import request from 'supertest';
import {
  CapacityBackend,
  PORTAL_DEMO_AUTH,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';
import { expectMatchesSpec } from './__testUtils__/matchesSpec';
import {
  FRAGMENTED_SUBNET,
  portalDemoWithFragmentedZone,
} from './__testUtils__/foresightScenarios';

jest.setTimeout(90_000);

const LEGACY = 'subnet-0511000000000c000';
const PROD_A = 'subnet-0511000000000a000';
const DEV = 'subnet-0511000000000d000';

/**
 * What comes next (how-pod-ips-are-counted.md §7), through the real
 * Kubernetes plugin and the AWS SDK against portal-demo: the add-on CRDs
 * and aws-node read at refresh time, the next node's subnet per pool and
 * zone, the warm pools, and the what-ifs on the stored snapshot.
 */
describe('foresight in portal-demo', () => {
  let backend: CapacityBackend;
  beforeAll(async () => {
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      awsAuth: PORTAL_DEMO_AUTH,
      withCatalog: true,
    });
    await backend.refresh();
    await backend.waitForEntity('component', 'checkout-api');
  });
  afterAll(async () => {
    await backend?.stop();
  });

  const get = (path: string) =>
    request(backend.server).get(`/api/pod-ip-capacity${path}`);
  const foresightOf = async (cluster: string) => {
    const response = await get(`/clusters/${cluster}/foresight`);
    expect(response.status).toBe(200);
    expectMatchesSpec(response.body, 'ClusterForesightResponse');
    return response.body.foresight;
  };
  const landingRows = (foresight: any) =>
    foresight.landings.map((l: any) => [
      l.nodeGroup,
      l.kind,
      l.zone,
      l.nodeSubnet?.subnetId ?? null,
      l.podSubnet?.subnetId ?? null,
      l.podSubnetSource,
      l.prefixMode,
      l.warnings.length,
    ]);

  it("says per pool and zone where the next node lands, from Auto Mode's NodeClass resolved by its tag", async () => {
    const prod = await foresightOf('eks-prod');
    // The NodeClass's one term, the tag kubernetes.io/cluster/eks-prod with
    // any value, selects the three subnets (one DescribeSubnets call).
    expect(prod.provisioning.autoModeNodeClasses).toEqual([
      {
        name: 'default',
        subnets: [
          { id: PROD_A, zone: 'eu-west-1a' },
          { id: 'subnet-0511000000000b000', zone: 'eu-west-1b' },
          { id: LEGACY, zone: 'eu-west-1c' },
        ],
        ipv4PrefixSize: 'Auto',
      },
    ]);
    expect(prod.provisioning.cni).toEqual({
      prefixDelegation: false,
      warmIpTarget: 2,
      minimumIpTarget: 4,
    });
    // At the file's instant the legacy subnet still has its one free /28
    // (238 free IPs): a new Auto Mode node takes its address and that
    // prefix. The legacy node group (secondary-IP mode) lands where its
    // nodes are: its address and max(0 + 2, 4) = 4 warm IPs fit.
    expect(landingRows(prod)).toEqual([
      [
        'general-purpose',
        'auto-mode',
        'eu-west-1a',
        PROD_A,
        PROD_A,
        'node-subnet',
        true,
        0,
      ],
      [
        'general-purpose',
        'auto-mode',
        'eu-west-1b',
        'subnet-0511000000000b000',
        'subnet-0511000000000b000',
        'node-subnet',
        true,
        0,
      ],
      [
        'general-purpose',
        'auto-mode',
        'eu-west-1c',
        LEGACY,
        LEGACY,
        'node-subnet',
        true,
        0,
      ],
      [
        'legacy',
        'node-group',
        'eu-west-1c',
        LEGACY,
        LEGACY,
        'node-subnet',
        false,
        0,
      ],
    ]);
    expect(prod.landings[2].nodeSubnet).toEqual({
      subnetId: LEGACY,
      availabilityZone: 'eu-west-1c',
      available: 238,
      freePrefixBlocks: 1,
    });
    expect(prod.notes).toEqual([]);

    // Custom networking: the next analytics node's pods take IPs from the
    // ENIConfig named after its zone, not from its own subnet.
    const analytics = await foresightOf('eks-analytics');
    expect(landingRows(analytics)).toEqual([
      [
        'analytics',
        'node-group',
        'eu-west-1a',
        'subnet-0522000000000a000',
        'subnet-0522000000000b000',
        'eni-config',
        true,
        0,
      ],
    ]);
  });

  it('reads no Karpenter in clusters that have none: the CRDs answer 404, and that is no problem', async () => {
    for (const cluster of ['eks-dev', 'eks-analytics']) {
      const foresight = await foresightOf(cluster);
      expect(foresight.notes).toEqual([]);
      expect(foresight.provisioning.nodePools).toBeUndefined();
      expect(foresight.provisioning.ec2NodeClasses).toBeUndefined();
    }
    const clusters = (await get('/clusters')).body.clusters;
    expect(clusters.map((c: any) => [c.name, c.snapshot.status])).toEqual([
      ['eks-prod', 'ok'],
      ['eks-dev', 'ok'],
      ['eks-analytics', 'ok'],
    ]);
  });

  it("explains idle addresses by the VPC CNI's real warm settings", async () => {
    const pools = async (cluster: string) =>
      Object.fromEntries(
        (await foresightOf(cluster)).warmPools.map((p: any) => [
          p.nodeGroup,
          p,
        ]),
      );
    // eks-dev: 4 pods with WARM_IP_TARGET=8, MINIMUM_IP_TARGET=16:
    // max(⌈12/16⌉, ⌈16/16⌉) = 1 prefix, as its node holds; 12 idle. Five
    // warm IPs would still need ⌈9/16⌉ = 1 prefix: nothing to release.
    const dev = (await pools('eks-dev')).dev;
    expect(dev).toMatchObject({
      pool: 'vpc-cni',
      mode: 'prefix',
      nodes: 1,
      pods: 4,
      heldAddresses: 16,
      usedAddresses: 4,
      idleAddresses: 12,
      expectedAddresses: 16,
      message:
        'Held as warm pool: WARM_IP_TARGET=8, MINIMUM_IP_TARGET=16, 1 node, 12 addresses.',
    });
    expect(dev.releases.map((r: any) => r.message)).toEqual([
      'WARM_IP_TARGET=5 would release nothing.',
    ]);
    // eks-analytics sets no warm target: the default WARM_PREFIX_TARGET=1
    // asks ⌈4/16⌉ + 1 = 2 prefixes on a001 and ⌈2/16⌉ + 1 = 2 on b001
    // (64 addresses); the nodes hold one each (32), which is said.
    expect((await pools('eks-analytics')).analytics.message).toBe(
      "Held as warm pool: WARM_PREFIX_TARGET=1 (the VPC CNI's default), 2 nodes, 26 addresses. By these settings the nodes would hold 64 addresses for their 6 pods; they hold 32.",
    );
    // eks-prod: the legacy nodes hold max(pods + 2, 4) = 4 secondary IPs
    // each; Auto Mode's nodes keep their own pool.
    const prod = await pools('eks-prod');
    expect(prod.legacy).toMatchObject({
      mode: 'secondary-ip',
      heldAddresses: 8,
      idleAddresses: 5,
      expectedAddresses: 8,
      message:
        'Held as warm pool: WARM_IP_TARGET=2, MINIMUM_IP_TARGET=4, 2 nodes, 5 addresses.',
    });
    expect(prod['general-purpose'].message).toBe(
      "EKS Auto Mode keeps its own warm pool (the VPC CNI's WARM_* settings do not apply): 2 nodes, 41 addresses held and unused.",
    );
  });

  it('adds replicas on the current nodes first, and says where the first one gets no IP', async () => {
    // eks-prod: 20 more checkout-api pods fit on i-0511000000000a001: its
    // 12 idle addresses, then one more prefix from subnet-a (12 → 11 free
    // /28 blocks, 233 → 217 free IPs).
    const prod = await get(
      '/what-if/add-replicas?entityRef=component:default/checkout-api&replicas=20&cluster=eks-prod',
    );
    expect(prod.status).toBe(200);
    expectMatchesSpec(prod.body, 'AddReplicasResponse');
    expect(prod.body.clusters).toHaveLength(1);
    expect(prod.body.clusters[0].whatIf).toMatchObject({
      requested: 20,
      placed: 20,
      onCurrentNodes: 20,
      newNodes: [],
      firstFailure: null,
      subnets: [
        {
          subnetId: PROD_A,
          freePrefixBlocks: { before: 12, after: 11 },
          available: { before: 233, after: 217 },
        },
      ],
    });

    // eks-dev: its node admits 110 − 7 = 103 more pods (12 idle addresses
    // and ⌈91/16⌉ = 6 prefixes: 6 of subnet-d's 12 free /28 left). A new
    // dev node then takes its address and the last 6 blocks: 96 pods, and
    // its 7th prefix finds no aligned /28 among the 39 free IPs left (232
    // − 96 − 1 − 96). The 200th replica gets no IP.
    const dev = await get(
      '/what-if/add-replicas?entityRef=component:default/checkout-api&replicas=250&cluster=eks-dev',
    );
    expect(dev.status).toBe(200);
    const [devWhatIf] = dev.body.clusters;
    expect(devWhatIf.whatIf).toMatchObject({
      placed: 199,
      onCurrentNodes: 103,
      newNodes: [
        {
          nodeGroup: 'dev',
          zone: 'eu-west-1a',
          nodeSubnetId: DEV,
          podSubnetId: DEV,
          nodes: 1,
          replicas: 96,
        },
      ],
      firstFailure: {
        reason: 'InsufficientCidrBlocks',
        nodeGroup: 'dev',
        zone: 'eu-west-1a',
        subnetId: DEV,
        at: 200,
      },
      subnets: [
        {
          subnetId: DEV,
          freePrefixBlocks: { before: 12, after: 0 },
          available: { before: 232, after: 39 },
        },
      ],
    });
    expect(devWhatIf.message).toBe(
      `250 more replicas of Checkout API in eks-dev: 103 fit on its current nodes; 96 on 1 new node of dev in eu-west-1a (${DEV}). ${DEV} 12 → 0 free /28 blocks, 232 → 39 free IPs. The 200th gets no IP: InsufficientCidrBlocks in ${DEV} (a new node of dev, eu-west-1a).`,
    );

    // Without `cluster`: every cluster the service runs in.
    const all = await get(
      '/what-if/add-replicas?entityRef=component:default/checkout-api&replicas=1',
    );
    expect(all.body.clusters.map((c: any) => c.cluster)).toEqual([
      'eks-prod',
      'eks-dev',
    ]);
  });

  it("rolls out with the Deployment's own strategy, or the maxSurge asked", async () => {
    // checkout-api in eks-prod: 3 replicas, 25% / 25%: ⌈0.75⌉ = 1 surge
    // pod, ⌊0.75⌋ = 0 unavailable: 4 pods at once.
    const own = await get(
      '/what-if/rollout?entityRef=component:default/checkout-api&cluster=eks-prod',
    );
    expect(own.status).toBe(200);
    expectMatchesSpec(own.body, 'RolloutResponse');
    const [rollout] = own.body.clusters[0].rollouts;
    expect(rollout.deployment).toEqual({
      namespace: 'checkout',
      name: 'checkout-api',
      replicas: 3,
      strategy: 'RollingUpdate',
      maxSurge: '25%',
      maxUnavailable: '25%',
      source: 'deployment',
    });
    expect(rollout.whatIf).toMatchObject({
      replicas: 3,
      maxSurge: 1,
      maxUnavailable: 0,
      peakPods: 4,
      fits: true,
    });
    expect(rollout.message).toBe(
      'Rolling out checkout/checkout-api in eks-prod (3 replicas, maxSurge 1, maxUnavailable 0) runs up to 4 pods at once: the surge pod gets an IP (1 on its current nodes).',
    );
    // maxSurge=100%: 3 surge pods, 6 at once.
    const doubled = await get(
      '/what-if/rollout?entityRef=component:default/checkout-api&cluster=eks-prod&maxSurge=100%25',
    );
    expect(doubled.body.clusters[0].rollouts[0].whatIf).toMatchObject({
      maxSurge: 3,
      peakPods: 6,
      fits: true,
    });
  });

  it('rotates a node group: each new node takes its address and warm IPs before the old one drains', async () => {
    // legacy: 2 new m5.large nodes in the legacy subnet, each its own
    // address + max(0 + 2, 4) = 4 warm IPs: 10 addresses, 238 → 228. The
    // single IPs go to already fragmented blocks: the free /28 stays.
    const response = await get(
      '/what-if/rotate?cluster=eks-prod&nodeGroup=legacy',
    );
    expect(response.status).toBe(200);
    expectMatchesSpec(response.body, 'RotateResponse');
    expect(response.body.whatIf).toMatchObject({
      nodes: 2,
      concurrent: 2,
      fits: true,
      firstFailure: null,
      subnets: [
        {
          subnetId: LEGACY,
          freePrefixBlocks: { before: 1, after: 1 },
          available: { before: 238, after: 228 },
        },
      ],
    });
    expect(
      response.body.whatIf.newNodes.map((n: any) => [
        n.replaces,
        n.nodeSubnetId,
        n.addresses,
        n.prefixes,
      ]),
    ).toEqual([
      ['i-0511000000000c001', LEGACY, 5, 0],
      ['i-0511000000000c002', LEGACY, 5, 0],
    ]);
    expect(response.body.message).toBe(
      `Rotating legacy in eks-prod (2 nodes, 2 at once) takes 10 addresses before the old nodes drain: ${LEGACY} 238 → 228 free IPs. Its subnets can take every new node.`,
    );
  });

  it('answers malformed or unknown input with a JSON error saying what to fix', async () => {
    const cases: Array<[string, number, RegExp]> = [
      [
        '/what-if/add-replicas?entityRef=component:default/checkout-api&replicas=0',
        400,
        /replicas must be >= 1/,
      ],
      [
        '/what-if/add-replicas?entityRef=component:default/checkout-api&replicas=many',
        400,
        /replicas must be integer/,
      ],
      [
        '/what-if/add-replicas?replicas=3',
        400,
        /required property 'entityRef'/,
      ],
      [
        '/what-if/add-replicas?entityRef=checkout-api&replicas=3',
        400,
        /^Malformed entityRef/,
      ],
      [
        '/what-if/add-replicas?entityRef=group:default/team-payments&replicas=3',
        400,
        /^A what-if is asked of one service: group:default\/team-payments has no Kubernetes annotations/,
      ],
      [
        '/what-if/add-replicas?entityRef=component:default/nobody&replicas=3',
        404,
        /^No entity component:default\/nobody/,
      ],
      [
        '/what-if/rollout?entityRef=component:default/checkout-api&maxSurge=lots',
        400,
        /maxSurge must match pattern/,
      ],
      [
        '/what-if/rotate?cluster=eks-prod',
        400,
        /required property 'nodeGroup'/,
      ],
      [
        '/what-if/rotate?cluster=eks-prod&nodeGroup=legacy&concurrent=0',
        400,
        /concurrent must be >= 1/,
      ],
      [
        '/what-if/rotate?cluster=eks-prod&nodeGroup=blue',
        404,
        /^Cluster eks-prod has no node group or pool named 'blue' with nodes\. Its node groups: general-purpose, legacy\./,
      ],
      [
        '/what-if/rotate?cluster=eks-staging&nodeGroup=legacy',
        404,
        /^No cluster named 'eks-staging'/,
      ],
      [
        '/clusters/eks-staging/foresight',
        404,
        /^No cluster named 'eks-staging'/,
      ],
    ];
    for (const [path, status, message] of cases) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, status]);
      expect(response.body.error.message).toMatch(message);
    }
  });

  it('notes what RBAC forbids (a CRD, the DaemonSet, the Deployments) and keeps the rest', async () => {
    const { sim } = backend;
    const forbid = (cluster: string, path: string) =>
      sim.faults.badResponse({ cluster, path, mode: 'status403' } as any);
    const ids = [
      forbid('eks-prod', '/apis/karpenter.sh/v1/nodepools'),
      forbid('eks-dev', '/daemonsets/aws-node'),
      forbid('eks-prod', '/apis/apps/v1/deployments'),
    ];
    try {
      await backend.refresh();
      const prod = await foresightOf('eks-prod');
      expect(prod.notes.map((n: any) => n.message)).toEqual([
        "Backstage may not list deployments.apps in cluster eks-prod (HTTP 403), so the rollout what-if takes a Deployment's replicas from its pods, and Kubernetes' default strategy. Grant its Kubernetes identity \"list\" on deployments.apps (the ClusterRole in the plugin's README).",
        'Backstage may not list nodepools.karpenter.sh in cluster eks-prod (HTTP 403), so which node class each node pool uses is not known. Grant its Kubernetes identity "list" on nodepools.karpenter.sh (the ClusterRole in the plugin\'s README).',
      ]);
      // Without its NodePool, general-purpose lands where its nodes are.
      expect(
        prod.landings
          .filter((l: any) => l.nodeGroup === 'general-purpose')
          .map((l: any) => [l.zone, l.nodeSubnet?.subnetId, l.problems]),
      ).toEqual([
        ['eu-west-1a', PROD_A, ['node-class-not-found']],
        ['eu-west-1b', 'subnet-0511000000000b000', ['node-class-not-found']],
      ]);
      // The rollout reads the replicas from the pods instead.
      const rollout = await get(
        '/what-if/rollout?entityRef=component:default/checkout-api&cluster=eks-prod',
      );
      expect(rollout.body.clusters[0].rollouts[0].deployment).toEqual({
        namespace: 'checkout',
        name: 'checkout-api',
        replicas: 3,
        strategy: 'RollingUpdate',
        source: 'pods',
      });

      // eks-dev: no settings, so the defaults are assumed, and said.
      const dev = await foresightOf('eks-dev');
      expect(dev.notes.map((n: any) => n.message)).toEqual([
        'Backstage may not get daemonsets.apps aws-node in kube-system in cluster eks-dev (HTTP 403), so the VPC CNI\'s warm settings are not known (its defaults are assumed). Grant its Kubernetes identity "get" on daemonsets.apps aws-node in kube-system (the ClusterRole in the plugin\'s README).',
      ]);
      expect(dev.warmPools[0].settings).toEqual([
        { name: 'WARM_PREFIX_TARGET', value: 1, assumed: true },
      ]);

      // The capacity itself is complete: no problem, same figures.
      const clusters = (await get('/clusters')).body.clusters;
      expect(
        clusters.map((c: any) => [c.name, c.snapshot.status, c.totals.heldIps]),
      ).toEqual([
        ['eks-prod', 'ok', 56],
        ['eks-dev', 'ok', 16],
        ['eks-analytics', 'ok', 32],
      ]);
    } finally {
      ids.forEach(id => sim.faults.remove(id));
    }
    await backend.refresh();
    expect((await foresightOf('eks-prod')).notes).toEqual([]);
  });

  it("at the timeline's present warns that the next node's first prefix fails, and marks that subnet at risk", async () => {
    // Instant 0: the Lambda fleet took the legacy subnet's last free /28
    // 3 h ago; 238 − 13 Lambda ENIs = 225 free IPs.
    const instants = backend.sim.timeline.instants();
    backend.sim.timeline.seek(instants[instants.length - 1]);
    await backend.refresh();
    const prod = await foresightOf('eks-prod');
    const zoneC = prod.landings.find(
      (l: any) => l.nodeGroup === 'general-purpose' && l.zone === 'eu-west-1c',
    );
    expect(zoneC.warnings).toEqual([
      {
        error: 'InsufficientCidrBlocks',
        request: 'prefix',
        subnetId: LEGACY,
        available: 224,
        freePrefixBlocks: 0,
        needed: 16,
        fallsBackToSecondaryIps: true,
        message: `The next node of pool general-purpose in eu-west-1c lands in ${LEGACY} (225 free IPs, 0 free /28 blocks): its first prefix will fail with InsufficientCidrBlocks; EKS Auto Mode then gives its pods single /32 addresses, which fragment the subnet further. No other subnet of the pool general-purpose in eu-west-1c would.`,
      },
    ]);
    const overview = await get('/overview');
    expectMatchesSpec(overview.body, 'OverviewResponse');
    expect(overview.body.nextNodeWarnings).toEqual([
      {
        cluster: 'eks-prod',
        nodeGroup: 'general-purpose',
        kind: 'auto-mode',
        zone: 'eu-west-1c',
        warning: zoneC.warnings[0],
      },
    ]);
    // The legacy subnet holds no prefix node, so fragmentation alone would
    // not put it at risk; the next Auto Mode node landing there does.
    expect(
      overview.body.subnets.find((s: any) => s.subnet.subnetId === LEGACY)
        .subnet,
    ).toMatchObject({ status: 'fragmented', prefixNodes: 0, atRisk: true });
    const prodSummary = (await get('/clusters')).body.clusters[0];
    expect(prodSummary.subnetsAtRisk).toEqual([
      { subnetId: LEGACY, cidr: '10.0.2.0/24', status: 'fragmented' },
    ]);
  });
});

describe('foresight where Karpenter-style picking goes wrong: a zone with a fragmented subnet no node uses yet', () => {
  let backend: CapacityBackend;
  let scenario: ReturnType<typeof portalDemoWithFragmentedZone>;
  beforeAll(async () => {
    scenario = portalDemoWithFragmentedZone();
    backend = await startCapacityBackend({
      scenario: scenario.file,
      awsAuth: PORTAL_DEMO_AUTH,
    });
    backend.sim.resetCounters();
    await backend.refresh();
  });
  afterAll(async () => {
    await backend?.stop();
    scenario?.remove();
  });

  it('lands the next node in the subnet with the most free IPs, warns its first prefix fails, and names the one that works', async () => {
    const response = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/eks-prod/foresight',
    );
    const zoneC = response.body.foresight.landings.find(
      (l: any) => l.nodeGroup === 'general-purpose' && l.zone === 'eu-west-1c',
    );
    // subnet-e: 477 free IPs, no free /28; the legacy subnet 238 and one.
    expect(zoneC.candidates).toEqual([
      {
        subnetId: FRAGMENTED_SUBNET,
        availabilityZone: 'eu-west-1c',
        available: 477,
        freePrefixBlocks: 0,
      },
      {
        subnetId: LEGACY,
        availabilityZone: 'eu-west-1c',
        available: 238,
        freePrefixBlocks: 1,
      },
    ]);
    expect(zoneC.nodeSubnet.subnetId).toBe(FRAGMENTED_SUBNET);
    expect(zoneC.warnings).toEqual([
      expect.objectContaining({
        error: 'InsufficientCidrBlocks',
        request: 'prefix',
        subnetId: FRAGMENTED_SUBNET,
        workingSubnetId: LEGACY,
        message: `The next node of pool general-purpose in eu-west-1c lands in ${FRAGMENTED_SUBNET} (477 free IPs, 0 free /28 blocks): its first prefix will fail with InsufficientCidrBlocks; EKS Auto Mode then gives its pods single /32 addresses, which fragment the subnet further. ${LEGACY} (1 free /28 block) would work, but EKS Auto Mode picks the subnet with the most free IPs.`,
      }),
    ]);
  });

  it('counts the selected subnet in the snapshot before any node uses it, at risk, with no call per node', async () => {
    const detail = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/eks-prod',
    );
    expect(
      detail.body.capacity.subnets.find(
        (s: any) => s.subnetId === FRAGMENTED_SUBNET,
      ),
    ).toMatchObject({
      available: 477,
      freePrefixBlocks: 0,
      podNodes: 0,
      atRisk: true,
    });
    expect(detail.body.subnetsAtRisk).toEqual([
      {
        subnetId: FRAGMENTED_SUBNET,
        cidr: '10.0.4.0/23',
        status: 'fragmented',
      },
    ]);
    // DescribeSubnets: one call for the NodeClass's tag term and one by id
    // per cluster (eks-prod, eks-dev, eks-analytics): 4 for the refresh.
    expect(backend.sim.counters().aws['ec2:DescribeSubnets']).toBe(4);
  });
});
