import fc from 'fast-check';
import { ClusterInventory } from '../types';
import { generateFittingInventory } from '../testing/generateFittingInventory';
import { parseIpv4, parseIpv4Cidr } from '../ip/ipv4';
import { computeClusterCapacity } from './computeClusterCapacity';
import { computeOwnerUsage } from '../workloads/computeOwnerUsage';

/**
 * A small generated cluster, with a random share of its pods gone (draws
 * whose nodes do not fit their /22 subnets are left out).
 */
const inventoryCase = fc
  .record({
    nodes: fc.integer({ min: 1, max: 12 }),
    podsPerNode: fc.integer({ min: 0, max: 60 }),
    subnets: fc.integer({ min: 1, max: 3 }),
    secondaryIpShare: fc.double({ min: 0, max: 1, noNaN: true }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    keepEvery: fc.integer({ min: 1, max: 4 }),
  })
  .map(o => {
    const inventory = generateFittingInventory({
      ...o,
      subnetPrefixLength: 22,
      foreignEnisPerSubnet: 5,
      workloads: 6,
    });
    // Pods come and go: IPs stay held on the ENIs.
    if (inventory) {
      inventory.pods = inventory.pods.filter((_, i) => i % o.keepEvery === 0);
    }
    return inventory;
  })
  .filter(
    (inventory): inventory is ClusterInventory => inventory !== undefined,
  );

const isSorted = (ips: string[]) =>
  ips.every((ip, i) => i === 0 || parseIpv4(ips[i - 1]) < parseIpv4(ip));

describe('engine invariants (properties)', () => {
  it('assigned + available = total for every prefix, secondary IP set and ENI; held = used + idle', () => {
    fc.assert(
      fc.property(inventoryCase, (inventory: ClusterInventory) => {
        const capacity = computeClusterCapacity(inventory);
        for (const node of capacity.nodes) {
          for (const eni of node.networkInterfaces) {
            for (const p of eni.prefixes) {
              expect(p.assigned + p.available).toBe(p.total);
              expect(p.total).toBe(16);
              expect(p.podIps).toHaveLength(p.assigned);
              expect(isSorted(p.podIps)).toBe(true);
            }
            const s = eni.secondaryIps;
            expect(s.assigned + s.available).toBe(s.total);
            expect(eni.assigned + eni.available).toBe(eni.total);
          }
          expect(node.ips.used + node.ips.idle).toBe(node.ips.held);
          expect(node.headroom.pods).toBeGreaterThanOrEqual(0);
        }
        for (const subnet of capacity.subnets) {
          expect(subnet.used + subnet.available).toBe(subnet.usable);
          // The generator is self-consistent: every used address is explained.
          expect(subnet.holders.unexplained).toBe(0);
          expect(subnet.freePrefixBlocks).toBeLessThanOrEqual(
            Math.floor(subnet.usable / 16),
          );
        }
        // Attributed pod IPs plus unattributed ones are every pod with a VPC IP.
        expect(capacity.totals.usedIps + capacity.totals.unattributedPods).toBe(
          capacity.totals.podsWithVpcIp,
        );
        // Sharing subnets never gives more room than the nodes alone.
        const alone = capacity.nodes.reduce(
          (sum, n) => sum + n.headroom.pods,
          0,
        );
        expect(capacity.totals.headroomPods).toBeLessThanOrEqual(alone);
      }),
      { numRuns: 60 },
    );
  });

  it('no free block overlaps an allocation or a used IP of any ENI', () => {
    fc.assert(
      fc.property(inventoryCase, (inventory: ClusterInventory) => {
        const capacity = computeClusterCapacity(inventory);
        const enis = [
          ...inventory.instances.flatMap(i => i.networkInterfaces),
          ...inventory.otherNetworkInterfaces,
        ];
        for (const subnet of capacity.subnets) {
          const range = parseIpv4Cidr(subnet.cidr);
          const stateOf = (ip: number) =>
            subnet.blockMap![Math.floor((ip - range.base) / 16)];
          for (const eni of enis.filter(e => e.subnetId === subnet.subnetId)) {
            for (const ip of [eni.primaryIp!, ...eni.secondaryIps]) {
              expect(stateOf(parseIpv4(ip))).toMatch(/[xr]/);
            }
            for (const prefix of eni.ipv4Prefixes) {
              expect(stateOf(parseIpv4Cidr(prefix).base)).toBe('a');
            }
          }
          expect(subnet.blockMap!.replace(/[^.p]/g, '')).toHaveLength(
            subnet.freePrefixBlocks,
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it("an owner's sums equal the sums of its entities", () => {
    fc.assert(
      fc.property(
        inventoryCase,
        fc.uniqueArray(fc.integer({ min: 0, max: 5 }), {
          minLength: 0,
          maxLength: 6,
        }),
        fc.boolean(),
        (inventory: ClusterInventory, ids: number[], bySelector: boolean) => {
          const sources = [
            {
              capacity: computeClusterCapacity(inventory),
              pods: inventory.pods,
            },
          ];
          const selections = ids.map(id =>
            bySelector
              ? { labelSelector: `app in (svc-${id})` }
              : { kubernetesId: `svc-${id}` },
          );
          const owner = computeOwnerUsage(
            'group:default/team',
            selections,
            sources,
          );
          const sum = (f: (e: (typeof owner.entities)[number]) => number) =>
            owner.entities.reduce((total, e) => total + f(e), 0);
          expect(owner.pods).toBe(sum(e => e.pods));
          expect(owner.podsWithVpcIp).toBe(sum(e => e.podsWithVpcIp));
          expect(owner.unattributedPods).toBe(sum(e => e.unattributedPods));
          // Headroom is no longer summed over entities (that counted a
          // shared node's room once per entity on it): it is shared room
          // over the union of their node groups, never more than the
          // cluster's (src/workloads/ownerUsage.property.test.ts).
          expect(owner.headroomReplicas).toBeLessThanOrEqual(
            sources[0].capacity.totals.headroomPods,
          );
          // Distinct workloads never claim more pods than the cluster has.
          expect(owner.podsWithVpcIp).toBeLessThanOrEqual(
            sources[0].capacity.totals.podsWithVpcIp,
          );
          expect(owner.nodes).toBeLessThanOrEqual(
            sources[0].capacity.totals.nodes,
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
