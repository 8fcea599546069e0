import { UnreadableItems } from '../unreadableItems';
import { toKubernetesInventory } from './toKubernetesInventory';

describe('toKubernetesInventory', () => {
  it('keeps completed pods (the engine counts their stale IPs apart) and reads nodes’ instances and zones', () => {
    const unreadable = new UnreadableItems();
    const inventory = toKubernetesInventory(
      {
        items: [
          {
            metadata: {
              name: 'i-0511000000000a001',
              labels: { 'topology.kubernetes.io/region': 'eu-west-1' },
            },
            spec: { providerID: 'aws:///eu-west-1a/i-0511000000000a001' },
            status: { allocatable: { pods: '110' } },
          },
        ],
        pages: 1,
        skipped: 0,
      },
      {
        items: [
          {
            metadata: { namespace: 'checkout', name: 'checkout-api-1' },
            spec: { nodeName: 'i-0511000000000a001' },
            status: {
              phase: 'Failed',
              podIP: '10.0.0.36',
              podIPs: [{ ip: '10.0.0.36' }],
            },
          },
          {
            metadata: { namespace: 'checkout', name: 'checkout-api-2' },
            spec: { nodeName: 'i-0511000000000a001' },
            status: { phase: 'Running', podIPs: [{ ip: 'not-an-ip' }] },
          },
        ],
        pages: 2,
        skipped: 1,
      },
      unreadable,
    );
    expect(inventory.region).toBe('eu-west-1');
    expect(inventory.calls).toEqual({ nodes: 1, pods: 2 });
    expect(inventory.nodes[0]).toMatchObject({
      instanceId: 'i-0511000000000a001',
      zone: 'eu-west-1a',
      allocatablePods: 110,
    });
    expect(inventory.pods.map(p => [p.name, p.phase, p.podIps])).toEqual([
      ['checkout-api-1', 'Failed', ['10.0.0.36']],
      ['checkout-api-2', 'Running', []],
    ]);
    expect(unreadable.toProblems('eks-prod').map(p => p.message)).toEqual([
      'Cluster eks-prod returned 1 list item that is not an object (pod): left out.',
      'Cluster eks-prod returned 1 pod whose IP is not an IP address (checkout/checkout-api-2): the IP is left out of the counts.',
    ]);
  });
});
