import {
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import fs from 'node:fs';
import path from 'node:path';
import {
  BUILTIN_SCENARIO_DIR,
  parseScenarioYaml,
} from '../scenario/loadScenario';
import { RunningSimulator, startSimulator } from '../startSimulator';
import { request } from '../__testUtils__/httpRequest';
import { subnetFigures } from '../__testUtils__/subnetFigures';

// timeline-demo played instant by instant and read like a collector reads it: the real
// EC2 SDK and the Kubernetes API. The numbers are those of scenarios/timeline-demo.yaml.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The simulator's clock, on a whole 12 h step: the timeline's origin ("0").
const NOW = Date.parse('2026-03-01T00:00:00Z');
const START = NOW - 7 * DAY;

const A = 'subnet-0a00000000000a000'; // 10.50.0.0/24, the api node's prefixes
const B = 'subnet-0a00000000000b000'; // 10.50.1.0/26, Lambda ENIs
const C = 'subnet-0a00000000000c000'; // 10.50.2.0/24, node group blue

describe('timeline-demo, played', () => {
  let sim: RunningSimulator;
  let ec2: EC2Client;
  const kube = (apiPath: string) =>
    request(`${sim.cluster('timeline').url}${apiPath}`, {
      token: 'timeline-token',
      ca: sim.caCert,
    });
  const pods = async (selector: string) =>
    (await kube(`/api/v1/pods?labelSelector=${encodeURIComponent(selector)}`))
      .body.items;

  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'timeline-demo', clock: () => NOW });
    ec2 = new EC2Client({
      endpoint: sim.awsEndpoint,
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIASIMTIMELINE00001',
        secretAccessKey: 'timeline-secret-access-key',
      },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('frames the timeline on the clock: start -7d, end +7d, a 12 h step, instants up to now', () => {
    expect(sim.timeline).toMatchObject({
      start: START,
      end: NOW + 7 * DAY,
      step: 12 * HOUR,
      current: START,
    });
    const instants = sim.timeline.instants();
    expect(instants).toHaveLength(15);
    expect(instants[0]).toBe(START);
    expect(instants[14]).toBe(NOW);
  });

  it('loses exactly one free /28 of subnet A every 12 h, 16 addresses each', async () => {
    for (const k of [0, 1, 5, 12, 13]) {
      sim.timeline.seek(START + k * 12 * HOUR);
      const a = await subnetFigures(ec2, A);
      // 14 usable blocks (the first and last hold AWS-reserved addresses), one allocated
      // at start; each growth of 16 pods allocates the next. 256 − 5 − node IP − 16·prefixes.
      expect([k, a.freeBlocks, a.availableIpAddressCount]).toEqual([
        k,
        13 - k,
        234 - 16 * k,
      ]);
      const api = await pods('app=api');
      expect(api).toHaveLength(16 * (k + 1));
      expect(api.every((p: any) => p.status.podIP)).toBe(true);
    }
    expect(sim.timeline.runsOut(A)).toEqual({
      subnetId: A,
      noFreeBlockAt: START + 13 * 12 * HOUR,
      // 26 single IPs stay free: .4–.15 but the node's .10, and .240–.254.
      noFreeIpAt: null,
    });
  });

  it('leaves pods Pending once the subnet has no /28 left, then unscheduled at max pods', async () => {
    sim.timeline.seek(START + 14 * 12 * HOUR);
    const pending = (await pods('app=api')).filter(
      (p: any) => p.status.phase === 'Pending',
    );
    // Scheduled (the node has room for 250 pods) but the CNI found no /28 for them.
    expect(pending).toHaveLength(16);
    for (const p of pending) {
      expect(p.spec.nodeName).toBe('i-0a00000000000a001');
      expect(p.status.podIP).toBeUndefined();
      expect(p.status.containerStatuses[0].state).toEqual({
        waiting: { reason: 'ContainerCreating' },
      });
    }
    // Prefix mode takes no /32s: the subnet's figures stay where they were.
    expect(await subnetFigures(ec2, A)).toMatchObject({
      freeBlocks: 0,
      availableIpAddressCount: 26,
    });
    sim.timeline.seek(START + 15 * 12 * HOUR);
    const later = (await pods('app=api')).filter(
      (p: any) => p.status.phase === 'Pending',
    );
    // 16 + 14·16 = 240 pods on the node; 10 more reach its 250, 6 find no node.
    expect(later.filter((p: any) => p.spec.nodeName)).toHaveLength(26);
    expect(later.filter((p: any) => !p.spec.nodeName)).toHaveLength(6);
    const node = (await kube('/api/v1/nodes/i-0a00000000000a001')).body;
    expect(node.status.allocatable.pods).toBe('250');
  });

  it('fragments subnet B with Lambda ENIs until it has no free address', async () => {
    sim.timeline.seek(START);
    expect(await subnetFigures(ec2, B)).toEqual({
      availableIpAddressCount: 59,
      freeBlocks: 2,
      eniCount: 0,
    });
    // The first 4 ENIs: two into the two free blocks, two at the lowest single IPs.
    sim.timeline.seek(START + 6 * HOUR);
    expect(await subnetFigures(ec2, B)).toEqual({
      availableIpAddressCount: 55,
      freeBlocks: 0,
      eniCount: 4,
    });
    sim.timeline.seek(START + 90 * HOUR);
    expect(await subnetFigures(ec2, B)).toEqual({
      availableIpAddressCount: 0,
      freeBlocks: 0,
      eniCount: 59,
    });
    expect(sim.timeline.runsOut(B)).toEqual({
      subnetId: B,
      noFreeBlockAt: START + 6 * HOUR,
      noFreeIpAt: START + 90 * HOUR,
    });
  });

  it("steps at the rotation: a new instance in the same subnet, the pods moved, the subnet's blocks freed", async () => {
    const rotation = NOW - 3 * DAY;
    const state = async () => {
      const nodes = (await kube('/api/v1/nodes')).body.items.map(
        (n: any) => n.metadata.name,
      );
      const web: string[][] = (await pods('app=web')).map((p: any) => [
        p.metadata.name,
        p.spec.nodeName,
        p.status.podIP,
      ]);
      return { nodes, web, c: await subnetFigures(ec2, C) };
    };
    sim.timeline.seek(rotation - 1);
    const before = await state();
    expect(before.nodes).toContain('i-0a00000000000c001');
    expect(before.web.map(w => w[2])).toEqual(['10.50.2.117', '10.50.2.133']);
    // .100, .117, .133 and .149 each fragment a block: 14 − 4 = 10 free; 251 − 4 = 247.
    expect(before.c).toMatchObject({
      freeBlocks: 10,
      availableIpAddressCount: 247,
    });

    sim.timeline.seek(rotation);
    const after = await state();
    const fresh = after.nodes.find((n: string) => !before.nodes.includes(n));
    expect(fresh).toMatch(/^i-[0-9a-f]{17}$/);
    expect(after.nodes).not.toContain('i-0a00000000000c001');
    // Same pods, new node, IPs from the new instance's secondary IPs (.5, .6, .7).
    expect(after.web).toEqual(
      before.web.map((w, i) => [w[0], fresh, `10.50.2.${5 + i}`]),
    );
    // All four addresses now sit in the first block (AWS-reserved for prefixes anyway).
    expect(after.c).toMatchObject({
      freeBlocks: 14,
      availableIpAddressCount: 247,
    });

    const { Reservations = [] } = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [{ Name: 'subnet-id', Values: [C] }],
      }),
    );
    const inst = Reservations[0].Instances![0];
    expect(inst.InstanceId).toBe(fresh);
    expect(inst.LaunchTime).toEqual(new Date(rotation));
    expect(inst.PrivateIpAddress).toBe('10.50.2.4');
    expect(
      inst.NetworkInterfaces![0].PrivateIpAddresses!.map(
        p => p.PrivateIpAddress,
      ),
    ).toEqual(['10.50.2.4', '10.50.2.5', '10.50.2.6', '10.50.2.7']);
    await expect(
      ec2.send(
        new DescribeInstancesCommand({ InstanceIds: ['i-0a00000000000c001'] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
  });

  it('expires continue tokens when a seek changes the world (410), not when it does not', async () => {
    sim.timeline.seek(START + 12 * HOUR);
    const first = await kube('/api/v1/pods?limit=5');
    const token = encodeURIComponent(first.body.metadata.continue);
    // The same world (no movement between these instants): the list goes on.
    sim.timeline.seek(START + 13 * HOUR);
    expect((await kube(`/api/v1/pods?limit=5&continue=${token}`)).status).toBe(
      200,
    );
    sim.timeline.seek(START + 24 * HOUR);
    const gone = await kube(`/api/v1/pods?limit=5&continue=${token}`);
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({
      kind: 'Status',
      reason: 'Expired',
      code: 410,
    });
    expect(Number(first.body.metadata.resourceVersion)).toBeLessThan(
      Number(
        (await kube('/api/v1/pods?limit=5')).body.metadata.resourceVersion,
      ),
    );
  });

  it('leaves counters and faults alone, and refuses instants before the start', async () => {
    sim.resetCounters();
    sim.faults.throttle('ec2:DescribeSubnets', { count: 1 });
    sim.timeline.seek(START + 2 * DAY);
    await expect(subnetFigures(ec2, A)).rejects.toMatchObject({
      name: 'RequestLimitExceeded',
    });
    expect(sim.counters().aws['ec2:DescribeSubnets']).toBe(1);
    expect(() => sim.timeline.seek(START - 1)).toThrow(
      /before the timeline's start/,
    );
    expect(sim.timeline.current).toBe(START + 2 * DAY);
  });

  it('serves the timeline over the admin API', async () => {
    const admin = (route: string, body?: unknown) =>
      request(`${sim.adminUrl}${route}`, {
        method: body ? 'POST' : 'GET',
        body: body ? JSON.stringify(body) : undefined,
      });
    const seek = await admin('/timeline/seek', { at: START + 12 * HOUR });
    expect(seek.body).toEqual({ current: START + 12 * HOUR });
    const { body } = await admin('/timeline');
    expect(body).toMatchObject({
      start: START,
      end: NOW + 7 * DAY,
      step: 12 * HOUR,
      now: NOW,
      current: START + 12 * HOUR,
    });
    expect(body.instants).toHaveLength(15);
    expect(body.subnets).toEqual([
      expect.objectContaining({
        subnetId: A,
        cidr: '10.50.0.0/24',
        noFreeBlockAt: START + 156 * HOUR,
        noFreeIpAt: null,
      }),
      expect.objectContaining({
        subnetId: B,
        noFreeBlockAt: START + 6 * HOUR,
        noFreeIpAt: START + 90 * HOUR,
      }),
      expect.objectContaining({
        subnetId: C,
        noFreeBlockAt: null,
        noFreeIpAt: null,
      }),
    ]);
    expect((await admin('/timeline/seek', { at: 'now' })).body.current).toBe(
      NOW,
    );
    const refused = await admin('/timeline/seek', { at: START - DAY });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/before the timeline's start/);
  });
});

describe('startSimulator({ timeline })', () => {
  it("serves 'now' or an instant from the first request; 'start' (the default) is the file", async () => {
    const at = async (timeline?: 'now' | number) => {
      const sim = await startSimulator({
        scenario: 'timeline-demo',
        clock: () => NOW,
        ...(timeline !== undefined ? { timeline } : {}),
      });
      try {
        const { body } = await request(
          `${sim.cluster('timeline').url}/api/v1/pods?labelSelector=app%3Dapi`,
          { token: 'timeline-token', ca: sim.caCert },
        );
        return [sim.timeline.current, body.items.length];
      } finally {
        await sim.stop();
      }
    };
    expect(await at()).toEqual([START, 16]);
    // now = start + 14 growths of 16.
    expect(await at('now')).toEqual([NOW, 16 * 15]);
    expect(await at(START + 36 * HOUR)).toEqual([START + 36 * HOUR, 16 * 4]);
  });
});

describe('grow on an EKS Auto Mode node', () => {
  it('falls back to /32 secondary IPs once the subnet has no free /28 (how-pod-ips-are-counted.md §1)', async () => {
    const file = parseScenarioYaml(
      fs.readFileSync(
        path.join(BUILTIN_SCENARIO_DIR, 'timeline-demo.yaml'),
        'utf8',
      ),
    );
    // The api node as an Auto Mode node (with a 250-pod kubelet, Auto Mode's default is 110).
    Object.assign(file.clusters![0].nodes[0], {
      computeType: 'auto',
      allocatablePods: 250,
    });
    const sim = await startSimulator({ scenario: file, clock: () => NOW });
    try {
      const ec2 = new EC2Client({
        endpoint: sim.awsEndpoint,
        region: 'us-east-1',
        credentials: {
          accessKeyId: 'AKIASIMTIMELINE00001',
          secretAccessKey: 'timeline-secret-access-key',
        },
        maxAttempts: 1,
      });
      const eni = async () =>
        (
          await ec2.send(
            new DescribeNetworkInterfacesCommand({
              NetworkInterfaceIds: ['eni-0a00000000000a001'],
            }),
          )
        ).NetworkInterfaces![0];
      // Growth 14: no /28 left, so the 16 pods get single IPs from the 26 left.
      sim.timeline.seek(START + 14 * 12 * HOUR);
      const held = await eni();
      expect(held.Ipv4Prefixes).toHaveLength(14);
      expect(held.PrivateIpAddresses).toHaveLength(1 + 16);
      expect(held.PrivateIpAddresses![1].PrivateIpAddress).toBe('10.50.0.4');
      expect(await subnetFigures(ec2, A)).toMatchObject({
        availableIpAddressCount: 10,
        freeBlocks: 0,
      });
      // Growth 15: 10 more reach the node's 250 pods and take the last 10 IPs.
      sim.timeline.seek(START + 15 * 12 * HOUR);
      expect((await subnetFigures(ec2, A)).availableIpAddressCount).toBe(0);
      expect(sim.timeline.runsOut(A)).toMatchObject({
        noFreeBlockAt: START + 13 * 12 * HOUR,
        noFreeIpAt: START + 15 * 12 * HOUR,
      });
    } finally {
      await sim.stop();
    }
  });
});
