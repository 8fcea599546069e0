import { ClusterInventory, WorkloadSelection } from '../types';
import { domainSample1, domainSample2 } from '../testing/domainSamples';
import { makePod } from '../testing/builders';
import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { computeWorkloadUsage, WorkloadSource } from './computeWorkloadUsage';
import { computeOwnerUsage } from './computeOwnerUsage';

const ID = 'backstage.io/kubernetes-id';

/** Sample 1 with labels: `web` on nodes a and b, `api` on c, in namespace shop. */
function labelledSample1(): ClusterInventory {
  const inventory = domainSample1();
  for (const pod of inventory.pods) {
    const onC = pod.nodeName === 'i-ccccccccccccccccc';
    pod.namespace = 'shop';
    pod.labels = {
      [ID]: onC ? 'api' : 'web',
      app: onC ? 'api' : 'web',
      tier: onC ? 'backend' : 'frontend',
    };
  }
  // A completed web pod with a stale IP and a hostNetwork one: neither holds a VPC IP.
  inventory.pods.push(
    makePod('web-done', 'i-bbbbbbbbbbbbbbbbb', ['192.168.71.83'], {
      namespace: 'shop',
      phase: 'Succeeded',
      labels: { [ID]: 'web' },
    }),
    makePod('web-host', 'i-bbbbbbbbbbbbbbbbb', ['192.168.81.38'], {
      namespace: 'shop',
      hostNetwork: true,
      labels: { [ID]: 'web' },
    }),
  );
  return inventory;
}

function sources(...inventories: ClusterInventory[]): WorkloadSource[] {
  return inventories.map(inventory => ({
    capacity: computeClusterCapacity(inventory),
    pods: inventory.pods,
  }));
}

describe('computeWorkloadUsage', () => {
  it('selects pods by backstage.io/kubernetes-id, with their nodes and subnets', () => {
    const usage = computeWorkloadUsage(sources(labelledSample1()), {
      kubernetesId: 'web',
    });
    // web-a-1, web-b-1..3 and web-host (counted against pod limits); not web-done.
    expect(usage.pods).toBe(5);
    expect(usage.podsWithVpcIp).toBe(4);
    expect(usage.unattributedPods).toBe(0);
    expect(usage.nodes.map(n => [n.node.name, n.workloadPods])).toEqual([
      ['i-aaaaaaaaaaaaaaaaa', 1],
      ['i-bbbbbbbbbbbbbbbbb', 3],
    ]);
    expect(usage.subnets.map(s => [s.subnet.cidr, s.workloadPodIps])).toEqual([
      ['192.168.64.0/19', 3],
      ['192.168.160.0/19', 1],
    ]);
    expect(usage.podList.find(p => p.name === 'web-b-2')).toEqual({
      cluster: 'sample-1-auto-mode',
      namespace: 'shop',
      name: 'web-b-2',
      nodeName: 'i-bbbbbbbbbbbbbbbbb',
      phase: 'Running',
      podIp: '192.168.71.81',
      networkInterfaceId: 'eni-bbbbbbbbbbbbbbbbb',
      subnetId: 'subnet-0sample1a',
      attributed: true,
    });
  });

  it('gives headroom on its node groups and on its current nodes', () => {
    const usage = computeWorkloadUsage(sources(labelledSample1()), {
      kubernetesId: 'web',
    });
    // Pod limit room per node: a 110 − 1, b 110 − 4 (3 + hostNetwork), c 110 − 1;
    // IPs are plentiful (hundreds of free /28s).
    expect(usage.headroom).toEqual({
      replicas: 109 + 106 + 109,
      onCurrentNodes: 109 + 106,
      wall: 'pod-limit',
    });
  });

  it('selects by label selector, namespace and cluster', () => {
    const all = sources(labelledSample1(), domainSample2());
    const count = (selection: WorkloadSelection) =>
      computeWorkloadUsage(all, selection).podsWithVpcIp;
    expect(count({ labelSelector: 'app=web,tier!=backend' })).toBe(4);
    expect(count({ labelSelector: 'app in (web, api)' })).toBe(5);
    // notin also matches pods without the label: api + sample 2's 5 pods
    expect(count({ labelSelector: 'app notin (web)' })).toBe(6);
    // the selector wins over the id, as in the Kubernetes plugin
    expect(count({ kubernetesId: 'web', labelSelector: 'app=api' })).toBe(1);
    expect(count({ kubernetesId: 'web', namespace: 'shop' })).toBe(4);
    expect(count({ kubernetesId: 'web', namespace: 'default' })).toBe(0);
    expect(count({ labelSelector: '!tier' })).toBe(5); // sample 2's unlabelled pods
    expect(
      count({ labelSelector: '!tier', cluster: 'sample-1-auto-mode' }),
    ).toBe(0);
    expect(count({})).toBe(0);
  });
});

describe('computeOwnerUsage', () => {
  it('sums its entities, and counts shared nodes and subnets once', () => {
    const all = sources(labelledSample1());
    const owner = computeOwnerUsage(
      'group:default/shop',
      [{ kubernetesId: 'web' }, { kubernetesId: 'api' }],
      all,
    );
    expect(owner.entities.map(e => e.podsWithVpcIp)).toEqual([4, 1]);
    expect(owner.podsWithVpcIp).toBe(5);
    expect(owner.pods).toBe(6);
    // web on a and b, api on c: 3 nodes; subnets .64/19 shared → 2
    expect(owner.nodes).toBe(3);
    expect(owner.subnets).toBe(2);
    expect(owner.headroomReplicas).toBe(
      owner.entities[0].headroom.replicas + owner.entities[1].headroom.replicas,
    );
  });
});
