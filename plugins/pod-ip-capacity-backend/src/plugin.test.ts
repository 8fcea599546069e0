import request from 'supertest';
import {
  CapacityBackend,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';
import { expectMatchesSpec } from './__testUtils__/matchesSpec';

jest.setTimeout(60_000);

/** The classic per-ENI report's rows, from GET /clusters/{name}. */
function perEniReport(body: any) {
  return body.capacity.nodes.flatMap((node: any) =>
    node.networkInterfaces.map((eni: any) => ({
      node: node.name,
      eni: eni.networkInterfaceId,
      primaryIp: eni.primaryIp,
      subnetCidr: eni.subnetCidr,
      prefixes: eni.prefixes.map((p: any) => ({
        cidr: p.cidr,
        total: p.total,
        assigned: p.assigned,
        available: p.available,
        podIps: p.podIps,
      })),
    })),
  );
}

describe('pod-ip-capacity backend against the EKS simulator', () => {
  let backend: CapacityBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it('reproduces how-pod-ips-are-counted.md §6 sample 1 (Auto Mode, prefixes on the primary ENI) number for number', async () => {
    backend = await startCapacityBackend({ scenario: 'auto-mode' });
    await backend.refresh();

    const response = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/auto-mode',
    );
    expect(response.status).toBe(200);
    expectMatchesSpec(response.body, 'ClusterDetailResponse');
    expect(response.body.snapshot).toMatchObject({
      status: 'ok',
      problems: [],
    });
    expect(perEniReport(response.body)).toEqual([
      {
        node: 'i-aaaaaaaaaaaaaaaaa',
        eni: 'eni-aaaaaaaaaaaaaaaaa',
        primaryIp: '192.168.183.45',
        subnetCidr: '192.168.160.0/19',
        prefixes: [
          {
            cidr: '192.168.181.240/28',
            total: 16,
            assigned: 1,
            available: 15,
            podIps: ['192.168.181.240'],
          },
        ],
      },
      {
        node: 'i-bbbbbbbbbbbbbbbbb',
        eni: 'eni-bbbbbbbbbbbbbbbbb',
        primaryIp: '192.168.81.38',
        subnetCidr: '192.168.64.0/19',
        prefixes: [
          {
            cidr: '192.168.71.80/28',
            total: 16,
            assigned: 3,
            available: 13,
            podIps: ['192.168.71.80', '192.168.71.81', '192.168.71.82'],
          },
        ],
      },
      {
        node: 'i-ccccccccccccccccc',
        eni: 'eni-ccccccccccccccccc',
        primaryIp: '192.168.71.108',
        subnetCidr: '192.168.64.0/19',
        prefixes: [
          {
            cidr: '192.168.85.160/28',
            total: 16,
            assigned: 1,
            available: 15,
            podIps: ['192.168.85.161'],
          },
        ],
      },
    ]);
  });
});

describe('pod-ip-capacity backend: custom networking', () => {
  let backend: CapacityBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it('reproduces how-pod-ips-are-counted.md §6 sample 2 (pods on secondary ENIs in 100.64 subnets) number for number', async () => {
    backend = await startCapacityBackend({ scenario: 'custom-networking' });
    await backend.refresh();

    const response = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/custom-networking',
    );
    expect(response.status).toBe(200);
    expectMatchesSpec(response.body, 'ClusterDetailResponse');
    const rows = perEniReport(response.body);
    // The report lists ENIs per node; the node order is the API's.
    const byEni = Object.fromEntries(rows.map((r: any) => [r.eni, r]));
    expect(byEni['eni-bbbbbbbbbbbbbbbbb']).toEqual({
      node: 'i-aaaaaaaaaaaaaaaaa',
      eni: 'eni-bbbbbbbbbbbbbbbbb',
      primaryIp: '100.64.51.12',
      subnetCidr: '100.64.32.0/19',
      prefixes: [
        {
          cidr: '100.64.43.16/28',
          total: 16,
          assigned: 3,
          available: 13,
          podIps: ['100.64.43.16', '100.64.43.17', '100.64.43.18'],
        },
      ],
    });
    expect(byEni['eni-aaaaaaaaaaaaaaaaa']).toEqual({
      node: 'i-aaaaaaaaaaaaaaaaa',
      eni: 'eni-aaaaaaaaaaaaaaaaa',
      primaryIp: '192.168.137.198',
      subnetCidr: '192.168.128.0/19',
      prefixes: [],
    });
    expect(byEni['eni-ccccccccccccccccc']).toEqual({
      node: 'i-0e8217b21d04ed516',
      eni: 'eni-ccccccccccccccccc',
      primaryIp: '192.168.177.125',
      subnetCidr: '192.168.160.0/19',
      prefixes: [],
    });
    expect(byEni['eni-ddddddddddddddddd']).toEqual({
      node: 'i-0e8217b21d04ed516',
      eni: 'eni-ddddddddddddddddd',
      primaryIp: '100.64.70.70',
      subnetCidr: '100.64.64.0/19',
      prefixes: [
        {
          cidr: '100.64.72.176/28',
          total: 16,
          assigned: 2,
          available: 14,
          podIps: ['100.64.72.176', '100.64.72.177'],
        },
      ],
    });
    expect(rows).toHaveLength(4);
  });
});

describe('pod-ip-capacity backend: the portal demo', () => {
  let backend: CapacityBackend;
  beforeAll(async () => {
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      withCatalog: true,
      // eks-analytics lives in a second account: the Kubernetes plugin's
      // cluster definition names the role to assume, and Pod IP Capacity
      // assumes the same role for its EC2 calls, with no config of its own.
      awsAuth: {
        'eks-prod': {},
        'eks-analytics': {
          assumeRole: 'arn:aws:iam::222222222222:role/backstage-eks-reader',
        },
      },
    });
    await backend.refresh();
    await backend.waitForEntity('component', 'checkout-api');
    await backend.waitForEntity('component', 'payments-worker');
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('lists three clusters in two accounts, all complete', async () => {
    const response = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters',
    );
    expect(response.status).toBe(200);
    expectMatchesSpec(response.body, 'ClustersResponse');
    const clusters = response.body.clusters.map((c: any) => ({
      name: c.name,
      accountId: c.accountId,
      status: c.snapshot.status,
      problems: c.snapshot.problems,
    }));
    expect(clusters).toEqual(
      expect.arrayContaining([
        // The portal's own account, as sts:GetCallerIdentity names it.
        {
          name: 'eks-prod',
          accountId: '111111111111',
          status: 'ok',
          problems: [],
        },
        {
          name: 'eks-dev',
          accountId: '111111111111',
          status: 'ok',
          problems: [],
        },
        {
          name: 'eks-analytics',
          accountId: '222222222222',
          status: 'ok',
          problems: [],
        },
      ]),
    );
  });

  it('finds the legacy subnet fragmented: 238 free IPs but a single free aligned /28, harmless to its secondary-IP nodes', async () => {
    const response = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/eks-prod',
    );
    const subnet = response.body.capacity.subnets.find(
      (s: any) => s.subnetId === 'subnet-0511000000000c000',
    );
    expect(subnet).toMatchObject({
      cidr: '10.0.2.0/24',
      usable: 251,
      available: 238,
      freePrefixBlocks: 1,
      largestFreeBlock: { cidr: '10.0.2.224/28' },
      status: 'fragmented',
      // Its two nodes (node group legacy) take single secondary IPs, which
      // fit in fragmented blocks: nothing fails there (the rule changed on
      // purpose: a fragmented subnet is a risk to prefix-mode nodes only).
      prefixNodes: 0,
      secondaryIpNodes: 2,
      atRisk: false,
    });
    expect(response.body.subnetsAtRisk).toEqual([]);
  });

  it("shows a service's pods, their prefixes and its headroom, leaving out a Failed pod's stale IP", async () => {
    const response = await request(backend.server)
      .get('/api/pod-ip-capacity/entity')
      .query({ entityRef: 'component:default/checkout-api' });
    expect(response.status).toBe(200);
    expectMatchesSpec(response.body, 'EntityCapacityResponse');
    const prod = response.body.clusters.find(
      (c: any) => c.cluster.name === 'eks-prod',
    );
    const workload = prod.usage.entities[0];
    // Counts, not lists: 10.0.0.32, .33 on node a001 and 10.0.1.16 on another.
    expect(workload).not.toHaveProperty('podList');
    expect(workload.podsWithVpcIp).toBe(3);
    expect(workload.nodes).toBe(2);
    expect(workload.podsWithoutNodeIp).toEqual([
      { reason: 'completed', pods: 1 },
    ]);
    expect(workload.headroom.replicas).toBeGreaterThan(0);

    // Its nodes, a page from GET /nodes, most of its pods first.
    const nodes = await request(backend.server)
      .get('/api/pod-ip-capacity/nodes')
      .query({
        entityRef: 'component:default/checkout-api',
        cluster: 'eks-prod',
        sort: 'workloadPods',
        order: 'desc',
      });
    expect(nodes.status).toBe(200);
    expectMatchesSpec(nodes.body, 'NodesPage');
    expect(nodes.body.items.map((r: any) => [r.name, r.workloadPods])).toEqual([
      ['i-0511000000000a001', 2],
      [expect.any(String), 1],
    ]);
    expect(nodes.body.total).toBe(2);

    const node = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/eks-prod/nodes/i-0511000000000a001',
    );
    const prefix = node.body.node.networkInterfaces
      .flatMap((e: any) => e.prefixes)
      .find((p: any) => p.cidr === '10.0.0.32/28');
    // .32 .33 (checkout-api), .34 (storefront-web), .35 (coredns); the Failed
    // pod's .36 is released.
    expect(prefix).toMatchObject({ assigned: 4, available: 12 });
  });

  it("sums a team's services: Payments owns checkout-api and payments-worker", async () => {
    const get = (entityRef: string) =>
      request(backend.server)
        .get('/api/pod-ip-capacity/entity')
        .query({ entityRef });
    const [team, checkout, worker] = await Promise.all([
      get('group:default/team-payments'),
      get('component:default/checkout-api'),
      get('component:default/payments-worker'),
    ]);
    expect(team.status).toBe(200);
    expectMatchesSpec(team.body, 'EntityCapacityResponse');
    expect(team.body.entities.map((e: any) => e.entityRef)).toEqual([
      'component:default/checkout-api',
      'component:default/payments-worker',
    ]);
    for (const cluster of team.body.clusters) {
      const name = cluster.cluster.name;
      const of = (r: any) =>
        r.body.clusters.find((c: any) => c.cluster.name === name).usage
          .podsWithVpcIp;
      expect(cluster.usage.podsWithVpcIp).toBe(of(checkout) + of(worker));
    }
    const prod = team.body.clusters.find(
      (c: any) => c.cluster.name === 'eks-prod',
    );
    // checkout-api: .32 .33 .1.16; payments-worker: .2.37 .2.53 .2.117 (its
    // Pending pod has no IP, its Succeeded CronJob pod no longer holds one).
    expect(prod.usage.podsWithVpcIp).toBe(6);
  });

  it('ranks the teams by the pod IPs their nodes hold for them', async () => {
    const response = await request(backend.server).get(
      '/api/pod-ip-capacity/owners',
    );
    expect(response.status).toBe(200);
    expectMatchesSpec(response.body, 'OwnersResponse');
    const owners = response.body.owners.map((o: any) => o.owner.entityRef);
    expect(owners).toEqual(
      expect.arrayContaining([
        'group:default/team-payments',
        'group:default/team-search',
        'group:default/team-storefront',
      ]),
    );
    const held = response.body.owners.map((o: any) => o.nodeHeldIps);
    expect([...held].sort((a, b) => b - a)).toEqual(held);
  });

  it('answers a malformed entityRef with a 400 that says what is expected', async () => {
    const response = await request(backend.server)
      .get('/api/pod-ip-capacity/entity')
      .query({ entityRef: 'component:' });
    expect(response.status).toBe(400);
    expectMatchesSpec(response.body, 'ApiError');
    expect(response.body.error.message).toMatch(/Malformed entityRef/);
  });

  it('answers an unknown entity and an unknown cluster with 404s', async () => {
    const entity = await request(backend.server)
      .get('/api/pod-ip-capacity/entity')
      .query({ entityRef: 'component:default/nope' });
    expect(entity.status).toBe(404);
    // Its nodes too: an unknown entity is not "no nodes".
    const nodes = await request(backend.server)
      .get('/api/pod-ip-capacity/nodes')
      .query({ entityRef: 'component:default/nope' });
    expect(nodes.status).toBe(404);
    expect(nodes.body.error.message).toBe('No entity component:default/nope');
    const cluster = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/nope',
    );
    expect(cluster.status).toBe(404);
    expect(cluster.body.error.message).toMatch(/eks-prod/);
  });
});
