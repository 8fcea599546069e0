import { Entity } from '@backstage/catalog-model';
import { isPodIpCapacityAvailable } from './entitySelection';

const entity = (
  kind: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', annotations },
});

describe('isPodIpCapacityAvailable', () => {
  it('applies to entities with the Kubernetes plugin annotations', () => {
    expect(
      isPodIpCapacityAvailable(
        entity('Component', { 'backstage.io/kubernetes-id': 'x' }),
      ),
    ).toBe(true);
    expect(
      isPodIpCapacityAvailable(
        entity('Resource', {
          'backstage.io/kubernetes-label-selector': 'app=x',
        }),
      ),
    ).toBe(true);
  });

  it('applies to Groups, Users and Systems: what they own or contain', () => {
    expect(isPodIpCapacityAvailable(entity('Group'))).toBe(true);
    expect(isPodIpCapacityAvailable(entity('User'))).toBe(true);
    expect(isPodIpCapacityAvailable(entity('System'))).toBe(true);
  });

  it('does not apply to other entities without the annotations', () => {
    expect(isPodIpCapacityAvailable(entity('Component'))).toBe(false);
    expect(isPodIpCapacityAvailable(entity('API'))).toBe(false);
  });
});
