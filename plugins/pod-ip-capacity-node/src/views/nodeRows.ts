import {
  NodeRow,
  NodeSortKey,
  NodeUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/**
 * A node as a table row (`GET /nodes`, the CLI's `nodes`): everything but its
 * ENIs and pod IPs.
 *
 * @public
 */
export function toNodeRow(cluster: string, node: NodeUsage): NodeRow {
  const { networkInterfaces, customNetworking: _, ...rest } = node;
  let prefixes = 0;
  let secondaryIps = 0;
  for (const eni of networkInterfaces) {
    prefixes += eni.prefixes.length;
    secondaryIps += eni.secondaryIps.total;
  }
  return {
    cluster,
    ...rest,
    networkInterfaces: networkInterfaces.length,
    prefixes,
    secondaryIps,
  };
}

/** The text a node list's `q` is matched against. */
function searchText(row: NodeRow): string {
  return [
    row.cluster,
    row.name,
    row.instanceId,
    row.instanceType,
    row.nodeGroup,
    row.zone,
    row.mode,
    row.podSubnetId,
  ]
    .filter(Boolean)
    .join(' ')
    .toLocaleLowerCase('en-US');
}

/**
 * True when a node list's free-text query matches the row (cluster, name,
 * instance, type, node group, zone, mode, pod subnet), case-insensitively.
 *
 * @public
 */
export function matchesQuery(row: NodeRow, q: string | undefined): boolean {
  if (!q?.trim()) return true;
  return searchText(row).includes(q.trim().toLocaleLowerCase('en-US'));
}

const VALUE: Record<NodeSortKey, (row: NodeRow) => string | number> = {
  name: r => r.name,
  cluster: r => r.cluster,
  nodeGroup: r => r.nodeGroup,
  zone: r => r.zone ?? '',
  mode: r => r.mode,
  podsWithVpcIp: r => r.pods.withVpcIp,
  heldIps: r => r.ips.held,
  usedIps: r => r.ips.used,
  idleIps: r => r.ips.idle,
  headroomPods: r => r.headroom.pods,
  workloadPods: r => r.workloadPods ?? 0,
};

/**
 * Sorts by one column, then by cluster and name so pages are stable.
 *
 * @public
 */
export function compareRows(
  sort: NodeSortKey,
  order: 'asc' | 'desc',
): (a: NodeRow, b: NodeRow) => number {
  const value = VALUE[sort];
  const sign = order === 'desc' ? -1 : 1;
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    const primary =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y));
    return (
      sign * primary ||
      a.cluster.localeCompare(b.cluster) ||
      a.name.localeCompare(b.name)
    );
  };
}
