import { ClusterInventory } from '../../types';
import { ClusterProvisioning } from '../types';
import { buildCluster } from './buildCluster';

/**
 * Karpenter node pool `general-purpose` (EC2NodeClass `default`), prefix
 * mode, in us-west-2a and us-west-2b:
 *
 * - subnet-a1, 10.20.16.0/22 (64 blocks, 1,019 usable): node a-0 with its
 *   address and 2 prefixes → 986 free IPs, 64 − 2 reserved − 1 − 2 = 59
 *   free /28.
 * - subnet-b1, 10.20.0.0/21 (128 blocks, 2,043 usable): nodes b-0, b-1
 *   (2 addresses in block 1, 4 prefixes in blocks 2–5), then a Lambda ENI
 *   address in each of blocks 6–126: 2,043 − 2 − 64 − 121 = 1,856 free IPs
 *   and no free /28 (2 reserved, 4 allocated, 122 fragmented).
 * - subnet-b2, 10.20.8.0/24, empty: 251 free IPs, 14 free /28.
 *
 * Each node runs 16 pods of `general-purpose-app` (2 hostNetwork daemons),
 * on m5.large (110 pods).
 */
export function karpenterScenario(): {
  inventory: ClusterInventory;
  provisioning: ClusterProvisioning;
} {
  const node = (name: string, zone: string, subnetId: string) => ({
    name,
    group: 'general-purpose',
    groupLabel: 'karpenter.sh/nodepool',
    zone,
    subnetId,
    mode: 'prefix' as const,
    pods: 16,
  });
  const inventory = buildCluster(
    'karpenter',
    [
      {
        id: 'subnet-b1',
        cidr: '10.20.0.0/21',
        zone: 'us-west-2b',
        keepFreeBlocks: 0,
      },
      { id: 'subnet-b2', cidr: '10.20.8.0/24', zone: 'us-west-2b' },
      { id: 'subnet-a1', cidr: '10.20.16.0/22', zone: 'us-west-2a' },
    ],
    [
      node('a-0', 'us-west-2a', 'subnet-a1'),
      node('b-0', 'us-west-2b', 'subnet-b1'),
      node('b-1', 'us-west-2b', 'subnet-b1'),
    ],
  );
  const provisioning: ClusterProvisioning = {
    cni: { prefixDelegation: true },
    nodePools: [
      {
        name: 'general-purpose',
        nodeClassRef: {
          group: 'karpenter.k8s.aws',
          kind: 'EC2NodeClass',
          name: 'default',
        },
      },
    ],
    ec2NodeClasses: [
      {
        name: 'default',
        subnets: [
          { id: 'subnet-a1', zone: 'us-west-2a' },
          { id: 'subnet-b2', zone: 'us-west-2b' },
          { id: 'subnet-b1', zone: 'us-west-2b' },
        ],
      },
    ],
  };
  return { inventory, provisioning };
}
