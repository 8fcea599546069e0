import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { domainSample1, domainSample2 } from '../testing/domainSamples';
import { INSTANCE_TYPES } from '../testing/builders';
import { buildCluster } from './__fixtures__/buildCluster';
import { karpenterScenario } from './__fixtures__/karpenterScenario';
import { nextNodeLandings } from './nextNodeLandings';

const instanceTypes = [INSTANCE_TYPES['m5.large']];

describe('nextNodeLandings (how-pod-ips-are-counted.md §7)', () => {
  it("follows Karpenter's most-free-IPs rule into a subnet with no free /28, and names one that works", () => {
    // us-west-2b: subnet-b1 has 1,856 free IPs and no free /28, subnet-b2
    // 251 and 14. Karpenter takes b1 (more IPs); the node's address takes
    // one (1,855 left), then its first prefix finds no aligned /28.
    const { inventory, provisioning } = karpenterScenario();
    const landings = nextNodeLandings(computeClusterCapacity(inventory), {
      provisioning,
      instanceTypes,
    });
    const b = landings.find(l => l.zone === 'us-west-2b')!;
    expect(b).toEqual({
      nodeGroup: 'general-purpose',
      kind: 'karpenter',
      zone: 'us-west-2b',
      nodeClass: 'default',
      rule: 'most-available-ips',
      nodeSubnet: {
        subnetId: 'subnet-b1',
        availabilityZone: 'us-west-2b',
        available: 1856,
        freePrefixBlocks: 0,
      },
      candidates: [
        {
          subnetId: 'subnet-b1',
          availabilityZone: 'us-west-2b',
          available: 1856,
          freePrefixBlocks: 0,
        },
        {
          subnetId: 'subnet-b2',
          availabilityZone: 'us-west-2b',
          available: 251,
          freePrefixBlocks: 14,
        },
      ],
      podSubnet: {
        subnetId: 'subnet-b1',
        availabilityZone: 'us-west-2b',
        available: 1856,
        freePrefixBlocks: 0,
      },
      podSubnetSource: 'node-subnet',
      subnetDiscovery: true,
      prefixMode: true,
      warnings: [
        {
          error: 'InsufficientCidrBlocks',
          request: 'prefix',
          subnetId: 'subnet-b1',
          available: 1855,
          freePrefixBlocks: 0,
          needed: 16,
          fallsBackToSecondaryIps: false,
          workingSubnetId: 'subnet-b2',
        },
      ],
      problems: [],
    });
    // us-west-2a's only subnet has 59 free /28: no warning.
    const a = landings.find(l => l.zone === 'us-west-2a')!;
    expect(a.nodeSubnet?.subnetId).toBe('subnet-a1');
    expect(a.warnings).toEqual([]);
  });

  it('lands Auto Mode nodes by the NodeClass, with no CNI settings or subnet discovery', () => {
    // Sample 1's pool general-purpose, its NodeClass selecting both sample subnets.
    const capacity = computeClusterCapacity(domainSample1());
    const nodePools = [
      {
        name: 'general-purpose',
        nodeClassRef: {
          group: 'eks.amazonaws.com',
          kind: 'NodeClass',
          name: 'default',
        },
      },
    ];
    const subnets = [
      { id: 'subnet-0sample1a', zone: 'eu-west-1a' },
      { id: 'subnet-0sample1c', zone: 'eu-west-1c' },
    ];
    const landings = nextNodeLandings(capacity, {
      provisioning: {
        nodePools,
        autoModeNodeClasses: [{ name: 'default', subnets }],
      },
      instanceTypes,
    });
    expect(
      landings.map(l => [
        l.kind,
        l.zone,
        l.nodeSubnet?.subnetId,
        l.podSubnetSource,
        l.prefixMode,
        l.subnetDiscovery,
      ]),
    ).toEqual([
      [
        'auto-mode',
        'eu-west-1a',
        'subnet-0sample1a',
        'node-subnet',
        true,
        false,
      ],
      [
        'auto-mode',
        'eu-west-1c',
        'subnet-0sample1c',
        'node-subnet',
        true,
        false,
      ],
    ]);
    // ipv4PrefixSize "32": single IPs only. Pod subnets are taken in the
    // node's zone: eu-west-1c has one, eu-west-1a none (pods' IPs unknown).
    const singleIps = nextNodeLandings(capacity, {
      provisioning: {
        nodePools,
        autoModeNodeClasses: [
          {
            name: 'default',
            subnets,
            ipv4PrefixSize: '32',
            podSubnets: [{ id: 'subnet-0sample1c', zone: 'eu-west-1c' }],
          },
        ],
      },
    });
    expect(singleIps).toMatchObject([
      {
        zone: 'eu-west-1a',
        prefixMode: false,
        podSubnetSource: 'unknown',
        podSubnet: null,
        problems: ['pod-subnet-unknown'],
      },
      {
        zone: 'eu-west-1c',
        prefixMode: false,
        podSubnetSource: 'auto-mode-pod-subnets',
        podSubnet: { subnetId: 'subnet-0sample1c' },
        problems: [],
      },
    ]);
  });

  it('warns that an Auto Mode node falls back to single IPs where no /28 is free', () => {
    // One Auto Mode subnet, fragmented: 2 nodes' addresses and 4 prefixes,
    // then a Lambda address in every other block of the /24.
    const inventory = buildCluster(
      'auto-fragmented',
      [
        {
          id: 'subnet-c',
          cidr: '10.30.0.0/24',
          zone: 'eu-west-1c',
          keepFreeBlocks: 0,
        },
      ],
      ['x', 'y'].map(name => ({
        name,
        group: 'general-purpose',
        zone: 'eu-west-1c',
        subnetId: 'subnet-c',
        mode: 'auto-mode' as const,
        pods: 3,
      })),
    );
    const [landing] = nextNodeLandings(computeClusterCapacity(inventory), {
      provisioning: {
        nodePools: [
          {
            name: 'general-purpose',
            nodeClassRef: {
              group: 'eks.amazonaws.com',
              kind: 'NodeClass',
              name: 'default',
            },
          },
        ],
        autoModeNodeClasses: [
          {
            name: 'default',
            subnets: [{ id: 'subnet-c', zone: 'eu-west-1c' }],
          },
        ],
      },
    });
    // 251 usable − 2 addresses − 64 in prefixes − 9 Lambda (blocks 6–14) =
    // 176 free IPs; the node's own address leaves 175 for its first prefix.
    expect(landing.warnings).toEqual([
      {
        error: 'InsufficientCidrBlocks',
        request: 'prefix',
        subnetId: 'subnet-c',
        available: 175,
        freePrefixBlocks: 0,
        needed: 16,
        fallsBackToSecondaryIps: true,
      },
    ]);
  });

  it("takes pods' IPs from the zone's ENIConfig under custom networking", () => {
    // Sample 2: a managed node group whose pods sit in 100.64 subnets.
    const landings = nextNodeLandings(computeClusterCapacity(domainSample2()), {
      provisioning: {
        cni: {
          customNetworking: true,
          eniConfigLabelDef: 'topology.kubernetes.io/zone',
        },
        eniConfigs: [
          { name: 'eu-west-1b', subnetId: 'subnet-0pods1b' },
          { name: 'eu-west-1c', subnetId: 'subnet-0pods1c' },
        ],
      },
      instanceTypes,
    });
    expect(
      landings.map(l => [
        l.kind,
        l.rule,
        l.zone,
        l.nodeSubnet?.subnetId,
        l.podSubnet?.subnetId,
        l.podSubnetSource,
        l.subnetDiscovery,
      ]),
    ).toEqual([
      [
        'node-group',
        'auto-scaling',
        'eu-west-1b',
        'subnet-0nodes1b',
        'subnet-0pods1b',
        'eni-config',
        false,
      ],
      [
        'node-group',
        'auto-scaling',
        'eu-west-1c',
        'subnet-0nodes1c',
        'subnet-0pods1c',
        'eni-config',
        false,
      ],
    ]);
    expect(landings.every(l => l.warnings.length === 0)).toBe(true);
  });

  it('warns InsufficientFreeAddressesInSubnet when a subnet has too few IPs for the warm IPs', () => {
    // A secondary-IP managed node group on m5.large in a /24. EC2 counts 6
    // free IPs (ENIs this snapshot does not see hold the rest). A new node
    // takes 1 for itself, then asks WARM_ENI_TARGET=1's ENI of 9 IPs: 5 are left.
    const inventory = buildCluster(
      'full',
      [{ id: 'subnet-l', cidr: '10.40.0.0/24', zone: 'eu-west-1b' }],
      [
        {
          name: 'legacy-0',
          group: 'legacy',
          zone: 'eu-west-1b',
          subnetId: 'subnet-l',
          mode: 'secondary-ip',
          pods: 3,
        },
      ],
    );
    inventory.subnets[0].availableIpAddressCount = 6;
    const [landing] = nextNodeLandings(computeClusterCapacity(inventory), {
      instanceTypes,
    });
    expect(landing).toMatchObject({
      nodeGroup: 'legacy',
      kind: 'node-group',
      prefixMode: false,
      nodeSubnet: { subnetId: 'subnet-l', available: 6 },
      warnings: [
        {
          error: 'InsufficientFreeAddressesInSubnet',
          request: 'secondary-ips',
          subnetId: 'subnet-l',
          available: 5,
          needed: 9,
        },
      ],
    });
  });

  it('says what it could not tell: a missing node class, a zone without subnets', () => {
    // The pool's class was not read: its nodes' subnets stand in. Its
    // requirements allow us-west-2c, where the class has no subnet.
    const { inventory, provisioning } = karpenterScenario();
    const landings = nextNodeLandings(computeClusterCapacity(inventory), {
      provisioning: {
        ...provisioning,
        ec2NodeClasses: [],
        nodePools: [
          {
            ...provisioning.nodePools![0],
            zones: ['us-west-2b', 'us-west-2c'],
          },
        ],
      },
    });
    expect(
      landings.map(l => [l.zone, l.nodeSubnet?.subnetId ?? null, l.problems]),
    ).toEqual([
      ['us-west-2b', 'subnet-b1', ['node-class-not-found']],
      ['us-west-2c', null, ['node-class-not-found', 'no-subnet-in-zone']],
    ]);
  });
});
