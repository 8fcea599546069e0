import { parseCidr, parseIpv4 } from '../scenario/ipv4';
import { Scenario } from '../scenario/types';

export interface PerEniRow {
  node: string;
  eni: string;
  primaryIp: string;
  subnetCidr: string;
  prefix: string;
  assigned?: number;
  podIps?: string[];
  available?: number;
}

/**
 * The per-ENI report of how-pod-ips-are-counted.md §6, computed from a resolved scenario (test oracle only).
 * Counts pods that hold a VPC IP: a podIP, not hostNetwork, not Succeeded/Failed.
 */
export function perEniReport(
  scenario: Scenario,
  clusterName: string,
): PerEniRow[] {
  const cluster = scenario.clusters.find(c => c.name === clusterName)!;
  const instances = new Map(
    scenario.regions.flatMap(r => r.instances).map(i => [i.id, i]),
  );
  const subnets = new Map(
    scenario.regions.flatMap(r => r.subnets).map(s => [s.id, s]),
  );
  const rows: PerEniRow[] = [];
  for (const node of cluster.nodes) {
    const instanceId = String(node.spec.providerID).split('/').pop()!;
    const inst = instances.get(instanceId)!;
    const podIps = cluster.pods
      .filter(
        p =>
          p.spec.nodeName === node.metadata.name &&
          p.status.podIP &&
          !p.spec.hostNetwork &&
          p.status.phase !== 'Succeeded' &&
          p.status.phase !== 'Failed',
      )
      .map(p => p.status.podIP as string);
    for (const eni of inst.networkInterfaces) {
      const base = {
        node: node.metadata.name,
        eni: eni.id,
        primaryIp: eni.primaryIp,
        subnetCidr: subnets.get(eni.subnetId)!.cidr,
      };
      if (eni.ipv4Prefixes.length === 0) {
        rows.push({ ...base, prefix: 'none' });
        continue;
      }
      for (const prefix of eni.ipv4Prefixes) {
        const cidr = parseCidr(prefix);
        const inside = podIps
          .filter(ip => {
            const n = parseIpv4(ip);
            return n >= cidr.base && n < cidr.base + cidr.size;
          })
          .sort((a, b) => parseIpv4(a) - parseIpv4(b));
        rows.push({
          ...base,
          prefix,
          assigned: inside.length,
          podIps: inside,
          available: 16 - inside.length,
        });
      }
    }
  }
  return rows;
}
