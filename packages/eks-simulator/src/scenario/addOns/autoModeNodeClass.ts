import { AutoModeNodeClassSpec, KubeObject } from '../types';
import { condition, crdMetadata, specHash } from './crdObject';

/**
 * An EKS Auto Mode `NodeClass` (eks.amazonaws.com/v1). AWS documents its spec but not its
 * status, so the status carries only conditions: clients resolve the selector terms with
 * DescribeSubnets, as how-pod-ips-are-counted.md §7 says.
 */
export function buildAutoModeNodeClass(
  cluster: string,
  spec: AutoModeNodeClassSpec,
  hasSubnets: boolean,
): KubeObject {
  const objectSpec = {
    role: spec.role ?? 'AmazonEKSAutoNodeRole',
    subnetSelectorTerms: spec.subnetSelectorTerms,
    securityGroupSelectorTerms: spec.securityGroupSelectorTerms ?? [
      { tags: { [`kubernetes.io/cluster/${cluster}`]: 'owned' } },
    ],
    ...(spec.podSubnetSelectorTerms
      ? { podSubnetSelectorTerms: spec.podSubnetSelectorTerms }
      : {}),
    ...(spec.podSecurityGroupSelectorTerms
      ? { podSecurityGroupSelectorTerms: spec.podSecurityGroupSelectorTerms }
      : {}),
    networkPolicy: 'DefaultAllow',
    networkPolicyEventLogs: 'Disabled',
    ephemeralStorage: { size: '80Gi', iops: 3000, throughput: 125 },
    advancedNetworking: {
      ipv4PrefixSize: String(spec.ipv4PrefixSize ?? 'Auto'),
    },
  };
  return {
    apiVersion: 'eks.amazonaws.com/v1',
    kind: 'NodeClass',
    metadata: crdMetadata(cluster, 'NodeClass', spec.name, {
      annotations: { 'eks.amazonaws.com/nodeclass-hash': specHash(objectSpec) },
      finalizers: ['eks.amazonaws.com/termination'],
    }),
    spec: objectSpec,
    status: {
      conditions: [
        hasSubnets
          ? condition('SubnetsReady', true)
          : condition(
              'SubnetsReady',
              false,
              'SubnetsNotFound',
              'SubnetSelector did not match any Subnets',
            ),
        condition(
          'Ready',
          hasSubnets,
          hasSubnets ? 'Ready' : 'UnhealthyDependents',
        ),
      ],
    },
  };
}
