import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { podIpCapacityApiRef } from '../../api';
import { CLUSTER_1, CLUSTER_3 } from '../../__fixtures__/capacity';
import { historyResponse, NOW } from '../../__fixtures__/history';
import { mockPodIpCapacityApi } from '../../__fixtures__/mockApi';
import { formatInstant } from '../common/format';
import { EntityPodIpCapacityContent } from './EntityPodIpCapacityContent';

// Whole test apps on a CI machine running every package's suites at once.
jest.setTimeout(30_000);

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations: { 'backstage.io/kubernetes-id': name } },
  spec: { type: 'service', owner: 'team-reports' },
});

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

describe("a service's tab: when its subnets run out", () => {
  it('says in the headline when the subnets its pods use run out, and which first', async () => {
    // legacy-batch takes secondary IPs in 10.0.2.0/24: 250 free IPs six days
    // ago, 2 fewer a day, 238 now → 119 days.
    await renderTab(component('legacy-batch'));
    expect(await screen.findByTestId(`run-out-${CLUSTER_1}`)).toHaveTextContent(
      /^The subnets your pods use run out of free IPs in about 119 days, around .+ \(subnet-0legacy1c first\)\.$/,
    );
  });

  it('says "not growing" when none of its subnets is running down', async () => {
    // checkout-api's subnet 192.168.64.0/19 kept its 506 free /28 blocks all week.
    await renderTab(component('checkout-api'));
    expect(await screen.findByTestId(`run-out-${CLUSTER_1}`)).toHaveTextContent(
      'The subnets your pods use: not growing.',
    );
  });

  it("charts the service's history per cluster, labelled when simulated", async () => {
    const api = mockPodIpCapacityApi();
    api.getHistory.mockImplementation(async () =>
      historyResponse(
        [
          {
            cluster: CLUSTER_1,
            kind: 'entity',
            key: 'component:default/checkout-api',
            simulated: true,
            points: [
              {
                at: new Date(NOW - 3_600_000).toISOString(),
                usedIps: 3,
                freePrefixBlocks: 506,
              },
              {
                at: new Date(NOW).toISOString(),
                usedIps: 3,
                freePrefixBlocks: 506,
              },
            ],
          },
        ],
        new Date(NOW - 3_600_000).toISOString(),
      ),
    );
    await renderTab(component('checkout-api'), api);
    expect(await screen.findByText('simulated history')).toBeInTheDocument();
    expect(
      screen.getByText(
        `Collecting history since ${formatInstant(
          new Date(NOW - 3_600_000).toISOString(),
        )}: 2 points so far.`,
      ),
    ).toBeInTheDocument();
    expect(api.getHistory).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'entity',
        key: 'component:default/checkout-api',
      }),
    );
  });
});

describe("a service's tab: what if", () => {
  it('answers "add N replicas": the first replica that gets no IP, and what the subnet drops to', async () => {
    // §5's 10.0.0.0/25: reports-api's two pods sit on two prefix-mode nodes,
    // one /28 prefix each (15 idle addresses each), and the subnet has one
    // free /28 block (16 more): 15 + 15 + 16 = 46 replicas fit, the 47th
    // needs a second new prefix and fails with InsufficientCidrBlocks.
    const api = await renderTab(component('reports-api'));
    const field = await screen.findByLabelText('Replicas to add');
    fireEvent.change(field, { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add replicas' }));
    const answer = await screen.findByTestId('what-if-add-replicas-answer');
    expect(api.whatIfAddReplicas).toHaveBeenCalledWith({
      entityRef: 'component:default/reports-api',
      replicas: 50,
    });
    expect(answer).toHaveTextContent(
      `50 more replicas of reports-api in ${CLUSTER_3}: 46 fit on its current nodes.`,
    );
    expect(answer).toHaveTextContent(
      'The 47th gets no IP: InsufficientCidrBlocks in subnet-0sec5frag1b',
    );
    expect(answer).toHaveTextContent(
      'subnet-0sec5frag1b (eu-west-1b): free /28 blocks 1 → 0, free IPs 88 → 72',
    );
    expect(within(answer).getByText('does not fit')).toBeInTheDocument();
  });

  it('answers "roll out with maxSurge S": the peak and whether the surge pods get IPs', async () => {
    const api = await renderTab(component('reports-api'));
    fireEvent.change(await screen.findByLabelText('maxSurge'), {
      target: { value: '50' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Roll out' }));
    const answer = await screen.findByTestId('what-if-rollout-answer');
    expect(api.whatIfRollout).toHaveBeenCalledWith({
      entityRef: 'component:default/reports-api',
      maxSurge: '50',
    });
    // 2 replicas + 50 surge pods = 52 at once; 46 of the surge get an IP (as above).
    expect(answer).toHaveTextContent('runs up to 52 pods at once');
    expect(answer).toHaveTextContent(
      'only 46 of 50 surge pods get an IP; the 47th fails: InsufficientCidrBlocks in subnet-0sec5frag1b',
    );
  });
});
