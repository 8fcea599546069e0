import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  AWS_CLI,
  ExecResult,
  isolatedEnv,
  RunningSimulator,
  runProgram,
} from '@pod-ip-capacity/eks-simulator';

/** The published binary (it runs `dist/`, built by the tests' globalSetup). */
export const CLI_BIN = path.resolve(__dirname, '../../bin/pod-ip-capacity');

const REPO = path.resolve(__dirname, '../../../..');

/** Runs `pod-ip-capacity` as a child process; never rejects. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { timeoutMs?: number } = {},
): Promise<ExecResult> {
  return runProgram(process.execPath, [CLI_BIN, ...args], {
    env,
    timeoutMs: options.timeoutMs ?? 60_000,
  });
}

/**
 * An environment with nothing of this machine's AWS or Kubernetes setup:
 * the scenario's access keys in the standard variables, and EC2 at the
 * simulator through the SDK's standard `AWS_ENDPOINT_URL_EC2`.
 */
export function simulatorEnv(
  sim: RunningSimulator,
  home: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const [credentials] = sim.credentials;
  return isolatedEnv(home, {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_EC2: sim.awsEndpoint,
    ...extra,
  });
}

/** A kubeconfig file with the cluster's CA and its bearer token. */
export function writeTokenKubeconfig(
  sim: RunningSimulator,
  home: string,
  cluster: string,
): string {
  const file = path.join(home, `${cluster}-token.kubeconfig`);
  fs.writeFileSync(file, sim.kubeconfig({ clusters: [cluster] }));
  return file;
}

/**
 * A kubeconfig whose user runs `aws eks get-token` (Debian's AWS CLI) as its
 * exec credential plugin, as `aws eks update-kubeconfig` writes it: the
 * context and cluster named by the cluster's EKS ARN.
 */
export function writeExecKubeconfig(
  sim: RunningSimulator,
  home: string,
  cluster: string,
): string {
  const c = sim.cluster(cluster);
  const arn = `arn:aws:eks:${c.region}:${c.accountId}:cluster/${cluster}`;
  const file = path.join(home, `${cluster}-exec.kubeconfig`);
  fs.writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: arn,
          cluster: {
            server: c.url,
            'certificate-authority-data': Buffer.from(sim.caCert).toString(
              'base64',
            ),
          },
        },
      ],
      users: [
        {
          name: arn,
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1beta1',
              command: AWS_CLI,
              args: [
                '--region',
                c.region,
                'eks',
                'get-token',
                '--cluster-name',
                cluster,
                '--output',
                'json',
              ],
              interactiveMode: 'Never',
            },
          },
        },
      ],
      contexts: [{ name: arn, context: { cluster: arn, user: arn } }],
      'current-context': arn,
    }),
  );
  return file;
}

/** The cells of a table in how-pod-ips-are-counted.md §6, header first. */
export function docSampleTable(sample: 1 | 2): string[][] {
  const doc = fs.readFileSync(
    path.join(REPO, 'docs', 'how-pod-ips-are-counted.md'),
    'utf8',
  );
  const start = doc.indexOf(`**Sample ${sample} `);
  if (start < 0) throw new Error(`No sample ${sample} in the doc`);
  const lines = doc.slice(start).split('\n');
  const first = lines.findIndex(l => l.startsWith('|'));
  const table: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map(c => c.trim());
    if (cells.every(c => /^-+:?$/.test(c))) continue;
    table.push(cells);
  }
  return table;
}

/** The report's table as printed: its header and lines, split into cells. */
export function reportTable(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const first = lines.findIndex(l => l.startsWith('NODE '));
  if (first < 0) throw new Error(`No report table in:\n${stdout}`);
  const table: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.trim()) break;
    table.push(line.split(/\s{2,}/).map(c => c.trim()));
  }
  return table;
}

/** The lines of a block of text that starts with a line matching `title`, up to a blank line. */
export function section(stdout: string, title: RegExp): string[] {
  const lines = stdout.split('\n');
  const first = lines.findIndex(l => title.test(l));
  if (first < 0) throw new Error(`No ${title} in:\n${stdout}`);
  const end = lines.findIndex((l, i) => i > first && !l.trim());
  return lines.slice(first, end < 0 ? undefined : end);
}

/** The OpenAPI document the REST API is generated from. */
export function openApiPath(): string {
  return path.join(
    REPO,
    'plugins',
    'pod-ip-capacity-backend',
    'src',
    'schema',
    'openapi.yaml',
  );
}

/**
 * Runs of the CLI started ahead, a few at a time (each is a child process of
 * its own), so that tests that do not change the simulator's state do not
 * wait for each other; `get` returns the run of the same arguments.
 */
export class PrestartedRuns {
  private readonly runs = new Map<string, Promise<ExecResult>>();
  private readonly queue: Promise<unknown>[] = [];

  constructor(private readonly concurrency = 3) {}

  get(
    args: string[],
    env: NodeJS.ProcessEnv,
    key = JSON.stringify(args),
  ): Promise<ExecResult> {
    let run = this.runs.get(key);
    if (!run) {
      const ahead =
        this.queue.length >= this.concurrency
          ? this.queue[this.queue.length - this.concurrency]
          : Promise.resolve();
      const go = () => runCli(args, env);
      run = ahead.then(go, go);
      this.queue.push(run);
      this.runs.set(key, run);
    }
    return run;
  }

  /** Resolves when every run started so far has ended. */
  settled(): Promise<unknown> {
    return Promise.all(this.queue);
  }
}
