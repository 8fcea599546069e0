import fc from 'fast-check';
import { generateFittingInventory } from '../testing/generateFittingInventory';
import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { computeWorkloadUsage } from '../workloads/computeWorkloadUsage';
import { whatIfAddReplicas } from './whatIfAddReplicas';
import { whatIfRotateNodeGroup } from './whatIfRotateNodeGroup';

/** A small generated cluster (prefix and secondary-IP node groups, foreign ENIs), a service in it, a number of replicas. */
const whatIfCase = fc.record({
  nodes: fc.integer({ min: 1, max: 10 }),
  podsPerNode: fc.integer({ min: 2, max: 60 }),
  subnets: fc.integer({ min: 1, max: 3 }),
  subnetPrefixLength: fc.integer({ min: 22, max: 24 }),
  secondaryIpShare: fc.double({ min: 0, max: 1, noNaN: true }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  service: fc.integer({ min: 0, max: 5 }),
  replicas: fc.integer({ min: 0, max: 600 }),
});

describe('what-ifs (properties)', () => {
  it('only ever takes from subnets, and stops exactly where a replica gets no IP', () => {
    fc.assert(
      fc.property(whatIfCase, c => {
        const inventory = generateFittingInventory({
          ...c,
          foreignEnisPerSubnet: 5,
          workloads: 6,
        });
        // Too many nodes for subnets that small: not a case.
        if (!inventory) {
          fc.pre(false);
          return;
        }
        const capacity = computeClusterCapacity(inventory);
        const workload = computeWorkloadUsage(
          [{ capacity, pods: inventory.pods }],
          { kubernetesId: `svc-${c.service}` },
        );
        const instanceTypes = inventory.instanceTypes;
        const result = whatIfAddReplicas(capacity, workload, c.replicas, {
          instanceTypes,
        });
        expect(result.placed).toBeLessThanOrEqual(c.replicas);
        expect(result.onCurrentNodes).toBeLessThanOrEqual(result.placed);
        const onNewNodes = result.newNodes.reduce(
          (sum, n) => sum + n.replicas,
          0,
        );
        expect(result.onCurrentNodes + onNewNodes).toBe(result.placed);
        // The failure names the very next replica; without one, all are placed.
        expect(result.firstFailure?.at ?? result.placed + 1).toBe(
          result.placed + 1,
        );
        expect(
          result.placed === c.replicas ||
            result.firstFailure !== null ||
            result.newNodesCapped,
        ).toBe(true);
        for (const s of result.subnets) {
          expect(s.available.after).toBeLessThanOrEqual(s.available.before);
          expect(s.freePrefixBlocks.after).toBeLessThanOrEqual(
            s.freePrefixBlocks.before,
          );
          expect(s.available.after).toBeGreaterThanOrEqual(0);
          // Free blocks can never hold more than the free addresses.
          expect(16 * s.freePrefixBlocks.after).toBeLessThanOrEqual(
            s.available.after,
          );
        }

        // The generator's first node group (there is at least one node).
        const group = capacity.nodeGroups[0].name;
        const rotation = whatIfRotateNodeGroup(capacity, group, {
          instanceTypes,
        });
        expect(rotation.newNodes).toHaveLength(rotation.concurrent);
        expect(rotation.fits).toBe(rotation.newNodes.every(n => !n.failure));
        const taken = rotation.newNodes.reduce(
          (sum, n) => sum + n.addresses,
          0,
        );
        const given = rotation.subnets.reduce(
          (sum, s) => sum + s.available.before - s.available.after,
          0,
        );
        // Every address a new node takes comes out of some subnet's free count.
        expect(given).toBe(taken);
      }),
      { numRuns: 80 },
    );
  });
});
