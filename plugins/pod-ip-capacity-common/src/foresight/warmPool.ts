import { InventoryInstanceType } from '../types';
import {
  VpcCniSettings,
  WarmPool,
  WarmPoolLimits,
  WarmSetting,
  WarmTargets,
  WarmTargetsChange,
} from './types';

/**
 * The VPC CNI's warm pool, as how-pod-ips-are-counted.md §7 states it
 * (derived from the CNI's ipamd; it matches the examples table of the
 * CNI's docs/prefix-and-ip-target.md).
 */

const PREFIX_ADDRESSES = 16;
/** The CNI's defaults: WARM_PREFIX_TARGET=1, WARM_ENI_TARGET=1. */
const DEFAULT_WARM_PREFIX_TARGET = 1;
const DEFAULT_WARM_ENI_TARGET = 1;

/**
 * The warm targets of a DaemonSet's settings, the CNI's defaults where it
 * says nothing, with an optional change applied on top.
 *
 * @public
 */
export function warmTargetsOf(
  cni: VpcCniSettings | undefined,
  change: WarmTargetsChange = {},
): WarmTargets {
  const merged = { ...cni, ...change };
  return {
    warmPrefixTarget: merged.warmPrefixTarget ?? DEFAULT_WARM_PREFIX_TARGET,
    ...(merged.warmIpTarget !== undefined
      ? { warmIpTarget: merged.warmIpTarget }
      : {}),
    ...(merged.minimumIpTarget !== undefined
      ? { minimumIpTarget: merged.minimumIpTarget }
      : {}),
    warmEniTarget: merged.warmEniTarget ?? DEFAULT_WARM_ENI_TARGET,
    ...(cni?.maxEni !== undefined ? { maxEni: cni.maxEni } : {}),
  };
}

/** `WARM_IP_TARGET` and `MINIMUM_IP_TARGET`, when set (non-zero), override the other two targets. */
function ipTargetsSet(targets: WarmTargets): boolean {
  return (targets.warmIpTarget ?? 0) > 0 || (targets.minimumIpTarget ?? 0) > 0;
}

/**
 * The settings that size the pool in a mode, as the DaemonSet names them;
 * `assumed` where `cni` did not say and the default stands in.
 *
 * @public
 */
export function warmSettingsInForce(
  targets: WarmTargets,
  mode: 'prefix' | 'secondary-ip',
  cni: VpcCniSettings | undefined,
): WarmSetting[] {
  if (ipTargetsSet(targets)) {
    const settings: WarmSetting[] = [];
    if (targets.warmIpTarget !== undefined) {
      settings.push({
        name: 'WARM_IP_TARGET',
        value: targets.warmIpTarget,
        assumed: cni?.warmIpTarget === undefined,
      });
    }
    if (targets.minimumIpTarget !== undefined) {
      settings.push({
        name: 'MINIMUM_IP_TARGET',
        value: targets.minimumIpTarget,
        assumed: cni?.minimumIpTarget === undefined,
      });
    }
    return settings;
  }
  return mode === 'prefix'
    ? [
        {
          name: 'WARM_PREFIX_TARGET',
          value: targets.warmPrefixTarget,
          assumed: cni?.warmPrefixTarget === undefined,
        },
      ]
    : [
        {
          name: 'WARM_ENI_TARGET',
          value: targets.warmEniTarget,
          assumed: cni?.warmEniTarget === undefined,
        },
      ];
}

/** ENIs that can hold pod addresses: the type's (or MAX_ENI's), less the primary under custom networking. */
export function podEnis(
  type: InventoryInstanceType,
  targets: WarmTargets,
  customNetworking: boolean | undefined,
): number {
  const enis = Math.min(
    type.maximumNetworkInterfaces,
    targets.maxEni ?? Infinity,
  );
  return Math.max(0, enis - (customNetworking ? 1 : 0));
}

/**
 * Prefixes a prefix-mode node holds for `pods` pods (how-pod-ips-are-counted.md §7):
 * ⌈N/16⌉ + W with `WARM_PREFIX_TARGET=W`; max(⌈(N + w)/16⌉, ⌈m/16⌉) with
 * `WARM_IP_TARGET=w`, `MINIMUM_IP_TARGET=m`; never more than the pod limit
 * needs (⌈max pods/16⌉) nor than ENIs × (IPv4 per ENI − 1) slots.
 * A node with 1 pod and W=1 holds 2 prefixes, 32 addresses.
 *
 * @public
 */
export function warmPrefixes(
  pods: number,
  targets: WarmTargets,
  limits: WarmPoolLimits = {},
): WarmPool {
  const byIpTargets = ipTargetsSet(targets);
  let prefixes = byIpTargets
    ? Math.max(
        Math.ceil((pods + (targets.warmIpTarget ?? 0)) / PREFIX_ADDRESSES),
        Math.ceil((targets.minimumIpTarget ?? 0) / PREFIX_ADDRESSES),
      )
    : Math.ceil(pods / PREFIX_ADDRESSES) + targets.warmPrefixTarget;
  let cappedBy: WarmPool['cappedBy'];
  if (limits.maxPods !== undefined) {
    const forMaxPods = Math.ceil(limits.maxPods / PREFIX_ADDRESSES);
    if (prefixes > forMaxPods) {
      prefixes = forMaxPods;
      cappedBy = 'max-pods';
    }
  }
  if (limits.instanceType) {
    const slots =
      podEnis(limits.instanceType, targets, limits.customNetworking) *
      Math.max(0, limits.instanceType.ipv4AddressesPerInterface - 1);
    if (prefixes > slots) {
      prefixes = slots;
      cappedBy = 'address-slots';
    }
  }
  return {
    addresses: PREFIX_ADDRESSES * prefixes,
    prefixes,
    rule: byIpTargets ? 'WARM_IP_TARGET' : 'WARM_PREFIX_TARGET',
    ...(cappedBy ? { cappedBy } : {}),
  };
}

/**
 * Secondary IPs a secondary-IP-mode node holds for `pods` pods
 * (how-pod-ips-are-counted.md §7): with `WARM_ENI_TARGET=E`, about
 * min(max ENIs, ⌈N/s⌉ + E) ENIs of s = IPv4 per ENI − 1 IPs each; with
 * `WARM_IP_TARGET=w` / `MINIMUM_IP_TARGET=m`, max(N + w, m) IPs; never
 * more than the ENIs' slots. Null when `WARM_ENI_TARGET` applies and the
 * instance type is unknown (an ENI's size is then unknown).
 *
 * @public
 */
export function warmIps(
  pods: number,
  targets: WarmTargets,
  limits: WarmPoolLimits = {},
): WarmPool | null {
  const type = limits.instanceType;
  const perEni = type
    ? Math.max(0, type.ipv4AddressesPerInterface - 1)
    : undefined;
  const maxEnis = type
    ? podEnis(type, targets, limits.customNetworking)
    : undefined;
  if (ipTargetsSet(targets)) {
    let ips = Math.max(
      pods + (targets.warmIpTarget ?? 0),
      targets.minimumIpTarget ?? 0,
    );
    let cappedBy: WarmPool['cappedBy'];
    if (
      perEni !== undefined &&
      maxEnis !== undefined &&
      ips > perEni * maxEnis
    ) {
      ips = perEni * maxEnis;
      cappedBy = 'address-slots';
    }
    return {
      addresses: ips,
      ...(perEni ? { enis: Math.ceil(ips / perEni) } : {}),
      rule: 'WARM_IP_TARGET',
      ...(cappedBy ? { cappedBy } : {}),
    };
  }
  if (perEni === undefined || maxEnis === undefined) return null;
  const wanted =
    (perEni > 0 ? Math.ceil(pods / perEni) : 0) + targets.warmEniTarget;
  const enis = Math.min(maxEnis, wanted);
  return {
    addresses: enis * perEni,
    enis,
    rule: 'WARM_ENI_TARGET',
    ...(enis < wanted ? { cappedBy: 'address-slots' as const } : {}),
  };
}
