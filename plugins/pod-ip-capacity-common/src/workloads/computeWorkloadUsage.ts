import {
  ClusterCapacity,
  InventoryPod,
  NodeHeadroom,
  NodeUsage,
  UnattributedPod,
  WorkloadNode,
  WorkloadPod,
  WorkloadPodWithoutNodeIp,
  WorkloadSelection,
  WorkloadSubnet,
  WorkloadUsage,
} from '../types';
import { isPodTerminated, vpcPodIp, vpcPodIpv4 } from '../pods/podHoldsVpcIpv4';
import { tryParseIpv4 } from '../ip/ipv4';
import { sharedHeadroom } from '../nodes/nodeHeadroom';
import { mostCommonWall } from './mostCommonWall';
import {
  KUBERNETES_ID_LABEL,
  selectionRequirements,
  selectsPod,
} from './selectsPod';

/**
 * A computed cluster and the pods it was computed from (only their
 * namespace, name, node, phase, hostNetwork, IPs and labels are read).
 *
 * @public
 */
export interface WorkloadSource {
  capacity: ClusterCapacity;
  pods: readonly InventoryPod[];
}

interface IpPlacement {
  nodeName: string;
  networkInterfaceId: string;
  subnetId: string;
}

/** Where each attributed pod IP (as an integer) sits, per capacity (built once, O(pods)). */
const placements = new WeakMap<ClusterCapacity, Map<number, IpPlacement>>();

function placementIndex(capacity: ClusterCapacity): Map<number, IpPlacement> {
  const cached = placements.get(capacity);
  if (cached) return cached;
  const index = new Map<number, IpPlacement>();
  for (const node of capacity.nodes) {
    for (const eni of node.networkInterfaces) {
      const place = {
        nodeName: node.name,
        networkInterfaceId: eni.networkInterfaceId,
        subnetId: eni.subnetId,
      };
      const add = (ip: string) => {
        const value = tryParseIpv4(ip);
        if (value !== undefined) index.set(value, place);
      };
      for (const prefix of eni.prefixes) prefix.podIps.forEach(add);
      eni.secondaryIps.podIps.forEach(add);
    }
  }
  placements.set(capacity, index);
  return index;
}

/** The cluster's unattributed pods by `namespace/name` (built once, O(unattributed pods)). */
const unattributedIndexes = new WeakMap<
  ClusterCapacity,
  Map<string, UnattributedPod>
>();

function unattributedIndex(
  capacity: ClusterCapacity,
): Map<string, UnattributedPod> {
  let index = unattributedIndexes.get(capacity);
  if (!index) {
    index = new Map(
      capacity.unattributedPods.map(p => [`${p.namespace}/${p.name}`, p]),
    );
    unattributedIndexes.set(capacity, index);
  }
  return index;
}

/** Pods by their `backstage.io/kubernetes-id` label, per pod list (built once, O(pods)). */
const podsByKubernetesId = new WeakMap<
  readonly InventoryPod[],
  Map<string, InventoryPod[]>
>();

/**
 * The pods a selection can match: for a plain kubernetes-id selection only
 * those with that label (so an owner's many entities cost their own pods,
 * not the cluster's pods each); for a label selector, all.
 */
function candidatePods(
  pods: readonly InventoryPod[],
  selection: WorkloadSelection,
): readonly InventoryPod[] {
  if (selection.labelSelector?.trim() || !selection.kubernetesId) return pods;
  let index = podsByKubernetesId.get(pods);
  if (!index) {
    index = new Map();
    for (const pod of pods) {
      const id = pod.labels[KUBERNETES_ID_LABEL];
      if (id === undefined) continue;
      let list = index.get(id);
      if (!list) index.set(id, (list = []));
      list.push(pod);
    }
    podsByKubernetesId.set(pods, index);
  }
  return index.get(selection.kubernetesId) ?? [];
}

/**
 * A Backstage entity's pods with VPC IPs, the nodes and subnets they sit
 * on (with those nodes' and subnets' usage) and how many more replicas
 * could get an IP: on the node groups it already runs in (a stand-in for
 * its node selectors), with subnets' free blocks shared between nodes.
 * Selected pods that hold no pod IP of their node — completed (whose stale
 * IP counts nowhere), hostNetwork, pending, or with an IP outside their
 * node's prefixes — are listed in `podsWithoutNodeIp` with the reason.
 * O(selected pods + nodes) per call once a capacity's IP index and the
 * pods' kubernetes-id index are built (O(pods), once per snapshot).
 *
 * @public
 */
export function computeWorkloadUsage(
  sources: readonly WorkloadSource[],
  selection: WorkloadSelection,
): WorkloadUsage {
  const requirements = selectionRequirements(selection);
  const usage: WorkloadUsage = {
    selection,
    pods: 0,
    podsWithVpcIp: 0,
    unattributedPods: 0,
    podList: [],
    podsWithoutNodeIp: [],
    nodes: [],
    subnets: [],
    headroom: { replicas: 0, onCurrentNodes: 0, wall: 'unknown' },
  };
  const walls: NodeHeadroom[] = [];
  for (const { capacity, pods } of sources) {
    if (!requirements) break;
    const cluster = capacity.cluster;
    if (selection.cluster !== undefined && selection.cluster !== cluster)
      continue;
    const index = placementIndex(capacity);
    const nodePods = new Map<string, number>();
    const subnetPods = new Map<string, number>();
    const withoutNodeIp = (
      pod: InventoryPod,
      reason: WorkloadPodWithoutNodeIp['reason'],
      podIp: string | undefined,
    ) => {
      const unattributedReason =
        reason === 'ip-outside-node-prefixes'
          ? unattributedIndex(capacity).get(`${pod.namespace}/${pod.name}`)
              ?.reason
          : undefined;
      usage.podsWithoutNodeIp.push({
        cluster,
        namespace: pod.namespace,
        name: pod.name,
        ...(pod.nodeName ? { nodeName: pod.nodeName } : {}),
        phase: pod.phase,
        reason,
        ...(podIp ? { podIp } : {}),
        ...(unattributedReason ? { unattributedReason } : {}),
      });
    };
    for (const pod of candidatePods(pods, selection)) {
      if (!selectsPod(selection, requirements, cluster, pod)) continue;
      // how-pod-ips-are-counted.md §3: a completed pod's podIP is stale and
      // released; it counts nowhere else, but the entity's page lists it.
      if (isPodTerminated(pod)) {
        withoutNodeIp(pod, 'completed', pod.podIps[0]);
        continue;
      }
      usage.pods++;
      if (pod.nodeName && !nodePods.has(pod.nodeName))
        nodePods.set(pod.nodeName, 0);
      const podIp = vpcPodIp(pod, capacity.ipFamily);
      const value =
        capacity.ipFamily === 'ipv4' ? vpcPodIpv4(pod)?.value : undefined;
      const place = value !== undefined ? index.get(value) : undefined;
      const attributed = !!place && place.nodeName === pod.nodeName;
      if (podIp) {
        usage.podsWithVpcIp++;
        if (pod.nodeName)
          nodePods.set(pod.nodeName, nodePods.get(pod.nodeName)! + 1);
        if (attributed) {
          subnetPods.set(
            place!.subnetId,
            (subnetPods.get(place!.subnetId) ?? 0) + 1,
          );
        } else if (capacity.ipFamily === 'ipv4') {
          usage.unattributedPods++;
          withoutNodeIp(pod, 'ip-outside-node-prefixes', podIp);
          // One rule everywhere: a pod IP counts on the subnet of the ENI that
          // holds it (a branch ENI's, say), as the subnet's own count does.
          const subnetId = unattributedIndex(capacity).get(
            `${pod.namespace}/${pod.name}`,
          )?.subnetId;
          if (subnetId) {
            subnetPods.set(subnetId, (subnetPods.get(subnetId) ?? 0) + 1);
          }
        }
      } else {
        if (pod.hostNetwork) withoutNodeIp(pod, 'host-network', pod.podIps[0]);
        else withoutNodeIp(pod, 'pending-without-ip', undefined);
      }
      usage.podList.push({
        cluster,
        namespace: pod.namespace,
        name: pod.name,
        ...(pod.nodeName ? { nodeName: pod.nodeName } : {}),
        phase: pod.phase,
        ...(podIp ? { podIp } : {}),
        ...(attributed
          ? {
              networkInterfaceId: place!.networkInterfaceId,
              subnetId: place!.subnetId,
            }
          : {}),
        attributed,
      } satisfies WorkloadPod);
    }

    const current: NodeUsage[] = capacity.nodes.filter(n =>
      nodePods.has(n.name),
    );
    for (const node of current) {
      usage.nodes.push({
        cluster,
        workloadPods: nodePods.get(node.name)!,
        node,
      } satisfies WorkloadNode);
    }
    for (const subnet of capacity.subnets) {
      const count = subnetPods.get(subnet.subnetId);
      if (count !== undefined) {
        usage.subnets.push({
          cluster,
          workloadPodIps: count,
          subnet,
        } satisfies WorkloadSubnet);
      }
    }
    const groups = new Set(current.map(n => n.nodeGroup));
    const eligible = capacity.nodes.filter(n => groups.has(n.nodeGroup));
    const onGroups = sharedHeadroom(eligible, capacity.subnets);
    usage.headroom.replicas += onGroups.pods;
    usage.headroom.onCurrentNodes += sharedHeadroom(
      current,
      capacity.subnets,
    ).pods;
    walls.push(...onGroups.perNode);
  }
  usage.headroom.wall = mostCommonWall(walls);
  return usage;
}
