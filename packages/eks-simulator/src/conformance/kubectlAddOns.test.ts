import fs from 'node:fs';
import path from 'node:path';
import { RunningSimulator, startSimulator } from '../startSimulator';
import { portalDemoWithKarpenter } from '../__testUtils__/karpenterScenario';
import {
  ensureKubectl,
  isolatedEnv,
  kubectlPath,
  run,
  tempHome,
} from './tools';

// Conformance: the real kubectl finds the add-on CRDs through discovery, prints them with
// their CRDs' columns, and reads the VPC CNI's DaemonSet.

jest.setTimeout(15 * 60_000);

describe('kubectl and the add-on resources', () => {
  let sim: RunningSimulator;
  let home: string;
  let kubeconfig: string;
  let kubectl: string;

  beforeAll(async () => {
    ensureKubectl();
    kubectl = kubectlPath();
    sim = await startSimulator({ scenario: portalDemoWithKarpenter() });
    home = tempHome('kubectl-add-ons');
    kubeconfig = path.join(home, 'kubeconfig');
    fs.writeFileSync(kubeconfig, sim.kubeconfig());
  });
  afterAll(async () => {
    await sim?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  const kube = (context: string, args: string[]) =>
    run(
      kubectl,
      [
        '--kubeconfig',
        kubeconfig,
        '--context',
        context,
        '--request-timeout=20s',
        ...args,
      ],
      { env: isolatedEnv(home), timeoutMs: 120_000 },
    );

  it('kubectl get ec2nodeclasses.karpenter.k8s.aws prints the CRD columns, Ready from the status Karpenter writes', async () => {
    const out = await kube('eks-dev', [
      'get',
      'ec2nodeclasses.karpenter.k8s.aws',
    ]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const rows = out.stdout
      .trim()
      .split('\n')
      .map(l => l.split(/\s+/));
    expect(rows[0]).toEqual(['NAME', 'READY', 'AGE']);
    expect(rows.slice(1).map(r => [r[0], r[1]])).toEqual([
      ['discovery', 'True'],
      ['mixed', 'True'],
      ['nothing', 'False'],
      ['unknown-id', 'False'],
      ['wildcard', 'True'],
    ]);
    const json = await kube('eks-dev', [
      'get',
      'ec2nodeclass',
      'mixed',
      '-o',
      'jsonpath={.status.subnets[*].id}',
    ]);
    expect(json.stdout).toBe(
      'subnet-0511000000000c000 subnet-0511000000000d000',
    );
    // A cluster without Karpenter has no such resource type.
    const none = await kube('eks-prod', [
      'get',
      'ec2nodeclasses.karpenter.k8s.aws',
    ]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/doesn't have a resource type/);
  });

  it('kubectl get nodepools,nodeclasses on the Auto Mode cluster', async () => {
    const out = await kube('eks-prod', ['get', 'nodepools,nodeclasses']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      /nodepool\.karpenter\.sh\/general-purpose\s+default\s+2\s+True/,
    );
    expect(out.stdout).toMatch(
      /nodeclass\.eks\.amazonaws\.com\/default\s+AmazonEKSAutoNodeRole\s+True/,
    );
  });

  it('kubectl get daemonset aws-node -n kube-system -o json shows the CNI settings', async () => {
    const out = await kube('eks-dev', [
      'get',
      'daemonset',
      'aws-node',
      '-n',
      'kube-system',
      '-o',
      'json',
    ]);
    expect(out.stderr).toBe('');
    const ds = JSON.parse(out.stdout);
    expect(ds).toMatchObject({ kind: 'DaemonSet', apiVersion: 'apps/v1' });
    const env = ds.spec.template.spec.containers.find(
      (c: any) => c.name === 'aws-node',
    ).env;
    expect(env).toEqual(
      expect.arrayContaining([
        { name: 'ENABLE_PREFIX_DELEGATION', value: 'true' },
        { name: 'WARM_IP_TARGET', value: '8' },
        { name: 'MINIMUM_IP_TARGET', value: '16' },
      ]),
    );
    const eni = await kube('eks-analytics', [
      'get',
      'eniconfigs',
      '-o',
      'name',
    ]);
    expect(eni.stdout.trim()).toBe(
      'eniconfig.crd.k8s.amazonaws.com/eu-west-1a',
    );
  });
});
