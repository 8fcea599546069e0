import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listBuiltinScenarios } from './scenario/loadScenario';
import { describeEndpoints } from './adminApi';
import { generateCertificate } from './certificate';
import { startSimulator } from './startSimulator';
import { RunningSimulator } from './simulatorTypes';

const USAGE = `Usage: eks-simulator [options]

  --scenario <name|path|generated:…>  shipped scenario (${'{names}'}), a YAML file, or
                                       generated:nodes=500,podsPerNode=40,subnets=3 (default portal-demo)
  --host <addr>                        loopback address to listen on (default 127.0.0.1)
  --aws-port <port>                    EC2 + STS + admin endpoint (default 4566; alias --ec2-port)
  --k8s-base-port <port>               HTTPS port of the first cluster, next clusters +1 (default 6443)
  --k8s-http-base-port <port>          also serve each cluster over plain HTTP from this port
  --write-kubeconfig <file>            write a kubeconfig for all clusters
  --write-ca <file>                    write the generated CA certificate (PEM)
  --write-endpoints <file>             write the endpoints as JSON
  --tls-dir <dir>                      reuse <dir>/tls.crt + <dir>/tls.key, generating them on first use
                                       (a CA that stays the same across restarts, for caFile configs)
  --ec2-rate-limits                    throttle EC2 like AWS: token buckets per account and region
                                       (filtered/paginated 100 + 20/s, unfiltered 50 + 10/s)
  --timeline <start|now|instant>       which instant of the scenario's timeline to serve first: start
                                       (default, the file as written), now, or epoch ms / ISO 8601
  --no-verify-signatures               accept AWS requests without checking SigV4 signatures
  --json                               print the endpoints as JSON instead of text
  --help
`;

/** Paths are relative to where the command was typed, also under `yarn workspace … start`. */
function fromInvocationDir(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

function parseCliArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', default: 'portal-demo' },
      host: { type: 'string', default: '127.0.0.1' },
      'aws-port': { type: 'string' },
      'ec2-port': { type: 'string' },
      'k8s-base-port': { type: 'string', default: '6443' },
      'k8s-http-base-port': { type: 'string' },
      'write-kubeconfig': { type: 'string' },
      'write-ca': { type: 'string' },
      'write-endpoints': { type: 'string' },
      'tls-dir': { type: 'string' },
      timeline: { type: 'string', default: 'start' },
      'no-verify-signatures': { type: 'boolean', default: false },
      'ec2-rate-limits': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }).values;
}

type CliValues = ReturnType<typeof parseCliArgs>;

/** `--timeline start|now|<epoch ms>|<ISO 8601>`. */
function timelineArg(text: string): 'start' | 'now' | number {
  if (text === 'start' || text === 'now') return text;
  const at = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (Number.isNaN(at)) {
    throw new Error(
      `--timeline takes start, now, epoch milliseconds or an ISO 8601 time, not ${text}`,
    );
  }
  return at;
}

/** One line on the timeline, when the scenario has one. */
function timelineLine(sim: RunningSimulator): string[] {
  const t = sim.timeline;
  if (t.step === 0) return [];
  const iso = (ms: number) => new Date(ms).toISOString();
  return [
    `  timeline      ${iso(t.start)} → ${iso(t.end)}, step ${
      t.step / 3_600_000
    }h; serving ${iso(t.current)}   (${sim.adminUrl}/timeline)`,
  ];
}

/** `--tls-dir`: reuse its tls.crt + tls.key, or generate and keep them there. */
async function tlsFromDir(
  dirArg: string | undefined,
  host: string | undefined,
): Promise<{ cert: string; key: string } | undefined> {
  if (!dirArg) return undefined;
  const dir = fromInvocationDir(dirArg);
  const certFile = path.join(dir, 'tls.crt');
  const keyFile = path.join(dir, 'tls.key');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    return {
      cert: fs.readFileSync(certFile, 'utf8'),
      key: fs.readFileSync(keyFile, 'utf8'),
    };
  }
  const tls = await generateCertificate(host);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(certFile, tls.cert);
  fs.writeFileSync(keyFile, tls.key, { mode: 0o600 });
  return tls;
}

function writeOutputs(values: CliValues, sim: RunningSimulator) {
  const endpoints = describeEndpoints(sim);
  if (values['write-kubeconfig'])
    fs.writeFileSync(
      fromInvocationDir(values['write-kubeconfig']),
      sim.kubeconfig(),
    );
  if (values['write-ca'])
    fs.writeFileSync(fromInvocationDir(values['write-ca']), sim.caCert);
  if (values['write-endpoints']) {
    fs.writeFileSync(
      fromInvocationDir(values['write-endpoints']),
      JSON.stringify({ ...endpoints, caCert: sim.caCert }, null, 2),
    );
  }
}

/** The endpoints, credentials and clusters, as text a person reads or as JSON. */
function printEndpoints(values: CliValues, sim: RunningSimulator) {
  const endpoints = describeEndpoints(sim);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(endpoints, null, 2)}\n`);
    return;
  }
  const lines = [
    `EKS simulator: scenario ${sim.scenario.name}`,
    `  EC2 + STS     ${sim.awsEndpoint}   (AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL_STS)`,
    `  admin         ${sim.adminUrl}   (counters, faults, kubeconfig, ca.crt)`,
    ...sim.credentials.map(
      c =>
        `  credentials   account ${c.accountId}: ${c.accessKeyId} / ${c.secretAccessKey}`,
    ),
    ...endpoints.roles.map(r => `  role          ${r}`),
    ...sim.clusters.map(
      c =>
        `  cluster       ${c.name.padEnd(16)} ${c.url}${
          c.httpUrl ? `  ${c.httpUrl}` : ''
        }  account ${c.accountId} ${c.region}` +
        `${c.serviceAccountToken ? `  token ${c.serviceAccountToken}` : ''}${
          c.awsIamClusterId ? '  aws-iam' : ''
        }`,
    ),
    ...timelineLine(sim),
    ...sim.scenario.warnings.map(w => `  warning       ${w}`),
    'Ready.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export async function main(argv: string[]): Promise<void> {
  const values = parseCliArgs(argv);
  if (values.help) {
    process.stdout.write(
      USAGE.replace('{names}', listBuiltinScenarios().join(', ')),
    );
    return;
  }
  const port = (v: string | undefined) =>
    v === undefined ? undefined : Number(v);
  const sim = await startSimulator({
    // A shipped scenario's name, `generated:…`, or a file relative to the invocation dir.
    scenario: /[/\\]|\.ya?ml$/.test(values.scenario!)
      ? fromInvocationDir(values.scenario!)
      : values.scenario!,
    host: values.host,
    awsPort: port(values['aws-port'] ?? values['ec2-port']) ?? 4566,
    k8sBasePort: port(values['k8s-base-port']),
    k8sHttpBasePort: port(values['k8s-http-base-port']),
    verifySignatures: !values['no-verify-signatures'],
    ec2RateLimits: values['ec2-rate-limits'],
    tls: await tlsFromDir(values['tls-dir'], values.host),
    timeline: timelineArg(values.timeline!),
  });
  writeOutputs(values, sim);
  printEndpoints(values, sim);
  const shutdown = () => {
    sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch(e => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  });
}
