import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { podIpCapacityApiRef } from './api';
import { PodIpCapacityClient } from './api/PodIpCapacityClient';
import { mockPodIpCapacityApi } from './__fixtures__/mockApi';
import {
  EntityPodIpCapacityContent,
  PodIpCapacityPage,
  podIpCapacityPlugin,
} from './index';

describe('the legacy frontend system exports', () => {
  it('registers the API client with the plugin', () => {
    const factory = [...podIpCapacityPlugin.getApis()].find(
      f => f.api.id === podIpCapacityApiRef.id,
    )!;
    expect(factory).toBeDefined();
    const api = factory.factory({
      discoveryApi: { getBaseUrl: async () => '' },
      fetchApi: { fetch },
    });
    expect(api).toBeInstanceOf(PodIpCapacityClient);
  });

  it('renders the entity tab extension', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[podIpCapacityApiRef, mockPodIpCapacityApi()]]}>
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'checkout-api',
              annotations: { 'backstage.io/kubernetes-id': 'checkout-api' },
            },
          }}
        >
          <EntityPodIpCapacityContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByTestId('headline-sample-1-auto-mode'),
    ).toHaveTextContent('more replicas can get a pod IP');
  });

  it('renders the overview page extension', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[podIpCapacityApiRef, mockPodIpCapacityApi()]]}>
        <Routes>
          <Route path="/pod-ip-capacity" element={<PodIpCapacityPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/pod-ip-capacity'],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    expect(
      await screen.findByTestId('cluster-sample-1-auto-mode'),
    ).toBeInTheDocument();
  });
});
