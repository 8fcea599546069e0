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
    expect(headline).toHaveTextContent('3 pods with a pod IP on 1 node');
    expect(headline).toHaveTextContent('collected 2 minutes ago');
    // No pods of checkout-api in the second cluster: no headline for it.
    expect(
      screen.queryByTestId(`headline-${CLUSTER_2}`),
    ).not.toBeInTheDocument();
    expect(screen.getByText(`No pods in ${CLUSTER_2}.`)).toBeInTheDocument();
  });

  it("lists the nodes running its pods and opens a node's per-ENI report with the worked example's numbers", async () => {
    await renderTab(component('checkout-api'));
    const nodes = (await screen.findByText('Nodes running its pods')).closest(
      '.MuiPaper-root',
    ) as HTMLElement;
    const row = within(nodes).getByText('i-bbbbbbbbbbbbbbbbb').closest('tr')!;
    expect(row).toHaveTextContent('m5.large');
    expect(row).toHaveTextContent('eu-west-1a');
    expect(row).toHaveTextContent('Auto Mode');
    // 3 pod IPs used of the prefix's 16 held; 3 of them checkout-api's.
    expect(within(row).getByRole('img')).toHaveAttribute(
      'aria-label',
      'Pod IPs used / held: 3 of 16',
    );

    fireEvent.click(within(row).getAllByRole('button')[0]);
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

  it('lists its subnets with free /28 blocks, and warns when free IPs are plentiful but /28 blocks are not', async () => {
    await renderTab(component('legacy-batch'));
    const warning = await screen.findByText(
      'Warning: Subnet 10.0.2.0/24 is fragmented: 238 free IPs but 1 free /28 block',
    );
    expect(warning).toBeInTheDocument();
    const subnets = screen
      .getByText('Subnets its pod IPs come from')
      .closest('.MuiPaper-root') as HTMLElement;
    const row = within(subnets).getByText('10.0.2.0/24').closest('tr')!;
    expect(row).toHaveTextContent('subnet-0legacy1c');
    expect(row).toHaveTextContent('eu-west-1c');
    expect(row).toHaveTextContent('13 / 251');
    expect(row).toHaveTextContent('fragmented');
  });

  it('shows secondary IPs in the per-ENI report of a secondary-IP node', async () => {
    await renderTab(component('legacy-batch'));
    const row = (await screen.findByText('i-0legacy000000001')).closest('tr')!;
    expect(row).toHaveTextContent('secondary IP');
    fireEvent.click(within(row).getAllByRole('button')[0]);
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

  it('shows an error panel when the backend fails', async () => {
    await renderTab(
      component('checkout-api'),
      mockPodIpCapacityApi({
        getEntityCapacity: jest.fn(async () => {
          throw new Error('No entity component:default/checkout-api');
        }),
      }),
    );
    expect(
      (await screen.findAllByText(/No entity component:default\/checkout-api/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
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
      { [CLUSTER_1]: pendingSnapshot, [CLUSTER_2]: pendingSnapshot },
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
        /No pods of this entity were found in sample-1-auto-mode, sample-2-custom-networking/,
      ),
    ).toBeInTheDocument();
  });
});
