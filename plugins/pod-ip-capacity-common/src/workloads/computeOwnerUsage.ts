import { OwnerUsage, WorkloadSelection } from '../types';
import { computeWorkloadUsage, WorkloadSource } from './computeWorkloadUsage';

/**
 * A team's usage: each entity it owns, and their sums. Pod counts are plain
 * sums over the entities; nodes and subnets are counted once.
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
  let headroomReplicas = 0;
  for (const entity of entities) {
    pods += entity.pods;
    podsWithVpcIp += entity.podsWithVpcIp;
    unattributedPods += entity.unattributedPods;
    headroomReplicas += entity.headroom.replicas;
    for (const n of entity.nodes) nodes.add(`${n.cluster}/${n.node.name}`);
    for (const s of entity.subnets)
      subnets.add(`${s.cluster}/${s.subnet.subnetId}`);
  }
  return {
    owner,
    entities,
    pods,
    podsWithVpcIp,
    unattributedPods,
    headroomReplicas,
    nodes: nodes.size,
    subnets: subnets.size,
  };
}
