import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { fireEvent, screen, within } from '@testing-library/react';
import { podIpCapacityApiRef } from '../../api';
import {
  CLUSTER_1,
  CLUSTER_2,
  CLUSTER_3,
  entityResponse,
  pendingSnapshot,
  sources,
  staleSnapshot,
} from '../../__fixtures__/capacity';
import { mockPodIpCapacityApi } from '../../__fixtures__/mockApi';
import { EntityPodIpCapacityContent } from './EntityPodIpCapacityContent';

const component = (
  name: string,
  annotations: Record<string, string> = {
    'backstage.io/kubernetes-id': name,
  },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', owner: 'team-payments' },
});

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-payments', title: 'Payments' },
  spec: { type: 'team', children: [] },
};

// Whole test apps on a CI machine running every package's suites at once.
jest.setTimeout(20_000);

async function renderTab(entity: Entity, api = mockPodIpCapacityApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[podIpCapacityApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityPodIpCapacityContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

/** checkout-api's usage in sample 1, as the engine computed it. */
function checkoutApiWorkload() {
  const cluster = entityResponse('component:default/checkout-api', [
    'checkout-api',
  ]).clusters.find(c => c.cluster.name === CLUSTER_1)!;
  return cluster.usage!.entities[0];
}

describe('EntityPodIpCapacityContent, a service', () => {
  it('asks the backend about the entity by its ref', async () => {
    const api = await renderTab(component('checkout-api'));
    expect(api.getEntityCapacity).toHaveBeenCalledWith(
      'component:default/checkout-api',
    );
  });

  it('answers in one line per cluster how many more replicas get a pod IP and what limits it', async () => {
    await renderTab(component('checkout-api'));
    const workload = checkoutApiWorkload();
    expect(workload.headroom.replicas).toBeGreaterThan(0);

    const headline = await screen.findByTestId(`headline-${CLUSTER_1}`);
    expect(headline).toHaveTextContent(
      `${CLUSTER_1}: ${workload.headroom.replicas} more replicas can get a pod IP, limited by`,
    );
    expect(headline).toHaveTextContent(
      {
        'pod-limit': "the nodes' pod limit",
        'instance-ips': "the instance type's ENI and IP address slots",
        subnet: "the subnet's free /28 blocks",
        unknown: 'unknown',
      }[workload.headroom.wall],
    );
    // Sample 1's subnet 192.168.64.0/19: its free /28 blocks, as the engine counted them.
    const subnet = workload.subnets[0].subnet;
    expect(subnet.cidr).toBe('192.168.64.0/19');
    expect(headline).toHaveTextContent(
      `192.168.64.0/19 has ${subnet.freePrefixBlocks.toLocaleString(
        'en-US',
      )} free /28 blocks`,
    );
    // web-b-1..3 hold IPs in 192.168.71.80/28; web-b-4 has Failed: the
    // Kubernetes tab's fourth pod.
    expect(headline).toHaveTextContent('3 of 4 pods hold a pod IP, on 1 node');
    expect(headline).toHaveTextContent('collected 2 minutes ago');
    expect(headline).toHaveTextContent(
      'Pod IPs and pod limits only: CPU and memory are not part of this number.',
    );
    // No pods of checkout-api in the other clusters: no headline for them.
    expect(
      screen.queryByTestId(`headline-${CLUSTER_2}`),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(`No pods in ${CLUSTER_2}, ${CLUSTER_3}.`),
    ).toBeInTheDocument();
  });

  it('lists the pods the Kubernetes tab shows that hold no pod IP, and why', async () => {
    await renderTab(component('checkout-api'));
    const list = await screen.findByTestId(`pods-without-node-ip-${CLUSTER_1}`);
    expect(list).toHaveTextContent(
      'The pod without a pod IP:web-b-4 (Failed on i-bbbbbbbbbbbbbbbbb): completed: its old IP is already released (192.168.71.83)',
    );
  });

  it('lists Pending and host-network pods as the ones without a pod IP', async () => {
    await renderTab(component('legacy-batch'));
    const headline = await screen.findByTestId(`headline-${CLUSTER_1}`);
    // batch-1 and batch-2 hold secondary IPs; batch-3 waits, batch-agent uses its node's IP.
    expect(headline).toHaveTextContent('2 of 4 pods hold a pod IP, on 2 nodes');
    const list = within(headline).getByTestId(
      `pods-without-node-ip-${CLUSTER_1}`,
    );
    expect(list).toHaveTextContent(
      'batch-3 (Pending on i-0legacy000000001): Pending, no IP yet',
    );
    expect(list).toHaveTextContent(
      "batch-agent (Running on i-0legacy000000002): host network: it uses its node's own IP",
    );
  });

  it("counts a pod on a branch ENI in the headline and on its ENI's subnet alike, and says where its IP is", async () => {
    await renderTab(component('storefront'));
    const headline = await screen.findByTestId(`headline-${CLUSTER_1}`);
    // web-a-1 and web-c-1 in their nodes' prefixes, web-a-2 on a branch ENI.
    expect(headline).toHaveTextContent('3 of 3 pods hold a pod IP, on 2 nodes');
    expect(
      within(headline).getByTestId(`pods-without-node-ip-${CLUSTER_1}`),
    ).toHaveTextContent(
      "web-a-2 (Running): holds 192.168.183.60 from a branch ENI (security groups for pods), outside its node's prefixes — counted above and on that ENI's subnet",
    );
    // One rule: 192.168.160.0/19 holds web-a-1's and the branch ENI's IP.
    const row = within(
      screen.getByTestId(`subnets-table-${CLUSTER_1}`),
    ).getByTestId('subnet-row-subnet-0sample1c');
    expect(within(row).getAllByRole('cell').pop()).toHaveTextContent('2');
  });

  it("lists the nodes running its pods and opens a node's per-ENI report with the worked example's numbers", async () => {
    await renderTab(component('checkout-api'));
    const nodes = await screen.findByTestId(`nodes-table-${CLUSTER_1}`);
    const row = within(nodes).getByTestId('node-row-i-bbbbbbbbbbbbbbbbb');
    expect(row).toHaveTextContent('m5.large');
    expect(row).toHaveTextContent('eu-west-1a');
    expect(row).toHaveTextContent('Auto Mode');
    // 3 pod IPs used of the prefix's 16 held; 3 of them checkout-api's.
    expect(within(row).getByRole('img')).toHaveAttribute(
      'aria-label',
      'Pod IPs used / held: 3 of 16',
    );

    fireEvent.click(
      within(row).getByRole('button', {
        name: 'Show the per-ENI report of i-bbbbbbbbbbbbbbbbb',
      }),
    );
    const report = await screen.findByRole('table', {
      name: 'ENI report of i-bbbbbbbbbbbbbbbbb',
    });
    const prefix = within(report).getByText('192.168.71.80/28').closest('tr')!;
    const cells = within(prefix)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells).toEqual([
      'eni-bbbbbbbbbbbbbbbbb',
      '192.168.81.38',
      '192.168.64.0/19subnet-0sample1a',
      '192.168.71.80/28',
      '16',
      '3',
      '13',
      '192.168.71.80, 192.168.71.81, 192.168.71.82',
    ]);
  });

  it('pages the nodes running its pods from the server, its pods on each first', async () => {
    const api = await renderTab(component('checkout-api'));
    const nodes = await screen.findByTestId(`nodes-table-${CLUSTER_1}`);
    // GET /nodes?cluster=…&entityRef=…: one page, not every node in the
    // entity view; most of its pods first.
    expect(api.listNodes).toHaveBeenCalledWith(
      expect.objectContaining({
        cluster: CLUSTER_1,
        entityRef: 'component:default/checkout-api',
        sort: 'workloadPods',
        order: 'desc',
        offset: 0,
        limit: 20,
      }),
    );
    // web-b-1..3 on node b: one node, 3 of its pods.
    expect(
      within(nodes).getByRole('heading', {
        name: 'Nodes running its pods (1)',
      }),
    ).toBeInTheDocument();
    const column = within(nodes)
      .getAllByRole('columnheader')
      .findIndex(h => h.textContent?.startsWith('Its pods'));
    const row = within(nodes).getByTestId('node-row-i-bbbbbbbbbbbbbbbbb');
    expect(within(row).getAllByRole('cell')[column]).toHaveTextContent(/^3$/);
  });

  it('counts all its pods without a pod IP and says how many more there are than it lists', async () => {
    // 51 completed pods, the backend listing only the first (web-b-4).
    const response = entityResponse('component:default/checkout-api', [
      'checkout-api',
    ]);
    const workload = response.clusters.find(c => c.cluster.name === CLUSTER_1)!
      .usage!.entities[0];
    expect(workload.podsWithoutNodeIpListed.map(p => p.name)).toEqual([
      'web-b-4',
    ]);
    workload.podsWithoutNodeIp = [{ reason: 'completed', pods: 51 }];
    await renderTab(
      component('checkout-api'),
      mockPodIpCapacityApi({
        getEntityCapacity: jest.fn(async () => response),
      }),
    );
    const headline = await screen.findByTestId(`headline-${CLUSTER_1}`);
    // 3 running pods and 51 completed ones, as the Kubernetes tab counts them.
    expect(headline).toHaveTextContent('3 of 54 pods hold a pod IP, on 1 node');
    const list = within(headline).getByTestId(
      `pods-without-node-ip-${CLUSTER_1}`,
    );
    expect(list).toHaveTextContent('The 51 pods without a pod IP:web-b-4');
    expect(list).toHaveTextContent(
      'and 50 more pods (the Kubernetes tab lists them all)',
    );
  });

  it('lists its subnets with free /28 blocks, and says a fragmented subnet does not stop its secondary-IP nodes', async () => {
    await renderTab(component('legacy-batch'));
    const warning = await screen.findByTestId(
      'subnet-warning-subnet-0legacy1c',
    );
    expect(warning).toHaveTextContent(
      'Info: Subnet 10.0.2.0/24 is fragmented, but its nodes use single secondary IPs, which still fit',
    );
    expect(warning).toHaveTextContent(
      '238 free IPs but 1 free /28 block. The 2 nodes taking pod IPs here use single secondary IPs',
    );
    expect(warning).not.toHaveTextContent(/^Warning/);
    const subnets = screen.getByTestId(`subnets-table-${CLUSTER_1}`);
    const row = within(subnets).getByTestId('subnet-row-subnet-0legacy1c');
    expect(row).toHaveTextContent('subnet-0legacy1c');
    expect(row).toHaveTextContent('eu-west-1c');
    // 13 addresses taken of 251: 2 primary IPs, 8 secondary IPs, 3 foreign ENIs.
    expect(row).toHaveTextContent('13 / 251');
    expect(row).toHaveTextContent('fragmented');
    expect(row).toHaveTextContent('no risk: its nodes use secondary IPs');
  });

  it('warns of InsufficientCidrBlocks where prefix-mode nodes take pod IPs from a fragmented subnet (§5)', async () => {
    await renderTab(component('reports-api'));
    const warning = await screen.findByTestId(
      'subnet-warning-subnet-0sec5frag1b',
    );
    expect(warning).toHaveTextContent(
      'Warning: Subnet 10.0.0.0/25 is fragmented: 1 free /28 block — the 2 prefix-mode nodes taking pod IPs here will fail to add a prefix (InsufficientCidrBlocks)',
    );
    expect(warning).toHaveTextContent('although EC2 reports 88 free IPs');
  });

  it('shows secondary IPs in the per-ENI report of a secondary-IP node', async () => {
    await renderTab(component('legacy-batch'));
    const row = await screen.findByTestId('node-row-i-0legacy000000001');
    expect(row).toHaveTextContent('secondary IP');
    fireEvent.click(
      within(row).getByRole('button', {
        name: 'Show the per-ENI report of i-0legacy000000001',
      }),
    );
    const secondary = await screen.findByTestId(
      'eni-row-eni-0legacy000000001-secondary',
    );
    expect(secondary).toHaveTextContent('secondary IPs4131');
  });
});

describe('EntityPodIpCapacityContent, a team', () => {
  it('lists the services it owns with their pods and IPs, and its share of each cluster', async () => {
    const api = mockPodIpCapacityApi({
      getEntityCapacity: jest.fn(async ref =>
        entityResponse(ref, ['checkout-api', 'search-api', 'no-pods-service']),
      ),
    });
    await renderTab(group, api);
    const [one, two] = sources();

    const share = await screen.findByTestId(`share-${CLUSTER_1}`);
    expect(share).toHaveTextContent(
      `3 pod IPs of ${one.capacity.totals.heldIps} held`,
    );
    expect(screen.getByTestId(`share-${CLUSTER_2}`)).toHaveTextContent(
      `3 pod IPs of ${two.capacity.totals.heldIps} held`,
    );

    const checkout = screen.getByRole('link', { name: 'checkout-api' });
    expect(checkout).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api',
    );
    const row = checkout.closest('tr')!;
    expect(row).toHaveTextContent(CLUSTER_1);
    expect(
      screen.getByRole('link', { name: 'search-api' }).closest('tr'),
    ).toHaveTextContent(CLUSTER_2);
    expect(
      screen.getByText('No pods found for: no-pods-service.'),
    ).toBeInTheDocument();
    expect(within(row).getAllByRole('cell')[2]).toHaveTextContent('3 of 4');
  });

  it('counts the room its services share once: "up to N, shared between them", never their sum', async () => {
    await renderTab(
      { ...group, metadata: { name: 'team-search', title: 'Search' } },
      mockPodIpCapacityApi({
        getEntityCapacity: jest.fn(async ref =>
          entityResponse(ref, ['search-api', 'search-worker']),
        ),
      }),
    );
    // Sample 2: search-api and search-worker run on the same two nodes:
    // 215 more pods fit there, for both of them together — not 215 + 215.
    const headroom = await screen.findByTestId(`headroom-${CLUSTER_2}`);
    expect(headroom).toHaveTextContent(
      'Up to 215 more replicas, shared between search-api and search-worker (node group custom-networking, 2 nodes).',
    );
    expect(headroom).toHaveTextContent(
      'Pod IPs and pod limits only, not CPU or memory.',
    );
    expect(screen.queryByText(/430/)).not.toBeInTheDocument();
    const services = screen.getByTestId('services-table');
    const api = within(services)
      .getByRole('link', { name: 'search-api' })
      .closest('tr')!;
    expect(api).toHaveTextContent('up to 215shared with search-worker');
  });

  it("adds up rooms that share nothing, and says so per node group (a System's services)", async () => {
    await renderTab(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'shop' },
        spec: { owner: 'team-payments' },
      },
      mockPodIpCapacityApi({
        getEntityCapacity: jest.fn(async ref =>
          entityResponse(ref, ['checkout-api', 'storefront', 'legacy-batch']),
        ),
      }),
    );
    // Sample 1: checkout-api and storefront share general-purpose (324 more
    // pods); legacy-batch alone has the legacy group (51): 375 = the
    // cluster's whole room, never more.
    const headroom = await screen.findByTestId(`headroom-${CLUSTER_1}`);
    expect(headroom).toHaveTextContent(
      'Up to 375 more replicas across its services: up to 324 on general-purpose (shared between checkout-api and storefront); 51 on legacy (legacy-batch).',
    );
    expect(sources()[0].capacity.totals.headroomPods).toBe(375);
  });
});

describe('EntityPodIpCapacityContent states', () => {
  it('shows progress while loading', async () => {
    await renderTab(
      component('checkout-api'),
      mockPodIpCapacityApi({
        getEntityCapacity: jest.fn(() => new Promise(() => {})),
      }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it("shows the API's message and a retry when the backend fails", async () => {
    const getEntityCapacity = jest
      .fn()
      .mockRejectedValueOnce(
        Object.assign(new Error('Request failed with 500 '), {
          statusCode: 503,
          body: {
            error: {
              name: 'ServiceUnavailableError',
              message: 'The catalog could not be read; try again.',
            },
          },
        }),
      )
      .mockImplementation(async (ref: string) =>
        entityResponse(ref, ['checkout-api']),
      );
    await renderTab(
      component('checkout-api'),
      mockPodIpCapacityApi({ getEntityCapacity }),
    );
    expect(
      await screen.findByText(
        "Error: Could not load this entity's pod IPs: The catalog could not be read; try again.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Request failed/)).not.toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByTestId(`headline-${CLUSTER_1}`),
    ).toBeInTheDocument();
  });

  it('dims the figures of a stale cluster and says they may no longer be true', async () => {
    await renderTab(
      component('checkout-api'),
      mockPodIpCapacityApi({
        getEntityCapacity: jest.fn(async ref =>
          entityResponse(ref, ['checkout-api'], {
            [CLUSTER_1]: staleSnapshot,
          }),
        ),
      }),
    );
    const headline = await screen.findByTestId(`headline-${CLUSTER_1}`);
    expect(headline).toHaveTextContent(
      'Out of date: these figures are from 30 minutes ago and may no longer be true.',
    );
    expect(headline.firstElementChild).toHaveStyle('opacity: 0.5');
  });

  it('names a stale cluster and its problem in a banner, and still shows the data', async () => {
    await renderTab(
      component('checkout-api'),
      mockPodIpCapacityApi({
        getEntityCapacity: jest.fn(async ref =>
          entityResponse(ref, ['checkout-api'], { [CLUSTER_1]: staleSnapshot }),
        ),
      }),
    );
    expect(
      await screen.findByText(
        `Warning: Cluster ${CLUSTER_1} shows stale data (collected 30 minutes ago)`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /add it to the role backstage-eks-reader\. \(UnauthorizedOperation, ec2:DescribeNetworkInterfaces\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId(`headline-${CLUSTER_1}`)).toBeInTheDocument();
  });

  it('names a partial cluster in a banner', async () => {
    await renderTab(
      component('checkout-api'),
      mockPodIpCapacityApi({
        getEntityCapacity: jest.fn(async ref =>
          entityResponse(ref, ['checkout-api'], {
            [CLUSTER_2]: {
              ...staleSnapshot,
              status: 'partial',
              stale: false,
              ageSeconds: 60,
            },
          }),
        ),
      }),
    );
    expect(
      await screen.findByText(
        `Warning: Cluster ${CLUSTER_2} shows partial data (collected 1 minute ago)`,
      ),
    ).toBeInTheDocument();
  });

  it('says the data is being collected while every cluster is pending', async () => {
    await renderTab(
      component('checkout-api'),
      mockPodIpCapacityApi({
        getEntityCapacity: jest.fn(async ref =>
          entityResponse(ref, ['checkout-api'], {
            [CLUSTER_1]: pendingSnapshot,
            [CLUSTER_2]: pendingSnapshot,
            [CLUSTER_3]: pendingSnapshot,
          }),
        ),
      }),
    );
    expect(
      await screen.findByText('Collecting pod IP data…'),
    ).toBeInTheDocument();
  });

  it('asks again by itself until the first collection is done', async () => {
    const pending = entityResponse(
      'component:default/checkout-api',
      ['checkout-api'],
      {
        [CLUSTER_1]: pendingSnapshot,
        [CLUSTER_2]: pendingSnapshot,
        [CLUSTER_3]: pendingSnapshot,
      },
    );
    const getEntityCapacity = jest
      .fn()
      .mockResolvedValueOnce(pending)
      .mockImplementation(async (ref: string) =>
        entityResponse(ref, ['checkout-api']),
      );
    await renderTab(
      component('checkout-api'),
      mockPodIpCapacityApi({ getEntityCapacity }),
    );
    expect(
      await screen.findByText('Collecting pod IP data…'),
    ).toBeInTheDocument();
    expect(
      await screen.findByTestId(`headline-${CLUSTER_1}`, undefined, {
        timeout: 8000,
      }),
    ).toBeInTheDocument();
    expect(getEntityCapacity).toHaveBeenCalledTimes(2);
  }, 15_000);

  it('explains the annotations when the entity has none, without asking the backend', async () => {
    const api = await renderTab(component('no-k8s', {}));
    expect(screen.getByText('No Kubernetes annotations')).toBeInTheDocument();
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-id/).length,
    ).toBeGreaterThan(0);
    expect(api.getEntityCapacity).not.toHaveBeenCalled();
  });

  it('says so, with setup help, when no pods were found', async () => {
    await renderTab(component('unknown-service'));
    expect(await screen.findByText('No pods found')).toBeInTheDocument();
    expect(
      screen.getByText(
        /No pods of this entity were found in sample-1-auto-mode, sample-2-custom-networking, sample-3-fragmented/,
      ),
    ).toBeInTheDocument();
  });
});
