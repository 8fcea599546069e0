import { planSecondaryVpcCidr } from './planSecondaryVpcCidr';
import { pickSecondaryCidr } from './pickSecondaryCidr';

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

describe('planSecondaryVpcCidr', () => {
  it('gives a 10.0.0.0/16 VPC 100.64.0.0/16, one /18 per zone of three, with the commands to copy', () => {
    const plan = planSecondaryVpcCidr({
      clusterName: 'shop',
      zones: ZONES,
      vpcId: 'vpc-0123456789abcdef0',
      vpcCidrBlocks: ['10.0.0.0/16'],
      networking: 'custom-networking',
      securityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'],
    })!;
    // 100.64.0.0/10 comes first and its lowest /16 is unused.
    expect(plan.vpcCidr).toBe('100.64.0.0/16');
    expect(plan.addressSpace).toBe('rfc6598');
    expect(plan.associateCommand).toBe(
      'aws ec2 associate-vpc-cidr-block --vpc-id vpc-0123456789abcdef0 --cidr-block 100.64.0.0/16',
    );
    // Subnets are aligned CIDRs: three zones take the next power of two,
    // four parts, so each zone gets a /18 (16,384 addresses, 16,379 usable,
    // 1,024 blocks of which the first and last hold reserved addresses) and
    // the fourth /18 stays spare.
    expect(
      plan.subnets.map(s => [
        s.availabilityZone,
        s.cidr,
        s.usable,
        s.freePrefixBlocks,
      ]),
    ).toEqual([
      ['eu-west-1a', '100.64.0.0/18', 16379, 1022],
      ['eu-west-1b', '100.64.64.0/18', 16379, 1022],
      ['eu-west-1c', '100.64.128.0/18', 16379, 1022],
    ]);
    expect(plan.spareCidrs).toEqual(['100.64.192.0/18']);
    expect(plan.subnets[0].createSubnetCommand).toBe(
      "aws ec2 create-subnet --vpc-id vpc-0123456789abcdef0 --availability-zone eu-west-1a --cidr-block 100.64.0.0/18 --tag-specifications 'ResourceType=subnet,Tags=[{Key=Name,Value=shop-pods-eu-west-1a}]'",
    );
    // The ENIConfig is named after the zone (ENI_CONFIG_LABEL_DEF picks it);
    // the subnet id exists only once the subnet is created.
    expect(plan.subnets[0].eniConfigYaml).toBe(
      [
        'apiVersion: crd.k8s.amazonaws.com/v1alpha1',
        'kind: ENIConfig',
        'metadata:',
        '  name: eu-west-1a',
        'spec:',
        '  subnet: <subnet-id-of-shop-pods-eu-west-1a>',
        '  securityGroups:',
        '    - sg-0aaaaaaaaaaaaaaaa',
        '',
      ].join('\n'),
    );
    expect(plan.enableCustomNetworkingCommand).toBe(
      'kubectl set env daemonset aws-node -n kube-system AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone',
    );
    expect(plan.placeholders).toEqual([
      '<subnet-id-of-shop-pods-eu-west-1a>',
      '<subnet-id-of-shop-pods-eu-west-1b>',
      '<subnet-id-of-shop-pods-eu-west-1c>',
    ]);
    expect(plan.vpcCidrBlocksKnown).toBe(true);
  });

  it('writes one script that needs no editing: subnet ids captured, ENIConfigs applied with them', () => {
    const { script } = planSecondaryVpcCidr({
      clusterName: 'shop',
      zones: ['eu-west-1a'],
      vpcId: 'vpc-1',
      vpcCidrBlocks: ['10.0.0.0/16'],
      networking: 'custom-networking',
      customNetworkingEnabled: true,
      securityGroupIds: ['sg-1'],
    })!;
    // One zone: the whole /16 is its subnet. Custom networking is on
    // already, so no `kubectl set env`.
    expect(script).toBe(
      [
        '# 1. Add 100.64.0.0/16 to the VPC',
        'aws ec2 associate-vpc-cidr-block --vpc-id vpc-1 --cidr-block 100.64.0.0/16',
        '',
        '# 2. One pod subnet per zone',
        "SUBNET_EU_WEST_1A=$(aws ec2 create-subnet --vpc-id vpc-1 --availability-zone eu-west-1a --cidr-block 100.64.0.0/16 --tag-specifications 'ResourceType=subnet,Tags=[{Key=Name,Value=shop-pods-eu-west-1a}]' --query Subnet.SubnetId --output text)",
        '',
        '# 3. Pods get their IPs from those subnets (VPC CNI custom networking)',
        'kubectl apply -f - <<EOF',
        'apiVersion: crd.k8s.amazonaws.com/v1alpha1',
        'kind: ENIConfig',
        'metadata:',
        '  name: eu-west-1a',
        'spec:',
        '  subnet: ${SUBNET_EU_WEST_1A}',
        '  securityGroups:',
        '    - sg-1',
        'EOF',
        '',
      ].join('\n'),
    );
  });

  it('takes the next free /16 when the VPC already uses 100.64.0.0/16', () => {
    const plan = planSecondaryVpcCidr({
      clusterName: 'shop',
      zones: ZONES,
      vpcCidrBlocks: ['10.0.0.0/16', '100.64.0.0/16'],
      networking: 'custom-networking',
    })!;
    expect(plan.vpcCidr).toBe('100.65.0.0/16');
    expect(plan.subnets.map(s => s.cidr)).toEqual([
      '100.65.0.0/18',
      '100.65.64.0/18',
      '100.65.128.0/18',
    ]);
    // Neither the VPC id nor a security group was given.
    expect(plan.placeholders).toEqual(
      expect.arrayContaining(['<vpc-id>', '<cluster-security-group-id>']),
    );
  });

  it('without the VPC blocks, avoids the subnets it knows (sample 2: pods in 100.64.32.0/19 and .64.0/19) and says to check', () => {
    const plan = planSecondaryVpcCidr({
      clusterName: 'sample-2',
      zones: ['eu-west-1b', 'eu-west-1c'],
      knownSubnetCidrs: [
        '100.64.32.0/19',
        '100.64.64.0/19',
        '192.168.128.0/19',
        '192.168.160.0/19',
      ],
      networking: 'custom-networking',
      customNetworkingEnabled: true,
    })!;
    // 100.64.0.0/16 holds the pod subnets: next /16. Two zones → /17 each.
    expect(plan.vpcCidr).toBe('100.65.0.0/16');
    expect(plan.subnets.map(s => s.cidr)).toEqual([
      '100.65.0.0/17',
      '100.65.128.0/17',
    ]);
    expect(plan.spareCidrs).toEqual([]);
    expect(plan.vpcCidrBlocksKnown).toBe(false);
    expect(plan.notes[0]).toContain('aws ec2 describe-vpcs');
    expect(plan.enableCustomNetworkingCommand).toBeUndefined();
  });

  it('sizes the block for the pods asked for: 3,000 addresses over three zones → a /19 of /21s', () => {
    // 1,000 per zone = 63 blocks of 16, plus the first and last block that
    // hold reserved addresses = 65 blocks = 1,040 addresses → a /21 (2,048);
    // four parts of a /21 → a /19.
    const plan = planSecondaryVpcCidr({
      clusterName: 'shop',
      zones: ZONES,
      vpcCidrBlocks: ['10.0.0.0/16'],
      podAddresses: 3000,
      networking: 'custom-networking',
    })!;
    expect(plan.vpcCidr).toBe('100.64.0.0/19');
    expect(plan.subnets.map(s => [s.cidr, s.freePrefixBlocks])).toEqual([
      ['100.64.0.0/21', 126],
      ['100.64.8.0/21', 126],
      ['100.64.16.0/21', 126],
    ]);
  });

  it('for EKS Auto Mode, selects the new subnets in the NodeClass, with the pod security groups it requires', () => {
    const plan = planSecondaryVpcCidr({
      clusterName: 'shop',
      zones: ['eu-west-1a', 'eu-west-1b'],
      vpcId: 'vpc-1',
      vpcCidrBlocks: ['10.0.0.0/16'],
      networking: 'auto-mode',
      securityGroupIds: ['sg-1'],
    })!;
    expect(plan.subnets[0].eniConfigYaml).toBeUndefined();
    expect(plan.nodeClassSnippet).toBe(
      [
        '# Add to your NodeClass (eks.amazonaws.com/v1); keep its other spec fields.',
        'spec:',
        '  podSubnetSelectorTerms:',
        '    - tags:',
        '        Name: "shop-pods-eu-west-1a"',
        '    - tags:',
        '        Name: "shop-pods-eu-west-1b"',
        '  podSecurityGroupSelectorTerms:',
        '    - id: "sg-1"',
        '',
      ].join('\n'),
    );
    expect(plan.script).toContain(
      `kubectl patch nodeclass <nodeclass-name> --type merge -p '{"spec":{"podSubnetSelectorTerms":[{"tags":{"Name":"shop-pods-eu-west-1a"}},{"tags":{"Name":"shop-pods-eu-west-1b"}}],"podSecurityGroupSelectorTerms":[{"id":"sg-1"}]}}'`,
    );
    expect(plan.placeholders).toEqual(['<nodeclass-name>']);
  });
});

describe('pickSecondaryCidr', () => {
  it("falls back to the primary CIDR's own RFC 1918 range once 100.64.0.0/10 is used up", () => {
    // All 64 /16s of 100.64.0.0/10 taken (more blocks than a VPC's quota
    // allows, only to show the order). A 10.0.0.0/16 VPC may add other
    // 10.x space but not 172.16/12 or 192.168/16; 10.0.0.0/16 itself is
    // taken, so 10.1.0.0/16.
    const all100 = Array.from({ length: 64 }, (_, i) => `100.${64 + i}.0.0/16`);
    expect(
      pickSecondaryCidr(['10.0.0.0/16', ...all100], 16, {
        rfc1918Fallback: true,
      }),
    ).toEqual({ cidr: '10.1.0.0/16', space: 'rfc1918' });
    expect(
      pickSecondaryCidr(['10.0.0.0/16', ...all100], 16, {
        rfc1918Fallback: false,
      }),
    ).toBeUndefined();
  });

  it('skips 10.0.0.0/16 when the VPC has a block in 10.0.0.0/15, as AWS refuses it', () => {
    const all100 = Array.from({ length: 64 }, (_, i) => `100.${64 + i}.0.0/16`);
    // Primary 10.1.0.0/16 lies in 10.0.0.0/15: 10.0.0.0/16 is refused, and
    // 10.1.0.0/16 is taken, so 10.2.0.0/16.
    expect(
      pickSecondaryCidr(['10.1.0.0/16', ...all100], 16, {
        rfc1918Fallback: true,
      }),
    ).toEqual({ cidr: '10.2.0.0/16', space: 'rfc1918' });
  });
});
