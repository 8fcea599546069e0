import { buildPod } from './buildPod';
import { expandWorkload } from './expandWorkload';
import { parseIpv4 } from './ipv4';
import { ClusterSpec, KubeObject, PodPhase, PodSpec } from './types';

/** The addresses a node's ENIs hand to pods: secondary IPs and /28 prefix bases. */
export interface NodeOwnedIps {
  ips: Set<number>;
  prefixes: Set<number>;
}

export interface PodContext {
  spec: ClusterSpec;
  accountId: string;
  /** Node name → node IP. */
  nodeIps: Map<string, string>;
  nodeOwnedIps: Map<string, NodeOwnedIps>;
  /** `account/region/ip` of every branch ENI (security groups for pods). */
  branchIps: Set<string>;
  problems: string[];
  warnings: string[];
}

/**
 * Two active pods never share an IP (how-pod-ips-are-counted.md §3: completed pods keep a
 * stale one); an IP in no secondary IP or prefix of the node is unattributed (a warning).
 */
function checkPodIp(
  ctx: PodContext,
  key: string,
  p: PodSpec,
  phase: PodPhase,
  podIp: string,
  activeIps: Map<string, string>,
) {
  const { spec } = ctx;
  let ip = -1;
  try {
    ip = parseIpv4(podIp);
  } catch (e) {
    ctx.problems.push(
      `cluster ${spec.name}: pod ${key}: ${(e as Error).message}`,
    );
  }
  if (phase !== 'Succeeded' && phase !== 'Failed') {
    const other = activeIps.get(podIp);
    if (other) {
      ctx.problems.push(
        `cluster ${spec.name}: pods ${other} and ${key} both hold ${podIp}`,
      );
    }
    activeIps.set(podIp, key);
  }
  const owned = ctx.nodeOwnedIps.get(p.node!);
  if (
    owned &&
    ip >= 0 &&
    !owned.ips.has(ip) &&
    !owned.prefixes.has(ip - (ip % 16)) &&
    !ctx.branchIps.has(`${ctx.accountId}/${spec.region}/${podIp}`)
  ) {
    ctx.warnings.push(
      `cluster ${spec.name}: pod ${key} IP ${podIp} is in no secondary IP or prefix of node ${p.node} (unattributed)`,
    );
  }
}

/** The cluster's pods, explicit and expanded from workloads, checked and built. */
export function resolvePods(ctx: PodContext): KubeObject[] {
  const { spec } = ctx;
  const podSpecs: PodSpec[] = [...(spec.pods ?? [])];
  for (const w of spec.workloads ?? []) podSpecs.push(...expandWorkload(w));

  const pods: KubeObject[] = [];
  const activeIps = new Map<string, string>();
  const podKeys = new Set<string>();
  for (const p of podSpecs) {
    const key = `${p.namespace}/${p.name}`;
    if (podKeys.has(key)) {
      ctx.problems.push(`cluster ${spec.name}: pod ${key} is listed twice`);
    }
    podKeys.add(key);
    if (p.node && !ctx.nodeIps.has(p.node)) {
      ctx.problems.push(
        `cluster ${spec.name}: pod ${key} runs on unknown node ${p.node}`,
      );
      continue;
    }
    const phase: PodPhase = p.phase ?? (p.node ? 'Running' : 'Pending');
    const hostIp = p.node ? ctx.nodeIps.get(p.node) : undefined;
    const podIp = p.hostNetwork ? p.ip ?? hostIp : p.ip;
    if (podIp && !p.node) {
      ctx.problems.push(
        `cluster ${spec.name}: pod ${key} has an IP but no node`,
      );
    }
    if (podIp && !p.hostNetwork) {
      checkPodIp(ctx, key, p, phase, podIp, activeIps);
    }
    pods.push(buildPod(spec.name, p, phase, podIp, hostIp));
  }
  return pods;
}
