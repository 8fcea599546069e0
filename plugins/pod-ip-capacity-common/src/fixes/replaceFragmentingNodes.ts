import {
  ClusterCapacity,
  ClusterInventory,
  InventoryNetworkInterface,
  InventoryNode,
} from '../types';
import {
  formatIpv4Cidr,
  Ipv4Range,
  rangeContains,
  tryParseIpv4,
  tryParseIpv4Cidr,
} from '../ip/ipv4';
import { BlockState, classifySubnetBlocks } from '../subnets/freeAlignedBlocks';
import { subnetOccupancy } from '../subnets/computeSubnetUsage';
import {
  NodeToReplace,
  PinningNetworkInterface,
  ReplaceNodesFix,
  ReplaceNodesOptions,
} from './types';
import { replaceCommands } from './replaceCommands';
import { subnetEnis } from './subnetEnis';
import { unknownOccupants } from './unknownOccupants';

const BLOCK = 16;
const NONE = -1;
const SEVERAL = -2;
const DEFAULT_LIMIT = 10;

/** A node (or an instance no node names) holding addresses in the subnet. */
interface Holder {
  node: Pick<InventoryNode, 'name' | 'instanceId' | 'labels'>;
  freed: number[];
  prefixBlocks: number[];
  shared: number;
  pinned: number;
  addresses: number;
}

/** The subnet's ENIs, the nodes' grouped by the node (holder) they belong to. */
function holdersOf(inventory: ClusterInventory, subnetId: string) {
  const { nodeEnis: enis, otherEnis } = subnetEnis(inventory, subnetId);
  const holders: Holder[] = [];
  const byName = new Map<string, number>();
  const nodeEnis = enis.map(({ eni, node }) => {
    let holder = byName.get(node.name);
    if (holder === undefined) {
      holder = holders.length;
      byName.set(node.name, holder);
      holders.push({
        node,
        freed: [],
        prefixBlocks: [],
        shared: 0,
        pinned: 0,
        addresses: 0,
      });
    }
    return { eni, holder };
  });
  return { holders, nodeEnis, otherEnis };
}

function blockIndexes(
  eni: InventoryNetworkInterface,
  range: Ipv4Range,
): number[] {
  const indexes: number[] = [];
  for (const address of [eni.primaryIp, ...eni.secondaryIps]) {
    const ip = tryParseIpv4(address);
    if (ip !== undefined && rangeContains(range, ip))
      indexes.push(Math.floor((ip - range.base) / BLOCK));
  }
  return indexes;
}

/**
 * Fix 3, for a fragmented subnet: which nodes to replace to free the most
 * aligned /28 blocks (how-pod-ips-are-counted.md §5). Replacing a node
 * gives back every address of its ENIs in the subnet — primary and
 * secondary IPs, and its prefixes. A fragmented block becomes free when
 * every used address in it is gone, so a node alone frees the fragmented
 * blocks in which all used addresses are its own, plus its prefixes;
 * blocks it shares with other nodes are freed only together with them, and
 * blocks that hold an address of an ENI that is no node's (Lambda, load
 * balancers, endpoints, branch ENIs…) are not freed by replacing nodes at
 * all. A block inside an `explicit` reservation is never freed (it turns
 * unavailable). Needs every address of every ENI in the subnet, which only
 * the inventory has (a snapshot lists pod IPs, not all secondary IPs).
 * Undefined when the inventory does not describe the subnet.
 * O(addresses in the subnet + blocks).
 *
 * @public
 */
export function replaceFragmentingNodes(
  capacity: ClusterCapacity,
  inventory: ClusterInventory,
  subnetId: string,
  options: ReplaceNodesOptions = {},
): ReplaceNodesFix | undefined {
  const subnet = inventory.subnets.find(s => s.subnetId === subnetId);
  const range = subnet && tryParseIpv4Cidr(subnet.cidr);
  if (!subnet || !range) return undefined;
  const { holders, nodeEnis, otherEnis } = holdersOf(inventory, subnetId);
  const { occupancy } = subnetOccupancy(subnet, [
    ...nodeEnis.map(e => e.eni),
    ...otherEnis,
  ]);
  const now = classifySubnetBlocks(range, occupancy);
  // What each block would be with no ENI in the subnet at all.
  const empty = classifySubnetBlocks(range, {
    usedIps: [],
    prefixBases: [],
    reservations: occupancy.reservations,
  });
  const n = now.states.length;
  const freeWhenEmpty = (i: number) => empty.states[i] === BlockState.free;

  const sole = new Int32Array(n).fill(NONE);
  const several = new Map<number, Set<number>>();
  const other = new Uint8Array(n);
  for (const { eni, holder } of nodeEnis) {
    const h = holders[holder];
    const ips = blockIndexes(eni, range);
    h.addresses += ips.length;
    for (const i of ips) {
      if (sole[i] === NONE) sole[i] = holder;
      else if (sole[i] !== holder) {
        let set = several.get(i);
        if (!set)
          several.set(i, (set = new Set(sole[i] >= 0 ? [sole[i]] : [])));
        set.add(holder);
        sole[i] = SEVERAL;
      }
    }
    for (const prefix of eni.ipv4Prefixes) {
      const p = tryParseIpv4Cidr(prefix);
      if (!p || !rangeContains(range, p.base)) continue;
      h.addresses += BLOCK;
      const i = Math.floor((p.base - range.base) / BLOCK);
      if (freeWhenEmpty(i)) h.prefixBlocks.push(i);
    }
  }
  for (const eni of otherEnis)
    for (const i of blockIndexes(eni, range)) other[i] = 1;

  let pinnedBlocks = 0;
  let onlyTogether = 0;
  let fragmented = 0;
  for (let i = 0; i < n; i++) {
    if (now.states[i] !== BlockState.fragmented) continue;
    fragmented++;
    if (!freeWhenEmpty(i)) continue;
    const touching = sole[i] >= 0 ? [sole[i]] : [...(several.get(i) ?? [])];
    if (other[i]) {
      pinnedBlocks++;
      touching.forEach(h => holders[h].pinned++);
    } else if (sole[i] >= 0) {
      holders[sole[i]].freed.push(i);
    } else if (sole[i] === SEVERAL) {
      onlyTogether++;
      touching.forEach(h => holders[h].shared++);
    }
  }

  const pinningInterfaces: PinningNetworkInterface[] = otherEnis
    .map(eni => ({
      eni,
      blocks: new Set(
        blockIndexes(eni, range).filter(
          i => now.states[i] === BlockState.fragmented && freeWhenEmpty(i),
        ),
      ).size,
    }))
    .filter(p => p.blocks > 0)
    .sort(
      (a, b) =>
        b.blocks - a.blocks ||
        a.eni.networkInterfaceId.localeCompare(b.eni.networkInterfaceId),
    )
    .map(({ eni, blocks }) => ({
      networkInterfaceId: eni.networkInterfaceId,
      interfaceType: eni.interfaceType,
      ...(eni.description ? { description: eni.description } : {}),
      blocks,
    }));

  const usageByName = new Map(capacity.nodes.map(u => [u.name, u]));
  const cidrOf = (i: number) => formatIpv4Cidr(range.base + i * BLOCK, 28);
  const candidates: NodeToReplace[] = holders
    .filter(h => h.freed.length + h.prefixBlocks.length > 0)
    .map(h => {
      const usage = usageByName.get(h.node.name);
      return {
        nodeName: h.node.name,
        ...(h.node.instanceId ? { instanceId: h.node.instanceId } : {}),
        ...(usage ? { nodeGroup: usage.nodeGroup, mode: usage.mode } : {}),
        blocksFreed: h.freed.length + h.prefixBlocks.length,
        fragmentedBlocksFreed: h.freed.length,
        prefixBlocksFreed: h.prefixBlocks.length,
        freedBlocks: [...h.freed, ...h.prefixBlocks]
          .sort((a, b) => a - b)
          .map(cidrOf),
        blocksSharedWithNodes: h.shared,
        blocksPinnedByOtherEnis: h.pinned,
        addresses: h.addresses,
        podsWithVpcIp: usage?.pods.withVpcIp ?? 0,
        commands: replaceCommands(h.node),
      };
    })
    // Most blocks first; then the one that defragments more; then the one
    // that moves fewer pods; then by name, so the order is stable.
    .sort(
      (a, b) =>
        b.blocksFreed - a.blocksFreed ||
        b.fragmentedBlocksFreed - a.fragmentedBlocksFreed ||
        a.podsWithVpcIp - b.podsWithVpcIp ||
        a.nodeName.localeCompare(b.nodeName),
    );

  const freedAlone = holders.reduce(
    (sum, h) => sum + h.freed.length + h.prefixBlocks.length,
    0,
  );
  const notes: string[] = [];
  const subnetUsage = capacity.subnets.find(s => s.subnetId === subnetId);
  if (
    subnetUsage &&
    unknownOccupants(subnetUsage).includes('otherNetworkInterfaces')
  ) {
    notes.push(
      'Not every ENI in the subnet could be read: a block counted as freed may hold an address of an ENI we did not see.',
    );
  }
  if (
    candidates.some(
      c => usageByName.get(c.nodeName)?.prefixDelegation === false,
    )
  ) {
    notes.push(
      'A replacement in secondary-IP mode scatters single IPs over the blocks it gets: reserve the free ranges for prefixes first, or move the group to prefix delegation (how-pod-ips-are-counted.md §1).',
    );
  }
  if (pinnedBlocks > 0) {
    notes.push(
      `${pinnedBlocks} fragmented block(s) hold an address of an ENI that is no node's: they stay fragmented until those ENIs leave the subnet.`,
    );
  }
  const limit = options.limit ?? DEFAULT_LIMIT;
  return {
    kind: 'replace-fragmenting-nodes',
    subnetId,
    fragmentedBlocks: fragmented,
    nodes: candidates.slice(0, limit),
    totalNodes: candidates.length,
    blocksFreedOnlyTogether: onlyTogether,
    pinnedBlocks,
    pinningInterfaces: pinningInterfaces.slice(0, limit),
    totalPinningInterfaces: pinningInterfaces.length,
    freeBlocksIfAllReplaced: now.counts.free + freedAlone + onlyTogether,
    notes,
  };
}
