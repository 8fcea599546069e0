import { ClusterCapacity, NodeUsage, SubnetUsage } from '../types';
import {
  ForesightContext,
  LandingProblem,
  LandingSubnet,
  LandingWarning,
  NodeLanding,
} from './types';
import { launchTargets, LaunchTarget } from './launchTargets';
import { byMostAvailable, pickLanding } from './pickLanding';
import { SubnetBudgets, subnetBudgets } from './subnetBudgets';
import { nodeShapeOf, NodeShape } from './nodeShape';
import { launchNode, Shortfall } from './launchNode';

const copyOf = (budgets: SubnetBudgets): SubnetBudgets =>
  new Map([...budgets].map(([id, b]) => [id, { ...b }]));

function landingSubnet(
  id: string,
  subnets: ReadonlyMap<string, SubnetUsage>,
): LandingSubnet {
  const s = subnets.get(id);
  if (!s) return { subnetId: id };
  return {
    subnetId: id,
    ...(s.availabilityZone ? { availabilityZone: s.availabilityZone } : {}),
    available: s.available,
    freePrefixBlocks: s.freePrefixBlocks,
  };
}

/** The shortfalls of an empty new node in these subnets, on a copy of the budgets. */
function tryLanding(
  budgets: SubnetBudgets,
  nodeSubnetId: string,
  podSubnetId: string,
  shape: NodeShape,
): Shortfall[] | undefined {
  const outcome = launchNode(
    copyOf(budgets),
    { nodeSubnetId, podSubnetId },
    shape,
    0,
  );
  return outcome.unknown ? undefined : outcome.shortfalls;
}

/**
 * Another subnet of the same pool and zone where the failing request
 * would be served: the next node subnets (most free IPs first) when the
 * node subnet failed or gives the pods' IPs too, else the other pod
 * subnets. Karpenter will not pick it by itself: it follows free IPs.
 */
function workingSubnet(
  target: LaunchTarget,
  failed: Shortfall,
  nodeSubnetId: string,
  podSubnetId: string,
  budgets: SubnetBudgets,
  shape: NodeShape,
): string | undefined {
  const varyNode =
    failed.subnetId === nodeSubnetId ||
    target.podSubnetSource === 'node-subnet';
  const alternatives = varyNode
    ? byMostAvailable(target.nodeSubnetIds, budgets)
    : byMostAvailable(target.podSubnetIds, budgets);
  return alternatives.find(alt => {
    if (alt === failed.subnetId || !budgets.has(alt)) return false;
    const node = varyNode ? alt : nodeSubnetId;
    let pod = varyNode ? podSubnetId : alt;
    if (target.podSubnetSource === 'node-subnet') pod = node;
    const shortfalls = tryLanding(budgets, node, pod, shape);
    return shortfalls !== undefined && shortfalls.length === 0;
  });
}

/**
 * Where the next node of every node pool and node group lands, per zone,
 * and where its pods' IPs come from (how-pod-ips-are-counted.md §7):
 * Karpenter's and Auto Mode's subnet with the most free IPs (ignoring /28
 * layout), a node group's subnets in the zone; then the pod subnet (Auto
 * Mode pod subnets, the zone's ENIConfig, the node subnet). Warns when a
 * request of that node cannot be served — in prefix mode a subnet with
 * free IPs but no free aligned /28 (`InsufficientCidrBlocks`: "the next
 * node of pool general-purpose in us-west-2b lands in subnet-… (1,284
 * free IPs, 0 free /28 blocks): its first prefix will fail"), or too few
 * IPs at all (`InsufficientFreeAddressesInSubnet`) — naming a subnet of
 * the same pool and zone that would work. O(targets × subnets).
 *
 * @public
 */
export function nextNodeLandings(
  capacity: ClusterCapacity,
  context: ForesightContext = {},
): NodeLanding[] {
  const budgets = subnetBudgets(capacity.subnets);
  const subnets = new Map(capacity.subnets.map(s => [s.subnetId, s]));
  const nodesByGroup = new Map<string, NodeUsage[]>();
  for (const node of capacity.nodes) {
    let list = nodesByGroup.get(node.nodeGroup);
    if (!list) nodesByGroup.set(node.nodeGroup, (list = []));
    list.push(node);
  }
  return launchTargets(capacity, context.provisioning).map(target => {
    const pick = pickLanding(target, budgets);
    const shape = nodeShapeOf(
      target,
      nodesByGroup.get(target.nodeGroup) ?? [],
      context,
    );
    const problems: LandingProblem[] = [...target.problems];
    if (pick.unknownCandidates) problems.push('subnet-not-in-snapshot');
    if (pick.ambiguous) problems.push('several-subnets-in-zone');
    // A node group may land in any of its subnets of the zone: warn for each.
    let nodeChoices = pick.nodeSubnetId ? [pick.nodeSubnetId] : [];
    if (pick.ambiguous)
      nodeChoices = pick.candidates.filter(id => budgets.has(id));
    const warnings: LandingWarning[] = [];
    for (const nodeSubnetId of nodeChoices) {
      const podSubnetId =
        target.podSubnetSource === 'node-subnet'
          ? nodeSubnetId
          : pick.podSubnetId;
      if (!podSubnetId) continue;
      for (const s of tryLanding(budgets, nodeSubnetId, podSubnetId, shape) ??
        []) {
        const working = workingSubnet(
          target,
          s,
          nodeSubnetId,
          podSubnetId,
          budgets,
          shape,
        );
        warnings.push({
          ...s,
          ...(working ? { workingSubnetId: working } : {}),
        });
      }
    }
    return {
      nodeGroup: target.nodeGroup,
      kind: target.kind,
      zone: target.zone,
      ...(target.nodeClass ? { nodeClass: target.nodeClass } : {}),
      rule: target.rule,
      nodeSubnet:
        pick.nodeSubnetId && !pick.ambiguous
          ? landingSubnet(pick.nodeSubnetId, subnets)
          : null,
      candidates: pick.candidates.map(id => landingSubnet(id, subnets)),
      // A node group's pick is not known: nor is its pod subnet when that is the node's.
      podSubnet:
        pick.podSubnetId &&
        !(pick.ambiguous && target.podSubnetSource === 'node-subnet')
          ? landingSubnet(pick.podSubnetId, subnets)
          : null,
      podSubnetSource: target.podSubnetSource,
      subnetDiscovery: target.subnetDiscovery,
      prefixMode: target.prefixMode,
      warnings,
      problems,
    };
  });
}
