import { generateLargeCluster } from './generateLargeCluster';
import { loadScenario } from './loadScenario';
import { resolveScenario } from './resolveScenario';

describe('generateLargeCluster', () => {
  it('builds a valid cluster of the requested size', () => {
    const file = generateLargeCluster({
      nodes: 300,
      podsPerNode: 40,
      subnets: 3,
      completedPodsPerNode: 1,
    });
    const s = resolveScenario(file);
    const cluster = s.clusters[0];
    expect(cluster.nodes).toHaveLength(300);
    // 40 running + 1 completed + aws-node + kube-proxy per node.
    expect(cluster.pods).toHaveLength(300 * 43);
    expect(s.regions[0].subnets).toHaveLength(3);
    // Prefix mode: ceil(41 / 16) + 1 warm = 4 prefixes per node, 100 nodes per subnet.
    for (const subnet of s.regions[0].subnets) {
      const size = 2 ** (32 - Number(subnet.cidr.split('/')[1]));
      expect(subnet.availableIpAddressCount).toBe(
        size - 5 - 100 - 100 * 4 * 16,
      );
    }
    expect(s.warnings).toEqual([]);
  });

  it('supports secondary-IP mode', () => {
    const s = resolveScenario(
      generateLargeCluster({
        nodes: 10,
        podsPerNode: 50,
        subnets: 2,
        mode: 'secondary-ip',
        instanceType: 'm5.4xlarge',
      }),
    );
    const inst = s.regions[0].instances[0];
    // 51 secondary IPs at 29 per ENI → 2 ENIs.
    expect(inst.networkInterfaces).toHaveLength(2);
    expect(inst.networkInterfaces.flatMap(e => e.secondaryIps)).toHaveLength(
      51,
    );
    expect(s.warnings).toEqual([]);
  });

  it('is reachable as a scenario name', () => {
    const s = loadScenario('generated:nodes=20,podsPerNode=10,subnets=2');
    expect(s.clusters[0].nodes).toHaveLength(20);
  });
});
