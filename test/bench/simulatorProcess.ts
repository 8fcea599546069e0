import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SIMULATOR = path.resolve(
  __dirname,
  '../../packages/eks-simulator/bin/eks-simulator.js',
);

/** Requests a fault switch: the admin API's `POST /faults` body. */
type Fault = { type: 'latency'; ms: number; action?: string; cluster?: string };

/**
 * The EKS simulator in its own process, driven through its admin API, as a
 * cluster's API server and EC2 are to a real backend: its memory and its
 * garbage collection are not in the backend's figures (RSS, read latencies),
 * and it serves on the other CPU while the backend parses.
 */
export async function startSimulatorProcess(scenario: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-ip-bench-sim-'));
  const endpointsFile = path.join(dir, 'endpoints.json');
  const child = spawn(
    process.execPath,
    [
      '--max-old-space-size=8192',
      SIMULATOR,
      `--scenario=${scenario}`,
      '--aws-port=0',
      '--k8s-base-port=0',
      `--write-endpoints=${endpointsFile}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>(resolve =>
    child.once('exit', code => resolve(code)),
  );
  // "Ready." is the last line the simulator prints once it serves.
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      if (/^Ready\.$/m.test(out)) resolve();
    });
    exited.then(code =>
      reject(new Error(`the simulator exited (${code}) before it was ready`)),
    );
  });
  const endpoints = JSON.parse(fs.readFileSync(endpointsFile, 'utf8'));
  const admin: string = endpoints.aws.admin;
  const call = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${admin}${route}`, {
      method,
      ...(body ? { body: JSON.stringify(body) } : {}),
      headers: { 'content-type': 'application/json' },
    });
    if (!response.ok) {
      throw new Error(`simulator ${method} ${route}: HTTP ${response.status}`);
    }
    return response.json();
  };
  return {
    clusters: endpoints.clusters as Array<{
      name: string;
      url: string;
      region: string;
      serviceAccountToken: string;
    }>,
    credentials: endpoints.aws.credentials as Array<{
      accessKeyId: string;
      secretAccessKey: string;
    }>,
    awsEndpoint: endpoints.aws.endpoint as string,
    caCert: endpoints.caCert as string,
    faults: {
      add: async (fault: Fault): Promise<string> =>
        (await call('POST', '/faults', fault)).id,
      remove: (id: string) => call('DELETE', `/faults/${id}`),
    },
    counters: (): Promise<{
      aws: Record<string, number>;
      kubernetes: Record<string, Record<string, number>>;
    }> => call('GET', '/counters'),
    resetCounters: () => call('POST', '/counters/reset'),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type SimulatorProcess = Awaited<
  ReturnType<typeof startSimulatorProcess>
>;
