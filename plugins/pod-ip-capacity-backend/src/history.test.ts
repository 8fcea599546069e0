import request from 'supertest';
import {
  CapacityBackend,
  PORTAL_DEMO_AUTH,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';
import { expectMatchesSpec } from './__testUtils__/matchesSpec';

jest.setTimeout(60_000);

describe('history: one row per refresh for each cluster, subnet, node group and service', () => {
  let backend: CapacityBackend;
  beforeAll(async () => {
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      awsAuth: PORTAL_DEMO_AUTH,
      withCatalog: true,
    });
    await backend.waitForEntity('component', 'checkout-api');
    await backend.refresh();
    await backend.refresh();
  });
  afterAll(async () => {
    await backend?.stop();
  });

  const history = (query: Record<string, string>) =>
    request(backend.server).get('/api/pod-ip-capacity/history').query(query);

  it("keeps the fragmented subnet's free /28 blocks and free IPs, a point per refresh", async () => {
    const response = await history({
      kind: 'subnet',
      cluster: 'eks-prod',
      key: 'subnet-0511000000000c000',
      from: new Date(Date.now() - 3_600_000).toISOString(),
      step: '3600',
    });
    expect(response.status).toBe(200);
    expectMatchesSpec(response.body, 'HistoryResponse');
    const [series] = response.body.series;
    expect(series).toMatchObject({
      cluster: 'eks-prod',
      kind: 'subnet',
      key: 'subnet-0511000000000c000',
      simulated: false,
    });
    // Both refreshes fall in the last hour, one bucket: 1 free /28 and 238
    // free IPs (the demo's worked values).
    expect(series.points).toEqual([
      expect.objectContaining({
        freePrefixBlocks: 1,
        availableIps: 238,
        usableIps: 251,
      }),
    ]);
    expect(response.body.collectingSince).toBeDefined();
  });

  it("keeps a service's pods and headroom per cluster", async () => {
    const response = await history({
      kind: 'entity',
      key: 'component:default/checkout-api',
    });
    expect(response.status).toBe(200);
    expectMatchesSpec(response.body, 'HistoryResponse');
    const prod = response.body.series.find(
      (s: any) => s.cluster === 'eks-prod',
    );
    // checkout-api's three running pods in eks-prod hold a pod IP.
    expect(prod.points[0].podsWithVpcIp).toBe(3);
    expect(prod.points[0].headroomPods).toBeGreaterThan(0);
  });

  it('keeps the cluster and each node group', async () => {
    const cluster = await history({ kind: 'cluster', cluster: 'eks-prod' });
    expect(cluster.body.series[0].points[0]).toMatchObject({ heldIps: 56 });
    const group = await history({
      kind: 'nodeGroup',
      cluster: 'eks-prod',
      key: 'legacy',
    });
    expect(group.body.series[0].points[0]).toMatchObject({
      heldIps: 8,
      podsWithVpcIp: 3,
    });
  });

  it('answers a request for too many points, or without what it needs, with a 400', async () => {
    const tooMany = await history({
      kind: 'cluster',
      cluster: 'eks-prod',
      from: '2026-01-01T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      step: '60',
    });
    expect(tooMany.status).toBe(400);
    expectMatchesSpec(tooMany.body, 'ApiError');
    expect(tooMany.body.error.message).toMatch(/more than 1000 points/);
    const noCluster = await history({ kind: 'subnet', key: 'subnet-x' });
    expect(noCluster.status).toBe(400);
    expect(noCluster.body.error.message).toMatch(/needs a cluster/);
  });
});
