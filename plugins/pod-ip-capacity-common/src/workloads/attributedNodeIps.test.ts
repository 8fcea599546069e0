import { domainSample1 } from '../testing/domainSamples';
import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { computeWorkloadUsage } from './computeWorkloadUsage';
import { attributedNodeIps } from './attributedNodeIps';

describe('attributedNodeIps', () => {
  it("shares each node's held and idle IPs out by the workload's pods on it", () => {
    const inventory = domainSample1();
    // On node b, web-b-1 is "web"; web-b-2 and web-b-3 are "cart".
    for (const pod of inventory.pods) {
      pod.labels = {
        'backstage.io/kubernetes-id': ['web-b-2', 'web-b-3'].includes(pod.name)
          ? 'cart'
          : 'web',
      };
    }
    const sources = [
      { capacity: computeClusterCapacity(inventory), pods: inventory.pods },
    ];
    // web: node a alone (16 held, 15 idle), a third of node b (16 held,
    // 13 idle → 5.33, 4.33) and node c alone (16, 15) for web-c-1:
    // 16 + 5.33 + 16 = 37.3 held, 15 + 4.33 + 15 = 34.3 idle.
    expect(
      attributedNodeIps(computeWorkloadUsage(sources, { kubernetesId: 'web' })),
    ).toEqual({
      held: 37.3,
      idle: 34.3,
    });
    // cart: two thirds of node b.
    expect(
      attributedNodeIps(
        computeWorkloadUsage(sources, { kubernetesId: 'cart' }),
      ),
    ).toEqual({
      held: 10.7,
      idle: 8.7,
    });
  });
});
