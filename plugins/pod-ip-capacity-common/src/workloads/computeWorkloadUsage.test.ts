import { ClusterInventory, WorkloadSelection } from '../types';
import { domainSample1, domainSample2 } from '../testing/domainSamples';
import { makeEni, makePod } from '../testing/builders';
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

  it('lists the selected pods that hold no pod IP of their node, completed ones included, with the reason', () => {
    const inventory = labelledSample1();
    inventory.pods.push(
      // Scheduled, still waiting for an IP.
      makePod('web-pending', 'i-aaaaaaaaaaaaaaaaa', [], {
        namespace: 'shop',
        phase: 'Pending',
        labels: { [ID]: 'web' },
      }),
      // Security groups for pods: its IP is a branch ENI's, in none of
      // node a's prefixes (how-pod-ips-are-counted.md §1, §3).
      makePod('web-branch', 'i-aaaaaaaaaaaaaaaaa', ['192.168.170.5'], {
        namespace: 'shop',
        labels: { [ID]: 'web' },
        annotations: {
          'vpc.amazonaws.com/pod-eni': '[{"eniId":"eni-branch"}]',
        },
      }),
    );
    const usage = computeWorkloadUsage(sources(inventory), {
      kubernetesId: 'web',
    });
    // 4 of web's pods hold a pod IP of their node (web-a-1, web-b-1..3);
    // web-branch holds a VPC IP, but not its node's.
    expect(usage.podList.filter(p => p.attributed)).toHaveLength(4);
    expect(
      usage.podsWithoutNodeIp.map(p => [
        p.name,
        p.reason,
        p.podIp,
        p.unattributedReason,
      ]),
    ).toEqual([
      // A completed pod still shows its old IP, released by the CNI: not
      // in `pods`, listed here.
      ['web-done', 'completed', '192.168.71.83', undefined],
      // hostNetwork: the node's own IP.
      ['web-host', 'host-network', '192.168.81.38', undefined],
      ['web-pending', 'pending-without-ip', undefined, undefined],
      ['web-branch', 'ip-outside-node-prefixes', '192.168.170.5', 'branch-eni'],
    ]);
    // Completed pods stay out of the counts: web-a-1, web-b-1..3,
    // web-host, web-pending, web-branch.
    expect(usage.pods).toBe(7);
    expect(usage.podsWithVpcIp).toBe(5);
    expect(usage.unattributedPods).toBe(1);
  });

  it("counts a pod on its branch ENI's subnet, as the subnet's own count does", () => {
    // Security groups for pods: web-branch's IP 192.168.170.5 is the primary
    // IP of its own branch ENI in node a's subnet 192.168.160.0/19
    // (subnet-0sample1c), in none of node a's prefixes.
    const inventory = labelledSample1();
    inventory.pods.push(
      makePod('web-branch', 'i-aaaaaaaaaaaaaaaaa', ['192.168.170.5'], {
        namespace: 'shop',
        labels: { [ID]: 'web' },
        annotations: {
          'vpc.amazonaws.com/pod-eni': '[{"eniId":"eni-branch"}]',
        },
      }),
    );
    inventory.otherNetworkInterfaces.push(
      makeEni('eni-branch', 'subnet-0sample1c', '192.168.170.5', {
        interfaceType: 'branch',
      }),
    );
    const [source] = sources(inventory);
    const usage = computeWorkloadUsage([source], { kubernetesId: 'web' });
    const subnetC = source.capacity.subnets.find(
      s => s.subnetId === 'subnet-0sample1c',
    )!;
    // web-a-1 (in node a's prefix) and web-branch: 2 pod IPs from it, for
    // the service and for the subnet alike.
    expect(subnetC.podIps).toBe(2);
    expect(
      usage.subnets.find(s => s.subnet.subnetId === 'subnet-0sample1c')
        ?.workloadPodIps,
    ).toBe(2);
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
    // Each entity alone could add 324 replicas (109 + 106 + 109 on the one
    // node pool, general-purpose). The sum, 648, counted that room twice:
    // the owner gets the pool's room once, 324, shared between web and api
    // (the cluster can take 324 more pods).
    expect(owner.entities.map(e => e.headroom.replicas)).toEqual([324, 324]);
    expect(owner.headroomReplicas).toBe(324);
    expect(owner.headroom).toEqual({
      replicas: 324,
      onCurrentNodes: 324,
      pools: [
        {
          cluster: 'sample-1-auto-mode',
          nodeGroups: ['general-purpose'],
          nodes: 3,
          replicas: 324,
          sharedBy: ['kubernetes-id:web', 'kubernetes-id:api'],
          wall: 'pod-limit',
        },
      ],
    });
    expect(all[0].capacity.totals.headroomPods).toBe(324);
  });
});
