import { ClusterCapacity } from '../types';
import {
  ForesightContext,
  NodeGroupWarmPool,
  NodeLanding,
  WarmTargetsChange,
} from './types';
import { nextNodeLandings } from './nextNodeLandings';
import { explainWarmPools } from './explainWarmPools';
import { landingWarningMessage } from './landingWarningMessage';
import { warmPoolMessage, warmPoolReleaseMessage } from './warmPoolMessages';

/**
 * A cluster's landings and warm pools, as the REST API and alerts give
 * them.
 *
 * @public
 */
export interface ClusterForesightResult {
  landings: NodeLanding[];
  warmPools: NodeGroupWarmPool[];
}

/**
 * Where every node pool's and node group's next node lands, and its
 * nodes' idle addresses explained (how-pod-ips-are-counted.md §7), each
 * warning and explanation with its sentence. In an IPv6 cluster pods take
 * no subnet IPv4, so only a node's own address can fail: the other
 * warnings are left out (never raise IPv4 exhaustion there).
 *
 * @public
 */
export function clusterForesight(
  capacity: ClusterCapacity,
  context: ForesightContext = {},
  changes?: readonly WarmTargetsChange[],
): ClusterForesightResult {
  const landings = nextNodeLandings(capacity, context).map(landing => {
    const warnings = landing.warnings
      .filter(w => capacity.ipFamily !== 'ipv6' || w.request === 'node-ip')
      .map(w => ({ ...w, message: landingWarningMessage(landing, w) }));
    return { ...landing, warnings };
  });
  const warmPools = explainWarmPools(capacity, context, changes).map(pool => {
    const message = warmPoolMessage(pool);
    return {
      ...pool,
      ...(message ? { message } : {}),
      releases: pool.releases.map(r => ({
        ...r,
        message: warmPoolReleaseMessage(r),
      })),
    };
  });
  return { landings, warmPools };
}

/**
 * The capacity with every subnet a landing warning names marked at risk:
 * the next node of a pool lands there and a request it needs fails (its
 * first prefix, its own address, its warm IPs). The engine's own rule
 * only counts the nodes in a subnet now, so a subnet Karpenter is about
 * to pick, with no prefix-mode node in it yet, would otherwise look safe.
 * An Auto Mode fallback to /32s counts too: its pods then fragment the
 * subnet further. Returns the same object when nothing changes.
 *
 * @public
 */
export function markLandingRisks(
  capacity: ClusterCapacity,
  landings: readonly NodeLanding[],
): ClusterCapacity {
  const warned = new Set(
    landings.flatMap(l => l.warnings.map(w => w.subnetId)),
  );
  if (!capacity.subnets.some(s => warned.has(s.subnetId) && !s.atRisk)) {
    return capacity;
  }
  const subnets = capacity.subnets.map(s =>
    warned.has(s.subnetId) && !s.atRisk ? { ...s, atRisk: true } : s,
  );
  return {
    ...capacity,
    subnets,
    atRisk: true,
    totals: {
      ...capacity.totals,
      atRiskSubnets: subnets.filter(s => s.atRisk).length,
    },
  };
}
