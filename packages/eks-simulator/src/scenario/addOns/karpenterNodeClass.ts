import { Ec2NodeClassSpec, KubeObject, SimSubnet } from '../types';
import { condition, crdMetadata, specHash } from './crdObject';
import { selectSubnets } from './selectSubnets';

/**
 * `status.subnets` exactly as Karpenter's subnet reconciler writes it: every subnet the
 * terms select, most `AvailableIpAddressCount` first, then by id; `{id, zone, zoneID}`.
 */
export function karpenterStatusSubnets(
  spec: Ec2NodeClassSpec,
  subnets: SimSubnet[],
) {
  return selectSubnets(spec.subnetSelectorTerms, subnets)
    .sort(
      (a, b) =>
        b.availableIpAddressCount - a.availableIpAddressCount ||
        (a.id < b.id ? -1 : 1),
    )
    .map(s => ({
      id: s.id,
      zone: s.availabilityZone,
      zoneID: s.availabilityZoneId,
    }));
}

/** A Karpenter `EC2NodeClass` (karpenter.k8s.aws/v1) with the status its controller writes. */
export function buildEc2NodeClass(
  cluster: string,
  spec: Ec2NodeClassSpec,
  subnets: SimSubnet[],
): KubeObject {
  const statusSubnets = karpenterStatusSubnets(spec, subnets);
  const found = statusSubnets.length > 0;
  const objectSpec = {
    amiSelectorTerms: [{ alias: spec.amiAlias ?? 'al2023@latest' }],
    metadataOptions: {
      httpEndpoint: 'enabled',
      httpProtocolIPv6: 'disabled',
      httpPutResponseHopLimit: 1,
      httpTokens: 'required',
    },
    role: spec.role ?? `KarpenterNodeRole-${cluster}`,
    securityGroupSelectorTerms: spec.securityGroupSelectorTerms ?? [
      { tags: { 'karpenter.sh/discovery': cluster } },
    ],
    subnetSelectorTerms: spec.subnetSelectorTerms,
  };
  return {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: crdMetadata(cluster, 'EC2NodeClass', spec.name, {
      annotations: {
        'karpenter.k8s.aws/ec2nodeclass-hash': specHash(objectSpec),
        'karpenter.k8s.aws/ec2nodeclass-hash-version': 'v4',
      },
      finalizers: ['karpenter.k8s.aws/termination'],
    }),
    spec: objectSpec,
    status: {
      // Karpenter clears the field (nil) when nothing matches.
      ...(found ? { subnets: statusSubnets } : {}),
      conditions: [
        found
          ? condition('SubnetsReady', true)
          : condition(
              'SubnetsReady',
              false,
              'SubnetsNotFound',
              'SubnetSelector did not match any Subnets',
            ),
        found
          ? condition('Ready', true)
          : condition(
              'Ready',
              false,
              'UnhealthyDependents',
              'SubnetsReady=False',
            ),
      ],
    },
  };
}
