/* eslint-disable no-console */
/**
 * Micro-benchmark of the capacity engine (a script, not a test):
 *
 *   yarn bench [--nodes 5000] [--pods-per-node 30] [--subnets 6] [--runs 5]
 *
 * (A /16 holds about 1,000 generated nodes: give more nodes more subnets.)
 *
 * Generates a cluster on /16 subnets, then prints the wall time of each
 * engine stage (median of the runs), a baseline measured in the same run
 * (walking every field of the input, and a structured clone of it), the
 * engine/baseline ratio, and the time per pod at a quarter of the size and
 * at full size: near-linear cost keeps those two close.
 */
import { performance } from 'node:perf_hooks';
import { generateInventory } from './generateBenchInventory';
import {
  assembleClusterCapacity,
  computeNodeUsages,
  computeSubnetUsages,
  placePodIps,
} from '../src/cluster/computeClusterCapacity';
import { computeClusterCapacity } from '../src/cluster/computeClusterCapacity';
import { computeOwnerUsage } from '../src/workloads/computeOwnerUsage';
import type { ClusterInventory } from '../src/types';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const nodes = arg('nodes', 5000);
const podsPerNode = arg('pods-per-node', 30);
const runs = arg('runs', 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

/** Touches every field the engine reads, doing nothing with it. */
function walk(inventory: ClusterInventory): number {
  let n = 0;
  for (const pod of inventory.pods) {
    n += pod.name.length + pod.podIps.length + Object.keys(pod.labels).length;
    for (const ip of pod.podIps) n += ip.length;
  }
  for (const instance of inventory.instances) {
    for (const eni of instance.networkInterfaces) {
      n += (eni.primaryIp?.length ?? 0) + eni.networkInterfaceId.length;
      for (const ip of eni.secondaryIps) n += ip.length;
      for (const p of eni.ipv4Prefixes) n += p.length;
    }
  }
  for (const eni of inventory.otherNetworkInterfaces)
    n += eni.primaryIp?.length ?? 0;
  for (const node of inventory.nodes) n += node.name.length;
  return n;
}

function measure(inventory: ClusterInventory, repeat: number) {
  const samples: Record<string, number[]> = {
    'baseline: walk input': [],
    'baseline: structuredClone input': [],
    '1 place pod IPs': [],
    '2 subnets (/28 blocks)': [],
    '3 nodes (ENIs, headroom)': [],
    '4 totals, node groups': [],
    'engine total': [],
    'owner usage (20 entities)': [],
  };
  for (let r = 0; r < repeat; r++) {
    samples['baseline: walk input'].push(time(() => walk(inventory))[1]);
    samples['baseline: structuredClone input'].push(
      time(() => structuredClone(inventory))[1],
    );
    const [placement, t1] = time(() => placePodIps(inventory));
    const [subnets, t2] = time(() => computeSubnetUsages(inventory, placement));
    const [nodeUsages, t3] = time(() =>
      computeNodeUsages(inventory, placement, subnets),
    );
    const [capacity, t4] = time(() =>
      assembleClusterCapacity(inventory, placement, subnets, nodeUsages),
    );
    samples['1 place pod IPs'].push(t1);
    samples['2 subnets (/28 blocks)'].push(t2);
    samples['3 nodes (ENIs, headroom)'].push(t3);
    samples['4 totals, node groups'].push(t4);
    samples['engine total'].push(t1 + t2 + t3 + t4);
    const selections = Array.from({ length: 20 }, (_, i) => ({
      kubernetesId: `svc-${i}`,
    }));
    samples['owner usage (20 entities)'].push(
      time(() =>
        computeOwnerUsage('group:default/bench', selections, [
          { capacity, pods: inventory.pods },
        ]),
      )[1],
    );
  }
  return Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [k, median(v)]),
  );
}

function describe(inventory: ClusterInventory) {
  const enis = inventory.instances.flatMap(i => i.networkInterfaces);
  return {
    nodes: inventory.nodes.length,
    pods: inventory.pods.length,
    enis: enis.length + inventory.otherNetworkInterfaces.length,
    prefixes: enis.reduce((s, e) => s + e.ipv4Prefixes.length, 0),
    secondaryIps: enis.reduce((s, e) => s + e.secondaryIps.length, 0),
    subnets: inventory.subnets.map(s => s.cidr).join(' '),
  };
}

function main() {
  const subnets = arg('subnets', 6);
  console.log(
    `Generating ${nodes} nodes × ${podsPerNode} pods on ${subnets} /16 subnets…`,
  );
  const [inventory, genMs] = time(() =>
    generateInventory({
      nodes,
      podsPerNode,
      subnets,
      subnetPrefixLength: 16,
      seed: 42,
    }),
  );
  console.log(describe(inventory), `(generated in ${genMs.toFixed(0)} ms)`);

  // Warm up the JIT on a small inventory, then check the output once.
  computeClusterCapacity(
    generateInventory({ nodes: 200, podsPerNode, subnets, seed: 7 }),
  );
  const capacity = computeClusterCapacity(inventory);
  const [json, jsonMs] = time(() => JSON.stringify(capacity));
  console.log(
    `capacity: ${capacity.totals.podsWithVpcIp} pods with VPC IPs, ${capacity.totals.heldIps} held,`,
    `${capacity.totals.freePrefixBlocks} free /28s, headroom ${capacity.totals.headroomPods};`,
    `JSON ${(json.length / 1e6).toFixed(1)} MB in ${jsonMs.toFixed(0)} ms`,
  );

  const quarter = generateInventory({
    nodes: Math.max(1, Math.floor(nodes / 4)),
    podsPerNode,
    subnets,
    subnetPrefixLength: 16,
    seed: 42,
  });
  // A discarded round first, so that neither size pays for JIT warm-up.
  measure(quarter, 2);
  const small = measure(quarter, runs);
  const full = measure(inventory, runs);

  console.log(`\nMedian of ${runs} runs, ms:`);
  console.log(
    [
      'stage'.padEnd(34),
      `${quarter.nodes.length} nodes`.padStart(12),
      `${nodes} nodes`.padStart(12),
    ].join(''),
  );
  for (const stage of Object.keys(full)) {
    console.log(
      [
        stage.padEnd(34),
        small[stage].toFixed(1).padStart(12),
        full[stage].toFixed(1).padStart(12),
      ].join(''),
    );
  }
  const perPod = (m: Record<string, number>, pods: number) =>
    (1e6 * m['engine total']) / pods;
  console.log(
    `\nengine / walk baseline: ${(
      full['engine total'] / full['baseline: walk input']
    ).toFixed(1)}×;`,
    `engine / structuredClone baseline: ${(
      full['engine total'] / full['baseline: structuredClone input']
    ).toFixed(2)}×`,
  );
  console.log(
    `engine ns per pod: ${perPod(small, quarter.pods.length).toFixed(0)} at ${
      quarter.pods.length
    } pods,`,
    `${perPod(full, inventory.pods.length).toFixed(0)} at ${
      inventory.pods.length
    } pods`,
    `(ratio ${(
      perPod(full, inventory.pods.length) / perPod(small, quarter.pods.length)
    ).toFixed(2)}; 1.0 = linear)`,
  );
}

main();
