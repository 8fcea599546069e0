import {
  attributedNodeIps,
  ClusterCapacity,
  WorkloadUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/** What a history row is about. */
export type HistoryKind = 'cluster' | 'subnet' | 'nodeGroup' | 'entity';

/** The numbers one row keeps; absent where they mean nothing for the kind. */
export interface HistoryValues {
  freePrefixBlocks?: number;
  availableIps?: number;
  usableIps?: number;
  heldIps?: number;
  usedIps?: number;
  idleIps?: number;
  podsWithVpcIp?: number;
  headroomPods?: number;
}

/** One point of one series. */
export interface HistoryRow extends HistoryValues {
  cluster: string;
  kind: HistoryKind;
  /** '' for the cluster; the subnet id, node group name or entity ref. */
  key: string;
  /** Epoch milliseconds. */
  at: number;
}

/**
 * The compact history of one refresh of a cluster: one row for the cluster
 * (its pod subnets' free blocks and addresses: what pods can still take),
 * one per subnet, per node group, and per counted entity (its pods, the
 * whole addresses its nodes hold for it, its headroom).
 */
export function historyRows(
  capacity: ClusterCapacity,
  entities: ReadonlyArray<{ entityRef: string; usage: WorkloadUsage }>,
  at: number,
): HistoryRow[] {
  const cluster = capacity.cluster;
  const t = capacity.totals;
  const rows: HistoryRow[] = [
    {
      cluster,
      kind: 'cluster',
      key: '',
      at,
      freePrefixBlocks: t.podSubnetFreePrefixBlocks,
      availableIps: t.podSubnetAvailable,
      usableIps: t.podSubnetUsable,
      heldIps: t.heldIps,
      usedIps: t.usedIps,
      idleIps: t.idleIps,
      podsWithVpcIp: t.podsWithVpcIp,
      headroomPods: t.headroomPods,
    },
  ];
  for (const s of capacity.subnets) {
    rows.push({
      cluster,
      kind: 'subnet',
      key: s.subnetId,
      at,
      freePrefixBlocks: s.freePrefixBlocks,
      availableIps: s.available,
      usableIps: s.usable,
      heldIps: s.holders.prefixAddresses + s.holders.secondaryIps,
      usedIps: s.used,
      podsWithVpcIp: s.podIps,
    });
  }
  for (const g of capacity.nodeGroups) {
    rows.push({
      cluster,
      kind: 'nodeGroup',
      key: g.name,
      at,
      heldIps: g.heldIps,
      usedIps: g.usedIps,
      idleIps: g.idleIps,
      podsWithVpcIp: g.podsWithVpcIp,
      headroomPods: g.headroomPods,
    });
  }
  for (const { entityRef, usage } of entities) {
    if (usage.pods === 0 && usage.podsWithoutNodeIp.length === 0) continue;
    const ips = attributedNodeIps(usage);
    rows.push({
      cluster,
      kind: 'entity',
      key: entityRef,
      at,
      heldIps: ips.held,
      usedIps: ips.used,
      idleIps: ips.idle,
      podsWithVpcIp: usage.podsWithVpcIp,
      headroomPods: usage.headroom.replicas,
    });
  }
  return rows;
}
