import type {
  HeadroomWall,
  NodeIpMode,
  SubnetStatus,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/** `12,345`: thousands separators, whatever the machine's locale. */
export function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1 pod`, `2 pods`, `1,024 free /28 blocks`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** `is` or `are`, for `plural` sentences. */
export function isAre(n: number): string {
  return n === 1 ? 'is' : 'are';
}

/**
 * A pod IP as the classic per-ENI report prints it: its last two octets
 * (`192.168.71.80` → `.71.80`), how-pod-ips-are-counted.md §6.
 */
export function shortIp(ip: string): string {
  const octets = ip.split('.');
  return octets.length === 4 ? `.${octets[2]}.${octets[3]}` : ip;
}

/** What stops more pods, in the portal's words. */
export const WALL_TEXT: Record<HeadroomWall, string> = {
  'pod-limit': "the nodes' pod limit (max pods)",
  'instance-ips': "the instance type's ENI and IP address slots",
  subnet: "the subnet's free /28 blocks",
  unknown: 'unknown (not enough data)',
};

/** The same, short enough for a table cell. */
export const WALL_SHORT_TEXT: Record<HeadroomWall, string> = {
  'pod-limit': 'pod limit',
  'instance-ips': 'instance IP slots',
  subnet: 'subnet /28 blocks',
  unknown: 'unknown',
};

export const MODE_TEXT: Record<NodeIpMode, string> = {
  prefix: 'prefix',
  'secondary-ip': 'secondary IP',
  'custom-networking': 'custom networking',
  'auto-mode': 'Auto Mode',
  fargate: 'Fargate',
  ipv6: 'IPv6',
  unknown: 'unknown',
};

export const STATUS_RANK: Record<SubnetStatus, number> = {
  exhausted: 0,
  low: 1,
  fragmented: 2,
  ok: 3,
};

/** IPv4 dotted quad ↔ integer, for the report's stale-IP footer. */
export function ipv4ToNumber(ip: string): number | undefined {
  const octets = ip.split('.');
  if (octets.length !== 4) return undefined;
  let value = 0;
  for (const octet of octets) {
    if (!/^\d{1,3}$/.test(octet) || Number(octet) > 255) return undefined;
    value = value * 256 + Number(octet);
  }
  return value;
}

export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0]
    .map(shift => Math.floor(n / 2 ** shift) % 256)
    .join('.');
}

/** True when `ip` lies inside `cidr` (both IPv4). */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, length] = cidr.split('/');
  const b = ipv4ToNumber(base ?? '');
  const v = ipv4ToNumber(ip);
  const bits = Number(length);
  if (b === undefined || v === undefined || !(bits >= 0 && bits <= 32)) {
    return false;
  }
  const size = 2 ** (32 - bits);
  return v >= b && v < b + size;
}
