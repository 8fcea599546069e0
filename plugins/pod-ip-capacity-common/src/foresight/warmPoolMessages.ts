import { NodeGroupWarmPool, WarmPoolRelease, WarmSetting } from './types';
import { count, plural } from './words';

function settingWords(s: WarmSetting): string {
  return `${s.name}=${s.value}${s.assumed ? " (the VPC CNI's default)" : ''}`;
}

/**
 * A node group's idle addresses explained in words, e.g. "Held as warm
 * pool: WARM_PREFIX_TARGET=1, 37 nodes, 592 addresses." When the CNI's
 * formula (how-pod-ips-are-counted.md §7) predicts other holdings than
 * the nodes have, it says both: the settings may have changed since the
 * nodes took their addresses, or a default is assumed that is not the
 * cluster's. Undefined when nothing is idle and no pool applies.
 *
 * @public
 */
export function warmPoolMessage(pool: NodeGroupWarmPool): string | undefined {
  const nodes = plural(pool.nodes, 'node');
  const idle = plural(pool.idleAddresses, 'address', 'addresses');
  if (pool.pool === 'auto-mode') {
    return `EKS Auto Mode keeps its own warm pool (the VPC CNI's WARM_* settings do not apply): ${nodes}, ${idle} held and unused.`;
  }
  if (pool.pool === 'none') {
    return pool.idleAddresses > 0
      ? `${idle} held and unused on ${nodes}; no VPC CNI warm pool applies to them (Fargate, IPv6 or unknown nodes).`
      : undefined;
  }
  let text = `Held as warm pool: ${[
    ...pool.settings.map(settingWords),
    nodes,
    idle,
  ].join(', ')}.`;
  if (
    pool.expectedAddresses !== undefined &&
    pool.expectedAddresses !== pool.heldAddresses
  ) {
    text += ` By these settings the nodes would hold ${count(
      pool.expectedAddresses,
    )} addresses for their ${plural(pool.pods, 'pod')}; they hold ${count(
      pool.heldAddresses,
    )}.`;
  }
  return text;
}

/**
 * What a change of warm settings would release, in words, e.g.
 * "WARM_IP_TARGET=5 would release about 212 addresses (13 prefixes, on 37
 * nodes)." "About": the CNI frees addresses as its reconciler gets to
 * them, and pods come and go meanwhile.
 *
 * @public
 */
export function warmPoolReleaseMessage(release: WarmPoolRelease): string {
  const change = release.change.map(s => `${s.name}=${s.value}`).join(', ');
  if (release.addresses === 0) return `${change} would release nothing.`;
  const prefixes =
    release.prefixes !== undefined && release.prefixes > 0
      ? `${plural(release.prefixes, 'prefix', 'prefixes')}, `
      : '';
  return `${change} would release about ${plural(
    release.addresses,
    'address',
    'addresses',
  )} (${prefixes}on ${plural(release.nodes, 'node')}).`;
}
