import request from 'supertest';
import {
  CapacityBackend,
  PORTAL_DEMO_AUTH,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';
import { expectMatchesSpec } from './__testUtils__/matchesSpec';

jest.setTimeout(60_000);

const LEGACY = 'subnet-0511000000000c000';

describe('GET /clusters/{name}/fixes (portal-demo)', () => {
  let backend: CapacityBackend;

  beforeAll(async () => {
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      awsAuth: PORTAL_DEMO_AUTH,
    });
    await backend.refresh();
  });

  afterAll(() => backend?.stop());

  it('gives the fragmented legacy subnet its one free /28 to reserve and the nodes to replace', async () => {
    const response = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/eks-prod/fixes',
    );
    expect(response.status).toBe(200);
    expectMatchesSpec(response.body, 'ClusterFixesResponse');
    expect(
      response.body.subnets.map((s: any) => [s.subnetId, s.status]),
    ).toEqual([[LEGACY, 'fragmented']]);
    const [legacy] = response.body.subnets;
    const protect = legacy.fixes.find(
      (f: any) => f.kind === 'protect-free-ranges',
    );
    // 10.0.2.0/24, 238 free addresses, one free aligned /28: 10.0.2.224/28.
    expect(protect.ranges).toEqual([
      {
        cidr: '10.0.2.224/28',
        prefixLength: 28,
        addresses: 16,
        blocks: 1,
        command: `aws ec2 create-subnet-cidr-reservation --subnet-id ${LEGACY} --cidr 10.0.2.224/28 --reservation-type prefix`,
      },
    ]);
    const replace = legacy.fixes.find(
      (f: any) => f.kind === 'replace-fragmenting-nodes',
    );
    expect(replace.nodes.map((n: any) => n.nodeName)).toEqual(
      expect.arrayContaining(['i-0511000000000c001', 'i-0511000000000c002']),
    );
    const freed = replace.nodes.map((n: any) => n.blocksFreed);
    expect(freed).toEqual([...freed].sort((a, b) => b - a));
    expect(freed[0]).toBeGreaterThan(0);
  });

  it('filters to one subnet; an unknown subnet or cluster is a 404', async () => {
    const one = await request(backend.server)
      .get('/api/pod-ip-capacity/clusters/eks-prod/fixes')
      .query({ subnet: 'subnet-0511000000000a000' });
    expect(one.status).toBe(200);
    expect(one.body.subnets).toEqual([]);
    const unknown = await request(backend.server)
      .get('/api/pod-ip-capacity/clusters/eks-prod/fixes')
      .query({ subnet: 'subnet-nope' });
    expect(unknown.status).toBe(404);
    const cluster = await request(backend.server).get(
      '/api/pod-ip-capacity/clusters/nope/fixes',
    );
    expect(cluster.status).toBe(404);
  });
});
