import fs from 'node:fs';
import {
  ensureAwsCli,
  RunningSimulator,
  startSimulator,
  tempHome,
} from '@pod-ip-capacity/eks-simulator';
import {
  docSampleTable,
  reportTable,
  runCli,
  section,
  simulatorEnv,
  writeExecKubeconfig,
  writeTokenKubeconfig,
} from './__testUtils__/runCli';

jest.setTimeout(120_000);

/** Rows in a stable order: the doc lists them in the script's order (EC2's), the CLI by node name and device index. */
const byNodeEniPrefix = (rows: string[][]) =>
  [...rows].sort((a, b) =>
    `${a[0]} ${a[1]} ${a[4]}`.localeCompare(`${b[0]} ${b[1]} ${b[4]}`),
  );

/** Compares the report's table with the doc's, header and every line, cell for cell. */
function expectSameTable(printed: string[][], doc: string[][]) {
  const [printedHeader, ...printedRows] = printed;
  const [docHeader, ...docRows] = doc;
  expect(printedHeader.map(h => h.toLowerCase())).toEqual(
    docHeader.map(h => h.toLowerCase()),
  );
  expect(printedRows).toHaveLength(docRows.length);
  expect(byNodeEniPrefix(printedRows)).toEqual(byNodeEniPrefix(docRows));
}

describe('pod-ip-capacity report: how-pod-ips-are-counted.md §6, line by line', () => {
  let home: string;
  const sims: RunningSimulator[] = [];
  const outputs: string[] = [];

  beforeAll(() => {
    home = tempHome('pod-ip-capacity-report');
  });
  afterAll(async () => {
    await Promise.all(sims.map(s => s.stop()));
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  const start = async (scenario: string) => {
    const sim = await startSimulator({ scenario });
    sims.push(sim);
    return sim;
  };

  it('sample 1 (auto-mode) with a bearer-token kubeconfig: the doc’s table, number for number', async () => {
    const sim = await start('auto-mode');
    const kubeconfig = writeTokenKubeconfig(sim, home, 'auto-mode');
    const out = await runCli(
      ['report', '--kubeconfig', kubeconfig, '--cluster', 'auto-mode'],
      simulatorEnv(sim, home),
    );
    outputs.push(out.stdout, out.stderr);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expectSameTable(reportTable(out.stdout), docSampleTable(1));
    expect(out.stdout).toMatch(
      /^Cluster auto-mode \(context auto-mode, us-west-2\): 3 nodes, 5 pods with a pod IP; 48 pod IPs held, 43 idle$/m,
    );
    // The footer: where it differs from the script, and why.
    const footer = section(out.stdout, /^Where this differs/).join('\n');
    expect(footer).toMatch(
      /Stale IPs: no completed \(Succeeded or Failed\) pod still shows a pod IP/,
    );
    expect(footer).toMatch(
      /192\.168\.64\.0\/19 \(subnet-0a0a0a0a0a0a0a064\): 8,153 free IPs, 506 free \/28 blocks, ok/,
    );
    expect(footer).toMatch(
      /1 DescribeSubnets call for 2 subnets, where the script makes one per ENI \(3 here\)/,
    );
    // One DescribeSubnets call in all, not one per ENI; ENIs asked for with IncludeManagedResources.
    expect(sim.counters().aws['ec2:DescribeSubnets']).toBe(1);
    expect(sim.counters().aws['ec2:DescribeInstances']).toBe(1);
  });

  it('sample 2 (custom-networking) through an `aws eks get-token` exec plugin: the doc’s table, number for number', async () => {
    ensureAwsCli();
    const sim = await start('custom-networking');
    const kubeconfig = writeExecKubeconfig(sim, home, 'custom-networking');
    const out = await runCli(
      ['report', '--kubeconfig', kubeconfig, '--cluster', 'custom-networking'],
      simulatorEnv(sim, home),
    );
    outputs.push(out.stdout, out.stderr);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expectSameTable(reportTable(out.stdout), docSampleTable(2));
    // The region came from the context's EKS ARN; the cluster name from its cluster/NAME suffix.
    expect(out.stdout).toMatch(
      /^Cluster custom-networking \(context arn:aws:eks:us-west-2:111111111111:cluster\/custom-networking, us-west-2\): 2 nodes, 5 pods with a pod IP/m,
    );
    // The API server saw an IAM token (the exec plugin's), not a service-account token.
    expect(
      sim.counters().kubernetes['custom-networking']['list nodes'],
    ).toBeGreaterThanOrEqual(1);
  });

  it('a cluster with a completed pod, secondary-IP ENIs and two prefixes on one ENI: the script’s mistakes said in the footer', async () => {
    const sim = await start('portal-demo');
    const kubeconfig = writeTokenKubeconfig(sim, home, 'eks-prod');
    const out = await runCli(
      ['report', '--kubeconfig', kubeconfig, '--cluster', 'eks-prod'],
      simulatorEnv(sim, home),
    );
    outputs.push(out.stdout, out.stderr);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    const row = (node: string, what: string) =>
      lines.find(l => l.startsWith(node) && l.includes(` ${what} `));
    // The Failed checkout-api pod's 10.0.0.36 is not counted: 4 assigned, 12 available.
    expect(row('i-0511000000000a001', '10.0.0.32/28')).toMatch(
      /10\.0\.0\.32\/28\s+4\s+\.0\.32, \.0\.33, \.0\.34, \.0\.35\s+12$/,
    );
    expect(out.stdout).toMatch(
      /10\.0\.0\.32\/28 on eni-0511000000000a001 \(i-0511000000000a001\): the script says 5 assigned \/ 11 available, here 4 \/ 12 \(checkout\/checkout-api-\S+ Failed, 10\.0\.0\.36\)/,
    );
    // Two prefixes on one ENI: both, then the ENI total (3 of 32 used, 29 left).
    expect(row('i-0511000000000b001', '10.0.1.32/28')).toMatch(
      /10\.0\.1\.32\/28\s+0\s+–\s+16$/,
    );
    expect(row('i-0511000000000b001', 'ENI total')).toMatch(
      /ENI total\s+3\s+29$/,
    );
    // The legacy node group in secondary-IP mode: 4 secondary IPs, payments-worker on .37 and .53.
    expect(row('i-0511000000000c001', 'secondary')).toMatch(
      /eni-0511000000000c001\s+10\.0\.2\.20\s+10\.0\.2\.0\/24\s+4 secondary IPs\s+2\s+\.2\.37, \.2\.53\s+2$/,
    );
    expect(out.stdout).toMatch(
      /Secondary IPs: 2 ENIs hold secondary IPs .*: shown above, where the script prints "none"/,
    );
    expect(out.stdout).toMatch(
      /10\.0\.2\.0\/24 \(subnet-0511000000000c000\): 238 free IPs, 1 free \/28 block, fragmented/,
    );
  });

  it('prints no token, access key or secret', () => {
    const printed = outputs.join('\n');
    expect(printed).not.toMatch(
      /auto-mode-token|eks-prod-token|custom-networking-token/,
    );
    expect(printed).not.toMatch(/k8s-aws-v1\./);
    expect(printed).not.toMatch(/AKIA[A-Z0-9]{12,}/);
    expect(printed).not.toMatch(/secret-access-key/);
  });
});
