import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  CapacityBackend,
  PORTAL_DEMO_AUTH,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';

jest.setTimeout(90_000);

/** Every answer a user of the API can get about the clusters. */
async function everyAnswer(backend: CapacityBackend): Promise<string> {
  const paths = [
    '/clusters',
    ...backend.sim.clusters.map(c => `/clusters/${c.name}`),
    '/owners',
    '/entity?entityRef=component:default/checkout-api',
    '/entity?entityRef=group:default/team-payments',
  ];
  const bodies = await Promise.all(
    paths.map(p => request(backend.server).get(`/api/pod-ip-capacity${p}`)),
  );
  for (const body of bodies) expect(body.status).toBe(200);
  return bodies.map(b => b.text).join('\n');
}

/**
 * What must never show, wherever an upstream error lands: the clusters'
 * service-account tokens, IAM tokens (presigned STS URLs), AWS keys and
 * SigV4 signatures.
 */
function secretsOf(backend: CapacityBackend): Array<string | RegExp> {
  return [
    ...backend.sim.clusters.flatMap(c =>
      c.serviceAccountToken ? [c.serviceAccountToken] : [],
    ),
    ...backend.sim.credentials.flatMap(c => [c.accessKeyId, c.secretAccessKey]),
    /k8s-aws-v1\.[\w-]{20,}/,
    /Signature=[0-9a-f]{16,}/,
    /X-Amz-Signature=[0-9a-f]/i,
  ];
}

/**
 * What this plugin logged. (The Kubernetes plugin's own proxy audit logs the
 * cluster token when the test backend's mock auth cannot resolve it: that
 * echo is the mock's, outside this plugin.)
 */
const ownLogs = (backend: CapacityBackend) =>
  backend.logs
    .filter(line => line.includes('"plugin":"pod-ip-capacity"'))
    .join('\n');

function expectNoSecret(text: string, secrets: Array<string | RegExp>) {
  for (const secret of secrets) {
    if (typeof secret === 'string') expect(text).not.toContain(secret);
    else expect(text).not.toMatch(secret);
  }
}

describe('nothing secret ever reaches a response or a log line', () => {
  let backend: CapacityBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it('keeps tokens echoed by a failing API server, and by a failing EC2 endpoint, out of every answer and log', async () => {
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      withCatalog: true,
      // eks-prod with an IAM token, eks-dev with its service-account token.
      awsAuth: PORTAL_DEMO_AUTH,
      podIpCapacity: { aws: { maxAttempts: 1 } },
      prepare: sim => {
        for (const cluster of ['eks-prod', 'eks-dev']) {
          sim.faults.add({
            type: 'badResponse',
            cluster,
            mode: 'echo500',
          } as any);
        }
        sim.faults.add({
          type: 'badResponse',
          action: 'ec2:DescribeInstances',
          mode: 'echo502',
        } as any);
      },
    });
    await backend.waitForEntity('group', 'team-payments');
    await backend.refresh({ timeoutMs: 30_000 });

    const answers = await everyAnswer(backend);
    // The faults did land: eks-prod and eks-dev fail at their API server,
    // eks-analytics at EC2.
    expect(answers).toContain('ClusterUnreachable');
    expect(answers).toContain('NotAnEc2Response');
    const secrets = secretsOf(backend);
    expectNoSecret(answers, secrets);
    expect(ownLogs(backend)).toMatch(/refresh of cluster eks-dev failed/);
    expectNoSecret(ownLogs(backend), secrets);
  });

  it('says the credentials are wrong, not that a policy is missing, when AWS rejects them', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      mainAccount: {
        accessKeyId: 'AKIANOTASIMULATORKEY',
        secretAccessKey: 'not-the-secret',
      },
    });
    await backend.refresh();
    const body = (
      await request(backend.server).get(
        '/api/pod-ip-capacity/clusters/auto-mode',
      )
    ).body;
    const [problem] = body.snapshot.problems;
    expect(problem.code).toBe('AuthFailure');
    expect(problem.message).toMatch(/rejected Backstage's credentials/);
    expect(problem.message).not.toMatch(/IAM policy/);
    expectNoSecret(JSON.stringify(body), [
      'AKIANOTASIMULATORKEY',
      'not-the-secret',
    ]);
    expectNoSecret(ownLogs(backend), ['not-the-secret']);
  });

  it('says the signature is wrong when the secret key does not match the key id', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      prepare: () => {},
      mainAccount: {
        accessKeyId: 'AKIASIMAUTOMODE00001',
        secretAccessKey: 'a-wrong-secret-access-key',
      },
    });
    await backend.refresh();
    const body = (
      await request(backend.server).get(
        '/api/pod-ip-capacity/clusters/auto-mode',
      )
    ).body;
    const [problem] = body.snapshot.problems;
    expect(problem.code).toBe('SignatureDoesNotMatch');
    expect(problem.message).toMatch(/rejected Backstage's credentials/);
    expectNoSecret(ownLogs(backend), ['a-wrong-secret-access-key']);
  });

  it('names the role, not an EC2 permission, when the role cannot be assumed', async () => {
    const roleArn = 'arn:aws:iam::111111111111:role/no-such-role';
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      podIpCapacity: { clusters: [{ name: 'auto-mode', roleArn }] },
    });
    await backend.refresh();
    const body = (
      await request(backend.server).get(
        '/api/pod-ip-capacity/clusters/auto-mode',
      )
    ).body;
    expect(body.snapshot.status).toBe('error');
    const [problem] = body.snapshot.problems;
    expect(problem).toMatchObject({
      code: 'AssumeRoleDenied',
      action: 'sts:AssumeRole',
    });
    expect(problem.message).toContain(roleArn);
    expect(problem.message).toMatch(/trust policy/);
  });

  it('waits out a Kubernetes 429 as its Retry-After says, and names throttling when it persists', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      prepare: sim =>
        sim.faults.add({
          type: 'badResponse',
          cluster: 'auto-mode',
          mode: 'status429',
          retryAfterSeconds: 1,
          count: 2,
        } as any),
    });
    await backend.refresh({ timeoutMs: 20_000 });
    const retried = (
      await request(backend.server).get(
        '/api/pod-ip-capacity/clusters/auto-mode',
      )
    ).body;
    expect(retried.snapshot).toMatchObject({ status: 'ok', problems: [] });

    backend.sim.faults.add({
      type: 'badResponse',
      cluster: 'auto-mode',
      mode: 'status429',
      retryAfterSeconds: 0,
    } as any);
    await backend.refresh({ timeoutMs: 20_000 });
    const throttled = (
      await request(backend.server).get(
        '/api/pod-ip-capacity/clusters/auto-mode',
      )
    ).body;
    const [problem] = throttled.snapshot.problems;
    expect(problem).toMatchObject({
      source: 'kubernetes',
      code: 'TooManyRequests',
    });
    expect(problem.message).toMatch(/slow down/);
    expect(problem.message).not.toMatch(/reachable/);
  });
});

describe('every route but /health checks pod-ip-capacity permissions', () => {
  let backend: CapacityBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it('refuses each route with a 403 naming the permission under a deny policy', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      services: [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const api = (path: string) =>
      request(backend!.server).get(`/api/pod-ip-capacity${path}`);
    for (const path of [
      '/clusters',
      '/clusters/auto-mode',
      '/owners',
      '/entity?entityRef=component:default/checkout-api',
    ]) {
      const response = await api(path);
      expect([path, response.status]).toEqual([path, 403]);
      expect(response.body.error.message).toMatch(/pod-ip-capacity\.read/);
    }
    const refresh = await request(backend.server)
      .post('/api/pod-ip-capacity/refresh')
      .send({});
    expect(refresh.status).toBe(403);
    expect(refresh.body.error.message).toMatch(/pod-ip-capacity\.refresh/);
    expect((await api('/health')).status).toBe(200);
  });

  it('refuses an entity view without pod-ip-capacity.read even when the catalog would show the entity', async () => {
    const decide = (requests: Array<{ permission: { name: string } }>) =>
      requests.map(r => ({
        result:
          r.permission.name === 'pod-ip-capacity.read'
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
    const response = await request(backend.server)
      .get('/api/pod-ip-capacity/entity')
      .query({ entityRef: 'component:default/checkout-api' });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/pod-ip-capacity\.read/);
  });
});
