import { ClusterCapacity, NodeIpMode, NodeUsage } from '../types';
import {
  ForesightContext,
  NodeGroupWarmPool,
  WarmPool,
  WarmPoolKind,
  WarmPoolRelease,
  WarmSetting,
  WarmTargets,
  WarmTargetsChange,
} from './types';
import {
  warmIps,
  warmPrefixes,
  warmSettingsInForce,
  warmTargetsOf,
} from './warmPool';

/** The change weighed by default: a small warm IP target instead of whole warm prefixes or ENIs. */
const DEFAULT_CHANGES: WarmTargetsChange[] = [{ warmIpTarget: 5 }];

const CNI_MODES: ReadonlySet<NodeIpMode> = new Set([
  'prefix',
  'secondary-ip',
  'custom-networking',
]);

function poolKind(mode: NodeIpMode): WarmPoolKind {
  if (mode === 'auto-mode') return 'auto-mode';
  return CNI_MODES.has(mode) ? 'vpc-cni' : 'none';
}

/** Pod IPs the node's pool serves: in use, and pending pods about to take one. */
const podsOn = (node: NodeUsage) => node.ips.used + node.pods.pendingWithoutIp;

const prefixesOn = (node: NodeUsage) =>
  node.networkInterfaces.reduce((sum, eni) => sum + eni.prefixes.length, 0);

function changeSettings(change: WarmTargetsChange): WarmSetting[] {
  const names = {
    warmPrefixTarget: 'WARM_PREFIX_TARGET',
    warmIpTarget: 'WARM_IP_TARGET',
    minimumIpTarget: 'MINIMUM_IP_TARGET',
    warmEniTarget: 'WARM_ENI_TARGET',
  } as const;
  return (Object.keys(names) as Array<keyof typeof names>).flatMap(key =>
    change[key] === undefined
      ? []
      : [{ name: names[key], value: change[key]!, assumed: false }],
  );
}

/**
 * Idle addresses of each node group, explained (how-pod-ips-are-counted.md §7): which
 * warm setting holds them ("held as warm pool: WARM_PREFIX_TARGET=1, 37
 * nodes, 592 addresses"), what the CNI's formula expects the nodes to
 * hold, and what each weighed change would release ("WARM_IP_TARGET=5
 * would release about 212 addresses"). Nodes are taken one by one, each
 * with its own pods, pod limit and instance type. EKS Auto Mode nodes keep
 * their own pool: the CNI's settings do not apply to them. O(nodes ×
 * changes).
 *
 * @public
 */
export function explainWarmPools(
  capacity: ClusterCapacity,
  context: ForesightContext = {},
  changes: readonly WarmTargetsChange[] = DEFAULT_CHANGES,
): NodeGroupWarmPool[] {
  const cni = context.provisioning?.cni;
  const types = new Map(
    (context.instanceTypes ?? []).map(t => [t.instanceType, t]),
  );
  const byGroup = new Map<string, NodeUsage[]>();
  for (const node of capacity.nodes) {
    let list = byGroup.get(node.nodeGroup);
    if (!list) byGroup.set(node.nodeGroup, (list = []));
    list.push(node);
  }
  const current = warmTargetsOf(cni);
  const alternatives = changes.map(change => ({
    change,
    targets: warmTargetsOf(cni, change),
  }));

  return capacity.nodeGroups.map(group => {
    const nodes = byGroup.get(group.name) ?? [];
    const pool = poolKind(group.mode);
    const explained: NodeGroupWarmPool = {
      nodeGroup: group.name,
      pool,
      nodes: nodes.length,
      pods: nodes.reduce((sum, n) => sum + podsOn(n), 0),
      heldAddresses: group.heldIps,
      usedAddresses: group.usedIps,
      idleAddresses: group.idleIps,
      settings: [],
      releases: [],
    };
    if (pool !== 'vpc-cni') return explained;

    const cniNodes = nodes.filter(n => CNI_MODES.has(n.mode));
    const prefixNodes = cniNodes.filter(n => n.prefixDelegation).length;
    const mode = 2 * prefixNodes >= cniNodes.length ? 'prefix' : 'secondary-ip';
    const poolOf = (node: NodeUsage, targets: WarmTargets): WarmPool | null => {
      const limits = {
        ...(node.limits.effective !== undefined
          ? { maxPods: node.limits.effective }
          : {}),
        ...(node.instanceType && types.has(node.instanceType)
          ? { instanceType: types.get(node.instanceType)! }
          : {}),
        customNetworking: node.customNetworking,
      };
      return node.prefixDelegation
        ? warmPrefixes(podsOn(node), targets, limits)
        : warmIps(podsOn(node), targets, limits);
    };

    let expected = 0;
    let allKnown = true;
    for (const node of cniNodes) {
      const held = poolOf(node, current);
      if (held) expected += held.addresses;
      else allKnown = false;
    }
    explained.mode = mode;
    explained.settings = warmSettingsInForce(current, mode, cni);
    if (allKnown) explained.expectedAddresses = expected;
    explained.releases = alternatives.map(({ change, targets }) => {
      const release: WarmPoolRelease = {
        change: changeSettings(change),
        addresses: 0,
        nodes: 0,
      };
      let prefixes = 0;
      for (const node of cniNodes) {
        const after = poolOf(node, targets);
        if (!after) continue;
        // Prefix mode gives back whole prefixes; secondary-IP mode single IPs.
        const freed = node.prefixDelegation
          ? 16 * Math.max(0, prefixesOn(node) - (after.prefixes ?? 0))
          : Math.max(0, node.ips.held - after.addresses);
        if (freed > 0) release.nodes++;
        release.addresses += freed;
        if (node.prefixDelegation) prefixes += freed / 16;
      }
      if (prefixNodes > 0) release.prefixes = prefixes;
      return release;
    });
    return explained;
  });
}
