import {
  PlannedPodSubnet,
  SecondaryCidrFix,
  SecondaryCidrOptions,
} from './types';
import { pickSecondaryCidr } from './pickSecondaryCidr';
import { secondaryBlockSize, splitCidr } from './splitForZones';
import {
  associateVpcCidrCommand,
  createSubnetCommand,
  eniConfigYaml,
  enableCustomNetworkingCommand,
  nodeClassSnippet,
  placeholdersIn,
  secondaryCidrScript,
  subnetName,
} from './secondaryCidrText';

/**
 * Fix 2, for a subnet that is really full: a block the VPC does not use
 * yet (100.64.0.0/10 first, then the primary CIDR's RFC 1918 range), split
 * into one pod subnet per zone, and the text that builds it — associate
 * the block, create the subnets, then point pods at them with VPC CNI
 * custom networking (`ENIConfig` per zone, how-pod-ips-are-counted.md §1,
 * §7) or an EKS Auto Mode `NodeClass`'s `podSubnetSelectorTerms`.
 * Undefined when no block of the size is left.
 *
 * @public
 */
export function planSecondaryVpcCidr(
  options: SecondaryCidrOptions,
): SecondaryCidrFix | undefined {
  const zones =
    options.zones.length > 0 ? options.zones : ['<availability-zone>'];
  const vpcCidrBlocksKnown = options.vpcCidrBlocks !== undefined;
  const taken = options.vpcCidrBlocks ?? options.knownSubnetCidrs ?? [];
  const size = secondaryBlockSize(zones.length, options.podAddresses);
  const picked = pickSecondaryCidr(taken, size.vpcPrefixLength, {
    // Without the VPC's own blocks, its primary is unknown: RFC 1918
    // space might be refused, so only 100.64.0.0/10 is offered.
    rfc1918Fallback: vpcCidrBlocksKnown,
  });
  if (!picked) return undefined;

  const parts = splitCidr(picked.cidr, size.zonePrefixLength);
  const zoneSize = 2 ** (32 - size.zonePrefixLength);
  const text = {
    cluster: options.clusterName,
    vpcId: options.vpcId ?? '<vpc-id>',
    securityGroupIds:
      options.securityGroupIds && options.securityGroupIds.length > 0
        ? [...options.securityGroupIds]
        : ['<cluster-security-group-id>'],
  };
  const subnets: PlannedPodSubnet[] = zones.map((zone, i) => {
    const name = subnetName(text.cluster, zone);
    return {
      availabilityZone: zone,
      cidr: parts[i],
      usable: zoneSize - 5,
      freePrefixBlocks: Math.max(0, zoneSize / 16 - 2),
      createSubnetCommand: createSubnetCommand(text, zone, parts[i]),
      name,
      ...(options.networking === 'custom-networking'
        ? { eniConfigYaml: eniConfigYaml(text, zone, `<subnet-id-of-${name}>`) }
        : {}),
    };
  });
  const enable =
    options.networking === 'custom-networking' &&
    !options.customNetworkingEnabled
      ? enableCustomNetworkingCommand()
      : undefined;
  const snippet =
    options.networking === 'auto-mode'
      ? nodeClassSnippet(
          text,
          subnets.map(s => s.name),
        )
      : undefined;
  const associateCommand = associateVpcCidrCommand(text, picked.cidr);
  const script = secondaryCidrScript({
    text,
    vpcCidr: picked.cidr,
    subnets,
    networking: options.networking,
    enableCommand: enable,
  });

  const notes: string[] = [];
  if (!vpcCidrBlocksKnown) {
    notes.push(
      `The VPC's CIDR blocks were not given: only its subnets' were avoided. Check that ${picked.cidr} is not in use: aws ec2 describe-vpcs --vpc-ids ${text.vpcId} --query 'Vpcs[0].CidrBlockAssociationSet[].CidrBlock'`,
    );
  }
  if (size.capped) {
    notes.push(
      'More addresses were asked for than a /16 holds, the largest block a VPC can add: associate a second block for the rest.',
    );
  }
  notes.push(
    'Nodes keep the ENIs they have: replace them (or let Karpenter roll them) so that new pods get addresses from the new subnets.',
    'New subnets use the VPC main route table until you associate the route table of your node subnets (aws ec2 associate-route-table).',
    'A VPC holds 5 IPv4 CIDR blocks unless its quota was raised.',
  );
  if (options.networking === 'auto-mode') {
    notes.push(
      'Patch a NodeClass you created: the built-in ones are managed by EKS. Pods get subnets in the zone of their node subnet, so every zone needs one.',
    );
  }
  if (options.networking === 'custom-networking') {
    notes.push(
      "With custom networking a node's primary ENI holds no pod IPs: max pods drop to the custom-networking limit (how-pod-ips-are-counted.md §4).",
    );
  }
  return {
    kind: 'add-secondary-vpc-cidr',
    vpcCidr: picked.cidr,
    addressSpace: picked.space,
    associateCommand,
    subnets,
    spareCidrs: parts.slice(zones.length),
    networking: options.networking,
    ...(enable ? { enableCustomNetworkingCommand: enable } : {}),
    ...(snippet ? { nodeClassSnippet: snippet } : {}),
    script,
    placeholders: placeholdersIn([
      associateCommand,
      script,
      ...subnets.flatMap(s => [s.createSubnetCommand, s.eniConfigYaml ?? '']),
      snippet ?? '',
    ]),
    vpcCidrBlocksKnown,
    notes,
  };
}
