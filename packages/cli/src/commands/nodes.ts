import type {
  NodeRow,
  NodeSortKey,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import {
  compareRows,
  matchesQuery,
  toNodeRow,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { Collected } from '../collect';
import { MODE_TEXT, num, plural, WALL_SHORT_TEXT } from '../render/format';
import { Style } from '../render/style';
import { Cell, renderTable } from '../render/table';

export const NODE_SORT_KEYS: NodeSortKey[] = [
  'name',
  'cluster',
  'nodeGroup',
  'zone',
  'mode',
  'podsWithVpcIp',
  'heldIps',
  'usedIps',
  'idleIps',
  'headroomPods',
];

/** The node rows of `GET /nodes`: filtered by `--query`, sorted by `--sort`. */
export function nodeRows(
  collected: Collected,
  options: { query?: string; sort: NodeSortKey; order: 'asc' | 'desc' },
): NodeRow[] {
  return collected.capacity.nodes
    .map(node => toNodeRow(collected.capacity.cluster, node))
    .filter(row => matchesQuery(row, options.query))
    .sort(compareRows(options.sort, options.order));
}

/** `2`, `4 secondary IPs`, `1 + 3 secondary IPs`: as the portal's Prefixes column. */
function prefixesText(row: { prefixes: number; secondaryIps: number }) {
  if (row.secondaryIps > 0 && row.prefixes === 0) {
    return plural(row.secondaryIps, 'secondary IP');
  }
  return `${num(row.prefixes)}${
    row.secondaryIps > 0 ? ` + ${plural(row.secondaryIps, 'secondary IP')}` : ''
  }`;
}

/** The nodes table; a workload's view adds its pods per node. */
export function nodeTable(
  rows: NodeRow[],
  style: Style,
  workloadPods?: { title: string; of: (row: NodeRow) => number },
): string[] {
  const last = workloadPods
    ? [{ header: workloadPods.title, align: 'right' as const }]
    : [
        { header: 'MORE PODS', align: 'right' as const },
        { header: 'LIMITED BY' },
      ];
  return renderTable(
    [
      { header: 'NODE' },
      { header: 'NODE GROUP' },
      { header: 'INSTANCE TYPE' },
      { header: 'ZONE' },
      { header: 'MODE' },
      { header: 'PREFIXES' },
      { header: 'IPS USED / HELD', align: 'right' },
      ...last,
    ],
    rows.map(row => {
      const unknown = row.notDescribedByEc2 === true;
      let more: Cell = num(row.headroom.pods);
      if (unknown) more = { text: 'unknown', paint: style.yellow };
      else if (row.headroom.pods === 0) more = { text: '0', paint: style.red };
      const tail: Cell[] = workloadPods
        ? [num(workloadPods.of(row))]
        : [
            more,
            unknown
              ? 'not described by EC2'
              : WALL_SHORT_TEXT[row.headroom.wall],
          ];
      return [
        row.name,
        row.nodeGroup,
        row.instanceType ?? '–',
        row.zone ?? '–',
        MODE_TEXT[row.mode],
        prefixesText(row),
        `${num(row.ips.used)} / ${num(row.ips.held)}`,
        ...tail,
      ];
    }),
    { header: style.bold },
  );
}

/** The portal's nodes table, with the cluster's totals above it. */
export function renderNodes(
  collected: Collected,
  rows: NodeRow[],
  style: Style,
): string[] {
  const t = collected.capacity.totals;
  return [
    `Cluster ${style.bold(collected.capacity.cluster)} (context ${
      collected.target.contextName
    }${collected.region ? `, ${collected.region}` : ''}): ${plural(
      t.nodes,
      'node',
    )}${
      rows.length !== t.nodes ? ` (${num(rows.length)} shown)` : ''
    }, ${plural(t.podsWithVpcIp, 'pod')} with a pod IP, ${num(
      t.usedIps,
    )} of ${plural(t.heldIps, 'held pod IP')} used; up to ${plural(
      t.headroomPods,
      'more pod',
    )} with the subnets' free /28 blocks shared`,
    '',
    ...nodeTable(rows, style),
  ];
}
