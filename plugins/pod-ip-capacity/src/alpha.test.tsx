import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import podIpCapacityPlugin, {
  entityPodIpCapacityContent,
  podIpCapacityApi,
  podIpCapacityPage,
} from './alpha';
import { podIpCapacityApiRef } from './api';
import { PodIpCapacityClient } from './api/PodIpCapacityClient';
import { CLUSTER_1 } from './__fixtures__/capacity';
import { mockPodIpCapacityApi } from './__fixtures__/mockApi';

const entity = (
  kind: string,
  annotations: Record<string, string> = {},
  name = 'checkout-api',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, annotations },
  spec: { type: 'service' },
});

describe('the new frontend system plugin', () => {
  it('provides the API client, the page and the entity tab', () => {
    expect(podIpCapacityPlugin.id).toBe('pod-ip-capacity');
    expect(
      podIpCapacityPlugin.getExtension('api:pod-ip-capacity'),
    ).toBeDefined();
    expect(
      podIpCapacityPlugin.getExtension('page:pod-ip-capacity'),
    ).toBeDefined();
    expect(
      podIpCapacityPlugin.getExtension('entity-content:pod-ip-capacity'),
    ).toBeDefined();
  });

  it('creates the client from discovery and fetch', () => {
    const factory = createExtensionTester(podIpCapacityApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(podIpCapacityApiRef.id);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => '' },
      fetchApi: { fetch },
    });
    expect(client).toBeInstanceOf(PodIpCapacityClient);
  });

  it('mounts the overview page at /pod-ip-capacity', async () => {
    const tester = createExtensionTester(podIpCapacityPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/pod-ip-capacity');
    renderTestApp({
      extensions: [podIpCapacityPage],
      apis: [[podIpCapacityApiRef, mockPodIpCapacityApi()]],
      initialRouteEntries: ['/pod-ip-capacity'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByTestId(`cluster-${CLUSTER_1}`),
    ).toBeInTheDocument();
  });

  it("draws the overview under the app's title bar, without a header of its own", async () => {
    renderTestApp({
      extensions: [podIpCapacityPage],
      apis: [[podIpCapacityApiRef, mockPodIpCapacityApi()]],
      initialRouteEntries: ['/pod-ip-capacity'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    await screen.findByTestId(`cluster-${CLUSTER_1}`);
    expect(
      screen.getByText('How much pod IP room your EKS clusters have left.'),
    ).toBeInTheDocument();
    // One title: the app's page layout's, not a second purple header.
    expect(
      screen.getAllByRole('heading', { level: 1, name: 'Pod IP Capacity' }),
    ).toHaveLength(1);
    // Backstage's legacy Header is a <header> with the page title as h1.
    expect(document.querySelectorAll('header h1')).toHaveLength(0);
  });

  it('adds a "Pod IP Capacity" tab at /pod-ip-capacity for entities with Kubernetes annotations and for teams', () => {
    const tester = createExtensionTester(entityPodIpCapacityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/pod-ip-capacity');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Pod IP Capacity',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(
      filter(entity('Component', { 'backstage.io/kubernetes-id': 'x' })),
    ).toBe(true);
    expect(
      filter(
        entity('Resource', {
          'backstage.io/kubernetes-label-selector': 'app=x',
        }),
      ),
    ).toBe(true);
    expect(filter(entity('Group'))).toBe(true);
    expect(filter(entity('User'))).toBe(true);
    expect(filter(entity('System'))).toBe(true);
    expect(filter(entity('Component'))).toBe(false);
    expect(filter(entity('API'))).toBe(false);
  });

  it("renders the tab's headline on a service's entity page", async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({
          entity: entity('Component', {
            'backstage.io/kubernetes-id': 'checkout-api',
          }),
        }),
        entityPodIpCapacityContent,
      ],
      apis: [[podIpCapacityApiRef, mockPodIpCapacityApi()]],
    });
    expect(
      await screen.findByTestId(`headline-${CLUSTER_1}`),
    ).toHaveTextContent('more replicas can get a pod IP');
  });
});
