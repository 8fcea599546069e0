import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { RunningSimulator, startSimulator } from '../startSimulator';
import {
  AWS_CLI,
  ensureAwsCli,
  ensureKubectl,
  isolatedEnv,
  kubectlPath,
  run,
  tempHome,
} from './tools';

// Conformance: the real kubectl (client-go) against the simulated clusters.

jest.setTimeout(15 * 60_000);

describe('kubectl conformance', () => {
  let sim: RunningSimulator;
  let home: string;
  let kubeconfig: string;
  let kubectl: string;

  beforeAll(async () => {
    ensureKubectl();
    kubectl = kubectlPath();
    sim = await startSimulator({ scenario: 'portal-demo' });
    home = tempHome('kubectl-conformance');
    kubeconfig = path.join(home, 'kubeconfig');
    fs.writeFileSync(kubeconfig, sim.kubeconfig());
  });
  afterAll(async () => {
    await sim?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  const kube = (args: string[], env: Record<string, string> = {}) =>
    run(
      kubectl,
      ['--kubeconfig', kubeconfig, '--request-timeout=20s', ...args],
      {
        env: isolatedEnv(home, env),
        timeoutMs: 120_000,
      },
    );

  it('kubectl get nodes,pods -A -o json over HTTPS with the generated CA and a token', async () => {
    const out = await kube([
      '--context',
      'eks-prod',
      'get',
      'nodes,pods',
      '-A',
      '-o',
      'json',
    ]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const list = JSON.parse(out.stdout);
    const nodes = list.items.filter((i: any) => i.kind === 'Node');
    const pods = list.items.filter((i: any) => i.kind === 'Pod');
    expect(nodes).toHaveLength(4);
    expect(pods).toHaveLength(17);
    const checkout = pods.filter(
      (p: any) =>
        p.metadata.labels['backstage.io/kubernetes-id'] === 'checkout-api',
    );
    expect(checkout.map((p: any) => p.status.podIP).sort()).toEqual([
      '10.0.0.32',
      '10.0.0.33',
      '10.0.0.36',
      '10.0.1.16',
    ]);
    expect(nodes[0].spec.providerID).toBe(
      'aws:///eu-west-1a/i-0511000000000a001',
    );
  });

  it('follows continue tokens (--chunk-size) and applies selectors server-side', async () => {
    sim.resetCounters();
    const out = await kube([
      '--context',
      'eks-analytics',
      'get',
      'pods',
      '-A',
      '--chunk-size=4',
      '-l',
      'backstage.io/kubernetes-id in (search-api,search-indexer)',
      '--field-selector',
      'status.phase!=Succeeded',
      '-o',
      'json',
    ]);
    expect(out.code).toBe(0);
    const pods = JSON.parse(out.stdout).items;
    expect(pods.map((p: any) => p.status.podIP ?? 'pending').sort()).toEqual([
      '100.64.0.16',
      '100.64.0.17',
      '100.64.0.19',
      '100.64.0.32',
      '100.64.0.33',
      'pending',
    ]);
    expect(sim.counters().kubernetes['eks-analytics']['list pods']).toBe(2);
  });

  it('kubectl get -o wide prints the server-side Table', async () => {
    const out = await kube([
      '--context',
      'eks-prod',
      'get',
      'pods',
      '-n',
      'payments',
      '-o',
      'wide',
    ]);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/,
    );
    expect(lines).toHaveLength(6);
    expect(out.stdout).toMatch(
      /payments-reconcile-\S+\s+0\/1\s+Completed\s+0\s+\S+\s+10\.0\.2\.133/,
    );
    expect(out.stdout).toMatch(
      /payments-worker-\S+\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>/,
    );
  });

  it('kubectl is refused with a wrong token', async () => {
    const bad = path.join(home, 'bad-kubeconfig');
    fs.writeFileSync(
      bad,
      fs
        .readFileSync(kubeconfig, 'utf8')
        .replace('token: eks-dev-token', 'token: wrong'),
    );
    const out = await run(
      kubectl,
      [
        '--kubeconfig',
        bad,
        '--context',
        'eks-dev',
        'get',
        'pods',
        '-A',
        '-o',
        'json',
      ],
      {
        env: isolatedEnv(home),
      },
    );
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/Unauthorized|provide credentials/);
  });

  it('kubectl authenticates with `aws eks get-token` (aws-iam-authenticator token) as an exec plugin', async () => {
    ensureAwsCli();
    const c = sim.cluster('eks-prod');
    const execConfig = path.join(home, 'exec-kubeconfig');
    fs.writeFileSync(
      execConfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'eks-prod',
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
            name: 'iam',
            user: {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1beta1',
                command: AWS_CLI,
                args: [
                  'eks',
                  'get-token',
                  '--cluster-name',
                  'eks-prod',
                  '--output',
                  'json',
                ],
                interactiveMode: 'Never',
              },
            },
          },
        ],
        contexts: [
          { name: 'eks-prod', context: { cluster: 'eks-prod', user: 'iam' } },
        ],
        'current-context': 'eks-prod',
      }),
    );
    const env = isolatedEnv(home, {
      AWS_ACCESS_KEY_ID: 'AKIASIMSHOP000000001',
      AWS_SECRET_ACCESS_KEY: 'shop-secret-access-key',
      AWS_DEFAULT_REGION: 'eu-west-1',
    });
    const out = await run(
      kubectl,
      ['--kubeconfig', execConfig, 'get', 'nodes', '-o', 'json'],
      { env, timeoutMs: 120_000 },
    );
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout).items).toHaveLength(4);
    // The same token is refused by a cluster it does not name.
    const other = fs
      .readFileSync(execConfig, 'utf8')
      .replace(c.url, sim.cluster('eks-dev').url);
    fs.writeFileSync(execConfig, other);
    const refused = await run(
      kubectl,
      ['--kubeconfig', execConfig, 'get', 'nodes', '-o', 'json'],
      { env, timeoutMs: 120_000 },
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Unauthorized|provide credentials/);
  });
});
