import fs from 'node:fs';
import Ajv from 'ajv';
import { parse } from 'yaml';
import {
  RunningSimulator,
  startSimulator,
  tempHome,
} from '@pod-ip-capacity/eks-simulator';
import {
  openApiPath,
  PrestartedRuns,
  runCli,
  section,
  simulatorEnv,
  writeTokenKubeconfig,
} from './__testUtils__/runCli';

jest.setTimeout(120_000);

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(parse(fs.readFileSync(openApiPath(), 'utf8')), 'spec');

/** The REST API's contract: what `GET /…` would answer, schema by schema. */
function expectRestShape(value: unknown, schema: string) {
  const validate = ajv.getSchema(`spec#/components/schemas/${schema}`)!;
  expect(validate).toBeDefined();
  const ok = validate(value);
  expect(ok ? '' : ajv.errorsText(validate.errors)).toBe('');
}

describe('pod-ip-capacity subnets, nodes, service and --output', () => {
  let home: string;
  let autoMode: RunningSimulator;
  let demo: RunningSimulator;
  let autoArgs: string[];
  let demoArgs: string[];

  // Every run but the last test's reads and changes nothing: they run ahead, a few at once.
  const runs = new PrestartedRuns();
  const auto = (args: string[]) =>
    runs.get([...args, ...autoArgs], simulatorEnv(autoMode, home));
  const prod = (args: string[]) =>
    runs.get([...args, ...demoArgs], simulatorEnv(demo, home));
  const AHEAD: Array<[typeof auto, string[]]> = [
    [auto, ['subnets']],
    [prod, ['subnets', '--subnet', '10.0.2.0/24']],
    [prod, ['subnets', '--output', 'json']],
    [prod, ['nodes', '--sort', 'heldIps', '--order', 'desc']],
    [auto, ['nodes', '--output', 'yaml']],
    [auto, ['report', '-o', 'json']],
    [auto, ['service', 'inflate']],
    [prod, ['service', 'checkout-api', '-o', 'json']],
    [prod, ['service', 'checkout-api']],
    [auto, ['service', 'nothing-here']],
    [auto, ['subnets', '--fail-below-free-blocks', '507']],
    [auto, ['report', '--fail-below-free-blocks', '506']],
  ];

  beforeAll(async () => {
    home = tempHome('pod-ip-capacity-views');
    [autoMode, demo] = await Promise.all([
      startSimulator({ scenario: 'auto-mode' }),
      startSimulator({ scenario: 'portal-demo' }),
    ]);
    autoArgs = [
      '--kubeconfig',
      writeTokenKubeconfig(autoMode, home, 'auto-mode'),
    ];
    demoArgs = [
      '--kubeconfig',
      writeTokenKubeconfig(demo, home, 'eks-prod'),
      '--cluster',
      'eks-prod',
    ];
    for (const [target, args] of AHEAD) target(args);
  });
  afterAll(async () => {
    await Promise.all([autoMode?.stop(), demo?.stop()]);
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('subnets: usable, available, free /28 blocks and status per subnet, and the block map drawn block by block', async () => {
    const out = await auto(['subnets']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(section(out.stdout, /^SUBNET /)).toEqual([
      'SUBNET                    CIDR              ZONE        USABLE  AVAILABLE  FREE /28 BLOCKS  STATUS  POD IPS',
      'subnet-0a0a0a0a0a0a0a064  192.168.64.0/19   us-west-2b   8,187      8,153              506  ok            4',
      'subnet-0a0a0a0a0a0a0a160  192.168.160.0/19  us-west-2a   8,187      8,170              508  ok            1',
    ]);
    // 192.168.64.0/19: 512 blocks; .71.80/28 and .85.160/28 are prefixes, the
    // node IPs .81.38 and .71.108 fragment their blocks, the first and last hold AWS's reserved addresses.
    const map = section(
      out.stdout,
      /^subnet-0a0a0a0a0a0a0a064 192\.168\.64\.0\/19:/,
    );
    expect(map[0]).toBe(
      'subnet-0a0a0a0a0a0a0a064 192.168.64.0/19: 512 /28 blocks, 506 free, 2 node prefixes, 2 fragmented, 2 reserved',
    );
    expect(map).toHaveLength(1 + 16);
    expect(map[1]).toBe(
      '  192.168.64.0     r....... ........ ........ ........',
    );
    expect(map[4]).toBe(
      '  192.168.70.0     ........ ........ .....ax. ........',
    );
    expect(map[9]).toBe(
      '  192.168.80.0     ........ ........ ..x..... ........',
    );
    expect(map[11]).toBe(
      '  192.168.84.0     ........ ........ ........ ..a.....',
    );
    expect(map[16]).toBe(
      '  192.168.94.0     ........ ........ ........ .......r',
    );
    expect(out.stdout).not.toContain('\u001b[');
  });

  it('subnets: a fragmented subnet — 238 free IPs but one free /28 — is flagged and drawn', async () => {
    const out = await prod(['subnets', '--subnet', '10.0.2.0/24']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      /^subnet-0511000000000c000\s+10\.0\.2\.0\/24\s+eu-west-1c?\S*\s+251\s+238\s+1\s+fragmented/m,
    );
    expect(out.stdout).toMatch(
      /10\.0\.2\.0\/24 is fragmented: 238 free IPs but 1 free \/28 block\./,
    );
    const map = section(
      out.stdout,
      /^subnet-0511000000000c000 10\.0\.2\.0\/24:/,
    );
    expect(map).toEqual([
      'subnet-0511000000000c000 10.0.2.0/24: 16 /28 blocks, 1 free, 0 node prefixes, 13 fragmented, 2 reserved',
      '  10.0.2.0         rxxxxxxx xxxxxx.r',
    ]);
  });

  it('subnets --output json: the overview’s ClusterSubnet shapes, most at risk first', async () => {
    const out = await prod(['subnets', '--output', 'json']);
    expect(out.code).toBe(0);
    const subnets = JSON.parse(out.stdout);
    for (const s of subnets) expectRestShape(s, 'ClusterSubnet');
    expect(
      subnets.map((s: any) => [
        s.cluster,
        s.subnet.cidr,
        s.subnet.available,
        s.subnet.freePrefixBlocks,
        s.subnet.status,
      ]),
    ).toEqual([
      ['eks-prod', '10.0.2.0/24', 238, 1, 'fragmented'],
      ['eks-prod', '10.0.0.0/24', 233, 12, 'ok'],
      ['eks-prod', '10.0.1.0/24', 218, 12, 'ok'],
    ]);
  });

  it('nodes: the portal’s table — mode, prefixes or secondary IPs, IPs used / held, more pods', async () => {
    const out = await prod(['nodes', '--sort', 'heldIps', '--order', 'desc']);
    expect(out.code).toBe(0);
    const table = section(out.stdout, /^NODE /);
    expect(table[0]).toBe(
      'NODE                 NODE GROUP       INSTANCE TYPE  ZONE        MODE          PREFIXES         IPS USED / HELD  MORE PODS  LIMITED BY',
    );
    const rows = table.slice(1).map(l => l.split(/\s{2,}/));
    expect(rows.map(r => [r[0], r[4], r[5], r[6]])).toEqual([
      ['i-0511000000000b001', 'Auto Mode', '2', '3 / 32'],
      ['i-0511000000000a001', 'Auto Mode', '1', '4 / 16'],
      ['i-0511000000000c001', 'secondary IP', '4 secondary IPs', '2 / 4'],
      ['i-0511000000000c002', 'secondary IP', '4 secondary IPs', '1 / 4'],
    ]);
  });

  it('nodes --output yaml: NodeRow shapes of GET /nodes', async () => {
    const out = await auto(['nodes', '--output', 'yaml']);
    expect(out.code).toBe(0);
    const rows = parse(out.stdout);
    expect(rows).toHaveLength(3);
    for (const row of rows) expectRestShape(row, 'NodeRow');
    expect(
      rows.map((r: any) => [
        r.name,
        r.mode,
        r.prefixes,
        r.ips.used,
        r.ips.held,
      ]),
    ).toEqual([
      ['i-aaaaaaaaaaaaaaaaa', 'auto-mode', 1, 1, 16],
      ['i-bbbbbbbbbbbbbbbbb', 'auto-mode', 1, 3, 16],
      ['i-ccccccccccccccccc', 'auto-mode', 1, 1, 16],
    ]);
  });

  it('report --output json: the ClusterCapacity of GET /clusters/{name}, per-ENI figures of sample 1', async () => {
    const out = await auto(['report', '-o', 'json']);
    expect(out.code).toBe(0);
    const capacity = JSON.parse(out.stdout);
    expectRestShape(capacity, 'ClusterCapacity');
    expect(
      capacity.nodes.map((n: any) =>
        n.networkInterfaces.map((e: any) => [
          e.networkInterfaceId,
          e.prefixes.map((p: any) => [p.cidr, p.assigned, p.available]),
        ]),
      ),
    ).toEqual([
      [['eni-aaaaaaaaaaaaaaaaa', [['192.168.181.240/28', 1, 15]]]],
      [['eni-bbbbbbbbbbbbbbbbb', [['192.168.71.80/28', 3, 13]]]],
      [['eni-ccccccccccccccccc', [['192.168.85.160/28', 1, 15]]]],
    ]);
  });

  it('service: how many more replicas get a pod IP, its pods, subnets and nodes', async () => {
    const out = await auto(['service', 'inflate']);
    expect(out.code).toBe(0);
    // 3 Auto Mode nodes × 110 pods (the cap for 2 vCPUs) − the 5 pods they run.
    expect(out.stdout).toMatch(
      /^inflate in auto-mode: 325 more replicas can get a pod IP, limited by the nodes' pod limit \(max pods\)$/m,
    );
    expect(out.stdout).toMatch(/3 pods with a pod IP on 2 nodes/);
    const pods = section(out.stdout, /^NAMESPACE\s+POD\s+PHASE/)
      .slice(1)
      .map(l => l.split(/\s{2,}/));
    expect(pods.map(p => [p[3], p[4], p[5]]).sort()).toEqual([
      ['i-aaaaaaaaaaaaaaaaa', '192.168.181.240', 'eni-aaaaaaaaaaaaaaaaa'],
      ['i-bbbbbbbbbbbbbbbbb', '192.168.71.80', 'eni-bbbbbbbbbbbbbbbbb'],
      ['i-bbbbbbbbbbbbbbbbb', '192.168.71.81', 'eni-bbbbbbbbbbbbbbbbb'],
    ]);
    expect(out.stdout).toMatch(
      /^subnet-0a0a0a0a0a0a0a064\s+192\.168\.64\.0\/19\s+us-west-2b\s+8,187\s+8,153\s+506\s+ok\s+2$/m,
    );
    expect(out.stdout).toMatch(
      /^i-bbbbbbbbbbbbbbbbb\s+general-purpose\s+c6a\.large\s+us-west-2b\s+Auto Mode\s+1\s+3 \/ 16\s+2$/m,
    );
  });

  it('service --output json: the WorkloadUsage of the entity view, the Failed pod listed with its stale IP', async () => {
    const out = await prod(['service', 'checkout-api', '-o', 'json']);
    expect(out.code).toBe(0);
    const usage = JSON.parse(out.stdout);
    expectRestShape(usage, 'WorkloadUsage');
    expect(usage.podList.map((p: any) => p.podIp).sort()).toEqual([
      '10.0.0.32',
      '10.0.0.33',
      '10.0.1.16',
    ]);
    expect(usage.podsWithoutNodeIp).toEqual([
      expect.objectContaining({
        phase: 'Failed',
        reason: 'completed',
        podIp: '10.0.0.36',
      }),
    ]);
    const text = await prod(['service', 'checkout-api']);
    expect(text.stdout).toMatch(
      /^checkout\s+checkout-api-\S+\s+Failed\s+i-0511000000000a001\s+10\.0\.0\.36\s+completed: its pod IP is stale, already released$/m,
    );
  });

  it('service: a kubernetes-id no pod carries says so', async () => {
    const out = await auto(['service', 'nothing-here']);
    expect(out.code).toBe(0);
    expect(out.stdout.trim()).toBe(
      'No pods labelled backstage.io/kubernetes-id=nothing-here in cluster auto-mode (context auto-mode).',
    );
  });

  it('--fail-below-free-blocks: exit 1 and the subnets below it, for CI; 0 when none is', async () => {
    const below = await auto(['subnets', '--fail-below-free-blocks', '507']);
    expect(below.code).toBe(1);
    expect(below.stdout).toMatch(/^SUBNET /m);
    expect(below.stderr).toBe(
      'pod-ip-capacity: 1 subnet has fewer than 507 free /28 blocks: subnet-0a0a0a0a0a0a0a064 192.168.64.0/19 (506 free)\n',
    );
    const fine = await auto(['report', '--fail-below-free-blocks', '506']);
    expect(fine.code).toBe(0);
    expect(fine.stderr).toBe('');
  });

  it('lists in pages of --page-size and shows progress on stderr with --progress', async () => {
    await runs.settled();
    autoMode.resetCounters();
    const out = await runCli(
      ['nodes', '--page-size', '2', '--progress', ...autoArgs],
      simulatorEnv(autoMode, home),
    );
    expect(out.code).toBe(0);
    expect(autoMode.counters().kubernetes['auto-mode']['list nodes']).toBe(2);
    expect(out.stderr).toMatch(
      /^Listing nodes of auto-mode: 3 nodes in 2 pages$/m,
    );
    expect(out.stderr).toMatch(
      /^Listing pods of auto-mode: 5 pods in 3 pages$/m,
    );
    // stdout is the result only.
    expect(out.stdout).not.toMatch(/Listing/);
  });
});
