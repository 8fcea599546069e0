import { loadScenario } from '../scenario/loadScenario';
import { resolveScenario } from '../scenario/resolveScenario';
import { ScenarioError } from '../scenario/scenarioError';
import { ScenarioFile } from '../scenario/types';
import { startSimulator } from '../startSimulator';
import { portalDemoFile } from '../__testUtils__/karpenterScenario';

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  return [];
};

describe('timeline validation', () => {
  it('lists every movement that names something the file does not have, or is malformed', () => {
    const file = portalDemoFile();
    file.timeline = {
      start: '-2w',
      end: '+1d',
      step: '30s',
      movements: [
        {
          type: 'grow',
          cluster: 'eks-prod',
          namespace: 'checkout',
          workload: 'checkout-ui',
          pods: 0,
          every: '1d',
        },
        {
          type: 'grow',
          cluster: 'eks-prod',
          namespace: 'kube-system',
          workload: 'aws-node',
          pods: 1,
          every: 'daily',
          nodes: ['i-05110000000009999'],
        },
        {
          type: 'addNetworkInterfaces',
          subnet: 'subnet-0511000000000e000',
          count: 1,
          every: '1h',
          from: 'yesterday',
        },
        {
          type: 'rotateNodeGroup',
          cluster: 'eks-dev',
          nodegroup: 'legacy',
          at: '-1d',
        },
        { type: 'scaleDown' } as any,
      ],
    };
    expect(problemsOf(() => resolveScenario(file))).toEqual([
      "timeline: start '-2w' is neither a relative time (-14d, +30d, 0) nor an ISO 8601 timestamp",
      "timeline: step '30s' must be a duration of at least 1m (6h, 1d)",
      "timeline.movements[0] (grow): pods must be a positive whole number, not '0'",
      'timeline.movements[0] (grow): cluster eks-prod has no workload checkout/checkout-ui',
      "timeline.movements[1] (grow): every 'daily' must be a duration of at least 1m (30m, 6h, 2d)",
      'timeline.movements[1] (grow): kube-system/aws-node is a hostNetwork DaemonSet; only Deployments, StatefulSets and ReplicaSets with pod IPs grow',
      'timeline.movements[1] (grow): cluster eks-prod has no node i-05110000000009999',
      "timeline.movements[2] (addNetworkInterfaces): from 'yesterday' is neither a relative time (-14d, +30d, 0) nor an ISO 8601 timestamp",
      'timeline.movements[2] (addNetworkInterfaces): no subnet subnet-0511000000000e000',
      'timeline.movements[3] (rotateNodeGroup): cluster eks-dev has no node in node group legacy',
      'timeline.movements[4]: type must be grow, addNetworkInterfaces or rotateNodeGroup',
    ]);
  });

  it('checks the instants when the simulator starts: movements inside the timeline', async () => {
    const file = portalDemoFile();
    file.timeline!.movements!.push(
      {
        type: 'rotateNodeGroup',
        cluster: 'eks-prod',
        nodegroup: 'legacy',
        at: '+31d',
      },
      {
        type: 'addNetworkInterfaces',
        subnet: 'subnet-0511000000000a000',
        count: 1,
        every: '1d',
        from: '-15d',
      },
    );
    await expect(startSimulator({ scenario: file })).rejects.toMatchObject({
      problems: [
        'timeline.movements[5] (rotateNodeGroup): at +31d must lie after start and no later than end',
        'timeline.movements[6] (addNetworkInterfaces): from/until must lie between start and end, from before until',
      ],
    });
  });

  it('refuses a rotation whose subnet has no address left for the new node', async () => {
    // Ten Lambda ENIs an hour fill the legacy subnet's 238 free IPs within a day: by the
    // rotation (−5 d) there is no address for the new nodes' ENIs.
    const file: ScenarioFile = portalDemoFile();
    file.timeline!.movements!.push({
      type: 'addNetworkInterfaces',
      subnet: 'subnet-0511000000000c000',
      count: 10,
      every: '1h',
    });
    await expect(startSimulator({ scenario: file })).rejects.toThrow(
      /rotating i-0511000000000c001: subnet subnet-0511000000000c000 has no free address for a new ENI/,
    );
  });

  it('a scenario without a timeline is the same world at every instant', async () => {
    const sim = await startSimulator({
      scenario: 'auto-mode',
      clock: () => 1e12,
    });
    try {
      expect(sim.timeline).toMatchObject({ start: 1e12, end: 1e12, step: 0 });
      expect(sim.timeline.instants()).toEqual([1e12]);
      const world = sim.scenario;
      sim.timeline.seek(2e12);
      expect(sim.scenario).toBe(world);
      // 8170 and 8153 free IPs, hundreds of free /28s: neither subnet ever runs out.
      expect(sim.timeline.runsOut('subnet-0a0a0a0a0a0a0a064')).toMatchObject({
        noFreeBlockAt: null,
        noFreeIpAt: null,
      });
    } finally {
      await sim.stop();
    }
    expect(loadScenario('auto-mode').timeline).toBeUndefined();
  });
});
