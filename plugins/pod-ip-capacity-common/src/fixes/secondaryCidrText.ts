import { PlannedPodSubnet, PodSubnetNetworking } from './types';

/**
 * The copyable text of the secondary CIDR plan: AWS CLI commands, the
 * `ENIConfig` manifests (crd.k8s.amazonaws.com/v1alpha1: `spec.subnet`,
 * `spec.securityGroups`) and the Auto Mode `NodeClass` lines
 * (eks.amazonaws.com/v1: `podSubnetSelectorTerms` needs
 * `podSecurityGroupSelectorTerms`), how-pod-ips-are-counted.md §7.
 */

/** What the text is filled in with. */
export interface PlanText {
  cluster: string;
  vpcId: string;
  securityGroupIds: string[];
}

/** The Name tag of a zone's pod subnet. */
export function subnetName(cluster: string, zone: string): string {
  return `${cluster}-pods-${zone}`;
}

export function associateVpcCidrCommand(text: PlanText, cidr: string): string {
  return `aws ec2 associate-vpc-cidr-block --vpc-id ${text.vpcId} --cidr-block ${cidr}`;
}

export function createSubnetCommand(
  text: PlanText,
  zone: string,
  cidr: string,
): string {
  return (
    `aws ec2 create-subnet --vpc-id ${text.vpcId} --availability-zone ${zone} --cidr-block ${cidr}` +
    ` --tag-specifications 'ResourceType=subnet,Tags=[{Key=Name,Value=${subnetName(
      text.cluster,
      zone,
    )}}]'`
  );
}

/** Turns custom networking on, one `ENIConfig` per zone named after the zone. */
export function enableCustomNetworkingCommand(): string {
  return 'kubectl set env daemonset aws-node -n kube-system AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone';
}

/** A zone's `ENIConfig`: named after the zone, as `ENI_CONFIG_LABEL_DEF` picks it. */
export function eniConfigYaml(
  text: PlanText,
  zone: string,
  subnetId: string,
): string {
  return [
    'apiVersion: crd.k8s.amazonaws.com/v1alpha1',
    'kind: ENIConfig',
    'metadata:',
    `  name: ${zone}`,
    'spec:',
    `  subnet: ${subnetId}`,
    '  securityGroups:',
    ...text.securityGroupIds.map(id => `    - ${id}`),
    '',
  ].join('\n');
}

/** The lines to add to an Auto Mode `NodeClass`: pod subnets by Name tag, pod security groups by id. */
export function nodeClassSnippet(text: PlanText, names: string[]): string {
  return [
    '# Add to your NodeClass (eks.amazonaws.com/v1); keep its other spec fields.',
    'spec:',
    '  podSubnetSelectorTerms:',
    ...names.flatMap(name => ['    - tags:', `        Name: "${name}"`]),
    '  podSecurityGroupSelectorTerms:',
    ...text.securityGroupIds.map(id => `    - id: "${id}"`),
    '',
  ].join('\n');
}

/**
 * The same lines as a merge patch of a `NodeClass` you created (the
 * built-in ones are managed by EKS); a merge patch replaces both lists.
 */
export function nodeClassPatchCommand(text: PlanText, names: string[]): string {
  const patch = {
    spec: {
      podSubnetSelectorTerms: names.map(name => ({ tags: { Name: name } })),
      podSecurityGroupSelectorTerms: text.securityGroupIds.map(id => ({ id })),
    },
  };
  return `kubectl patch nodeclass <nodeclass-name> --type merge -p '${JSON.stringify(
    patch,
  )}'`;
}

/** A shell variable for a zone's new subnet id. */
function subnetVariable(zone: string): string {
  return `SUBNET_${zone.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * Every step as one script. It captures each new subnet's id in a shell
 * variable so that the `ENIConfig`s it applies need no editing.
 */
export function secondaryCidrScript(plan: {
  text: PlanText;
  vpcCidr: string;
  subnets: PlannedPodSubnet[];
  networking: PodSubnetNetworking;
  enableCommand?: string;
}): string {
  const lines = [
    `# 1. Add ${plan.vpcCidr} to the VPC`,
    associateVpcCidrCommand(plan.text, plan.vpcCidr),
    '',
    '# 2. One pod subnet per zone',
  ];
  for (const s of plan.subnets) {
    lines.push(
      plan.networking === 'custom-networking'
        ? `${subnetVariable(s.availabilityZone)}=$(${
            s.createSubnetCommand
          } --query Subnet.SubnetId --output text)`
        : s.createSubnetCommand,
    );
  }
  lines.push('');
  if (plan.networking === 'custom-networking') {
    lines.push(
      '# 3. Pods get their IPs from those subnets (VPC CNI custom networking)',
    );
    if (plan.enableCommand) lines.push(plan.enableCommand);
    lines.push('kubectl apply -f - <<EOF');
    plan.subnets.forEach((s, i) => {
      if (i > 0) lines.push('---');
      lines.push(
        eniConfigYaml(
          plan.text,
          s.availabilityZone,
          `\${${subnetVariable(s.availabilityZone)}}`,
        ).trimEnd(),
      );
    });
    lines.push('EOF');
  } else {
    lines.push(
      '# 3. Pods get their IPs from those subnets (EKS Auto Mode NodeClass)',
      nodeClassPatchCommand(
        plan.text,
        plan.subnets.map(s => s.name),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The `<…>` placeholders in the texts, in order of first appearance. */
export function placeholdersIn(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const t of texts)
    for (const m of t.matchAll(/<[a-z0-9][a-z0-9.-]*>/g)) found.add(m[0]);
  return [...found];
}
