import {
  HeadroomWall,
  NodeIpMode,
  PodWithoutNodeIpReason,
  SubnetRole,
  SubnetStatus,
  UnattributedPod,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/** A count with thousands separators: "4,091". */
export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 pod", "2 pods", "1,024 free /28 blocks". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}

/** "a, b and c". */
export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "2 minutes ago", from an age in seconds. */
export function formatAge(ageSeconds: number): string {
  if (ageSeconds < 45) return 'just now';
  const minutes = Math.round(ageSeconds / 60);
  if (minutes < 60) return `${plural(minutes, 'minute')} ago`;
  const hours = Math.round(ageSeconds / 3600);
  if (hours < 48) return `${plural(hours, 'hour')} ago`;
  return `${plural(Math.round(ageSeconds / 86400), 'day')} ago`;
}

/** An instant as people read it, with the time zone: "23 Nov 2026, 08:00:00 UTC". */
export function formatInstant(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });
}

/** A time of day, for "next refresh possible at 10:56:03". */
export function formatTime(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
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

export const ROLE_TEXT: Record<SubnetRole, string> = {
  pods: 'pods',
  nodes: 'nodes only',
  'pods-and-nodes': 'nodes + pods',
  other: 'unused',
};

/** Risk order: the worst subnets first. */
export const SUBNET_STATUS_RANK: Record<SubnetStatus, number> = {
  exhausted: 0,
  low: 1,
  fragmented: 2,
  ok: 3,
};

/** Why a pod of a service holds no pod IP of its node. */
export const WITHOUT_IP_TEXT: Record<PodWithoutNodeIpReason, string> = {
  completed: 'completed: its old IP is already released',
  'host-network': "host network: it uses its node's own IP",
  'pending-without-ip': 'Pending, no IP yet',
  'ip-outside-node-prefixes': "its IP is outside its node's prefixes",
};

export const UNATTRIBUTED_TEXT: Record<UnattributedPod['reason'], string> = {
  'branch-eni': 'a branch ENI (security groups for pods)',
  fargate: 'Fargate',
  'other-eni': "another ENI, not its node's",
  'node-not-described': 'its node, which EC2 did not describe',
  unknown: 'no ENI we know',
};

/**
 * How a pool's `sharedBy` names an entity: `component:default/checkout-api`
 * → "checkout-api" (or its title); `kubernetes-id:<id>` → "<id>".
 */
export function sharedByName(
  ref: string,
  titles?: Map<string, string>,
): string {
  const title = titles?.get(ref);
  if (title) return title;
  if (ref.startsWith('kubernetes-id:'))
    return ref.slice('kubernetes-id:'.length);
  if (ref.startsWith('label-selector:'))
    return ref.slice('label-selector:'.length);
  const slash = ref.lastIndexOf('/');
  return slash >= 0 ? ref.slice(slash + 1) : ref;
}
