import request from 'supertest';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  CapacityBackend,
  PORTAL_DEMO_AUTH,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';

jest.setTimeout(90_000);

async function clusters(backend: CapacityBackend) {
  const response = await request(backend.server).get(
    '/api/pod-ip-capacity/clusters',
  );
  return Object.fromEntries(
    response.body.clusters.map((c: any) => [c.name, c]),
  ) as Record<string, any>;
}

/** Polls until `done` holds, at most `ms`; returns how long it took. */
async function waitFor(
  done: () => Promise<boolean>,
  ms: number,
): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await done()) return Date.now() - start;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`not done within ${ms} ms`);
}

describe('one cluster that does not answer never stalls the others', () => {
  let backend: CapacityBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it('ends a hung cluster at its deadline, and the others as soon as they are done', async () => {
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      awsAuth: PORTAL_DEMO_AUTH,
      podIpCapacity: {
        // The request timeout is long on purpose: the cluster's deadline ends it.
        kubernetes: { requestTimeout: { minutes: 5 } },
        refresh: { clusterTimeout: { seconds: 4 } },
      },
    });
    await backend.refresh();
    const before = await clusters(backend);
    backend.sim.faults.hang({ cluster: 'eks-dev' });

    const started = Date.now();
    const post = await request(backend.server)
      .post('/api/pod-ip-capacity/refresh')
      .send({});
    expect(post.status).toBe(202);

    // eks-prod and eks-analytics are fresh again while eks-dev still hangs.
    await waitFor(async () => {
      const now = await clusters(backend!);
      return ['eks-prod', 'eks-analytics'].every(
        name =>
          !now[name].snapshot.refreshing &&
          now[name].snapshot.collectedAt !== before[name].snapshot.collectedAt,
      );
    }, 3_500);
    expect((await clusters(backend))['eks-dev'].snapshot.refreshing).toBe(true);

    // eks-dev gives up at its deadline, keeping its last good data.
    await waitFor(
      async () => !(await clusters(backend!))['eks-dev'].snapshot.refreshing,
      8_000,
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(4_000);
    expect(elapsed).toBeLessThan(8_000);
    const dev = (await clusters(backend))['eks-dev'];
    expect(dev.snapshot).toMatchObject({
      status: 'stale',
      collectedAt: before['eks-dev'].snapshot.collectedAt,
      problems: [expect.objectContaining({ code: 'DeadlineExceeded' })],
    });
    expect(dev.totals).toEqual(before['eks-dev'].totals);
    expect(backend.sim.counters().hung['eks-dev']).toBeGreaterThan(0);
  });

  it('gives up on a hung EC2 call after the request timeout and its retries', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      podIpCapacity: {
        aws: { requestTimeout: { seconds: 1 }, maxAttempts: 2 },
      },
    });
    await backend.refresh();
    const good = (await clusters(backend))['auto-mode'];
    backend.sim.faults.hang({ action: 'ec2:DescribeSubnets' });

    await backend.refresh({ timeoutMs: 15_000 });
    const after = (await clusters(backend))['auto-mode'];
    expect(after.snapshot).toMatchObject({
      status: 'stale',
      collectedAt: good.snapshot.collectedAt,
      problems: [
        expect.objectContaining({
          source: 'ec2',
          code: 'Timeout',
          action: 'ec2:DescribeSubnets',
        }),
      ],
    });
    expect(after.snapshot.problems[0].message).toMatch(/within 1 s/);
    expect(after.totals).toEqual(good.totals);
  });

  it('refreshes a cluster at most once per cooldown however often POST /refresh is called', async () => {
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      awsAuth: PORTAL_DEMO_AUTH,
      podIpCapacity: { refresh: { cooldown: { seconds: 30 } } },
    });
    await backend.refresh();
    backend.sim.resetCounters();

    // 100 posts in a burst, as a script or an impatient user would send.
    const statuses: number[] = [];
    let lastBody: any;
    let lastRetryAfter: string | undefined;
    for (let i = 0; i < 100; i++) {
      const response = await request(backend.server)
        .post('/api/pod-ip-capacity/refresh')
        .send({});
      statuses.push(response.status);
      lastBody = response.body;
      lastRetryAfter = response.headers['retry-after'];
    }
    await waitFor(
      async () =>
        Object.values(await clusters(backend!)).every(
          c => !c.snapshot.refreshing,
        ),
      10_000,
    );

    // The first refresh started the cooldown: nothing more is collected,
    // and every post is told when it may try again.
    expect(new Set(statuses)).toEqual(new Set([429]));
    expect(backend.sim.counters().aws['ec2:DescribeInstances'] ?? 0).toBe(0);
    expect(Number(lastRetryAfter)).toBeGreaterThan(0);
    expect(Number(lastRetryAfter)).toBeLessThanOrEqual(30);
    expect(lastBody.error.message).toMatch(
      /eks-prod, eks-dev, eks-analytics were refreshed moments ago; the next refresh may start at 20\d\d-/,
    );
  });

  it('refreshes on when the catalog never answers, and says what it could not read', async () => {
    // Every catalog call hangs, as a catalog stuck behind its database would.
    const hung: string[] = [];
    const hangingCatalog = new Proxy(
      {},
      {
        // Not a thenable: the service itself is there at once.
        get: (_target, method) =>
          method === 'then'
            ? undefined
            : () => {
                hung.push(String(method));
                return new Promise(() => {});
              },
      },
    );
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      awsAuth: PORTAL_DEMO_AUTH,
      podIpCapacity: { catalog: { requestTimeout: { seconds: 1 } } },
      services: [
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => hangingCatalog as any,
        }),
      ],
    });

    // The cluster definitions come from config alone: every cluster is
    // collected, each catalog read ended after its second.
    const started = Date.now();
    await backend.refresh({ timeoutMs: 15_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(hung).toContain('getEntities');
    const after = await clusters(backend);
    expect(Object.values(after).map(c => [c.name, c.snapshot.status])).toEqual([
      ['eks-prod', 'ok'],
      ['eks-dev', 'ok'],
      ['eks-analytics', 'ok'],
    ]);
    expect(backend.logs.join('\n')).toMatch(
      /could not read kubernetes-cluster Resources from the catalog: .*within 1 s/,
    );

    // And the next refresh is not held up by the first one's reads.
    await backend.refresh({ timeoutMs: 15_000 });

    // A request that needs the catalog answers 503 after the same second.
    const asked = Date.now();
    const owners = await request(backend.server).get(
      '/api/pod-ip-capacity/owners',
    );
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(owners.status).toBe(503);
    expect(owners.body.error.message).toBe(
      'The software catalog could not be read just now; try again in a moment.',
    );
  });
});
