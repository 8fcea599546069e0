import { UnreadableItems } from '../unreadableItems';
import {
  inventoryPodConversion,
  KubeObject,
  toInventoryPod,
  toKubernetesInventory,
  toKubernetesInventoryOfPods,
} from './toKubernetesInventory';

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

  it('gives the same inventory and problems for pods converted page by page as they arrive', () => {
    const node: KubeObject = {
      metadata: { name: 'i-0511000000000a001' },
      spec: { providerID: 'aws:///eu-west-1a/i-0511000000000a001' },
    };
    // Seven pods on two pages; pods 2 and 5 have an IP that is not one, and
    // pod 6 carries the branch-ENI annotation beside one that is dropped.
    const pod = (i: number): KubeObject => ({
      metadata: {
        namespace: 'checkout',
        name: `checkout-api-${i}`,
        labels: { app: 'checkout-api' },
        annotations: {
          ...(i === 6 ? { 'vpc.amazonaws.com/pod-eni': '[]' } : {}),
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
        },
        ownerReferences: [{ kind: 'ReplicaSet', name: 'checkout-api-7d9' }],
      },
      spec: { nodeName: 'i-0511000000000a001' },
      status: {
        phase: 'Running',
        podIPs: [{ ip: i === 2 || i === 5 ? `10.0.0.${i}00x` : `10.0.0.${i}` }],
      },
    });
    const raw = [1, 2, 3, 4, 5, 6, 7].map(pod);
    const whole = new UnreadableItems();
    const expected = toKubernetesInventory(
      { items: [node], pages: 1, skipped: 0 },
      { items: raw, pages: 2, skipped: 0 },
      whole,
    );

    // As a collector does it: each page converted on arrival, its raw
    // objects dropped, its unreadable items reported apart and taken in.
    const listed = new UnreadableItems();
    const pages = [raw.slice(0, 4), raw.slice(4)];
    const items = pages.flatMap(page =>
      page.map(p => toInventoryPod(p, listed)),
    );
    const unreadable = new UnreadableItems();
    const inventory = toKubernetesInventoryOfPods(
      { items: [node], pages: 1, skipped: 0 },
      { items, pages: 2, skipped: 0 },
      unreadable,
    );
    unreadable.addAll(listed);

    expect(inventory).toEqual(expected);
    expect(inventory.pods[5].annotations).toEqual({
      'vpc.amazonaws.com/pod-eni': '[]',
    });
    expect(unreadable.toProblems('eks-prod')).toEqual(
      whole.toProblems('eks-prod'),
    );
    expect(unreadable.toProblems('eks-prod').map(p => p.message)).toEqual([
      'Cluster eks-prod returned 2 pods whose IP is not an IP address (checkout/checkout-api-2, checkout/checkout-api-5): the IP is left out of the counts.',
    ]);
  });

  it('reports what the last attempt of a restarted list could not read, not every attempt', () => {
    const garbled: KubeObject = {
      metadata: { namespace: 'checkout', name: 'checkout-api-1' },
      status: { phase: 'Running', podIPs: [{ ip: 'not-an-ip' }] },
    };
    const conversion = inventoryPodConversion();
    // The first attempt reads the garbled pod, then its continue token
    // expires; the restart reads the same first page again.
    const first = conversion.converter();
    first(garbled);
    const second = conversion.converter();
    const pods = [garbled].map(second);
    expect(pods[0]).toMatchObject({ name: 'checkout-api-1', podIps: [] });
    expect(
      conversion
        .unreadable()
        .toProblems('eks-prod')
        .map(p => p.message),
    ).toEqual([
      'Cluster eks-prod returned 1 pod whose IP is not an IP address (checkout/checkout-api-1): the IP is left out of the counts.',
    ]);
  });

  it('takes in another part’s unreadable items: counts added, at most five examples named', () => {
    const nodes = new UnreadableItems();
    nodes.add('kubernetes-item', 'node');
    const pods = new UnreadableItems();
    for (let i = 1; i <= 7; i++)
      pods.add('pod-ip', `checkout/checkout-api-${i}`);
    pods.add('kubernetes-item', 'pod');
    nodes.addAll(pods);
    expect(nodes.toProblems('eks-prod').map(p => p.message)).toEqual([
      'Cluster eks-prod returned 2 list items that are not objects (node, pod): left out.',
      'Cluster eks-prod returned 7 pods whose IP is not an IP address (checkout/checkout-api-1, checkout/checkout-api-2, checkout/checkout-api-3, checkout/checkout-api-4, checkout/checkout-api-5 and 2 more): the IP is left out of the counts.',
    ]);
  });
});
