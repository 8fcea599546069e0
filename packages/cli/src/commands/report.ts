import type {
  ClusterCapacity,
  EniUsage,
  NodeUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { compareSubnetsByRisk } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { Collected } from '../collect';
import { cidrContains, num, plural, shortIp } from '../render/format';
import { Style } from '../render/style';
import { Cell, renderTable } from '../render/table';

/** One line of the per-ENI report (how-pod-ips-are-counted.md §6). */
export interface ReportRow {
  node: string;
  eni: string;
  primaryIp: string;
  subnetCidr: string;
  /** The /28 prefix, `N secondary IPs`, `ENI total`, or `none`. */
  what: string;
  assigned?: number;
  podIps?: string[];
  available?: number;
  kind: 'prefix' | 'secondary-ips' | 'total' | 'none';
}

const DASH = '–';

/**
 * The rows of one ENI, as the classic script prints them: one per /28
 * prefix with its assigned pod IPs and what is left; then what the script
 * leaves out — its secondary IPs (secondary-IP mode, Auto Mode's /32
 * fallback) — and ENI totals when there are several rows; `none` for an
 * ENI that holds no pod addresses.
 */
function rowsOfEni(node: NodeUsage, eni: EniUsage): ReportRow[] {
  const base = {
    node: node.name,
    eni: eni.networkInterfaceId,
    primaryIp: eni.primaryIp ?? DASH,
    subnetCidr: eni.subnetCidr ?? DASH,
  };
  const rows: ReportRow[] = eni.prefixes.map(prefix => ({
    ...base,
    what: prefix.cidr,
    assigned: prefix.assigned,
    podIps: prefix.podIps,
    available: prefix.available,
    kind: 'prefix',
  }));
  if (eni.secondaryIps.total > 0) {
    rows.push({
      ...base,
      what: plural(eni.secondaryIps.total, 'secondary IP'),
      assigned: eni.secondaryIps.assigned,
      podIps: eni.secondaryIps.podIps,
      available: eni.secondaryIps.available,
      kind: 'secondary-ips',
    });
  }
  if (rows.length === 0) {
    return [
      {
        ...base,
        what: eni.interfaceType === 'trunk' ? 'none (trunk ENI)' : 'none',
        kind: 'none',
      },
    ];
  }
  if (rows.length > 1) {
    rows.push({
      ...base,
      what: 'ENI total',
      assigned: eni.assigned,
      available: eni.available,
      kind: 'total',
    });
  }
  return rows;
}

/** Every line of the report: nodes by name, their ENIs by network card and device index. */
export function reportRows(capacity: ClusterCapacity): ReportRow[] {
  return capacity.nodes.flatMap(node => {
    if (node.networkInterfaces.length === 0) {
      let what = 'no ENIs';
      if (node.notDescribedByEc2) what = 'not described by EC2';
      else if (node.mode === 'fargate')
        what = 'none (Fargate: one ENI per pod)';
      return [
        {
          node: node.name,
          eni: DASH,
          primaryIp: DASH,
          subnetCidr: DASH,
          what,
          kind: 'none' as const,
        },
      ];
    }
    return node.networkInterfaces.flatMap(eni => rowsOfEni(node, eni));
  });
}

/** A completed pod whose stale IP the classic script still counts in a prefix. */
interface StaleIp {
  pod: string;
  phase: string;
  ip: string;
  node: string;
  eni: string;
  prefix: string;
  assigned: number;
  available: number;
}

function staleIps(collected: Collected): StaleIp[] {
  const nodes = new Map(collected.capacity.nodes.map(n => [n.name, n]));
  const found: StaleIp[] = [];
  for (const pod of collected.pods) {
    if (pod.phase !== 'Succeeded' && pod.phase !== 'Failed') continue;
    if (pod.hostNetwork || !pod.nodeName) continue;
    const node = nodes.get(pod.nodeName);
    for (const ip of pod.podIps) {
      for (const eni of node?.networkInterfaces ?? []) {
        const prefix = eni.prefixes.find(p => cidrContains(p.cidr, ip));
        if (prefix) {
          found.push({
            pod: `${pod.namespace}/${pod.name}`,
            phase: pod.phase,
            ip,
            node: node!.name,
            eni: eni.networkInterfaceId,
            prefix: prefix.cidr,
            assigned: prefix.assigned,
            available: prefix.available,
          });
        }
      }
    }
  }
  return found;
}

/**
 * Where this report differs from the classic per-ENI script, and why
 * (how-pod-ips-are-counted.md §6): completed pods' stale IPs, secondary-IP
 * ENIs, what a subnet has left, and the calls made.
 */
function footer(collected: Collected, style: Style): string[] {
  const { capacity } = collected;
  const lines = [
    style.bold('Where this differs from the classic per-ENI script:'),
  ];
  const item = (text: string) => lines.push(`  - ${text}`);

  const stale = staleIps(collected);
  const completed = capacity.totals.completedPodsWithStaleIp;
  if (stale.length === 0) {
    item(
      completed === 0
        ? 'Stale IPs: no completed (Succeeded or Failed) pod still shows a pod IP, so every assigned and available figure above is also the script’s.'
        : `Stale IPs: ${plural(completed, 'completed pod')} still ${
            completed === 1 ? 'shows' : 'show'
          } a released pod IP, none inside a prefix above; they are not counted as assigned.`,
    );
  } else {
    item(
      `Stale IPs: ${plural(
        completed,
        'completed pod',
      )} (Succeeded or Failed) still ${
        completed === 1 ? 'shows' : 'show'
      } a pod IP that the VPC CNI has released; they are not counted as assigned here, the script counts those inside a prefix:`,
    );
    const byPrefix = new Map<string, StaleIp[]>();
    for (const s of stale) {
      const key = `${s.eni} ${s.prefix}`;
      byPrefix.set(key, [...(byPrefix.get(key) ?? []), s]);
    }
    for (const group of byPrefix.values()) {
      const first = group[0];
      lines.push(
        `      ${first.prefix} on ${first.eni} (${
          first.node
        }): the script says ${first.assigned + group.length} assigned / ${
          first.available - group.length
        } available, here ${first.assigned} / ${first.available} (${group
          .map(s => `${s.pod} ${s.phase}, ${s.ip}`)
          .join('; ')})`,
      );
    }
  }

  const secondaryEnis = capacity.nodes.flatMap(n =>
    n.networkInterfaces.filter(e => e.secondaryIps.total > 0),
  );
  item(
    secondaryEnis.length === 0
      ? 'Secondary IPs: no ENI holds secondary IPs here. ENIs in secondary-IP mode (or on Auto Mode’s /32 fallback) are shown with their secondary IPs, where the script prints "none".'
      : `Secondary IPs: ${plural(
          secondaryEnis.length,
          'ENI holds',
          'ENIs hold',
        )} secondary IPs (secondary-IP mode, or Auto Mode’s /32 fallback when a subnet has no free /28): shown above, where the script prints "none".`,
  );

  if (capacity.unattributedPods.length > 0) {
    item(
      `Pods outside the nodes’ prefixes: ${plural(
        capacity.unattributedPods.length,
        'pod holds',
        'pods hold',
      )} a VPC IP in none of its node’s prefixes or secondary IPs (branch ENIs of security groups for pods, Fargate): ${capacity.unattributedPods
        .slice(0, 5)
        .map(p => `${p.namespace}/${p.name} ${p.podIp} (${p.reason})`)
        .join('; ')}${capacity.unattributedPods.length > 5 ? '; …' : ''}.`,
    );
  }

  if (capacity.subnets.length > 0) {
    item(
      'Subnets: the script shows only their CIDR; what they have left (see `pod-ip-capacity subnets` for the block maps):',
    );
    const subnets = capacity.subnets
      .map(subnet => ({ cluster: capacity.cluster, subnet }))
      .sort(compareSubnetsByRisk);
    for (const { subnet } of subnets) {
      const blocks =
        subnet.freePrefixBlocksAtMost !== undefined
          ? `${num(subnet.freePrefixBlocks)} to ${num(
              subnet.freePrefixBlocksAtMost,
            )} free /28 blocks`
          : plural(subnet.freePrefixBlocks, 'free /28 block');
      const status =
        subnet.status === 'ok' ? subnet.status : style.yellow(subnet.status);
      lines.push(
        `      ${subnet.cidr} (${subnet.subnetId}): ${plural(
          subnet.available,
          'free IP',
        )}, ${blocks}, ${status}`,
      );
    }
  }

  const ec2 = collected.calls.ec2;
  const describeSubnets = ec2.DescribeSubnets ?? 0;
  const callList = Object.entries(ec2)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, n]) => `${action} ${num(n)}`)
    .join(', ');
  item(
    `EC2 calls: ${callList || 'none'}: batched and paginated, ${plural(
      describeSubnets,
      'DescribeSubnets call',
    )} for ${plural(
      capacity.subnets.length,
      'subnet',
    )}, where the script makes one per ENI (${num(collected.nodeEnis)} here).`,
  );
  item(
    'Services and teams: `pod-ip-capacity service <kubernetes-id>` shows how many more replicas of a service can get a pod IP.',
  );
  return lines;
}

/** The per-ENI report in the script's columns, and how it differs from the script. */
export function renderReport(collected: Collected, style: Style): string[] {
  const { capacity, target } = collected;
  const rows = reportRows(capacity);
  const cells: Cell[][] = rows.map(row => {
    const total = row.kind === 'total';
    const paint = total ? style.bold : undefined;
    const cell = (text: string): Cell => (paint ? { text, paint } : text);
    let podIps: string = DASH;
    if (row.kind === 'total') podIps = '';
    else if (row.podIps) {
      podIps = row.podIps.length ? row.podIps.map(shortIp).join(', ') : DASH;
    }
    let available: Cell = DASH;
    if (row.available === 0 && !total) {
      available = { text: '0', paint: style.red };
    } else if (row.available !== undefined) {
      available = cell(num(row.available));
    }
    return [
      row.node,
      row.eni,
      row.primaryIp,
      row.subnetCidr,
      row.kind === 'none'
        ? { text: row.what, paint: style.dim }
        : cell(row.what),
      cell(row.assigned === undefined ? DASH : num(row.assigned)),
      podIps,
      available,
    ];
  });
  const table = renderTable(
    [
      { header: 'NODE' },
      { header: 'ENI' },
      { header: 'PRIMARY IP' },
      { header: 'SUBNET CIDR' },
      { header: 'PREFIX' },
      { header: 'ASSIGNED', align: 'right' },
      { header: 'POD IPS' },
      { header: 'AVAILABLE', align: 'right' },
    ],
    cells,
    { header: style.bold },
  );
  const t = capacity.totals;
  return [
    `Cluster ${style.bold(capacity.cluster)} (context ${target.contextName}${
      collected.region ? `, ${collected.region}` : ''
    }): ${plural(t.nodes, 'node')}, ${plural(
      t.podsWithVpcIp,
      'pod',
    )} with a pod IP; ${plural(t.heldIps, 'pod IP')} held, ${num(
      t.idleIps,
    )} idle`,
    '',
    ...table,
    '',
    ...footer(collected, style),
  ];
}
