import request from 'supertest';
import {
  CapacityBackend,
  PORTAL_DEMO_AUTH,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';
import { expectMatchesSpec } from './__testUtils__/matchesSpec';

jest.setTimeout(60_000);

describe('the overview and the node list: what a page needs, without every pod IP', () => {
  let backend: CapacityBackend;
  beforeAll(async () => {
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      awsAuth: PORTAL_DEMO_AUTH,
    });
    await backend.refresh();
  });
  afterAll(async () => {
    await backend?.stop();
  });

  const get = (path: string) =>
    request(backend.server).get(`/api/pod-ip-capacity${path}`);

  it('gives every cluster, node group and subnet, most at-risk subnet first, and no pod IP', async () => {
    const response = await get('/overview');
    expect(response.status).toBe(200);
    expectMatchesSpec(response.body, 'OverviewResponse');
    expect(response.body.clusters.map((c: any) => c.name)).toEqual([
      'eks-prod',
      'eks-dev',
      'eks-analytics',
    ]);
    // eks-prod's legacy subnet: 238 free IPs, one free /28 → fragmented,
    // the only subnet at risk in the demo.
    expect(response.body.subnets[0]).toMatchObject({
      cluster: 'eks-prod',
      subnet: {
        subnetId: 'subnet-0511000000000c000',
        status: 'fragmented',
        freePrefixBlocks: 1,
      },
    });
    expect(
      response.body.nodeGroups.map(
        (g: any) => `${g.cluster}/${g.nodeGroup.name}`,
      ),
    ).toEqual(
      expect.arrayContaining([
        'eks-prod/general-purpose',
        'eks-prod/legacy',
        'eks-dev/dev',
      ]),
    );
    // Subnets count their pod IPs ("podIps": 3) but list none.
    expect(response.text).not.toMatch(/"podIps":\[/);
    expect(response.text).not.toContain('networkInterfaces');
  });

  it('pages, sorts and filters nodes on the server, rows without ENIs', async () => {
    const all = await get('/nodes?limit=200');
    expect(all.status).toBe(200);
    expectMatchesSpec(all.body, 'NodesPage');
    // 4 nodes in eks-prod, 1 in eks-dev, 2 in eks-analytics.
    expect(all.body.total).toBe(7);

    const page = await get('/nodes?sort=heldIps&order=desc&offset=1&limit=2');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 7, offset: 1, limit: 2 });
    const held = all.body.items
      .map((r: any) => r.ips.held)
      .sort((a: number, b: number) => b - a);
    expect(page.body.items.map((r: any) => r.ips.held)).toEqual(
      held.slice(1, 3),
    );

    const legacy = await get('/nodes?q=LEGACY');
    expect(legacy.body.items.map((r: any) => r.nodeGroup)).toEqual([
      'legacy',
      'legacy',
    ]);
    const dev = await get('/nodes?cluster=eks-dev');
    expect(dev.body.items).toHaveLength(1);
    // Its primary ENI with one /28 and its trunk ENI (security groups for
    // pods); the pod's branch ENI is not attached to the instance.
    expect(dev.body.items[0]).toMatchObject({
      cluster: 'eks-dev',
      networkInterfaces: 2,
      prefixes: 1,
    });
    expect(dev.text).not.toMatch(/"podIps":\[/);
  });

  it('refuses a page larger than 200 rows with a 400', async () => {
    const response = await get('/nodes?limit=5000');
    expect(response.status).toBe(400);
    expectMatchesSpec(response.body, 'ApiError');
    expect(response.body.error.message).toMatch(/limit/);
  });

  it('gives one node in full: its ENIs, prefixes and pod IPs', async () => {
    const response = await get('/clusters/eks-prod/nodes/i-0511000000000a001');
    expect(response.status).toBe(200);
    expectMatchesSpec(response.body, 'NodeDetailResponse');
    // 10.0.0.32/28: checkout-api .32 .33, storefront-web .34, coredns .35.
    const [eni] = response.body.node.networkInterfaces;
    expect(eni.prefixes[0]).toMatchObject({
      cidr: '10.0.0.32/28',
      assigned: 4,
      available: 12,
      podIps: ['10.0.0.32', '10.0.0.33', '10.0.0.34', '10.0.0.35'],
    });
    const missing = await get('/clusters/eks-prod/nodes/i-nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/No node named 'i-nope'/);
  });
});
