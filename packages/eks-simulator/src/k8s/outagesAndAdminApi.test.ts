import { RunningSimulator, startSimulator } from '../startSimulator';
import { request } from '../__testUtils__/httpRequest';

describe('Kubernetes API: plain HTTP, outages and the admin API', () => {
  let sim: RunningSimulator;
  // token null: send no credentials.
  const get = (
    path: string,
    cluster = 'eks-prod',
    token: string | null = `${cluster}-token`,
  ) =>
    request(`${sim.cluster(cluster).url}${path}`, {
      token: token ?? undefined,
      ca: sim.caCert,
    });

  beforeAll(async () => {
    sim = await startSimulator({
      scenario: 'portal-demo',
      k8sHttpBasePort: 0,
      continueTtlMs: 60_000,
    });
  });
  afterAll(async () => {
    await sim?.stop();
  });
  beforeEach(() => {
    sim.faults.clear();
  });

  it('serves plain HTTP too when asked', async () => {
    const c = sim.cluster('eks-dev');
    const reply = await request(`${c.httpUrl}/api/v1/pods`, {
      token: 'eks-dev-token',
    });
    expect(reply.body.items).toHaveLength(7);
  });

  it('takes a cluster down: connection refused, or 503', async () => {
    sim.faults.takeClusterDown('eks-dev', 'refuse');
    await new Promise(r => setTimeout(r, 50));
    await expect(get('/api/v1/pods', 'eks-dev')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    sim.faults.bringClusterUp('eks-dev');
    await new Promise(r => setTimeout(r, 50));
    expect((await get('/api/v1/pods', 'eks-dev')).status).toBe(200);
    sim.faults.takeClusterDown('eks-dev', '503');
    const down = await get('/api/v1/pods', 'eks-dev');
    expect(down.status).toBe(503);
    expect(down.body.reason).toBe('ServiceUnavailable');
    // Other clusters are unaffected.
    expect((await get('/api/v1/pods', 'eks-prod')).status).toBe(200);
  });

  it('exposes counters and fault switches over the admin HTTP API', async () => {
    sim.resetCounters();
    await get('/api/v1/pods?labelSelector=app%3Dcheckout-api');
    await get('/api/v1/nodes');
    const counters = (await request(`${sim.adminUrl}/counters`)).body;
    expect(counters.kubernetes['eks-prod']).toEqual({
      'list pods': 1,
      'list nodes': 1,
    });
    const added = await request(`${sim.adminUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify({
        type: 'clusterDown',
        cluster: 'eks-analytics',
        mode: '503',
      }),
    });
    expect(added.status).toBe(201);
    expect((await get('/api/v1/pods', 'eks-analytics')).status).toBe(503);
    expect((await request(`${sim.adminUrl}/faults`)).body).toEqual([
      {
        type: 'clusterDown',
        cluster: 'eks-analytics',
        mode: '503',
        id: added.body.id,
      },
    ]);
    await request(`${sim.adminUrl}/faults/${added.body.id}`, {
      method: 'DELETE',
    });
    expect((await get('/api/v1/pods', 'eks-analytics')).status).toBe(200);
    expect(
      (
        await request(`${sim.adminUrl}/clusters/eks-dev/down?mode=refuse`, {
          method: 'POST',
        })
      ).status,
    ).toBe(201);
    await new Promise(r => setTimeout(r, 50));
    await expect(get('/api/v1/pods', 'eks-dev')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    await request(`${sim.adminUrl}/clusters/eks-dev/up`, { method: 'POST' });
    await new Promise(r => setTimeout(r, 50));
    expect((await get('/api/v1/pods', 'eks-dev')).status).toBe(200);
    const kubeconfig = await request(`${sim.adminUrl}/kubeconfig`);
    expect(kubeconfig.body).toContain('certificate-authority-data');
    expect((await request(`${sim.adminUrl}/ca.crt`)).body).toContain(
      'BEGIN CERTIFICATE',
    );
    const root = (await request(sim.adminUrl)).body;
    expect(root.clusters.map((c: any) => c.name)).toEqual([
      'eks-prod',
      'eks-dev',
      'eks-analytics',
    ]);
  });
});
