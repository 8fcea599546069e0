import { OwnerUsage, WorkloadSelection } from '../types';
import { computeWorkloadUsage, WorkloadSource } from './computeWorkloadUsage';
import { ownerHeadroom } from './ownerHeadroom';
import { attributedNodeIps } from './attributedNodeIps';

/**
 * An owner's (a team's or a system's) usage: each entity it owns, pod
 * counts summed over them, nodes and subnets counted once, headroom shared
 * between the entities (`ownerHeadroom`: never the sum of theirs, never
 * more than the clusters can take) and the nodes' addresses charged to it
 * in whole addresses (`attributedNodeIps`).
 *
 * @public
 */
export function computeOwnerUsage(
  owner: string,
  selections: readonly WorkloadSelection[],
  sources: readonly WorkloadSource[],
): OwnerUsage {
  const entities = selections.map(s => computeWorkloadUsage(sources, s));
  const nodes = new Set<string>();
  const subnets = new Set<string>();
  let pods = 0;
  let podsWithVpcIp = 0;
  let unattributedPods = 0;
  for (const entity of entities) {
    pods += entity.pods;
    podsWithVpcIp += entity.podsWithVpcIp;
    unattributedPods += entity.unattributedPods;
    for (const n of entity.nodes) nodes.add(`${n.cluster}/${n.node.name}`);
    for (const s of entity.subnets)
      subnets.add(`${s.cluster}/${s.subnet.subnetId}`);
  }
  const headroom = ownerHeadroom(
    entities,
    sources.map(s => s.capacity),
  );
  const usage: OwnerUsage = {
    owner,
    entities,
    pods,
    podsWithVpcIp,
    unattributedPods,
    headroomReplicas: headroom.replicas,
    headroom,
    nodeIps: { held: 0, used: 0, idle: 0, wholeNodes: 0, clusters: [] },
    nodes: nodes.size,
    subnets: subnets.size,
  };
  usage.nodeIps = attributedNodeIps(usage);
  return usage;
}
