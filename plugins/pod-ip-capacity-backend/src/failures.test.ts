import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  CapacityBackend,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';
import { expectMatchesSpec } from './__testUtils__/matchesSpec';

jest.setTimeout(60_000);

async function clusters(backend: CapacityBackend) {
  const response = await request(backend.server).get(
    '/api/pod-ip-capacity/clusters',
  );
  expect(response.status).toBe(200);
  expectMatchesSpec(response.body, 'ClustersResponse');
  return Object.fromEntries(
    response.body.clusters.map((c: any) => [c.name, c]),
  ) as Record<string, any>;
}

describe('pod-ip-capacity backend when things fail', () => {
  let backend: CapacityBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it('reports a cluster whose API is down and still serves the others', async () => {
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      prepare: sim => sim.faults.takeClusterDown('eks-dev', 'refuse'),
    });
    await backend.refresh();

    const byName = await clusters(backend);
    expect(byName['eks-dev'].snapshot.status).toBe('error');
    expect(byName['eks-dev'].snapshot.problems).toEqual([
      expect.objectContaining({
        source: 'kubernetes',
        message: expect.stringMatching(/eks-dev/),
      }),
    ]);
    expect(byName['eks-prod'].snapshot.status).toBe('ok');
    expect(byName['eks-prod'].totals.nodes).toBeGreaterThan(0);

    // Back up: the next refresh brings it back.
    backend.sim.faults.bringClusterUp('eks-dev');
    await backend.refresh();
    expect((await clusters(backend))['eks-dev'].snapshot.status).toBe('ok');
  });

  it('keeps the last good snapshot, marked stale, when a later refresh fails', async () => {
    backend = await startCapacityBackend({ scenario: 'auto-mode' });
    await backend.refresh();
    backend.sim.faults.takeClusterDown('auto-mode', '503');
    await backend.refresh();

    const response = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/auto-mode',
    );
    expect(response.body.snapshot).toMatchObject({
      status: 'stale',
      stale: true,
    });
    expect(response.body.snapshot.problems[0].message).toMatch(/503/);
    // The data of the last good refresh is still there.
    expect(response.body.capacity.nodes).toHaveLength(3);
  });

  it('names the IAM action when ec2:DescribeNetworkInterfaces is denied, and returns the rest', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      prepare: sim => sim.faults.deny('DescribeNetworkInterfaces'),
    });
    await backend.refresh();

    const response = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/auto-mode',
    );
    expect(response.body.snapshot.status).toBe('partial');
    expect(response.body.snapshot.problems).toEqual([
      expect.objectContaining({
        source: 'ec2',
        code: 'UnauthorizedOperation',
        action: 'ec2:DescribeNetworkInterfaces',
        message: expect.stringContaining(
          'Add "ec2:DescribeNetworkInterfaces" to the IAM policy',
        ),
      }),
    ]);
    // The nodes' own prefixes are still counted.
    const prefixes = response.body.capacity.nodes.flatMap((n: any) =>
      n.networkInterfaces.flatMap((e: any) => e.prefixes),
    );
    expect(prefixes.map((p: any) => p.assigned)).toEqual([1, 3, 1]);
  });

  it('retries throttled EC2 calls and still gets a complete snapshot', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      prepare: sim => {
        sim.faults.throttle('DescribeInstances', { count: 2 });
        sim.faults.throttle('DescribeSubnets', { count: 1 });
      },
    });
    await backend.refresh();

    const response = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/auto-mode',
    );
    expect(response.body.snapshot).toMatchObject({
      status: 'ok',
      problems: [],
    });
    expect(response.body.capacity.nodes).toHaveLength(3);
    const errors = backend.sim.counters().awsErrors;
    expect(errors['ec2:DescribeInstances:RequestLimitExceeded']).toBe(2);
    expect(errors['ec2:DescribeSubnets:RequestLimitExceeded']).toBe(1);
  });

  it('refuses cluster-wide views and refreshes without the permission', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      services: [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const list = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters',
    );
    expect(list.status).toBe(403);
    expect(list.body.error.message).toMatch(/pod-ip-capacity\.read/);
    const refresh = await request(backend.server)
      .post('/api/pod-ip-capacity/refresh')
      .send({});
    expect(refresh.status).toBe(403);
    expect(refresh.body.error.message).toMatch(/pod-ip-capacity\.refresh/);
  });

  it('answers 404 for an entity the caller may not read in the catalog', async () => {
    let mayReadEntities = true;
    const decide = (requests: Array<{ permission: { name: string } }>) =>
      requests.map(r => ({
        result:
          r.permission.name === 'catalog.entity.read' && !mayReadEntities
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      withCatalog: true,
      services: [
        mockServices.permissions.mock({
          authorize: async requests => decide(requests) as any,
          authorizeConditional: async requests => decide(requests) as any,
        }).factory,
      ],
    });
    await backend.waitForEntity('component', 'checkout-api');
    const get = () =>
      request(backend!.server)
        .get('/api/pod-ip-capacity/entity')
        .query({ entityRef: 'component:default/checkout-api' });

    expect((await get()).status).toBe(200);
    mayReadEntities = false;
    const hidden = await get();
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe(
      'No entity component:default/checkout-api',
    );
  });

  it('needs Backstage credentials on every route but /health', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      services: [
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const server = backend.server;
    expect(
      (await request(server).get('/api/pod-ip-capacity/health')).status,
    ).toBe(200);
    for (const path of ['/clusters', '/clusters/auto-mode', '/owners']) {
      expect(
        (await request(server).get(`/api/pod-ip-capacity${path}`)).status,
      ).toBe(401);
    }
    expect(
      (
        await request(server)
          .get('/api/pod-ip-capacity/entity')
          .query({ entityRef: 'component:default/x' })
      ).status,
    ).toBe(401);
    expect(
      (await request(server).post('/api/pod-ip-capacity/refresh').send({}))
        .status,
    ).toBe(401);
  });

  it('never puts a token or a secret key in a response', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      prepare: sim => sim.faults.deny('DescribeInstances'),
    });
    await backend.refresh();
    const detail = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/auto-mode',
    );
    const text = JSON.stringify(detail.body);
    expect(detail.body.snapshot.problems[0].action).toBe(
      'ec2:DescribeInstances',
    );
    for (const secret of [
      backend.sim.cluster('auto-mode').serviceAccountToken!,
      backend.sim.credentials[0].secretAccessKey,
      backend.sim.credentials[0].accessKeyId,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('rejects a refresh body that is not what the spec says, with a 400', async () => {
    backend = await startCapacityBackend({ scenario: 'auto-mode' });
    const response = await request(backend.server)
      .post('/api/pod-ip-capacity/refresh')
      .send({ cluster: 42 });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/cluster/);
  });
});
