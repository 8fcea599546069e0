import { RunningSimulator, startSimulator } from '../startSimulator';
import { request } from '../__testUtils__/httpRequest';

describe('Kubernetes API', () => {
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

  it('serves discovery and version', async () => {
    expect((await get('/version', 'eks-prod', null)).body).toMatchObject({
      major: '1',
      minor: '32+',
    });
    expect((await get('/api')).body).toMatchObject({
      kind: 'APIVersions',
      versions: ['v1'],
    });
    const v1 = (await get('/api/v1')).body;
    expect(v1.kind).toBe('APIResourceList');
    expect(v1.resources.map((r: any) => r.name)).toEqual(
      expect.arrayContaining(['pods', 'nodes', 'services', 'configmaps']),
    );
    const groups = (await get('/apis')).body;
    expect(groups.groups.map((g: any) => g.name)).toEqual(
      expect.arrayContaining([
        'apps',
        'autoscaling',
        'batch',
        'networking.k8s.io',
      ]),
    );
    expect((await get('/apis/autoscaling/v2')).body.resources[0].name).toBe(
      'horizontalpodautoscalers',
    );
  });

  it('lists nodes with providerID, topology labels and allocatable pods', async () => {
    const { status, body } = await get('/api/v1/nodes');
    expect(status).toBe(200);
    expect(body.kind).toBe('NodeList');
    expect(
      body.items.map((n: any) => [
        n.metadata.name,
        n.spec.providerID,
        n.status.allocatable.pods,
      ]),
    ).toEqual([
      ['i-0511000000000a001', 'aws:///eu-west-1a/i-0511000000000a001', '110'],
      ['i-0511000000000b001', 'aws:///eu-west-1b/i-0511000000000b001', '110'],
      ['i-0511000000000c001', 'aws:///eu-west-1c/i-0511000000000c001', '29'],
      ['i-0511000000000c002', 'aws:///eu-west-1c/i-0511000000000c002', '29'],
    ]);
    expect(body.items[0].metadata.labels).toMatchObject({
      'topology.kubernetes.io/zone': 'eu-west-1a',
      'topology.kubernetes.io/region': 'eu-west-1',
      'node.kubernetes.io/instance-type': 'c6a.large',
      'eks.amazonaws.com/compute-type': 'auto',
      'karpenter.sh/nodepool': 'general-purpose',
    });
    expect(body.items[0].kind).toBeUndefined();
    const one = await get('/api/v1/nodes/i-0511000000000c001');
    expect(one.body).toMatchObject({ kind: 'Node', apiVersion: 'v1' });
  });

  it('pages pods with limit and continue, with remainingItemCount', async () => {
    const names: string[] = [];
    let token: string | undefined;
    const pageSizes: number[] = [];
    const remaining: Array<number | undefined> = [];
    do {
      const { body } = await get(
        `/api/v1/pods?limit=5${
          token ? `&continue=${encodeURIComponent(token)}` : ''
        }`,
      );
      pageSizes.push(body.items.length);
      remaining.push(body.metadata.remainingItemCount);
      names.push(
        ...body.items.map(
          (p: any) => `${p.metadata.namespace}/${p.metadata.name}`,
        ),
      );
      token = body.metadata.continue;
    } while (token);
    expect(pageSizes).toEqual([5, 5, 5, 2]);
    expect(remaining).toEqual([12, 7, 2, undefined]);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(17);
  });

  it('selects pods by label (equality and set-based) and by field', async () => {
    const ids = async (q: string, cluster = 'eks-prod') =>
      (await get(`/api/v1/pods?${q}`, cluster)).body.items
        .map((p: any) => p.status.podIP ?? '-')
        .sort();
    expect(
      await ids('labelSelector=backstage.io%2Fkubernetes-id%3Dcheckout-api'),
    ).toEqual(['10.0.0.32', '10.0.0.33', '10.0.0.36', '10.0.1.16']);
    expect(
      await ids(
        `labelSelector=${encodeURIComponent(
          'backstage.io/kubernetes-id in (payments-worker,storefront-web),app!=payments-reconcile',
        )}`,
      ),
    ).toEqual([
      '-',
      '10.0.0.34',
      '10.0.1.17',
      '10.0.2.117',
      '10.0.2.37',
      '10.0.2.53',
    ]);
    expect(
      await ids(
        `labelSelector=${encodeURIComponent(
          '!backstage.io/kubernetes-id,k8s-app notin (kube-dns)',
        )}`,
      ),
    ).toEqual(['10.0.2.100', '10.0.2.100', '10.0.2.20', '10.0.2.20']);
    expect(
      await ids(
        `fieldSelector=${encodeURIComponent(
          'spec.nodeName=i-0511000000000a001,status.phase!=Failed',
        )}`,
      ),
    ).toEqual(['10.0.0.32', '10.0.0.33', '10.0.0.34', '10.0.0.35']);
    expect(await ids('fieldSelector=status.phase%3D%3DPending')).toEqual(['-']);
    expect(await ids('fieldSelector=spec.hostNetwork%3Dtrue')).toHaveLength(4);
    expect(await ids('fieldSelector=status.podIP%3D10.0.2.133')).toEqual([
      '10.0.2.133',
    ]);
    expect(
      (
        await get(
          '/api/v1/namespaces/payments/pods?fieldSelector=metadata.namespace%3Dpayments',
        )
      ).body.items,
    ).toHaveLength(5);
    expect(
      (await get('/api/v1/namespaces/search/pods', 'eks-analytics')).body.items,
    ).toHaveLength(7);
    // A filtered, paged list: continue but no remainingItemCount.
    const paged = (
      await get('/api/v1/pods?limit=2&labelSelector=app%3Dcheckout-api')
    ).body;
    expect(paged.items).toHaveLength(2);
    expect(paged.metadata.continue).toBeDefined();
    expect(paged.metadata.remainingItemCount).toBeUndefined();
  });

  it('rejects bad selectors with 400 Status objects', async () => {
    const field = await get('/api/v1/pods?fieldSelector=spec.bogus%3Dx');
    expect(field.status).toBe(400);
    expect(field.body).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: 'field label not supported: spec.bogus',
    });
    expect((await get('/api/v1/pods?labelSelector=a%20in%20b')).status).toBe(
      400,
    );
  });

  it('serves valid empty lists for the kinds a scenario does not model', async () => {
    const paths: Array<[string, string]> = [
      ['/api/v1/services', 'ServiceList'],
      ['/api/v1/configmaps', 'ConfigMapList'],
      ['/api/v1/limitranges', 'LimitRangeList'],
      ['/api/v1/resourcequotas', 'ResourceQuotaList'],
      [
        '/apis/autoscaling/v2/horizontalpodautoscalers',
        'HorizontalPodAutoscalerList',
      ],
      ['/apis/networking.k8s.io/v1/ingresses', 'IngressList'],
      [
        '/apis/autoscaling/v1/horizontalpodautoscalers',
        'HorizontalPodAutoscalerList',
      ],
    ];
    for (const [path, kind] of paths) {
      const { status, body } = await get(path);
      expect([path, status, body.kind, body.items]).toEqual([
        path,
        200,
        kind,
        [],
      ]);
    }
    expect(
      (await get('/api/v1/namespaces')).body.items.map(
        (n: any) => n.metadata.name,
      ),
    ).toEqual(['checkout', 'default', 'kube-system', 'payments', 'storefront']);
  });

  it('serves the owners of the pods, linked by uid as the Backstage Kubernetes tab joins them', async () => {
    const q = '?labelSelector=backstage.io%2Fkubernetes-id%3Dcheckout-api';
    const deployments = (
      await get(`/apis/apps/v1/namespaces/checkout/deployments${q}`)
    ).body.items;
    const replicaSets = (await get(`/apis/apps/v1/replicasets${q}`)).body.items;
    const pods = (await get(`/api/v1/pods${q}`)).body.items;
    expect(
      deployments.map((d: any) => [
        d.metadata.name,
        d.spec.replicas,
        d.status.readyReplicas,
      ]),
    ).toEqual([['checkout-api', 3, 3]]);
    // plugin-kubernetes-react: getOwnedPodsThroughReplicaSets (uid matches, rs.status.replicas > 0).
    const owned = replicaSets
      .filter((rs: any) => rs.status.replicas > 0)
      .filter((rs: any) =>
        rs.metadata.ownerReferences.some(
          (o: any) => o.uid === deployments[0].metadata.uid,
        ),
      )
      .flatMap((rs: any) =>
        pods.filter((p: any) =>
          p.metadata.ownerReferences.some(
            (o: any) => o.uid === rs.metadata.uid,
          ),
        ),
      );
    expect(owned.map((p: any) => p.status.podIP).sort()).toEqual([
      '10.0.0.32',
      '10.0.0.33',
      '10.0.0.36',
      '10.0.1.16',
    ]);

    const cronjobs = (await get('/apis/batch/v1/namespaces/payments/cronjobs'))
      .body.items;
    const jobs = (await get('/apis/batch/v1/namespaces/payments/jobs')).body
      .items;
    expect(cronjobs.map((c: any) => c.metadata.name)).toEqual([
      'payments-reconcile',
    ]);
    expect(
      jobs.map((j: any) => [
        j.metadata.ownerReferences[0].uid === cronjobs[0].metadata.uid,
        j.status.succeeded,
      ]),
    ).toEqual([[true, 1]]);
    const daemonsets = (
      await get('/apis/apps/v1/namespaces/kube-system/daemonsets')
    ).body.items;
    expect(
      daemonsets.map((d: any) => [
        d.metadata.name,
        d.status.desiredNumberScheduled,
      ]),
    ).toEqual([
      ['aws-node', 2],
      ['kube-proxy', 2],
    ]);
    expect((await get('/apis/apps/v1/statefulsets')).body.items).toEqual([]);
    // The analytics CronJob: one Job per run, the running one listed as active.
    const indexer = (
      await get('/apis/batch/v1/namespaces/search/cronjobs', 'eks-analytics')
    ).body.items[0];
    expect(indexer.status.active).toHaveLength(2);
    const runs = (
      await get('/apis/batch/v1/namespaces/search/jobs', 'eks-analytics')
    ).body.items;
    expect(
      runs.map((j: any) => [
        j.status.succeeded ?? 0,
        j.status.failed ?? 0,
        j.status.active ?? 0,
      ]),
    ).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 1],
    ]);
  });

  it('serves metrics.k8s.io for running pods, filtered by label', async () => {
    const { body } = await get(
      '/apis/metrics.k8s.io/v1beta1/namespaces/checkout/pods?labelSelector=backstage.io%2Fkubernetes-id%3Dcheckout-api',
    );
    expect(body.kind).toBe('PodMetricsList');
    // The Failed pod has no metrics.
    expect(body.items).toHaveLength(3);
    expect(body.items[0].containers[0].usage.cpu).toMatch(/^\d+m$/);
    expect(
      (await get('/apis/metrics.k8s.io/v1beta1/nodes')).body.items,
    ).toHaveLength(4);
  });

  it('answers 401, 403 and 404 with Status objects', async () => {
    const wrong = await get('/api/v1/pods', 'eks-prod', 'eks-dev-token');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
    expect((await get('/api/v1/pods', 'eks-prod', null)).status).toBe(403);
    const missing = await get('/api/v1/namespaces/checkout/pods/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      reason: 'NotFound',
      message: 'pods "nope" not found',
      details: { name: 'nope', kind: 'pods' },
    });
    expect((await get('/apis/example.com/v1/widgets')).status).toBe(404);
  });

  it('expires continue tokens with 410 Gone; garbage is a 400', async () => {
    const first = (await get('/api/v1/pods?limit=3')).body;
    sim.expireContinueTokens('eks-prod');
    const gone = await get(
      `/api/v1/pods?limit=3&continue=${encodeURIComponent(
        first.metadata.continue,
      )}`,
    );
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({
      kind: 'Status',
      reason: 'Expired',
      code: 410,
    });
    const fresh = (await get('/api/v1/pods?limit=3')).body;
    expect(
      (
        await get(
          `/api/v1/pods?limit=3&continue=${encodeURIComponent(
            fresh.metadata.continue,
          )}`,
        )
      ).status,
    ).toBe(200);
    expect(
      (await get('/api/v1/pods?limit=3&continue=not-a-token')).status,
    ).toBe(400);
  });
});
