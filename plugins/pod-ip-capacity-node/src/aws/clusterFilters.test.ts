import { Instance } from '@aws-sdk/client-ec2';
import { clusterFilters } from './collectEc2Inventory';

const instance = (vpc: string, tags: Record<string, string>): Instance => ({
  VpcId: vpc,
  Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
});

describe('clusterFilters: the rest of a cluster from its first instances', () => {
  it('uses the kubernetes.io/cluster key that a managed node group and Karpenter both set', () => {
    const managed = instance('vpc-1', {
      'eks:cluster-name': 'eks-prod',
      'kubernetes.io/cluster/eks-prod': 'owned',
    });
    const karpenter = instance('vpc-1', {
      'eks:eks-cluster-name': 'eks-prod',
      'kubernetes.io/cluster/eks-prod': 'owned',
      'karpenter.sh/nodepool': 'general-purpose',
    });
    expect(clusterFilters([managed, karpenter])).toEqual([
      { Name: 'vpc-id', Values: ['vpc-1'] },
      { Name: 'tag-key', Values: ['kubernetes.io/cluster/eks-prod'] },
    ]);
  });

  it('uses eks:cluster-name when every instance has the same, and the VPC alone when they do not agree', () => {
    const a = instance('vpc-1', { 'eks:cluster-name': 'eks-prod' });
    expect(clusterFilters([a, a])).toEqual([
      { Name: 'vpc-id', Values: ['vpc-1'] },
      { Name: 'tag:eks:cluster-name', Values: ['eks-prod'] },
    ]);
    const other = instance('vpc-2', { 'eks:cluster-name': 'eks-dev' });
    expect(clusterFilters([a, other])).toEqual([
      { Name: 'vpc-id', Values: ['vpc-1', 'vpc-2'] },
    ]);
  });

  it('gives no filter when the instances name no VPC: then every node is asked by id', () => {
    expect(clusterFilters([])).toBeUndefined();
    expect(clusterFilters([{ InstanceId: 'i-1' }])).toBeUndefined();
  });
});
