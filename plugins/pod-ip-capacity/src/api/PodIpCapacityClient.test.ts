import { ResponseError } from '@backstage/errors';
import { clustersResponse } from '../__fixtures__/capacity';
import { PodIpCapacityClient } from './PodIpCapacityClient';

const baseUrl = 'http://localhost:7007/api/pod-ip-capacity';

function setup(response: Response) {
  const fetch = jest.fn(async (_input: any, _init?: RequestInit) =>
    response.clone(),
  );
  const discoveryApi = { getBaseUrl: jest.fn(async () => baseUrl) };
  const client = new PodIpCapacityClient({ discoveryApi, fetchApi: { fetch } });
  return { client, fetch, discoveryApi };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('PodIpCapacityClient', () => {
  it('gets the clusters from the plugin base URL found by discovery', async () => {
    const body = clustersResponse();
    const { client, fetch, discoveryApi } = setup(json(body));
    await expect(client.getClusters()).resolves.toEqual(body);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('pod-ip-capacity');
    expect(fetch).toHaveBeenCalledWith(`${baseUrl}/clusters`, undefined);
  });

  it('encodes cluster names and entity refs', async () => {
    const { client, fetch } = setup(json({}));
    await client.getCluster('eks prod/1');
    await client.getEntityCapacity('component:default/checkout-api');
    await client.getOwners();
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${baseUrl}/clusters/eks%20prod%2F1`,
      `${baseUrl}/entity?entityRef=component%3Adefault%2Fcheckout-api`,
      `${baseUrl}/owners`,
    ]);
  });

  it('asks the summary routes the overview draws from, never a whole cluster', async () => {
    const { client, fetch } = setup(json({}));
    await client.getOverview();
    await client.listNodes({
      cluster: 'eks prod',
      q: ' subnet-0a ',
      sort: 'headroomPods',
      order: 'desc',
      offset: 40,
      limit: 20,
    });
    await client.listNodes();
    await client.getNode('eks-prod', 'ip-10-0-0-1.eu-west-1.compute.internal');
    await client.getHistory({
      kind: 'subnet',
      cluster: 'eks-prod',
      key: 'subnet-0a',
      from: '2026-11-16T00:00:00.000Z',
      step: 3600,
    });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${baseUrl}/overview`,
      `${baseUrl}/nodes?cluster=eks+prod&q=subnet-0a&sort=headroomPods&order=desc&offset=40&limit=20`,
      `${baseUrl}/nodes`,
      `${baseUrl}/clusters/eks-prod/nodes/ip-10-0-0-1.eu-west-1.compute.internal`,
      `${baseUrl}/history?kind=subnet&cluster=eks-prod&key=subnet-0a&from=2026-11-16T00%3A00%3A00.000Z&step=3600`,
    ]);
  });

  it('asks the foresight and the what-ifs with GET and encoded queries', async () => {
    const { client, fetch } = setup(json({}));
    await client.getClusterForesight('eks prod');
    await client.whatIfAddReplicas({
      entityRef: 'component:default/checkout-api',
      replicas: 20,
    });
    await client.whatIfRollout({
      entityRef: 'component:default/checkout-api',
      maxSurge: ' 25% ',
      cluster: 'eks-prod',
    });
    await client.whatIfRollout({ entityRef: 'component:default/checkout-api' });
    await client.whatIfRotate({
      cluster: 'eks-prod',
      nodeGroup: 'general-purpose',
      concurrent: 2,
    });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${baseUrl}/clusters/eks%20prod/foresight`,
      `${baseUrl}/what-if/add-replicas?entityRef=component%3Adefault%2Fcheckout-api&replicas=20`,
      `${baseUrl}/what-if/rollout?entityRef=component%3Adefault%2Fcheckout-api&maxSurge=25%25&cluster=eks-prod`,
      `${baseUrl}/what-if/rollout?entityRef=component%3Adefault%2Fcheckout-api`,
      `${baseUrl}/what-if/rotate?cluster=eks-prod&nodeGroup=general-purpose&concurrent=2`,
    ]);
    expect(fetch.mock.calls.every(c => c[1] === undefined)).toBe(true);
  });

  it('posts a refresh of one cluster or of all', async () => {
    const { client, fetch } = setup(
      json({ refreshing: ['eks-prod'], coolingDown: [] }, 202),
    );
    await expect(client.refresh({ cluster: 'eks-prod' })).resolves.toEqual({
      refreshing: ['eks-prod'],
      coolingDown: [],
    });
    expect(fetch.mock.calls[0][1]).toMatchObject({
      method: 'POST',
      body: '{"cluster":"eks-prod"}',
    });
  });

  it('throws a ResponseError carrying the backend message on a non-2xx answer', async () => {
    const { client } = setup(
      json(
        {
          error: {
            name: 'NotFoundError',
            message: "No cluster named 'nope'. Known clusters: eks-prod.",
          },
          request: { method: 'GET', url: '/clusters/nope' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    const error = await client.getCluster('nope').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.message).toBe('Request failed with 404 ');
    expect(error.body.error.message).toBe(
      "No cluster named 'nope'. Known clusters: eks-prod.",
    );
  });

  it("keeps a 429's Retry-After, so the page can say when to refresh again", async () => {
    const { client } = setup(
      new Response(
        JSON.stringify({
          error: {
            name: 'TooManyRequestsError',
            message:
              'eks-prod was refreshed moments ago; the next refresh may start at 2026-11-23T08:00:30.000Z.',
          },
          response: { statusCode: 429 },
        }),
        {
          status: 429,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '30' },
        },
      ),
    );
    const error = await client.refresh().catch(e => e);
    expect(error.statusCode).toBe(429);
    expect(error.response.headers.get('Retry-After')).toBe('30');
  });
});
