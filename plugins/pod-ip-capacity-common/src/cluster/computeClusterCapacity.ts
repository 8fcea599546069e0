import {
  ClusterCapacity,
  ClusterInventory,
  ClusterTotals,
  EniUsage,
  InventoryNetworkInterface,
  InventoryPod,
  IpFamily,
  NodeGroupUsage,
  NodeIpMode,
  NodePodCounts,
  NodeUsage,
  SubnetUsage,
  UnattributedPod,
} from '../types';
import { blockBaseOf, tryParseIpv4, tryParseIpv4Cidr } from '../ip/ipv4';
import { isPodTerminated, vpcPodIp, vpcPodIpv4 } from '../pods/podHoldsVpcIpv4';
import { computeEniUsage } from '../enis/computeEniUsage';
import {
  computeSubnetUsage,
  SubnetNetworkInterface,
  SubnetRiskOptions,
} from '../subnets/computeSubnetUsage';
import { computeNodeUsage } from '../nodes/computeNodeUsage';
import { COMPUTE_TYPE_LABEL, nodeIpMode } from '../nodes/nodeIpMode';
import { nodeGroupOf } from '../nodes/nodeGroupOf';
import { sharedHeadroom } from '../nodes/nodeHeadroom';
import { inferIpFamily } from './inferIpFamily';

/**
 * Options of `computeClusterCapacity`.
 *
 * @public
 */
export type ClusterCapacityOptions = SubnetRiskOptions;

/** An ENI of one of the cluster's instances, and the pod IPs placed on it. */
export interface NodeEni {
  eni: InventoryNetworkInterface;
  instanceId: string;
  podIps: number[];
}

const POD_ENI_ANNOTATION = 'vpc.amazonaws.com/pod-eni';

const emptyCounts = (): NodePodCounts => ({
  total: 0,
  withVpcIp: 0,
  hostNetwork: 0,
  pendingWithoutIp: 0,
  completedWithStaleIp: 0,
  unattributed: 0,
});

const byDevice = (a: EniUsage, b: EniUsage) =>
  a.networkCardIndex - b.networkCardIndex || a.deviceIndex - b.deviceIndex;

/** Where the pods were placed: the first stage of `computeClusterCapacity`. */
export interface PodPlacement {
  ipFamily: IpFamily;
  /** The cluster's instances' ENIs by id, each with the pod IPs placed on it. */
  nodeEnis: Map<string, NodeEni>;
  /** ENIs in the subnets that belong to no instance of the cluster. */
  foreignEnis: Map<string, InventoryNetworkInterface>;
  counts: Map<string, NodePodCounts>;
  /** Pods whose node is not in the inventory. */
  unscheduled: NodePodCounts;
  unattributedPods: UnattributedPod[];
  subnetPodIps: Map<string, number>;
  subnetPodNodes: Map<string, Set<string>>;
}

/**
 * Stage 1: indexes every IPv4 allocation of the nodes' ENIs (prefix base →
 * ENI, secondary IP → ENI, primary IP → ENI) and places each pod: counted
 * on its node, its VPC IP on the ENI of its node that holds it, or reported
 * as unattributed. O(pods + allocations).
 */
export function placePodIps(inventory: ClusterInventory): PodPlacement {
  const ipFamily = inferIpFamily(inventory);
  const nodesByName = new Map(inventory.nodes.map(n => [n.name, n]));

  const nodeEnis = new Map<string, NodeEni>();
  const prefixOwner = new Map<number, NodeEni>();
  const secondaryOwner = new Map<number, NodeEni>();
  const primaryOwner = new Map<number, InventoryNetworkInterface>();
  for (const instance of inventory.instances) {
    for (const eni of instance.networkInterfaces) {
      const record: NodeEni = {
        eni,
        instanceId: instance.instanceId,
        podIps: [],
      };
      nodeEnis.set(eni.networkInterfaceId, record);
      for (const prefix of eni.ipv4Prefixes) {
        const range = tryParseIpv4Cidr(prefix);
        if (range) prefixOwner.set(range.base, record);
      }
      for (const address of eni.secondaryIps) {
        const ip = tryParseIpv4(address);
        if (ip !== undefined) secondaryOwner.set(ip, record);
      }
      const primary = tryParseIpv4(eni.primaryIp);
      if (primary !== undefined) primaryOwner.set(primary, eni);
    }
  }
  const foreignEnis = new Map<string, InventoryNetworkInterface>();
  for (const eni of inventory.otherNetworkInterfaces) {
    if (nodeEnis.has(eni.networkInterfaceId)) continue;
    foreignEnis.set(eni.networkInterfaceId, eni);
    const primary = tryParseIpv4(eni.primaryIp);
    if (primary !== undefined) primaryOwner.set(primary, eni);
  }

  const counts = new Map<string, NodePodCounts>();
  for (const node of inventory.nodes) counts.set(node.name, emptyCounts());
  const unscheduled = emptyCounts();
  const unattributedPods: UnattributedPod[] = [];
  const subnetPodIps = new Map<string, number>();
  const subnetPodNodes = new Map<string, Set<string>>();
  const countOnSubnet = (subnetId: string, nodeName: string | undefined) => {
    subnetPodIps.set(subnetId, (subnetPodIps.get(subnetId) ?? 0) + 1);
    if (nodeName) {
      let nodes = subnetPodNodes.get(subnetId);
      if (!nodes) subnetPodNodes.set(subnetId, (nodes = new Set()));
      nodes.add(nodeName);
    }
  };

  const describedInstances = new Set(
    inventory.instances.map(i => i.instanceId),
  );
  const unattributed = (pod: InventoryPod, podIp: string, ip: number) => {
    const node = pod.nodeName ? nodesByName.get(pod.nodeName) : undefined;
    const elsewhere =
      prefixOwner.get(blockBaseOf(ip)) ?? secondaryOwner.get(ip);
    const eni = elsewhere?.eni ?? primaryOwner.get(ip);
    let reason: UnattributedPod['reason'] = 'unknown';
    if (node?.labels[COMPUTE_TYPE_LABEL] === 'fargate') reason = 'fargate';
    else if (node?.instanceId && !describedInstances.has(node.instanceId)) {
      reason = 'node-not-described';
    } else if (
      pod.annotations?.[POD_ENI_ANNOTATION] ||
      eni?.interfaceType === 'branch'
    ) {
      reason = 'branch-eni';
    } else if (eni) reason = 'other-eni';
    if (eni) countOnSubnet(eni.subnetId, undefined);
    unattributedPods.push({
      namespace: pod.namespace,
      name: pod.name,
      ...(pod.nodeName ? { nodeName: pod.nodeName } : {}),
      podIp,
      reason,
      ...(eni
        ? { networkInterfaceId: eni.networkInterfaceId, subnetId: eni.subnetId }
        : {}),
    });
  };

  for (const pod of inventory.pods) {
    const podCounts = (pod.nodeName && counts.get(pod.nodeName)) || unscheduled;
    if (isPodTerminated(pod)) {
      if (pod.podIps.length > 0 && !pod.hostNetwork)
        podCounts.completedWithStaleIp++;
      continue;
    }
    podCounts.total++;
    if (pod.hostNetwork) {
      podCounts.hostNetwork++;
      continue;
    }
    if (ipFamily === 'ipv6') {
      if (vpcPodIp(pod, ipFamily) === undefined) podCounts.pendingWithoutIp++;
      else podCounts.withVpcIp++;
      continue;
    }
    const parsed = vpcPodIpv4(pod);
    if (parsed === undefined) {
      podCounts.pendingWithoutIp++;
      continue;
    }
    podCounts.withVpcIp++;
    const { podIp, value: ip } = parsed;
    const instanceId = pod.nodeName
      ? nodesByName.get(pod.nodeName)?.instanceId
      : undefined;
    const owner = prefixOwner.get(blockBaseOf(ip)) ?? secondaryOwner.get(ip);
    if (owner && instanceId && owner.instanceId === instanceId) {
      owner.podIps.push(ip);
      countOnSubnet(owner.eni.subnetId, pod.nodeName);
    } else {
      podCounts.unattributed++;
      unattributed(pod, podIp, ip);
    }
  }
  return {
    ipFamily,
    nodeEnis,
    foreignEnis,
    counts,
    unscheduled,
    unattributedPods,
    subnetPodIps,
    subnetPodNodes,
  };
}

/**
 * Stage 2: every subnet's usage, from every ENI in it (the nodes' and
 * everybody else's). O(ENIs + /28 blocks) per subnet.
 */
export function computeSubnetUsages(
  inventory: ClusterInventory,
  placement: PodPlacement,
  options: ClusterCapacityOptions = {},
): SubnetUsage[] {
  const enisBySubnet = new Map<string, SubnetNetworkInterface[]>();
  const addToSubnet = (
    eni: InventoryNetworkInterface,
    ofClusterNode: boolean,
  ) => {
    let list = enisBySubnet.get(eni.subnetId);
    if (!list) enisBySubnet.set(eni.subnetId, (list = []));
    list.push({ eni, ofClusterNode });
  };
  for (const { eni } of placement.nodeEnis.values()) addToSubnet(eni, true);
  for (const eni of placement.foreignEnis.values()) addToSubnet(eni, false);
  const podNodes = podNodesBySubnet(inventory, placement.ipFamily);
  return inventory.subnets
    .flatMap(subnet => {
      const range = tryParseIpv4Cidr(subnet.cidr);
      return range ? [{ subnet, base: range.base }] : [];
    })
    .sort(
      (a, b) =>
        a.base - b.base || a.subnet.subnetId.localeCompare(b.subnet.subnetId),
    )
    .map(({ subnet }) =>
      computeSubnetUsage(
        subnet,
        enisBySubnet.get(subnet.subnetId) ?? [],
        {
          ipFamily: placement.ipFamily,
          podIps: placement.subnetPodIps.get(subnet.subnetId) ?? 0,
          podNodes: placement.subnetPodNodes.get(subnet.subnetId)?.size ?? 0,
          prefixNodes: podNodes.get(subnet.subnetId)?.prefix ?? 0,
          secondaryIpNodes: podNodes.get(subnet.subnetId)?.secondaryIp ?? 0,
          ...(inventory.unknown ? { unknown: inventory.unknown } : {}),
        },
        options,
      ),
    );
}

/**
 * Per subnet, the nodes whose new pod IPs come from it, by how: /28
 * prefixes or single secondary IPs (the subnet `nodeIpMode` names).
 */
function podNodesBySubnet(
  inventory: ClusterInventory,
  ipFamily: IpFamily,
): Map<string, { prefix: number; secondaryIp: number }> {
  const instances = new Map(inventory.instances.map(i => [i.instanceId, i]));
  const bySubnet = new Map<string, { prefix: number; secondaryIp: number }>();
  for (const node of inventory.nodes) {
    const instance = node.instanceId
      ? instances.get(node.instanceId)
      : undefined;
    const facts = nodeIpMode(node, instance, ipFamily);
    if (!facts.podSubnetId || facts.mode === 'ipv6') continue;
    let counts = bySubnet.get(facts.podSubnetId);
    if (!counts) {
      bySubnet.set(facts.podSubnetId, (counts = { prefix: 0, secondaryIp: 0 }));
    }
    if (facts.prefixDelegation) counts.prefix++;
    else counts.secondaryIp++;
  }
  return bySubnet;
}

/**
 * Stage 3: every node's usage: its ENIs (prefixes, secondary IPs, pod IPs
 * sorted), limits and headroom. O(pods · log pods) for the sorting.
 */
export function computeNodeUsages(
  inventory: ClusterInventory,
  placement: PodPlacement,
  subnets: readonly SubnetUsage[],
): NodeUsage[] {
  const instancesById = new Map(
    inventory.instances.map(i => [i.instanceId, i]),
  );
  const typesByName = new Map(
    inventory.instanceTypes.map(t => [t.instanceType, t]),
  );
  const subnetsById = new Map(subnets.map(s => [s.subnetId, s]));
  return [...inventory.nodes]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(node => {
      const instance = node.instanceId
        ? instancesById.get(node.instanceId)
        : undefined;
      const instanceType = typesByName.get(
        node.instanceType ?? instance?.instanceType ?? '',
      );
      const networkInterfaces = (instance?.networkInterfaces ?? [])
        .map(eni =>
          computeEniUsage(
            eni,
            placement.nodeEnis.get(eni.networkInterfaceId)?.podIps ?? [],
            subnetsById.get(eni.subnetId)?.cidr,
          ),
        )
        .sort(byDevice);
      return computeNodeUsage({
        node,
        instance,
        instanceType,
        ipFamily: placement.ipFamily,
        pods: placement.counts.get(node.name) ?? emptyCounts(),
        networkInterfaces,
        subnets: subnetsById,
      });
    });
}

/**
 * Stage 4: cluster totals, node groups and the shared headroom.
 */
export function assembleClusterCapacity(
  inventory: ClusterInventory,
  placement: PodPlacement,
  subnets: SubnetUsage[],
  nodes: NodeUsage[],
): ClusterCapacity {
  const totals = clusterTotals(
    nodes,
    subnets,
    placement.unscheduled,
    placement.unattributedPods.length,
  );
  totals.headroomPods = sharedHeadroom(nodes, subnets).pods;
  return {
    cluster: inventory.cluster,
    ipFamily: placement.ipFamily,
    totals,
    nodeGroups: nodeGroupUsages(inventory, nodes, subnets),
    nodes,
    subnets,
    unattributedPods: placement.unattributedPods,
    atRisk: subnets.some(s => s.atRisk),
  };
}

/**
 * One cluster's capacity from its inventory: per prefix, ENI, node, subnet,
 * node group and cluster. Cost: O((pods + allocations) · log allocations)
 * plus O(/28 blocks) per subnet — pod IPs are placed through hash indexes of
 * prefixes and secondary IPs, never by scanning ENIs.
 *
 * @public
 */
export function computeClusterCapacity(
  inventory: ClusterInventory,
  options: ClusterCapacityOptions = {},
): ClusterCapacity {
  const placement = placePodIps(inventory);
  const subnets = computeSubnetUsages(inventory, placement, options);
  const nodes = computeNodeUsages(inventory, placement, subnets);
  return assembleClusterCapacity(inventory, placement, subnets, nodes);
}

function clusterTotals(
  nodes: readonly NodeUsage[],
  subnets: readonly SubnetUsage[],
  unscheduled: NodePodCounts,
  unattributedPods: number,
): ClusterTotals {
  const totals: ClusterTotals = {
    nodes: nodes.length,
    pods: unscheduled.total,
    podsWithVpcIp: unscheduled.withVpcIp,
    hostNetworkPods: unscheduled.hostNetwork,
    pendingPodsWithoutIp: unscheduled.pendingWithoutIp,
    completedPodsWithStaleIp: unscheduled.completedWithStaleIp,
    unattributedPods,
    heldIps: 0,
    usedIps: 0,
    idleIps: 0,
    subnets: subnets.length,
    subnetUsable: 0,
    subnetAvailable: 0,
    freePrefixBlocks: 0,
    atRiskSubnets: 0,
    podSubnets: 0,
    podSubnetUsable: 0,
    podSubnetAvailable: 0,
    podSubnetFreePrefixBlocks: 0,
    nodesNotDescribedByEc2: 0,
    headroomPods: 0,
  };
  for (const node of nodes) {
    if (node.notDescribedByEc2) totals.nodesNotDescribedByEc2++;
    totals.pods += node.pods.total;
    totals.podsWithVpcIp += node.pods.withVpcIp;
    totals.hostNetworkPods += node.pods.hostNetwork;
    totals.pendingPodsWithoutIp += node.pods.pendingWithoutIp;
    totals.completedPodsWithStaleIp += node.pods.completedWithStaleIp;
    totals.heldIps += node.ips.held;
    totals.usedIps += node.ips.used;
    totals.idleIps += node.ips.idle;
  }
  for (const subnet of subnets) {
    totals.subnetUsable += subnet.usable;
    totals.subnetAvailable += subnet.available;
    totals.freePrefixBlocks += subnet.freePrefixBlocks;
    if (subnet.atRisk) totals.atRiskSubnets++;
    if (subnet.role === 'pods' || subnet.role === 'pods-and-nodes') {
      totals.podSubnets++;
      totals.podSubnetUsable += subnet.usable;
      totals.podSubnetAvailable += subnet.available;
      totals.podSubnetFreePrefixBlocks += subnet.freePrefixBlocks;
    }
  }
  return totals;
}

function nodeGroupUsages(
  inventory: ClusterInventory,
  nodes: readonly NodeUsage[],
  subnets: readonly SubnetUsage[],
): NodeGroupUsage[] {
  const sources = new Map<string, string>();
  for (const node of inventory.nodes) {
    const group = nodeGroupOf(node);
    sources.set(group.name, group.source);
  }
  const byGroup = new Map<string, NodeUsage[]>();
  for (const node of nodes) {
    let list = byGroup.get(node.nodeGroup);
    if (!list) byGroup.set(node.nodeGroup, (list = []));
    list.push(node);
  }
  return [...byGroup.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, members]) => {
      const modes: Partial<Record<NodeIpMode, number>> = {};
      for (const node of members)
        modes[node.mode] = (modes[node.mode] ?? 0) + 1;
      const mode = (Object.entries(modes) as Array<[NodeIpMode, number]>).sort(
        ([ma, a], [mb, b]) => b - a || ma.localeCompare(mb),
      )[0][0];
      let podsWithVpcIp = 0;
      let heldIps = 0;
      let usedIps = 0;
      for (const node of members) {
        podsWithVpcIp += node.pods.withVpcIp;
        heldIps += node.ips.held;
        usedIps += node.ips.used;
      }
      return {
        name,
        source: sources.get(name) ?? '',
        nodes: members.length,
        mode,
        modes,
        podsWithVpcIp,
        heldIps,
        usedIps,
        idleIps: heldIps - usedIps,
        headroomPods: sharedHeadroom(members, subnets).pods,
      };
    });
}
