import { ResponseError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  CapacityBackend,
  PORTAL_DEMO_AUTH,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';
import { expectMatchesSpec } from './__testUtils__/matchesSpec';

jest.setTimeout(90_000);

/** A service of team Payments whose label selector annotation does not parse. */
const BROKEN_SELECTOR = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger-api
  annotations:
    backstage.io/kubernetes-label-selector: 'app in (ledger'
spec:
  type: service
  lifecycle: production
  owner: team-payments
`;

describe('bad input gets a clear answer, and the rest still comes back', () => {
  let backend: CapacityBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it("reports an entity's malformed label selector on that entity, and serves its team and every other team", async () => {
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      awsAuth: PORTAL_DEMO_AUTH,
      withCatalog: true,
      extraEntities: BROKEN_SELECTOR,
    });
    await backend.waitForEntity('component', 'ledger-api');
    await backend.refresh();

    const owners = await request(backend.server).get(
      '/api/pod-ip-capacity/owners',
    );
    expect(owners.status).toBe(200);
    expectMatchesSpec(owners.body, 'OwnersResponse');
    expect(owners.body.problems).toEqual([
      {
        entityRef: 'component:default/ledger-api',
        code: 'InvalidLabelSelector',
        message: expect.stringContaining(
          'backstage.io/kubernetes-label-selector',
        ),
      },
    ]);
    const teams = owners.body.owners.map((o: any) => o.owner.entityRef);
    expect(teams).toEqual(
      expect.arrayContaining([
        'group:default/team-payments',
        'group:default/team-search',
      ]),
    );

    const team = await request(backend.server)
      .get('/api/pod-ip-capacity/entity')
      .query({ entityRef: 'group:default/team-payments' });
    expect(team.status).toBe(200);
    expectMatchesSpec(team.body, 'EntityCapacityResponse');
    expect(team.body.problems.map((p: any) => p.entityRef)).toEqual([
      'component:default/ledger-api',
    ]);
    const prod = team.body.clusters.find(
      (c: any) => c.cluster.name === 'eks-prod',
    );
    // checkout-api's 3 pods with IPs (10.0.0.32, .33, 10.0.1.16) and
    // payments-worker's 3 (10.0.2.37, .53, .117) still count.
    expect(prod.usage.podsWithVpcIp).toBe(6);
  });

  it('accepts entity refs unencoded, as Backstage writes them, and probes with query parameters', async () => {
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      awsAuth: PORTAL_DEMO_AUTH,
      withCatalog: true,
    });
    await backend.waitForEntity('component', 'checkout-api');
    const raw = await request(backend.server).get(
      '/api/pod-ip-capacity/entity?entityRef=component:default/checkout-api',
    );
    expect(raw.status).toBe(200);
    expect(raw.body.entity.entityRef).toBe('component:default/checkout-api');
    const probe = await request(backend.server).get(
      '/api/pod-ip-capacity/health?x=1&probe=kubelet',
    );
    expect(probe.status).toBe(200);
    expect(probe.body).toEqual({ status: 'ok' });
  });

  it('answers unknown routes with a JSON 404 and known routes with another method with a 405 and Allow', async () => {
    backend = await startCapacityBackend({ scenario: 'auto-mode' });
    const unknown = await request(backend.server).get(
      '/api/pod-ip-capacity/subnets',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.type).toBe('application/json');
    expect(unknown.body.error.name).toBe('NotFoundError');

    const wrongMethod = await request(backend.server).delete(
      '/api/pod-ip-capacity/clusters/auto-mode',
    );
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD');
    expect(wrongMethod.body.error.message).toMatch(/use GET/);

    const getRefresh = await request(backend.server).get(
      '/api/pod-ip-capacity/refresh',
    );
    expect(getRefresh.status).toBe(405);
    expect(getRefresh.headers.allow).toBe('POST');
  });

  it('refuses a body over the limit with a 413 that does not repeat it, and broken JSON with a 400', async () => {
    backend = await startCapacityBackend({ scenario: 'auto-mode' });
    const marker = 'x'.repeat(100_000);
    const large = await request(backend.server)
      .post('/api/pod-ip-capacity/refresh')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ cluster: marker }));
    expect(large.status).toBe(413);
    expect(large.body.error.message).toMatch(/larger than 16kb/);
    expect(large.text.length).toBeLessThan(1_000);

    const broken = await request(backend.server)
      .post('/api/pod-ip-capacity/refresh')
      .set('content-type', 'application/json')
      .send(`{"cluster": "${'y'.repeat(500)}`);
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toBe(
      'The request body is not valid JSON.',
    );
    expect(broken.text).not.toContain('yyyyyyyyyy');
  });

  it('refuses a refresh of a cluster with an empty name instead of refreshing every cluster', async () => {
    backend = await startCapacityBackend({ scenario: 'auto-mode' });
    backend.sim.resetCounters();
    const response = await request(backend.server)
      .post('/api/pod-ip-capacity/refresh')
      .send({ cluster: '' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/cluster/);
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(backend.sim.counters().aws['ec2:DescribeInstances'] ?? 0).toBe(0);
  });

  it("never passes a catalog error's stack or nested body on to the caller", async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () => {
        const response = new Response(
          JSON.stringify({
            error: {
              name: 'DatabaseError',
              message: 'password=hunter2 at 10.0.0.5',
            },
          }),
          { status: 500, statusText: 'Internal Server Error' },
        );
        throw await ResponseError.fromResponse(response as any);
      },
    });
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      services: [catalog.factory],
    });
    const response = await request(backend.server)
      .get('/api/pod-ip-capacity/entity')
      .query({ entityRef: 'component:default/checkout-api' });
    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      error: {
        name: 'ServiceUnavailableError',
        message:
          'The software catalog could not be read just now; try again in a moment.',
      },
      request: expect.any(Object),
      response: { statusCode: 503 },
    });
    expect(response.text).not.toMatch(
      /hunter2|10\.0\.0\.5|DatabaseError|stack/,
    );
    expect(backend.logs.join('\n')).not.toContain('hunter2');
  });
});
