import { generateLargeCluster } from '@pod-ip-capacity/eks-simulator';
import request from 'supertest';
import {
  CapacityBackend,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';

jest.setTimeout(120_000);

/**
 * 450 nodes: more than the 200 instance ids one DescribeInstances filter
 * takes, so a call per 200 nodes would be 3 calls; the first batch names the
 * cluster (its VPC, its `eks:cluster-name` tag) and one page of 1,000 brings
 * the other 250.
 */
const NODES = 450;

function scenario(untagged: number) {
  const file = generateLargeCluster({
    nodes: NODES,
    podsPerNode: 2,
    subnets: 2,
    clusterName: 'eks-big',
  });
  // A few instances lost their cluster tag (launched by hand, say): the
  // cluster's filter misses them, and they are still nodes. Nodes are named
  // after their instances and listed by name: the last ids are not in the
  // first batch, which names the cluster.
  const instances = [...(file.accounts[0].regions[0].instances ?? [])].sort(
    (a, b) => a.id.localeCompare(b.id),
  );
  for (const instance of instances.slice(instances.length - untagged)) {
    instance.tags = {};
  }
  return file;
}

async function refreshed(untagged: number) {
  const backend = await startCapacityBackend({ scenario: scenario(untagged) });
  await backend.refresh({ timeoutMs: 60_000 });
  const list = await request(backend.server).get(
    '/api/pod-ip-capacity/clusters',
  );
  return { backend, cluster: list.body.clusters[0] };
}

describe('EC2 calls grow with result pages, not with nodes', () => {
  let backend: CapacityBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it('describes 450 instances in two calls: a batch of ids, then one page of the cluster', async () => {
    const run = await refreshed(0);
    backend = run.backend;
    expect(run.cluster.snapshot.status).toBe('ok');
    expect(run.cluster.totals.nodes).toBe(NODES);
    expect(backend.sim.counters().aws['ec2:DescribeInstances']).toBe(2);
  });

  it('still finds the instances the cluster filter misses, by id', async () => {
    const run = await refreshed(5);
    backend = run.backend;
    expect(run.cluster.snapshot.status).toBe('ok');
    expect(run.cluster.totals.nodes).toBe(NODES);
    // Every node is described, so every node's prefixes are counted: two
    // /28s each (one for its 2 pods, one warm), 32 IPs held per node.
    expect(run.cluster.totals.nodesNotDescribedByEc2).toBe(0);
    expect(run.cluster.totals.heldIps).toBe(NODES * 2 * 16);
    expect(backend.sim.counters().aws['ec2:DescribeInstances']).toBe(3);
  });
});
