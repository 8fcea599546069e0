import type {
  ClusterSubnet,
  SubnetUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { compareSubnetsByRisk } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { Collected } from '../collect';
import { configProblem } from '../errors';
import { ipv4ToNumber, num, numberToIpv4, plural } from '../render/format';
import { Style } from '../render/style';
import { Cell, renderTable } from '../render/table';

/** The cluster's subnets as `GET /overview` lists them: most at risk first. */
export function clusterSubnets(
  collected: Collected,
  filter?: string,
): ClusterSubnet[] {
  const all = collected.capacity.subnets
    .map(subnet => ({ cluster: collected.capacity.cluster, subnet }))
    .sort(compareSubnetsByRisk);
  if (!filter) return all;
  const picked = all.filter(
    s => s.subnet.subnetId === filter || s.subnet.cidr === filter,
  );
  if (picked.length === 0) {
    throw configProblem(
      'NoSuchSubnet',
      `Cluster ${
        collected.capacity.cluster
      } uses no subnet ${filter}. Its subnets: ${
        all.map(s => `${s.subnet.subnetId} (${s.subnet.cidr})`).join(', ') ||
        'none'
      }.`,
    );
  }
  return picked;
}

/** `512`, or `3 to 510` when the occupants could not all be read. */
export function freeBlocksText(subnet: SubnetUsage): string {
  return subnet.freePrefixBlocksAtMost !== undefined
    ? `${num(subnet.freePrefixBlocks)} to ${num(subnet.freePrefixBlocksAtMost)}`
    : num(subnet.freePrefixBlocks);
}

/** The status cell: coloured by how bad it is. */
export function statusCell(subnet: SubnetUsage, style: Style): Cell {
  const paint = {
    ok: style.green,
    fragmented: style.yellow,
    low: style.yellow,
    exhausted: style.red,
  }[subnet.status];
  return { text: subnet.status, paint };
}

/** The subnets table, with an optional column for a workload's pod IPs. */
export function subnetTable(
  subnets: SubnetUsage[],
  style: Style,
  podIps: { title: string; of: (subnet: SubnetUsage) => number } = {
    title: 'POD IPS',
    of: s => s.podIps,
  },
): string[] {
  return renderTable(
    [
      { header: 'SUBNET' },
      { header: 'CIDR' },
      { header: 'ZONE' },
      { header: 'USABLE', align: 'right' },
      { header: 'AVAILABLE', align: 'right' },
      { header: 'FREE /28 BLOCKS', align: 'right' },
      { header: 'STATUS' },
      { header: podIps.title, align: 'right' },
    ],
    subnets.map(s => [
      s.subnetId,
      s.cidr,
      s.availabilityZone ?? '–',
      num(s.usable),
      num(s.available),
      freeBlocksText(s),
      statusCell(s, style),
      num(podIps.of(s)),
    ]),
    { header: style.bold },
  );
}

/** Cells drawn at most; bigger subnets draw one cell per group of blocks. */
const MAX_CELLS = 1024;
const CELLS_PER_LINE = 32;
const GROUP = 8;

const LEGEND: Array<[string, string]> = [
  ['.', 'free'],
  ['p', 'free in a prefix reservation'],
  ['a', 'node prefix'],
  ['x', 'fragmented (a secondary IP, node IP or other ENI inside)'],
  ['r', 'reserved by AWS'],
  ['u', 'unavailable (explicit reservation)'],
];

/** The state drawn for a group of blocks: the most common one in it. */
function dominant(group: string): string {
  const counts = new Map<string, number>();
  for (const c of group) counts.set(c, (counts.get(c) ?? 0) + 1);
  let best = group[0];
  for (const [c, n] of counts) if (n > (counts.get(best) ?? 0)) best = c;
  return best;
}

/**
 * A subnet's aligned /28 blocks in address order, 32 to a line, each line
 * starting with its first address: the engine's `blockMap`, one character
 * per block (`.` free, `a` node prefix, `x` fragmented, `r` reserved, `u`
 * unavailable, `p` free in a prefix reservation), coloured on a terminal.
 */
export function blockMapLines(subnet: SubnetUsage, style: Style): string[] {
  const map = subnet.blockMap;
  const b = subnet.blocks;
  const title = `${style.bold(subnet.subnetId)} ${subnet.cidr}: ${plural(
    b.total,
    '/28 block',
  )}, ${num(b.free)} free, ${num(b.allocated)} node ${
    b.allocated === 1 ? 'prefix' : 'prefixes'
  }, ${num(b.fragmented)} fragmented, ${num(b.reserved)} reserved${
    b.unavailable ? `, ${num(b.unavailable)} unavailable` : ''
  }`;
  if (!map) {
    return [title, '  (no block map: the subnet is larger than a /12)'];
  }
  const paint: Record<string, (text: string) => string> = {
    '.': style.green,
    p: style.cyan,
    a: style.blue,
    x: style.yellow,
    r: style.dim,
    u: style.red,
  };
  const perCell = Math.max(1, Math.ceil(map.length / MAX_CELLS));
  const cells: string[] = [];
  for (let i = 0; i < map.length; i += perCell) {
    cells.push(perCell === 1 ? map[i] : dominant(map.slice(i, i + perCell)));
  }
  const base = ipv4ToNumber(subnet.cidr.split('/')[0]) ?? 0;
  const lines = [title];
  if (perCell > 1) {
    lines.push(
      `  one character per ${num(perCell)} blocks (${num(
        perCell * 16,
      )} addresses), in their most common state`,
    );
  }
  for (let i = 0; i < cells.length; i += CELLS_PER_LINE) {
    const start = numberToIpv4(base + i * perCell * 16);
    const row = cells.slice(i, i + CELLS_PER_LINE);
    const groups: string[] = [];
    for (let g = 0; g < row.length; g += GROUP) {
      groups.push(
        row
          .slice(g, g + GROUP)
          .map(c => (paint[c] ?? ((t: string) => t))(c))
          .join(''),
      );
    }
    lines.push(`  ${start.padEnd(15)}  ${groups.join(' ')}`);
  }
  return lines;
}

/** The legend of the block maps, once. */
export function legendLine(style: Style): string {
  return `Legend: ${LEGEND.map(
    ([c, text]) =>
      `${{
        '.': style.green,
        p: style.cyan,
        a: style.blue,
        x: style.yellow,
        r: style.dim,
        u: style.red,
      }[c]!(c)} ${text}`,
  ).join(' | ')}`;
}

/** Per subnet what is usable, available and free in /28 blocks, and its block map. */
export function renderSubnets(
  collected: Collected,
  subnets: ClusterSubnet[],
  style: Style,
  options: { map: boolean },
): string[] {
  const free = subnets.reduce((n, s) => n + s.subnet.freePrefixBlocks, 0);
  const lines = [
    `Cluster ${style.bold(collected.capacity.cluster)} (context ${
      collected.target.contextName
    }${collected.region ? `, ${collected.region}` : ''}): ${plural(
      subnets.length,
      'subnet',
    )}, ${plural(free, 'free /28 block')}, ${plural(
      subnets.filter(s => s.subnet.atRisk).length,
      'subnet',
    )} at risk`,
    '',
    ...subnetTable(
      subnets.map(s => s.subnet),
      style,
    ),
  ];
  const fragmented = subnets.filter(s => s.subnet.status === 'fragmented');
  for (const { subnet } of fragmented) {
    lines.push(
      '',
      style.yellow(
        `${subnet.cidr} is fragmented: ${plural(
          subnet.available,
          'free IP',
        )} but ${plural(
          subnet.freePrefixBlocks,
          'free /28 block',
        )}. New /28 prefixes need a whole, aligned, unused block: a node that needs another prefix fails with InsufficientCidrBlocks (or falls back to single secondary IPs).`,
      ),
    );
  }
  if (options.map && subnets.length > 0) {
    lines.push('', legendLine(style));
    for (const { subnet } of subnets) {
      lines.push('', ...blockMapLines(subnet, style));
    }
  }
  return lines;
}
