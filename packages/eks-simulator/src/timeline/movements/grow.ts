import { GrowMovementSpec, NodeSpec } from '../../scenario/types';
import { allocatePodIp, maxPodsOf } from '../podAddresses';
import { isoSeconds } from '../timeText';
import { PodEntry, WorldState } from '../worldState';

/** The nodes a workload's active pods run on, in the order they first appear. */
function workloadNodes(pods: PodEntry[]): string[] {
  const names: string[] = [];
  for (const p of pods) {
    if (
      p.node &&
      p.phase !== 'Succeeded' &&
      p.phase !== 'Failed' &&
      !names.includes(p.node)
    )
      names.push(p.node);
  }
  return names;
}

/**
 * `grow`: the workload gets `pods` new pods, placed on its nodes round-robin (a full node —
 * at its max pods — is skipped, as the scheduler would; with every node full the pod stays
 * unscheduled). Each scheduled pod takes an IP as the CNI would, or stays Pending on its
 * node without one: that is the moment the node, or its subnet, ran out.
 */
export function applyGrow(
  world: WorldState,
  m: GrowMovementSpec,
  movement: number,
  at: number,
): void {
  const cluster = world.cluster(m.cluster);
  const w = (cluster.workloads ?? []).find(
    x => x.namespace === m.namespace && x.name === m.workload,
  )!;
  const byName = new Map<string, NodeSpec>(
    (cluster.nodes ?? []).map(n => [world.nodeName(n), n]),
  );
  const nodes = (m.nodes ?? workloadNodes(w.pods)).filter(n => byName.has(n));
  const createdAt = isoSeconds(at);
  for (let i = 0; i < m.pods; i++) {
    const k = world.nextCount(movement);
    let chosen: NodeSpec | undefined;
    for (let j = 0; j < nodes.length && !chosen; j++) {
      const name = nodes[(k + j) % nodes.length];
      const n = byName.get(name)!;
      if (world.activePodsOn(cluster, name) < maxPodsOf(world, n)) chosen = n;
    }
    const entry: PodEntry = { createdAt };
    if (chosen) {
      entry.node = world.nodeName(chosen);
      const ip = allocatePodIp(world, cluster, chosen);
      if (ip) entry.ip = ip;
      else entry.phase = 'Pending';
    } else {
      entry.phase = 'Pending';
    }
    // Pods are never removed, so the new pod's position (its name) is a new one.
    w.pods.push(entry);
    world.notePodPlaced(cluster, entry);
  }
}
