import { ClusterCapacity, ClusterInventory, NodeUsage } from '../types';
import { protectFreeRanges } from './protectFreeRanges';
import { planSecondaryVpcCidr } from './planSecondaryVpcCidr';
import { replaceFragmentingNodes } from './replaceFragmentingNodes';
import { SubnetFix, SubnetFixes, SubnetFixOptions } from './types';

const sortedUnique = (values: Array<string | undefined>) =>
  [...new Set(values.filter((v): v is string => !!v))].sort();

/**
 * How pods would be pointed at new subnets: Auto Mode when the nodes that
 * draw pod IPs from this subnet (else any of the cluster's) run in Auto
 * Mode, VPC CNI custom networking otherwise.
 */
function podNetworking(capacity: ClusterCapacity, subnetId: string) {
  const drawing = capacity.nodes.filter(n => n.podSubnetId === subnetId);
  const nodes: NodeUsage[] = drawing.length > 0 ? drawing : capacity.nodes;
  const auto = nodes.some(n => n.mode === 'auto-mode');
  return {
    networking: auto ? ('auto-mode' as const) : ('custom-networking' as const),
    customNetworkingEnabled:
      nodes.length > 0 && nodes.every(n => n.customNetworking),
  };
}

/**
 * The fixes that apply to one subnet, by its status
 * (how-pod-ips-are-counted.md §5): `fragmented` — protect its free
 * aligned ranges for prefixes (when there are any) and replace the nodes
 * that fragment it; `low` or `exhausted` — a secondary VPC CIDR with pod
 * subnets per zone, and protect free ranges when there are any; `ok` —
 * none. Takes the inventory alongside the snapshot because replacing nodes
 * needs every address of every ENI. Undefined for a subnet the snapshot
 * does not have.
 *
 * @public
 */
export function subnetFixes(
  capacity: ClusterCapacity,
  inventory: ClusterInventory,
  subnetId: string,
  options: SubnetFixOptions = {},
): SubnetFixes | undefined {
  const subnet = capacity.subnets.find(s => s.subnetId === subnetId);
  if (!subnet) return undefined;
  const fixes: SubnetFix[] = [];
  const protect = () => {
    const fix = protectFreeRanges(subnet, { limit: options.rangeLimit });
    if (fix.ranges.length > 0) fixes.push(fix);
  };
  if (subnet.status === 'fragmented') {
    protect();
    const replace = replaceFragmentingNodes(capacity, inventory, subnetId, {
      limit: options.nodeLimit,
    });
    if (replace) fixes.push(replace);
  } else if (subnet.status === 'low' || subnet.status === 'exhausted') {
    const nodeZones = sortedUnique(capacity.nodes.map(n => n.zone));
    const zones =
      nodeZones.length > 0
        ? nodeZones
        : sortedUnique(capacity.subnets.map(s => s.availabilityZone));
    const plan = planSecondaryVpcCidr({
      clusterName: options.eksClusterName ?? capacity.cluster,
      zones,
      ...(options.vpcId ? { vpcId: options.vpcId } : {}),
      ...(options.vpcCidrBlocks
        ? { vpcCidrBlocks: options.vpcCidrBlocks }
        : {}),
      knownSubnetCidrs: capacity.subnets.map(s => s.cidr),
      ...(options.podAddresses !== undefined
        ? { podAddresses: options.podAddresses }
        : {}),
      ...(options.securityGroupIds
        ? { securityGroupIds: options.securityGroupIds }
        : {}),
      ...podNetworking(capacity, subnetId),
    });
    if (plan) fixes.push(plan);
    protect();
  }
  return {
    subnetId,
    cidr: subnet.cidr,
    ...(subnet.availabilityZone
      ? { availabilityZone: subnet.availabilityZone }
      : {}),
    status: subnet.status,
    fixes,
  };
}

/**
 * `subnetFixes` for every at-risk subnet of a cluster, in the snapshot's
 * subnet order: what the backend stores with a snapshot at refresh time.
 *
 * @public
 */
export function clusterFixes(
  capacity: ClusterCapacity,
  inventory: ClusterInventory,
  options: SubnetFixOptions = {},
): SubnetFixes[] {
  return capacity.subnets
    .filter(s => s.atRisk)
    .flatMap(s => {
      const fixes = subnetFixes(capacity, inventory, s.subnetId, options);
      return fixes ? [fixes] : [];
    });
}
