import { RunningSimulator, startSimulator } from '../startSimulator';
import { request, RequestOptions, waitFor } from '../__testUtils__/httpRequest';

// hang, badResponse and malformed faults in front of a cluster's Kubernetes API, seen by
// a plain node:https client (as the Kubernetes client libraries make requests).

describe('Kubernetes API faults', () => {
  let sim: RunningSimulator;
  const get = (
    path: string,
    cluster = 'eks-prod',
    options: RequestOptions = {},
  ) =>
    request(`${sim.cluster(cluster).url}${path}`, {
      token: `${cluster}-token`,
      ca: sim.caCert,
      ...options,
    });
  const postFault = (spec: object) =>
    request(`${sim.adminUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify(spec),
    });

  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'portal-demo' });
  });
  afterAll(async () => {
    await sim?.stop();
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.resetCounters();
  });

  describe('hang', () => {
    it('holds the matching path of one cluster until the client gives up', async () => {
      sim.faults.hang({ cluster: 'eks-dev', path: '/api/v1/pods' });
      await expect(
        get('/api/v1/pods?limit=5', 'eks-dev', { timeoutMs: 300 }),
      ).rejects.toMatchObject({ code: 'ETIMEDOUT' });
      // Other paths and clusters are answered.
      expect((await get('/api/v1/nodes', 'eks-dev')).status).toBe(200);
      expect((await get('/api/v1/pods', 'eks-prod')).status).toBe(200);
      const counters = sim.counters();
      expect(counters.hung).toEqual({ 'eks-dev': 1 });
      expect(counters.kubernetes['eks-dev']).toEqual({
        hung: 1,
        'list nodes': 1,
      });
    });

    it('without a path holds every request, even anonymous health checks', async () => {
      sim.faults.hang({ cluster: 'eks-analytics' });
      await expect(
        request(`${sim.cluster('eks-analytics').url}/healthz`, {
          ca: sim.caCert,
          timeoutMs: 200,
        }),
      ).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    });

    it('keeps held requests held after the fault is removed', async () => {
      const id = sim.faults.hang({ cluster: 'eks-dev' });
      const abort = new AbortController();
      const held = get('/api/v1/pods', 'eks-dev', {
        timeoutMs: 60_000,
        signal: abort.signal,
      });
      await waitFor(() => sim.counters().hung['eks-dev'] === 1);
      sim.faults.remove(id);
      expect((await get('/api/v1/pods', 'eks-dev')).status).toBe(200);
      const settled = await Promise.race([
        held.then(
          () => 'answered',
          () => 'failed',
        ),
        new Promise(r => setTimeout(() => r('pending'), 300)),
      ]);
      expect(settled).toBe('pending');
      abort.abort();
      await expect(held).rejects.toMatchObject({ name: 'AbortError' });
    });

    it('is refused for a cluster the scenario does not have', async () => {
      const refused = await postFault({ type: 'hang', cluster: 'eks-nope' });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('No cluster eks-nope in the scenario');
      const both = await postFault({
        type: 'hang',
        cluster: 'eks-dev',
        action: 'DescribeInstances',
      });
      expect(both.body.error).toBe(
        'A hang fault needs either an action or a cluster (not both)',
      );
    });

    it('stop() cuts held connections', async () => {
      const own = await startSimulator({ scenario: 'auto-mode' });
      own.faults.hang({ cluster: 'auto-mode' });
      const held = request(`${own.cluster('auto-mode').url}/api/v1/nodes`, {
        token: 'auto-mode-token',
        ca: own.caCert,
        timeoutMs: 60_000,
      });
      await waitFor(() => own.counters().hung['auto-mode'] === 1);
      const started = Date.now();
      await own.stop();
      expect(Date.now() - started).toBeLessThan(1000);
      await expect(held).rejects.toMatchObject({ code: 'ECONNRESET' });
    });
  });

  describe('badResponse', () => {
    it('echo500 echoes the request line and every header, Authorization included', async () => {
      sim.faults.badResponse({ cluster: 'eks-prod', mode: 'echo500' });
      const reply = await get('/api/v1/pods?limit=5', 'eks-prod', {
        headers: { 'X-Trace': 'abc' },
      });
      expect(reply.status).toBe(500);
      expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
      const lines = reply.text.split('\r\n');
      expect(lines[0]).toBe('GET /api/v1/pods?limit=5 HTTP/1.1');
      expect(lines).toEqual(
        expect.arrayContaining([
          'authorization: Bearer eks-prod-token',
          'X-Trace: abc',
          `Host: ${new URL(sim.cluster('eks-prod').url).host}`,
        ]),
      );
      expect(sim.counters().kubernetes['eks-prod']).toEqual({
        'bad response echo500': 1,
      });
    });

    it('html502 is a load balancer page; empty200 an empty 200', async () => {
      const id = sim.faults.badResponse({
        cluster: 'eks-prod',
        mode: 'html502',
      });
      const page = await get('/api/v1/nodes');
      expect([page.status, page.headers['content-type']]).toEqual([
        502,
        'text/html',
      ]);
      expect(page.text).toContain('<title>502 Bad Gateway</title>');
      sim.faults.remove(id);
      sim.faults.badResponse({ cluster: 'eks-prod', mode: 'empty200' });
      const empty = await get('/api/v1/nodes');
      expect([
        empty.status,
        empty.text,
        empty.headers['content-length'],
      ]).toEqual([200, '', '0']);
    });

    it('status429 answers like API priority and fairness: Retry-After and a TooManyRequests Status', async () => {
      sim.faults.badResponse({
        cluster: 'eks-prod',
        mode: 'status429',
        retryAfterSeconds: 7,
      });
      const reply = await get('/api/v1/pods');
      expect(reply.status).toBe(429);
      expect(reply.headers['retry-after']).toBe('7');
      expect(reply.body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Too many requests, please try again later.',
        reason: 'TooManyRequests',
        details: { retryAfterSeconds: 7 },
        code: 429,
      });
      sim.faults.clear();
      sim.faults.badResponse({ cluster: 'eks-prod', mode: 'status429' });
      expect((await get('/api/v1/pods')).headers['retry-after']).toBe('1');
    });

    it('status403 answers like RBAC refusing the identity, naming the resource', async () => {
      sim.faults.badResponse({
        cluster: 'eks-prod',
        path: '/apis/karpenter.sh/v1/nodepools',
        mode: 'status403',
      });
      const reply = await get('/apis/karpenter.sh/v1/nodepools?limit=5');
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'nodepools.karpenter.sh is forbidden: User "system:serviceaccount:backstage:backstage" cannot list resource "nodepools" in API group "karpenter.sh" at the cluster scope',
        reason: 'Forbidden',
        details: { group: 'karpenter.sh', kind: 'nodepools' },
        code: 403,
      });
      // Only what the path names: the nodes are still listed.
      expect((await get('/api/v1/nodes')).status).toBe(200);
      sim.faults.clear();
      sim.faults.badResponse({
        cluster: 'eks-prod',
        path: '/daemonsets/aws-node',
        mode: 'status403',
      });
      const one = await get(
        '/apis/apps/v1/namespaces/kube-system/daemonsets/aws-node',
      );
      expect([one.status, one.body.message]).toEqual([
        403,
        'daemonsets.apps "aws-node" is forbidden: User "system:serviceaccount:backstage:backstage" cannot get resource "daemonsets" in API group "apps" in the namespace "kube-system"',
      ]);
    });

    it('count and path narrow it: the next N matching requests only', async () => {
      sim.faults.badResponse({
        cluster: 'eks-prod',
        path: '/api/v1/pods',
        mode: 'status429',
        count: 2,
      });
      expect((await get('/api/v1/nodes')).status).toBe(200);
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await get('/api/v1/pods')).status);
      expect(statuses).toEqual([429, 429, 200]);
      expect(sim.faults.list()).toEqual([]);
    });

    it('is switched on over the admin API; EC2-only modes are refused', async () => {
      expect(
        (
          await postFault({
            type: 'badResponse',
            cluster: 'eks-dev',
            mode: 'html502',
            count: 1,
          })
        ).status,
      ).toBe(201);
      expect((await get('/api/v1/pods', 'eks-dev')).status).toBe(502);
      expect((await get('/api/v1/pods', 'eks-dev')).status).toBe(200);
      const refused = await postFault({
        type: 'badResponse',
        cluster: 'eks-dev',
        mode: 'internalError',
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe(
        'A badResponse fault for a cluster needs a mode: one of echo500, html502, empty200, status429, status403',
      );
    });
  });

  describe('malformed', () => {
    it('pods: a null before the first item and the first pod IP not-an-ip, on the first page only', async () => {
      const clean1 = (await get('/api/v1/pods?limit=5')).body;
      const clean2 = (
        await get(
          `/api/v1/pods?limit=5&continue=${encodeURIComponent(
            clean1.metadata.continue,
          )}`,
        )
      ).body;
      sim.faults.malformed({ cluster: 'eks-prod', kind: 'pods' });
      const page1 = (await get('/api/v1/pods?limit=5')).body;
      expect(page1.items).toHaveLength(6);
      expect(page1.items[0]).toBeNull();
      expect(page1.items[1].metadata.name).toBe(clean1.items[0].metadata.name);
      expect(page1.items[1].status.podIP).toBe('not-an-ip');
      expect(page1.items[1].status.podIPs).toEqual([{ ip: 'not-an-ip' }]);
      expect(page1.items.slice(2)).toEqual(clean1.items.slice(1));
      expect(page1.metadata.remainingItemCount).toBe(12);
      const page2 = (
        await get(
          `/api/v1/pods?limit=5&continue=${encodeURIComponent(
            page1.metadata.continue,
          )}`,
        )
      ).body;
      expect(page2.items).toEqual(clean2.items);
      // Nodes are left alone when only pods are named.
      expect((await get('/api/v1/nodes')).body.items[0]).not.toBeNull();
    });

    it('nodes: a null before the first item and the first node providerID garbage', async () => {
      sim.faults.malformed({ cluster: 'eks-prod', kind: 'nodes' });
      const nodes = (await get('/api/v1/nodes')).body.items;
      expect(nodes.map((n: any) => n?.spec.providerID ?? null)).toEqual([
        null,
        'garbage',
        'aws:///eu-west-1b/i-0511000000000b001',
        'aws:///eu-west-1c/i-0511000000000c001',
        'aws:///eu-west-1c/i-0511000000000c002',
      ]);
      expect(nodes[1].metadata.name).toBe('i-0511000000000a001');
    });

    it('without a kind corrupts both, in that cluster only; kubectl tables are left readable', async () => {
      sim.faults.malformed({ cluster: 'eks-dev' });
      const pods = (await get('/api/v1/namespaces/payments/pods', 'eks-dev'))
        .body.items;
      expect([pods[0], pods[1].status.podIP]).toEqual([null, 'not-an-ip']);
      expect((await get('/api/v1/nodes', 'eks-dev')).body.items[0]).toBeNull();
      expect((await get('/api/v1/pods')).body.items[0]).not.toBeNull();
      const table = await get('/api/v1/pods', 'eks-dev', {
        headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
      });
      expect(table.body.kind).toBe('Table');
      expect(table.body.rows).toHaveLength(7);
    });

    it('is switched on over the admin API', async () => {
      expect(
        (
          await postFault({
            type: 'malformed',
            cluster: 'eks-dev',
            kind: 'nodes',
          })
        ).status,
      ).toBe(201);
      expect(
        (await get('/api/v1/nodes', 'eks-dev')).body.items[1],
      ).toMatchObject({ spec: { providerID: 'garbage' } });
      const refused = await postFault({
        type: 'malformed',
        cluster: 'eks-dev',
        kind: 'services',
      });
      expect(refused.body.error).toBe(
        "A malformed fault's kind is pods or nodes, not services",
      );
    });
  });
});
