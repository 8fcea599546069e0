import {
  HeadroomWall,
  NodeIpMode,
  SubnetStatus,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/** "collected 2 minutes ago", from the snapshot's age in seconds. */
export function formatAge(ageSeconds: number): string {
  if (ageSeconds < 45) return 'just now';
  const minutes = Math.round(ageSeconds / 60);
  if (minutes < 60) {
    return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  }
  const hours = Math.round(ageSeconds / 3600);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.round(ageSeconds / 86400);
  return `${days} days ago`;
}

/** What stops more pods, in words a service owner understands. */
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

/** Risk order: the worst subnets first. */
export const SUBNET_STATUS_RANK: Record<SubnetStatus, number> = {
  exhausted: 0,
  low: 1,
  fragmented: 2,
  ok: 3,
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
