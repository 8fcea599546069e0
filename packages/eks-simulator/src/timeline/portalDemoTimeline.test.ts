import { EC2Client } from '@aws-sdk/client-ec2';
import { RunningSimulator, startSimulator } from '../startSimulator';
import { ec2Client } from '../__testUtils__/ec2Client';
import { request } from '../__testUtils__/httpRequest';
import { subnetFigures } from '../__testUtils__/subnetFigures';

// portal-demo's story over 14 days past and 30 ahead (README.md, "portal-demo's timeline").

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// 03:00 on the clock: the timeline counts from 00:00, the last whole 6 h step.
const CLOCK = Date.parse('2026-03-01T03:00:00Z');
const ORIGIN = Date.parse('2026-03-01T00:00:00Z');
const LEGACY = 'subnet-0511000000000c000';

describe("portal-demo's timeline", () => {
  let sim: RunningSimulator;
  let ec2: EC2Client;
  const kube = async (cluster: string, path: string) =>
    (
      await request(`${sim.cluster(cluster).url}${path}`, {
        token: `${cluster}-token`,
        ca: sim.caCert,
      })
    ).body;
  const ipsOf = async (cluster: string, service: string) =>
    (
      await kube(
        cluster,
        `/api/v1/pods?labelSelector=${encodeURIComponent(
          `backstage.io/kubernetes-id=${service}`,
        )}`,
      )
    ).items.map((p: any) => p.status.podIP ?? '-');

  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'portal-demo', clock: () => CLOCK });
    ec2 = ec2Client(sim);
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('collects every 6 h over the last 14 days, and starts from the file as written', async () => {
    const instants = sim.timeline.instants();
    expect(instants).toHaveLength(57);
    expect([instants[0], instants[56]]).toEqual([ORIGIN - 14 * DAY, ORIGIN]);
    expect(sim.timeline.current).toBe(ORIGIN - 14 * DAY);
    // The README's worked values: 238 free IPs, one free /28 (10.0.2.224/28).
    expect(await subnetFigures(ec2, LEGACY)).toMatchObject({
      availableIpAddressCount: 238,
      freeBlocks: 1,
    });
  });

  it('now: the legacy subnet has no free /28 but 225 free IPs, and runs out of IPs within 30 days', async () => {
    sim.timeline.seek(ORIGIN);
    // 238 minus 13 Lambda ENIs: orders-webhook's at −10 d, −6 d, −2 d and orders-fanout's
    // ten, every 3 h since −30 h. The rotation's addresses replaced the old ones one for one.
    expect(await subnetFigures(ec2, LEGACY)).toMatchObject({
      availableIpAddressCount: 225,
      freeBlocks: 0,
    });
    // The clock says 03:00: one more orders-fanout ENI has arrived since the last instant.
    expect(sim.timeline.seek('now')).toBe(CLOCK);
    expect((await subnetFigures(ec2, LEGACY)).availableIpAddressCount).toBe(
      224,
    );
    const out = sim.timeline.runsOut(LEGACY);
    // The first Lambda ENI took the last free /28 ten days ago.
    expect(out.noFreeBlockAt).toBe(ORIGIN - 10 * DAY);
    // 225 IPs at 8 orders-fanout ENIs a day plus one orders-webhook ENI every 4 days.
    expect(out.noFreeIpAt).toBe(ORIGIN + 27 * DAY + 6 * HOUR);
    for (const other of [
      'subnet-0511000000000a000',
      'subnet-0522000000000b000',
    ]) {
      expect(sim.timeline.runsOut(other)).toEqual({
        subnetId: other,
        noFreeBlockAt: null,
        noFreeIpAt: null,
      });
    }
  });

  it('the legacy node group was replaced 5 days ago: new nodes, the same pods, ten /28s freed for a while', async () => {
    const rotation = ORIGIN - 5 * DAY;
    const legacyNodes = async () =>
      (
        await kube(
          'eks-prod',
          '/api/v1/nodes?labelSelector=eks.amazonaws.com%2Fnodegroup%3Dlegacy',
        )
      ).items.map((n: any) => n.metadata.name);
    sim.timeline.seek(rotation - 1);
    expect(await legacyNodes()).toEqual([
      'i-0511000000000c001',
      'i-0511000000000c002',
    ]);
    expect((await subnetFigures(ec2, LEGACY)).freeBlocks).toBe(0);
    expect(await ipsOf('eks-prod', 'payments-worker')).toEqual([
      '10.0.2.133',
      '10.0.2.37',
      '-',
      '10.0.2.53',
      '10.0.2.117',
    ]);
    sim.timeline.seek(rotation);
    const fresh = await legacyNodes();
    expect(fresh).toHaveLength(2);
    expect(fresh).not.toContain('i-0511000000000c001');
    // New addresses from the bottom of the subnet (.5–.14, after a Lambda ENI at .4): the
    // blocks the old nodes' scattered IPs held are free again, the count of free IPs is not.
    expect(await subnetFigures(ec2, LEGACY)).toMatchObject({
      availableIpAddressCount: 236,
      freeBlocks: 10,
    });
    // Running pods moved onto the new nodes' secondary IPs; the finished CronJob pod stays
    // listed without its old stale IP; the unscheduled one is still unscheduled.
    expect(await ipsOf('eks-prod', 'payments-worker')).toEqual([
      '-',
      '10.0.2.6',
      '-',
      '10.0.2.7',
      '10.0.2.11',
    ]);
  });

  it('checkout-api grows a pod a day, search-api two every 6 h until its nodes are full', async () => {
    sim.timeline.seek(ORIGIN);
    // 4 pods (one Failed) + 14 days of growth.
    expect(await ipsOf('eks-prod', 'checkout-api')).toHaveLength(18);
    // 3 + 56 growths of 2; every one has an IP from the nodes' 100.64 prefixes.
    const search = (await ipsOf('eks-analytics', 'search-api')).filter(
      (ip: string) => ip !== '-' && ip.startsWith('100.64.'),
    );
    expect(search).toHaveLength(115);
    sim.timeline.seek(ORIGIN + 12 * DAY + 12 * HOUR);
    const pods = await kube(
      'eks-analytics',
      '/api/v1/pods?labelSelector=app%3Dsearch-api&fieldSelector=status.phase%3DPending',
    );
    // Both nodes at 110 pods: the first replicas nobody can schedule.
    expect(pods.items.length).toBeGreaterThan(0);
    expect(pods.items.every((p: any) => !p.spec.nodeName)).toBe(true);
  });

  it('seeks anywhere well under a second', async () => {
    const fresh = await startSimulator({
      scenario: 'portal-demo',
      clock: () => CLOCK,
    });
    try {
      for (const at of [
        fresh.timeline.end,
        fresh.timeline.start + 6 * HOUR,
        ORIGIN,
        ORIGIN - 5 * DAY,
      ]) {
        const t0 = Date.now();
        fresh.timeline.seek(at);
        expect(Date.now() - t0).toBeLessThan(500);
      }
    } finally {
      await fresh.stop();
    }
  });
});
