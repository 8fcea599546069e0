import { ClusterCapacity, NodeUsage } from '../types';
import {
  ClusterProvisioning,
  LandingProblem,
  LaunchKind,
  NodeLanding,
  PodSubnetSource,
  ZonalSubnet,
} from './types';

/**
 * Where a node pool or group can put its next node in one zone, before
 * looking at how full the subnets are: the node subnets to choose from,
 * where pod IPs come from, and the mode. Built once from the provisioning
 * and the snapshot; `pickLanding` then chooses with the current free
 * counts.
 */
export interface LaunchTarget {
  nodeGroup: string;
  kind: LaunchKind;
  zone: string;
  nodeClass?: string;
  rule: NodeLanding['rule'];
  /** Node subnets possible in the zone, in the class's order. */
  nodeSubnetIds: string[];
  podSubnetSource: PodSubnetSource;
  /** Pod subnets to choose from, when not the node subnet. */
  podSubnetIds: string[];
  prefixMode: boolean | null;
  /** EKS Auto Mode with `ipv4PrefixSize: Auto`: single IPs when no /28 is free. */
  fallbackToSecondaryIps: boolean;
  /** EKS Auto Mode with `ipv4PrefixSize: "32"`. */
  singleIpsOnly: boolean;
  customNetworking: boolean;
  subnetDiscovery: boolean;
  problems: LandingProblem[];
}

const AUTO_MODE_GROUP = 'eks.amazonaws.com';
const ZONE_LABELS = new Set([
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
]);
const NODE_GROUP_SOURCES = new Set([
  'eks.amazonaws.com/nodegroup',
  'alpha.eksctl.io/nodegroup-name',
]);

/** The subnet of a node's own address: its primary ENI's (device 0, card 0). */
export function nodeSubnetOf(node: NodeUsage): string | undefined {
  return node.networkInterfaces.find(
    e => e.deviceIndex === 0 && e.networkCardIndex === 0,
  )?.subnetId;
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** True when most of the nodes say so; null without nodes. */
function mostly(
  nodes: readonly NodeUsage[],
  test: (n: NodeUsage) => boolean,
): boolean | null {
  if (nodes.length === 0) return null;
  return 2 * nodes.filter(test).length >= nodes.length;
}

interface TargetFacts {
  nodeGroup: string;
  kind: LaunchKind;
  nodeClass?: string;
  rule: NodeLanding['rule'];
  /** Node subnets with their zones, in the class's (or nodes') order. */
  subnets: ZonalSubnet[];
  /** Zones to land in; absent: every zone of `subnets`. */
  zones?: string[];
  podSubnets?: ZonalSubnet[];
  ipv4PrefixSize?: 'Auto' | '32';
  problems: LandingProblem[];
}

/**
 * Every node pool and node group's launch targets, one per zone
 * (how-pod-ips-are-counted.md §7): Karpenter and Auto Mode node pools from
 * their class's subnets, node groups from the subnets their nodes are in
 * (and those listed for them), pools whose class is not known from their
 * nodes too. Fargate profiles launch no nodes. O(nodes + subnets).
 *
 * @public
 */
export function launchTargets(
  capacity: ClusterCapacity,
  provisioning: ClusterProvisioning = {},
): LaunchTarget[] {
  const cni = provisioning.cni ?? {};
  const subnetZones = new Map(
    capacity.subnets.map(s => [s.subnetId, s.availabilityZone]),
  );
  const nodesByGroup = new Map<string, NodeUsage[]>();
  for (const node of capacity.nodes) {
    let list = nodesByGroup.get(node.nodeGroup);
    if (!list) nodesByGroup.set(node.nodeGroup, (list = []));
    list.push(node);
  }
  /** The subnets a group's nodes are in now, with their zones. */
  const currentSubnets = (group: string): ZonalSubnet[] => {
    const seen = new Map<string, string>();
    for (const node of nodesByGroup.get(group) ?? []) {
      const id = nodeSubnetOf(node);
      const zone = (id && subnetZones.get(id)) ?? node.zone;
      if (id && zone && !seen.has(id)) seen.set(id, zone);
    }
    return [...seen].map(([id, zone]) => ({ id, zone }));
  };

  const facts: TargetFacts[] = [];
  const covered = new Set<string>();
  const ec2Classes = new Map(
    (provisioning.ec2NodeClasses ?? []).map(c => [c.name, c]),
  );
  const autoClasses = new Map(
    (provisioning.autoModeNodeClasses ?? []).map(c => [c.name, c]),
  );
  for (const pool of provisioning.nodePools ?? []) {
    covered.add(pool.name);
    const auto = pool.nodeClassRef.group === AUTO_MODE_GROUP;
    const ref = pool.nodeClassRef.name;
    const autoClass = auto ? autoClasses.get(ref) : undefined;
    const ec2Class = auto ? undefined : ec2Classes.get(ref);
    const nodeClass = autoClass ?? ec2Class;
    facts.push({
      nodeGroup: pool.name,
      kind: auto ? 'auto-mode' : 'karpenter',
      nodeClass: ref,
      rule: 'most-available-ips',
      subnets: nodeClass ? nodeClass.subnets : currentSubnets(pool.name),
      ...(pool.zones ? { zones: pool.zones } : {}),
      ...(autoClass?.podSubnets ? { podSubnets: autoClass.podSubnets } : {}),
      ...(autoClass?.ipv4PrefixSize
        ? { ipv4PrefixSize: autoClass.ipv4PrefixSize }
        : {}),
      problems: nodeClass ? [] : ['node-class-not-found'],
    });
  }
  const listedGroups = new Map(
    (provisioning.managedNodeGroups ?? []).map(g => [g.name, g]),
  );
  const groupNames = unique([
    ...capacity.nodeGroups.map(g => g.name),
    ...listedGroups.keys(),
  ]);
  const usages = new Map(capacity.nodeGroups.map(g => [g.name, g]));
  for (const name of groupNames) {
    if (covered.has(name)) continue;
    const usage = usages.get(name);
    const listed = listedGroups.get(name);
    if (
      usage &&
      (usage.mode === 'fargate' ||
        usage.source === 'eks.amazonaws.com/fargate-profile')
    )
      continue;
    const pool = usage?.source === 'karpenter.sh/nodepool';
    if (usage && !listed && !pool && !NODE_GROUP_SOURCES.has(usage.source))
      continue;
    const listedSubnets = (listed?.subnetIds ?? []).flatMap(id => {
      const zone = subnetZones.get(id);
      return zone ? [{ id, zone }] : [];
    });
    const subnets = [...currentSubnets(name)];
    for (const s of listedSubnets) {
      if (!subnets.some(c => c.id === s.id)) subnets.push(s);
    }
    let kind: LaunchKind = 'node-group';
    if (pool) kind = usage?.mode === 'auto-mode' ? 'auto-mode' : 'karpenter';
    facts.push({
      nodeGroup: name,
      kind,
      rule: pool ? 'most-available-ips' : 'auto-scaling',
      subnets,
      problems: pool ? ['node-class-not-found'] : [],
    });
  }

  const eniConfigs = new Map(
    (provisioning.eniConfigs ?? []).map(e => [e.name, e]),
  );
  return facts.flatMap(f => {
    const nodes = nodesByGroup.get(f.nodeGroup) ?? [];
    const zones = f.zones ?? unique(f.subnets.map(s => s.zone)).sort();
    const auto = f.kind === 'auto-mode';
    const customNetworking =
      !auto &&
      (cni.customNetworking ?? mostly(nodes, n => n.customNetworking) ?? false);
    const prefixMode: boolean | null = auto
      ? f.ipv4PrefixSize !== '32'
      : cni.prefixDelegation ?? mostly(nodes, n => n.prefixDelegation);
    return zones.map(zone => {
      const problems = [...f.problems];
      const nodeSubnetIds = f.subnets
        .filter(s => s.zone === zone)
        .map(s => s.id);
      if (nodeSubnetIds.length === 0) problems.push('no-subnet-in-zone');
      let podSubnetSource: PodSubnetSource = 'node-subnet';
      let podSubnetIds: string[] = [];
      if (auto && f.podSubnets && f.podSubnets.length > 0) {
        podSubnetIds = f.podSubnets.filter(s => s.zone === zone).map(s => s.id);
        podSubnetSource =
          podSubnetIds.length > 0 ? 'auto-mode-pod-subnets' : 'unknown';
      } else if (customNetworking) {
        // A node uses the ENIConfig its ENI_CONFIG_LABEL_DEF label names,
        // usually the zone; ENIConfigs named after zones exist for that.
        const byZone = eniConfigs.get(zone);
        const labelIsZone =
          cni.eniConfigLabelDef === undefined ||
          ZONE_LABELS.has(cni.eniConfigLabelDef);
        const inZone = nodes.filter(n => n.zone === zone);
        const observed = unique(
          inZone.flatMap(n =>
            n.podSubnetId && n.podSubnetId !== nodeSubnetOf(n)
              ? [n.podSubnetId]
              : [],
          ),
        );
        if (byZone && labelIsZone) {
          podSubnetSource = 'eni-config';
          podSubnetIds = [byZone.subnetId];
        } else if (observed.length > 0) {
          podSubnetSource = 'current-nodes';
          podSubnetIds = observed;
        } else {
          podSubnetSource = 'unknown';
        }
      }
      if (podSubnetSource === 'unknown') problems.push('pod-subnet-unknown');
      if (prefixMode === null) problems.push('prefix-mode-unknown');
      return {
        nodeGroup: f.nodeGroup,
        kind: f.kind,
        zone,
        ...(f.nodeClass ? { nodeClass: f.nodeClass } : {}),
        rule: f.rule,
        nodeSubnetIds,
        podSubnetSource,
        podSubnetIds,
        prefixMode,
        fallbackToSecondaryIps: auto && prefixMode === true,
        singleIpsOnly: auto && prefixMode === false,
        customNetworking,
        subnetDiscovery:
          !auto && !customNetworking && (cni.subnetDiscovery ?? true),
        problems,
      };
    });
  });
}
