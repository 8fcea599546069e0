import {
  ClusterInventory,
  InventoryNetworkInterface,
  InventoryNode,
} from '../types';

/** The ENIs of one subnet, from the inventory. */
export interface SubnetEnis {
  /** ENIs of the cluster's instances, with the node behind each (or a stand-in named after the instance). */
  nodeEnis: Array<{
    eni: InventoryNetworkInterface;
    node: Pick<InventoryNode, 'name' | 'instanceId' | 'labels'>;
  }>;
  /** Every other ENI in the subnet (counted once even if also an instance's). */
  otherEnis: InventoryNetworkInterface[];
}

/** Per inventory, its ENIs by subnet (built once, O(ENIs)). */
const indexes = new WeakMap<ClusterInventory, Map<string, SubnetEnis>>();

/**
 * The ENIs in a subnet, the nodes' and everybody else's, as
 * `computeClusterCapacity` counts them (how-pod-ips-are-counted.md §2, §5).
 */
export function subnetEnis(
  inventory: ClusterInventory,
  subnetId: string,
): SubnetEnis {
  let index = indexes.get(inventory);
  if (!index) {
    index = new Map();
    const of = (id: string) => {
      let entry = index!.get(id);
      if (!entry) index!.set(id, (entry = { nodeEnis: [], otherEnis: [] }));
      return entry;
    };
    const nodeByInstance = new Map(
      inventory.nodes.flatMap(n => (n.instanceId ? [[n.instanceId, n]] : [])),
    );
    const ids = new Set<string>();
    for (const instance of inventory.instances) {
      const node = nodeByInstance.get(instance.instanceId) ?? {
        name: instance.instanceId,
        instanceId: instance.instanceId,
        labels: {},
      };
      for (const eni of instance.networkInterfaces) {
        ids.add(eni.networkInterfaceId);
        of(eni.subnetId).nodeEnis.push({ eni, node });
      }
    }
    for (const eni of inventory.otherNetworkInterfaces) {
      if (!ids.has(eni.networkInterfaceId))
        of(eni.subnetId).otherEnis.push(eni);
    }
    indexes.set(inventory, index);
  }
  return index.get(subnetId) ?? { nodeEnis: [], otherEnis: [] };
}
