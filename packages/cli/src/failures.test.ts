import fs from 'node:fs';
import path from 'node:path';
import {
  ensureAwsCli,
  ExecResult,
  RunningSimulator,
  runProgram,
  startSimulator,
  tempHome,
} from '@pod-ip-capacity/eks-simulator';
import {
  CLI_BIN,
  PrestartedRuns,
  runCli,
  simulatorEnv,
  writeExecKubeconfig,
  writeTokenKubeconfig,
} from './__testUtils__/runCli';

jest.setTimeout(120_000);

describe('pod-ip-capacity when it cannot collect: exit 2 and a message that says what to fix', () => {
  let home: string;
  let sim: RunningSimulator;
  let kubeconfig: string;
  const printed: ExecResult[] = [];

  // Runs without faults read and change nothing: they run ahead, a few at
  // once, and are all over before the first fault is switched on.
  const runs = new PrestartedRuns();
  const files: Record<string, string> = {};
  const envWithout = (...names: string[]) => {
    const env = simulatorEnv(sim, home);
    for (const name of names) delete env[name];
    return env;
  };
  const ahead = () => ({
    rbac: ['nodes', '--kubeconfig', files.anonymous],
    wrongToken: ['report', '--kubeconfig', files.wrong],
    unknownKeys: ['report', '--kubeconfig', kubeconfig],
    noCredentials: ['report', '--kubeconfig', kubeconfig],
    noProfile: ['report', '--kubeconfig', kubeconfig, '--profile', 'nope'],
    execFails: ['report', '--kubeconfig', files.exec],
    execMissing: ['report', '--kubeconfig', files.missing],
    noFile: ['report', '--kubeconfig', path.join(home, 'nowhere')],
    noContext: ['report', '--kubeconfig', kubeconfig, '--cluster', 'eks-other'],
    badOutput: ['report', '--kubeconfig', kubeconfig, '--output', 'xml'],
  });
  const envOf: Record<string, () => NodeJS.ProcessEnv> = {
    unknownKeys: () =>
      simulatorEnv(sim, home, {
        AWS_ACCESS_KEY_ID: 'AKIAEXPIREDKEY000001',
        AWS_SECRET_ACCESS_KEY: 'an-old-secret',
      }),
    noCredentials: () =>
      envWithout('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'),
    noProfile: () => envWithout('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'),
    execFails: () => envWithout('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'),
  };
  const prestarted = async (name: keyof ReturnType<typeof ahead>) => {
    const out = await runs.get(
      ahead()[name],
      (envOf[name] ?? (() => simulatorEnv(sim, home)))(),
      name,
    );
    printed.push(out);
    return out;
  };

  beforeAll(async () => {
    home = tempHome('pod-ip-capacity-failures');
    sim = await startSimulator({ scenario: 'auto-mode' });
    kubeconfig = writeTokenKubeconfig(sim, home, 'auto-mode');
    const tokenConfig = fs.readFileSync(kubeconfig, 'utf8');
    files.anonymous = path.join(home, 'anonymous.kubeconfig');
    fs.writeFileSync(
      files.anonymous,
      tokenConfig.replace(/user:\n\s+token: auto-mode-token/, 'user: {}'),
    );
    files.wrong = path.join(home, 'wrong.kubeconfig');
    fs.writeFileSync(
      files.wrong,
      tokenConfig.replace(
        'token: auto-mode-token',
        'token: expired-token-value',
      ),
    );
    ensureAwsCli();
    files.exec = writeExecKubeconfig(sim, home, 'auto-mode');
    files.missing = path.join(home, 'missing-plugin.kubeconfig');
    fs.writeFileSync(
      files.missing,
      fs
        .readFileSync(files.exec, 'utf8')
        .replace('/usr/bin/aws', '/nonexistent/aws'),
    );
    for (const name of Object.keys(ahead()) as Array<
      keyof ReturnType<typeof ahead>
    >) {
      prestarted(name);
    }
    await runs.settled();
  });
  afterEach(() => sim.faults.clear());
  afterAll(async () => {
    await sim?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  const cli = async (
    args: string[],
    env: NodeJS.ProcessEnv = simulatorEnv(sim, home),
  ) => {
    const out = await runCli(args, env);
    printed.push(out);
    return out;
  };
  const report = (extra: string[] = [], env?: NodeJS.ProcessEnv) =>
    cli(['report', '--kubeconfig', kubeconfig, ...extra], env);

  it('an unreachable API server: names the server and the network error', async () => {
    sim.faults.takeClusterDown('auto-mode', 'refuse');
    const out = await report();
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      `pod-ip-capacity: The API server of cluster auto-mode (${
        sim.cluster('auto-mode').url
      }, context auto-mode) could not be reached (ECONNREFUSED). Check that its endpoint is reachable from this machine (public or private endpoint access, VPN, security groups, proxy) and that the kubeconfig names the right server.\n`,
    );
  });

  it('a denied EC2 action: names the IAM action to add', async () => {
    sim.faults.deny('DescribeInstances');
    const out = await report();
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'pod-ip-capacity: Your AWS credentials may not call ec2:DescribeInstances in us-west-2. Add "ec2:DescribeInstances" to the IAM policy of the role or user they belong to.\n',
    );
  });

  it('a denied optional EC2 action: still a report, a warning naming the action, free blocks as bounds', async () => {
    sim.faults.deny('DescribeNetworkInterfaces');
    const out = await cli(['subnets', '--kubeconfig', kubeconfig, '--no-map']);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(
      /^pod-ip-capacity: warning: Your AWS credentials may not call ec2:DescribeNetworkInterfaces in us-west-2\./,
    );
    // Other ENIs of the subnet could sit anywhere: the fewest and the most free /28 blocks there can be.
    expect(out.stdout).toMatch(
      /^subnet-0a0a0a0a0a0a0a064\s+192\.168\.64\.0\/19\s+\S+\s+8,187\s+8,153\s+\d+ to 506\s/m,
    );
  });

  it('RBAC: a kubeconfig identity that may not list nodes is told the verb and the resource', async () => {
    const out = await prestarted('rbac');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /^pod-ip-capacity: Kubernetes user system:anonymous may not list nodes in cluster auto-mode \(https:\/\/127\.0\.0\.1:\d+, context auto-mode\) \(HTTP 403 Forbidden\)\. Grant it the RBAC verb "list" on "nodes"/,
    );
  });

  it('a token the API server rejects: 401, said as invalid or expired credentials', async () => {
    const out = await prestarted('wrongToken');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /rejected the kubeconfig's credentials \(user auto-mode-user\) when listing nodes \(HTTP 401\): they are invalid or expired\./,
    );
    expect(out.stderr).not.toMatch(/expired-token-value/);
  });

  it('AWS keys EC2 does not know: said as invalid or expired, naming where they come from', async () => {
    const out = await prestarted('unknownKeys');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /^pod-ip-capacity: AWS rejected your AWS credentials for ec2:DescribeInstances in us-west-2 \(AuthFailure\): they are invalid, expired or for another partition\. Check --profile \/ AWS_PROFILE/,
    );
    expect(out.stderr).not.toMatch(/AKIAEXPIREDKEY000001|an-old-secret/);
  });

  it('no AWS credentials at all, and a profile that does not exist', async () => {
    const none = await prestarted('noCredentials');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /^pod-ip-capacity: No AWS credentials were found: pass --profile or set AWS_PROFILE/,
    );
    const profile = await prestarted('noProfile');
    expect(profile.code).toBe(2);
    expect(profile.stderr).toMatch(
      /^pod-ip-capacity: The AWS profile nope gives no credentials: it is not in the shared config and credentials files/,
    );
  });

  it('an exec plugin that fails: says which plugin and what it said', async () => {
    const out = await prestarted('execFails');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /^pod-ip-capacity: The exec credential plugin \/usr\/bin\/aws of user arn:aws:eks:us-west-2:111111111111:cluster\/auto-mode .* failed, so no token could be had to list nodes; it said: .*credentials/i,
    );
    const notFound = await prestarted('execMissing');
    expect(notFound.code).toBe(2);
    expect(notFound.stderr).toMatch(
      /exec credential plugin of user .* is \/nonexistent\/aws, which is not installed or not on PATH/,
    );
  });

  it('a proxy that echoes the request (Authorization included) is never quoted', async () => {
    sim.faults.badResponse({ cluster: 'auto-mode', mode: 'echo500' });
    const k8s = await report();
    expect(k8s.code).toBe(2);
    expect(k8s.stderr).toMatch(
      /Listing nodes in cluster auto-mode .* failed with HTTP 500, not answered by the API server itself/,
    );
    sim.faults.clear();
    sim.faults.badResponse({ action: 'DescribeInstances', mode: 'echo502' });
    const ec2 = await report();
    expect(ec2.code).toBe(2);
    expect(ec2.stderr).toMatch(/ec2:DescribeInstances/);
    for (const out of [k8s, ec2]) {
      expect(`${out.stdout}${out.stderr}`).not.toMatch(
        /auto-mode-token|AKIA|Signature=|Authorization/,
      );
    }
  });

  it('the kubeconfig and the command line: no kubeconfig, no context for the cluster, a bad option', async () => {
    const noFile = await prestarted('noFile');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(
      /^pod-ip-capacity: No kubeconfig at .*nowhere/,
    );
    const noContext = await prestarted('noContext');
    expect(noContext.code).toBe(2);
    expect(noContext.stderr).toBe(
      'pod-ip-capacity: No kubeconfig context is for cluster eks-other. Its contexts: auto-mode. Add one with `aws eks update-kubeconfig --name eks-other --region REGION`, or pass --context.\n',
    );
    const badOutput = await prestarted('badOutput');
    expect(badOutput.code).toBe(2);
    expect(badOutput.stderr).toMatch(
      /option '-o, --output <format>' argument 'xml' is invalid\. Allowed choices are text, json, yaml\./,
    );
  });

  it('colour only on a terminal, and never with --no-color or NO_COLOR', async () => {
    const env = simulatorEnv(sim, home);
    // `script` gives the command a pseudo-terminal, as a person's shell would.
    const onTty = async (extra: string, more: NodeJS.ProcessEnv = {}) =>
      (
        await runProgram(
          'script',
          [
            '-qec',
            `${process.execPath} ${CLI_BIN} report --kubeconfig ${kubeconfig} ${extra}`,
            '/dev/null',
          ],
          { env: { ...env, ...more, TERM: 'xterm' }, timeoutMs: 60_000 },
        )
      ).stdout;
    const coloured = await onTty('');
    expect(coloured).toContain('\u001b[1mNODE');
    expect(coloured).toMatch(/192\.168\.181\.240\/28/);
    expect(await onTty('--no-color')).not.toContain('\u001b[');
    expect(await onTty('', { NO_COLOR: '1' })).not.toContain('\u001b[');
  });

  it('never prints a token, an access key or a secret', () => {
    const all = printed.map(p => `${p.stdout}\n${p.stderr}`).join('\n');
    expect(all).not.toMatch(/auto-mode-token/);
    expect(all).not.toMatch(/k8s-aws-v1\./);
    expect(all).not.toMatch(/AKIASIMAUTOMODE00001|auto-mode-secret-access-key/);
  });
});
