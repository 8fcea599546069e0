import request from 'supertest';
import {
  CapacityBackend,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';
import { expectMatchesSpec } from './__testUtils__/matchesSpec';

jest.setTimeout(90_000);

async function cluster(backend: CapacityBackend, name: string) {
  const response = await request(backend.server).get(
    `/api/pod-ip-capacity/clusters/${name}`,
  );
  expect(response.status).toBe(200);
  expectMatchesSpec(response.body, 'ClusterDetailResponse');
  return response.body;
}

/** The per-prefix "assigned" counts, as the per-ENI report prints them. */
const assignedPerPrefix = (body: any) =>
  body.capacity.nodes.flatMap((n: any) =>
    n.networkInterfaces.flatMap((e: any) =>
      e.prefixes.map((p: any) => p.assigned),
    ),
  );

describe('a failed or incomplete collection never replaces a good picture', () => {
  let backend: CapacityBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  // Sample 1 (auto-mode): 3 nodes, one /28 prefix each, 1 + 3 + 1 pods,
  // 48 addresses held, 2 subnets. Each required call failing in each way
  // must leave exactly that picture in place, marked stale.
  it.each([
    [
      'DescribeInstances',
      { type: 'badResponse', mode: 'html502' },
      'NotAnEc2Response',
    ],
    // The SDK reads an empty 200 as a valid answer without instances.
    [
      'DescribeInstances',
      { type: 'badResponse', mode: 'empty200' },
      'InstancesNotFound',
    ],
    ['DescribeInstances', { type: 'deny' }, 'UnauthorizedOperation'],
    ['DescribeInstances', { type: 'throttle' }, 'RequestLimitExceeded'],
    [
      'DescribeSubnets',
      { type: 'badResponse', mode: 'internalError' },
      'InternalError',
    ],
    [
      'DescribeSubnets',
      { type: 'badResponse', mode: 'html200' },
      'NotAnEc2Response',
    ],
  ] as const)(
    'keeps the last good data, marked stale, when %s fails (%j)',
    async (action, fault, code) => {
      backend = await startCapacityBackend({
        scenario: 'auto-mode',
        podIpCapacity: { aws: { maxAttempts: 2 } },
      });
      await backend.refresh();
      const good = await cluster(backend, 'auto-mode');
      expect(good.snapshot.status).toBe('ok');
      expect(good.totals.heldIps).toBe(48);

      backend.sim.faults.add({ ...fault, action: `ec2:${action}` } as any);
      await backend.refresh({ timeoutMs: 30_000 });
      const after = await cluster(backend, 'auto-mode');

      expect(after.snapshot).toMatchObject({
        status: 'stale',
        stale: true,
        collectedAt: good.snapshot.collectedAt,
        problems: [
          expect.objectContaining({
            source: 'ec2',
            code,
            action: `ec2:${action}`,
          }),
        ],
      });
      expect(after.totals).toEqual(good.totals);
      expect(after.capacity.subnets).toHaveLength(2);
      expect(assignedPerPrefix(after)).toEqual([1, 3, 1]);
    },
  );

  it('never calls a cluster whose instances EC2 does not return ok: it names the nodes and keeps the last picture', async () => {
    backend = await startCapacityBackend({ scenario: 'auto-mode' });
    await backend.refresh();
    const good = await cluster(backend, 'auto-mode');

    // A valid answer with no instance at all: wrong account or region.
    backend.sim.faults.add({
      type: 'badResponse',
      action: 'ec2:DescribeInstances',
      mode: 'emptyResult',
    } as any);
    await backend.refresh();
    const after = await cluster(backend, 'auto-mode');

    expect(after.snapshot.status).toBe('stale');
    const [problem] = after.snapshot.problems;
    expect(problem).toMatchObject({
      source: 'ec2',
      code: 'InstancesNotFound',
      action: 'ec2:DescribeInstances',
    });
    for (const node of [
      'i-aaaaaaaaaaaaaaaaa',
      'i-bbbbbbbbbbbbbbbbb',
      'i-ccccccccccccccccc',
    ]) {
      expect(problem.message).toContain(node);
    }
    expect(problem.message).toMatch(/account.*region.*role/);
    expect(problem.message).toContain('IncludeManagedResources');
    expect(after.totals.heldIps).toBe(good.totals.heldIps);
  });

  it('says "error", not "ok", when the very first collection gets no instances', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      prepare: sim =>
        sim.faults.add({
          type: 'badResponse',
          action: 'ec2:DescribeInstances',
          mode: 'emptyResult',
        } as any),
    });
    await backend.refresh();
    const body = await cluster(backend, 'auto-mode');
    expect(body.snapshot.status).toBe('error');
    expect(body.snapshot.problems[0].code).toBe('InstancesNotFound');
    expect(body.capacity).toBeUndefined();
  });

  it('sees EKS Auto Mode instances that EC2 hides as managed resources', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      prepare: sim =>
        sim.setManagedResourceVisibility('111111111111', 'hidden'),
    });
    await backend.refresh();
    const body = await cluster(backend, 'auto-mode');
    expect(body.snapshot).toMatchObject({ status: 'ok', problems: [] });
    expect(assignedPerPrefix(body)).toEqual([1, 3, 1]);
    // Their ENIs are in the subnets' picture too: every address explained.
    for (const subnet of body.capacity.subnets) {
      expect(subnet.holders.unexplained).toBe(0);
    }
  });

  it('never shows more free /28 blocks than there are when the other ENIs of a subnet cannot be read', async () => {
    // portal-demo's eks-prod: subnet 10.0.2.0/24 has 238 free IPs but one
    // free aligned /28, because Lambda, RDS and VPC endpoint ENIs sit in
    // three other blocks. Without DescribeNetworkInterfaces those ENIs are
    // unknown: the count must stay at most what it really is.
    backend = await startCapacityBackend({ scenario: 'portal-demo' });
    await backend.refresh();
    const complete = await cluster(backend, 'eks-prod');
    const fragmented = (body: any) =>
      body.capacity.subnets.find(
        (s: any) => s.subnetId === 'subnet-0511000000000c000',
      );
    expect(fragmented(complete).freePrefixBlocks).toBe(1);

    backend.sim.faults.deny('DescribeNetworkInterfaces');
    await backend.refresh();
    const partial = await cluster(backend, 'eks-prod');

    expect(partial.snapshot.status).toBe('partial');
    expect(partial.snapshot.problems).toEqual([
      expect.objectContaining({ action: 'ec2:DescribeNetworkInterfaces' }),
    ]);
    const subnet = fragmented(partial);
    expect(subnet.freePrefixBlocks).toBeLessThanOrEqual(1);
    expect(subnet.freePrefixBlocksAtMost).toBeGreaterThanOrEqual(1);
    expect(subnet.unknown).toEqual(['otherNetworkInterfaces']);
    expect(subnet.status).toBe('fragmented');
    expect(partial.totals.freePrefixBlocks).toBeLessThanOrEqual(
      complete.totals.freePrefixBlocks,
    );
    expect(partial.subnetsAtRisk.map((s: any) => s.subnetId)).toEqual(
      complete.subnetsAtRisk.map((s: any) => s.subnetId),
    );
  });

  it('reports items EC2 returns that cannot be read, and counts the rest', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      prepare: sim => {
        sim.faults.add({
          type: 'malformed',
          action: 'ec2:DescribeInstances',
        } as any);
      },
    });
    await backend.refresh();
    const body = await cluster(backend, 'auto-mode');

    // The first instance's first ENI got a secondary IP 10.0.0.999 and a
    // prefix "not-a-cidr": both are left out, the ENI is named, the rest
    // of the sample is counted as usual.
    expect(body.snapshot.status).toBe('partial');
    expect(body.snapshot.problems).toEqual([
      expect.objectContaining({
        source: 'ec2',
        code: 'UnreadableItems',
        message: expect.stringContaining('eni-aaaaaaaaaaaaaaaaa'),
      }),
    ]);
    expect(assignedPerPrefix(body)).toEqual([1, 3, 1]);
  });

  it('reports a subnet whose CIDR cannot be read, and counts the other', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      prepare: sim =>
        sim.faults.add({
          type: 'malformed',
          action: 'ec2:DescribeSubnets',
        } as any),
    });
    await backend.refresh();
    const body = await cluster(backend, 'auto-mode');
    expect(body.snapshot.status).toBe('partial');
    const [problem] = body.snapshot.problems;
    expect(problem).toMatchObject({ source: 'ec2', code: 'UnreadableItems' });
    expect(problem.message).toMatch(
      /returned 1 subnet whose CIDR cannot be read/,
    );
    expect(body.capacity.subnets).toHaveLength(1);
  });

  it('reports pod list items that cannot be read, and counts the other pods', async () => {
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      prepare: sim =>
        sim.faults.add({
          type: 'malformed',
          cluster: 'auto-mode',
          kind: 'pods',
        } as any),
    });
    await backend.refresh();
    const body = await cluster(backend, 'auto-mode');
    expect(body.snapshot.status).toBe('partial');
    const codes = body.snapshot.problems.map((p: any) => [p.source, p.code]);
    expect(codes).toEqual([
      ['kubernetes', 'UnreadableItems'],
      ['kubernetes', 'UnreadableItems'],
    ]);
    const messages = body.snapshot.problems
      .map((p: any) => p.message)
      .join(' ');
    expect(messages).toMatch(/1 list item that is not an object/);
    expect(messages).toMatch(/1 pod whose IP is not an IP address/);
    // Five pods hold IPs in sample 1; one of them lost its IP to the fault.
    expect(body.totals.podsWithVpcIp).toBe(4);
  });

  it('reports the unreadable pods of a pod list restarted after its continue token expired once, not once per attempt', async () => {
    // Pages of 2 pods, each answered 300 ms late; the first page (the only
    // one the fault corrupts) holds a null and a pod with a garbage IP.
    backend = await startCapacityBackend({
      scenario: 'auto-mode',
      podIpCapacity: { kubernetes: { pageSize: 2 } },
      prepare: sim => {
        sim.faults.malformed({ cluster: 'auto-mode', kind: 'pods' });
        sim.faults.latency(300, { cluster: 'auto-mode' });
      },
    });
    const { sim } = backend;
    sim.resetCounters();
    const listedPods = () =>
      sim.counters().kubernetes['auto-mode']?.['list pods'] ?? 0;
    const refreshed = backend.refresh();
    // As soon as the first page is answered, its continue token expires
    // (a compaction): the request for the second page, still waiting out
    // its 300 ms, gets 410 Gone and the list starts again.
    while (listedPods() === 0) {
      await new Promise(resolve => setTimeout(resolve, 2));
    }
    sim.expireContinueTokens('auto-mode');
    await refreshed;

    const body = await cluster(backend, 'auto-mode');
    // 7 items (6 pods and the null) make 4 pages of 2; the restart read
    // the first page again (and the 410 counts as one more call).
    expect(listedPods()).toBeGreaterThan(4);
    expect(body.snapshot.status).toBe('partial');
    const messages = body.snapshot.problems
      .map((p: any) => p.message)
      .join(' ');
    expect(messages).toMatch(/returned 1 list item that is not an object/);
    expect(messages).toMatch(/returned 1 pod whose IP is not an IP address/);
    expect(body.totals.podsWithVpcIp).toBe(4);
  });
});
