import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogReader } from './countedEntities';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'checkout-api' },
  },
  spec: { owner: 'team-payments' },
};
const ref = { kind: 'component', namespace: 'default', name: 'checkout-api' };

describe('CatalogReader', () => {
  it('asks the catalog once for the same question of the same caller under way, and again afterwards', async () => {
    // Each call answers when the test says so.
    const answers: Array<(e: Entity) => void> = [];
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(
        () => new Promise<Entity | undefined>(resolve => answers.push(resolve)),
      ),
    });
    const reader = new CatalogReader(catalog, mockServices.logger.mock(), 5000);
    const alice = mockCredentials.user('user:default/alice');
    const bob = mockCredentials.user('user:default/bob');

    // A hundred tabs of Alice's at once: one call.
    const alices = Array.from({ length: 100 }, () =>
      reader.getEntity(ref, alice),
    );
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
    // Bob may see other things: his own call, with his credentials.
    const bobs = reader.getEntity(ref, bob);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
    expect(catalog.getEntityByRef).toHaveBeenLastCalledWith(ref, {
      credentials: bob,
    });

    for (const answer of answers) answer(checkout);
    const got = await Promise.all(alices);
    expect(got.every(e => e === checkout)).toBe(true);
    expect(await bobs).toBe(checkout);

    // Nothing is kept once answered: the next ask is a new call.
    catalog.getEntityByRef.mockResolvedValueOnce(undefined);
    expect(await reader.getEntity(ref, alice)).toBeUndefined();
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(3);
  });

  it('shares a failure too, as one 503 in our words, and the next ask tries again', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest
        .fn()
        .mockRejectedValueOnce(new Error('catalog: connection reset'))
        .mockResolvedValueOnce(checkout),
    });
    const reader = new CatalogReader(catalog, mockServices.logger.mock(), 5000);
    const alice = mockCredentials.user('user:default/alice');
    const both = await Promise.allSettled([
      reader.getEntity(ref, alice),
      reader.getEntity(ref, alice),
    ]);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
    for (const result of both) {
      expect(result).toMatchObject({
        status: 'rejected',
        reason: {
          name: 'ServiceUnavailableError',
          message:
            'The software catalog could not be read just now; try again in a moment.',
        },
      });
    }
    expect(await reader.getEntity(ref, alice)).toBe(checkout);
  });
});
