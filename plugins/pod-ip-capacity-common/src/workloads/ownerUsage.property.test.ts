import fc from 'fast-check';
import { generateFittingInventory } from '../testing/generateFittingInventory';
import { computeClusterCapacity } from '../cluster/computeClusterCapacity';
import { computeOwnerUsage } from './computeOwnerUsage';
import { apportionNodeIps } from './apportionNodeIps';

/**
 * Generated clusters (prefix and secondary-IP nodes, foreign ENIs, small
 * /22 subnets that run out) with six workloads `svc-0`…`svc-5`, handed out
 * to up to four teams — each workload to one team, or, with `overlap`, to
 * any number of them.
 */
const teamsCase = fc.record({
  nodes: fc.integer({ min: 1, max: 12 }),
  podsPerNode: fc.integer({ min: 0, max: 60 }),
  subnets: fc.integer({ min: 1, max: 3 }),
  secondaryIpShare: fc.double({ min: 0, max: 1, noNaN: true }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  owners: fc.array(fc.integer({ min: 0, max: 3 }), {
    minLength: 6,
    maxLength: 6,
  }),
  extra: fc.array(fc.integer({ min: 0, max: 3 }), {
    minLength: 6,
    maxLength: 6,
  }),
  overlap: fc.boolean(),
});

describe('owner usage (properties)', () => {
  it('never promises a team more room than the cluster has, and charges every held address to a team or to nobody, exactly once', () => {
    fc.assert(
      fc.property(teamsCase, c => {
        const inventory = generateFittingInventory({
          ...c,
          subnetPrefixLength: 22,
          foreignEnisPerSubnet: 5,
          workloads: 6,
        });
        // Too many nodes for subnets that small: not a case.
        if (!inventory) {
          fc.pre(false);
          return;
        }
        const capacity = computeClusterCapacity(inventory);
        const sources = [{ capacity, pods: inventory.pods }];
        const teams = [0, 1, 2, 3].map(t =>
          computeOwnerUsage(
            `group:default/team-${t}`,
            c.owners.flatMap((owner, svc) =>
              owner === t || (c.overlap && c.extra[svc] === t)
                ? [{ kubernetesId: `svc-${svc}` }]
                : [],
            ),
            sources,
          ),
        );
        const cap = capacity.totals.headroomPods;
        for (const team of teams) {
          expect(team.headroom.replicas).toBeLessThanOrEqual(cap);
          expect(team.headroom.onCurrentNodes).toBeLessThanOrEqual(cap);
          expect(team.headroomReplicas).toBe(team.headroom.replicas);
          for (const pool of team.headroom.pools)
            expect(pool.replicas).toBeLessThanOrEqual(cap);
          // Every entity running somewhere is in exactly one pool.
          const pooled = team.headroom.pools.flatMap(p => p.sharedBy);
          expect(new Set(pooled).size).toBe(pooled.length);
          expect(pooled.length).toBe(
            team.entities.filter(e => e.nodes.length > 0).length,
          );
        }

        const { owners, notAttributed } = apportionNodeIps([capacity], teams);
        const sum = (f: (o: (typeof owners)[number]) => number) =>
          owners.reduce((s, o) => s + f(o), 0);
        const [rest] = notAttributed;
        expect(sum(o => o.held) + rest.held).toBe(capacity.totals.heldIps);
        expect(sum(o => o.used) + rest.used).toBe(capacity.totals.usedIps);
        expect(sum(o => o.idle) + rest.idle).toBe(capacity.totals.idleIps);
        for (const charge of [...owners, rest]) {
          expect(Number.isInteger(charge.held)).toBe(true);
          expect(charge.used).toBeGreaterThanOrEqual(0);
          expect(charge.idle).toBeGreaterThanOrEqual(0);
        }
        // A team's share is what it is charged on its own, less what other
        // teams also claim: the same without overlap.
        const alone = teams.map(t => t.nodeIps.held);
        owners.forEach((o, i) => expect(o.held).toBeLessThanOrEqual(alone[i]));
        expect(c.overlap || owners.every((o, i) => o.held === alone[i])).toBe(
          true,
        );
      }),
      { numRuns: 80 },
    );
  });
});
