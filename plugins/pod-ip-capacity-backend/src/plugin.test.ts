import { startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { podIpCapacityPlugin } from './plugin';

describe('podIpCapacityPlugin', () => {
  it('serves its health route under /api/pod-ip-capacity without credentials', async () => {
    const { server } = await startTestBackend({
      features: [podIpCapacityPlugin],
    });

    const response = await request(server).get('/api/pod-ip-capacity/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('does not serve routes it does not have', async () => {
    const { server } = await startTestBackend({
      features: [podIpCapacityPlugin],
    });

    const response = await request(server).get('/api/pod-ip-capacity/nope');

    expect(response.status).toBe(404);
  });
});
