/*
 * Copyright 2026 The Pod IP Capacity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import http from 'node:http';
import https from 'node:https';
import { generate } from 'selfsigned';
import { stringify } from 'yaml';
import { createAwsServer, listenOn, sendJson } from './aws/awsServer';
import { IdentityStore } from './aws/identity';
import { Ec2RateLimits } from './aws/rateLimits';
import { CounterSnapshot, RequestCounters } from './counters';
import { ActiveFault, FaultController } from './faults';
import { KubernetesApi } from './k8s/kubernetesApi';
import { loadScenario, ScenarioSource } from './scenario/loadScenario';
import { FaultSpec, Scenario } from './scenario/types';

export interface SimulatorOptions {
  /** A shipped scenario's name, `generated:nodes=…`, a YAML path, or a scenario object. */
  scenario: ScenarioSource;
  /** Loopback only: 127.0.0.0/8, ::1 or localhost (default 127.0.0.1). */
  host?: string;
  /** Port of the EC2 + STS + admin endpoint (default 0: any free port). */
  awsPort?: number;
  /** HTTPS port of the first cluster; cluster i listens on base + i (default 0: any free port). */
  k8sBasePort?: number;
  /** Also serve each cluster over plain HTTP on base + i (0: any free port; default: no HTTP). */
  k8sHttpBasePort?: number;
  /** Verify SigV4 signatures of AWS requests (default true). */
  verifySignatures?: boolean;
  /**
   * EC2's request token buckets per account and region: `true` for AWS's documented
   * defaults (filtered/paginated: burst 100, 20/s; unfiltered: burst 50, 10/s). Default off.
   */
  ec2RateLimits?: boolean | Ec2RateLimits;
  /** Lifetime of Kubernetes list `continue` tokens (default 5 minutes). */
  continueTtlMs?: number;
  /** Use this certificate instead of generating one at start. */
  tls?: { cert: string; key: string };
}

export interface SimulatorCluster {
  name: string;
  accountId: string;
  region: string;
  /** HTTPS API server URL (certificate: `caCert`). */
  url: string;
  /** Plain-HTTP URL when `k8sHttpBasePort` was given. */
  httpUrl?: string;
  /** A service-account token the cluster accepts, if any. */
  serviceAccountToken?: string;
  /** The cluster id aws-iam-authenticator tokens must be signed for, if IAM auth is on. */
  awsIamClusterId?: string;
  /** Accounts whose principals the cluster admits with IAM tokens. */
  awsIamAccounts?: string[];
}

export interface SimulatorFaults {
  list(): ActiveFault[];
  add(fault: FaultSpec): string;
  remove(id: string): boolean;
  clear(): void;
  /** RequestLimitExceeded for the next `count` calls (default 1), or at a token-bucket rate. */
  throttle(
    action: string,
    options?: {
      count?: number;
      ratePerSecond?: number;
      burst?: number;
      account?: string;
    },
  ): string;
  /** UnauthorizedOperation (EC2) / AccessDenied (STS) naming the IAM action. */
  deny(action: string, options?: { account?: string }): string;
  latency(ms: number, target?: { action?: string; cluster?: string }): string;
  /** `refuse`: the port is closed (connection refused); `503`: the API answers 503. */
  takeClusterDown(cluster: string, mode?: 'refuse' | '503'): string;
  bringClusterUp(cluster: string): void;
}

export interface RunningSimulator {
  scenario: Scenario;
  /** EC2 and STS endpoint (AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL_STS). */
  awsEndpoint: string;
  /** Admin API root: counters, faults, kubeconfig, CA certificate. */
  adminUrl: string;
  clusters: SimulatorCluster[];
  cluster(name: string): SimulatorCluster;
  /** PEM of the self-signed certificate every cluster serves (use it as the CA). */
  caCert: string;
  /** The scenario's long-term access keys, by account. */
  credentials: Array<{
    accountId: string;
    accessKeyId: string;
    secretAccessKey: string;
    arn: string;
  }>;
  counters(): CounterSnapshot;
  resetCounters(): void;
  faults: SimulatorFaults;
  /** Expire the list `continue` tokens issued so far (410 Gone), for one cluster or all. */
  expireContinueTokens(cluster?: string): void;
  /** A kubeconfig for all clusters (service-account tokens where the cluster has one). */
  kubeconfig(options?: { clusters?: string[] }): string;
  stop(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return (
    host === 'localhost' ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/** A self-signed serving certificate (EC P-256) for loopback names, valid for a year. */
export async function generateCertificate(
  host = '127.0.0.1',
): Promise<{ cert: string; key: string }> {
  const now = Date.now();
  const pems = await generate(
    [{ name: 'commonName', value: 'eks-simulator' }],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(now - 60 * 60 * 1000),
      notAfterDate: new Date(now + 365 * 24 * 60 * 60 * 1000),
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        {
          name: 'keyUsage',
          digitalSignature: true,
          keyEncipherment: true,
          keyCertSign: true,
          critical: true,
        },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
            ...(host !== 'localhost' && host !== '127.0.0.1' && host !== '::1'
              ? [{ type: 7 as const, ip: host }]
              : []),
          ],
        },
      ],
    },
  );
  return { cert: pems.cert, key: pems.private };
}

function urlHost(host: string) {
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts the simulator in-process: EC2/STS/admin on one port, one HTTPS port per cluster. */
export async function startSimulator(
  options: SimulatorOptions,
): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    throw new Error(
      `The EKS simulator only listens on loopback addresses, not ${host}`,
    );
  }
  const scenario = loadScenario(options.scenario);
  const identities = new IdentityStore(scenario);
  const counters = new RequestCounters();
  const faults = new FaultController(scenario.faults);
  const tls = options.tls ?? (await generateCertificate(host));

  const apis = new Map<string, KubernetesApi>();
  const listeners: Array<{
    cluster: string;
    server: http.Server;
    port: number;
    listening: boolean;
  }> = [];
  const clusters: SimulatorCluster[] = [];
  const servers: http.Server[] = [];

  // Declared before use by the admin handler.
  let running: RunningSimulator;

  const awsServer = createAwsServer({
    scenario,
    identities,
    counters,
    faults,
    verifySignatures: options.verifySignatures,
    ec2RateLimits: options.ec2RateLimits,
    admin: (req, res, url, body) => adminRoute(running, req, res, url, body),
  });
  servers.push(awsServer);
  try {
    const awsPort = await listenOn(awsServer, host, options.awsPort ?? 0);
    for (const [index, cluster] of scenario.clusters.entries()) {
      const api = new KubernetesApi(cluster, {
        identities,
        counters,
        faults,
        continueTtlMs: options.continueTtlMs,
      });
      apis.set(cluster.name, api);
      const secure = https.createServer(
        { cert: tls.cert, key: tls.key },
        api.handle,
      );
      servers.push(secure);
      const port = await listenOn(
        secure,
        host,
        options.k8sBasePort ? options.k8sBasePort + index : 0,
      );
      listeners.push({
        cluster: cluster.name,
        server: secure,
        port,
        listening: true,
      });
      let httpUrl: string | undefined;
      if (options.k8sHttpBasePort !== undefined) {
        const plain = http.createServer(api.handle);
        servers.push(plain);
        const plainPort = await listenOn(
          plain,
          host,
          options.k8sHttpBasePort ? options.k8sHttpBasePort + index : 0,
        );
        listeners.push({
          cluster: cluster.name,
          server: plain,
          port: plainPort,
          listening: true,
        });
        httpUrl = `http://${urlHost(host)}:${plainPort}`;
      }
      clusters.push({
        name: cluster.name,
        accountId: cluster.accountId,
        region: cluster.region,
        url: `https://${urlHost(host)}:${port}`,
        httpUrl,
        serviceAccountToken: cluster.serviceAccountTokens[0],
        awsIamClusterId: cluster.awsIam?.clusterId,
        awsIamAccounts: cluster.awsIam?.accounts,
      });
    }

    // A cluster taken down with mode `refuse` closes its ports; bringing it up reopens them.
    const syncListeners = async () => {
      for (const l of listeners) {
        const down = faults.clusterDown(l.cluster) === 'refuse';
        if (down && l.listening) {
          l.listening = false;
          l.server.close();
          l.server.closeAllConnections();
        } else if (!down && !l.listening) {
          l.listening = true;
          await listenOn(l.server, host, l.port);
        }
      }
    };
    let syncing = Promise.resolve();
    faults.onChange(() => {
      syncing = syncing.then(syncListeners).catch(() => undefined);
    });
    await syncListeners();

    const awsEndpoint = `http://${urlHost(host)}:${awsPort}`;
    const removeClusterDown = (cluster: string) => {
      faults
        .list()
        .filter(f => f.type === 'clusterDown' && f.cluster === cluster)
        .forEach(f => faults.remove(f.id));
    };
    running = {
      scenario,
      awsEndpoint,
      adminUrl: `${awsEndpoint}/__simulator`,
      clusters,
      cluster(name: string) {
        const c = clusters.find(x => x.name === name);
        if (!c)
          throw new Error(`No cluster ${name} in scenario ${scenario.name}`);
        return c;
      },
      caCert: tls.cert,
      credentials: scenario.accounts.flatMap(a =>
        a.credentials.map(c => ({
          accountId: a.id,
          accessKeyId: c.accessKeyId,
          secretAccessKey: c.secretAccessKey,
          arn: c.arn,
        })),
      ),
      counters: () => counters.snapshot(),
      resetCounters: () => counters.reset(),
      faults: {
        list: () => faults.list(),
        add: f => faults.add(f),
        remove: id => faults.remove(id),
        clear: () => faults.clear(),
        throttle: (action, o = {}) =>
          faults.add({
            type: 'throttle',
            action,
            account: o.account,
            ...(o.ratePerSecond !== undefined
              ? { ratePerSecond: o.ratePerSecond, burst: o.burst }
              : { count: o.count ?? 1 }),
          }),
        deny: (action, o = {}) =>
          faults.add({ type: 'deny', action, account: o.account }),
        latency: (ms, target = {}) =>
          faults.add({ type: 'latency', ms, ...target }),
        takeClusterDown: (cluster, mode = 'refuse') => {
          running.cluster(cluster);
          return faults.add({ type: 'clusterDown', cluster, mode });
        },
        bringClusterUp: cluster => removeClusterDown(cluster),
      },
      expireContinueTokens(cluster?: string) {
        for (const [name, api] of apis)
          if (!cluster || cluster === name) api.expireContinueTokens();
      },
      kubeconfig(o = {}) {
        return buildKubeconfig(
          clusters.filter(c => !o.clusters || o.clusters.includes(c.name)),
          tls.cert,
        );
      },
      async stop() {
        await syncing;
        await Promise.all(
          servers.map(
            s =>
              new Promise<void>(resolve => {
                s.close(() => resolve());
                s.closeAllConnections();
                if (!s.listening) resolve();
              }),
          ),
        );
      },
    };
    // Wait for the clusterDown faults of the scenario file to take effect.
    await syncing;
    return running;
  } catch (e) {
    servers.forEach(s => s.close());
    throw e;
  }
}

/** A kubeconfig with one context per cluster, trusting the simulator's certificate. */
export function buildKubeconfig(
  clusters: SimulatorCluster[],
  caCert: string,
): string {
  const caData = Buffer.from(caCert).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: clusters.map(c => ({
      name: c.name,
      cluster: { server: c.url, 'certificate-authority-data': caData },
    })),
    users: clusters.map(c => ({
      name: `${c.name}-user`,
      user: c.serviceAccountToken ? { token: c.serviceAccountToken } : {},
    })),
    contexts: clusters.map(c => ({
      name: c.name,
      context: { cluster: c.name, user: `${c.name}-user` },
    })),
    'current-context': clusters[0]?.name ?? '',
    preferences: {},
  });
}

async function adminRoute(
  sim: RunningSimulator,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: Buffer,
): Promise<boolean> {
  const path = url.pathname.replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  const parts = path
    .split('/')
    .filter(Boolean)
    .slice(1)
    .map(decodeURIComponent);
  const route = `${method} /${parts.join('/')}`;
  const json = (): any => {
    try {
      return body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw new Error('request body is not JSON');
    }
  };
  try {
    if (route === 'GET /') {
      sendJson(res, 200, describeEndpoints(sim));
    } else if (route === 'GET /counters') {
      sendJson(res, 200, sim.counters());
    } else if (route === 'POST /counters/reset') {
      sim.resetCounters();
      sendJson(res, 200, sim.counters());
    } else if (route === 'GET /faults') {
      sendJson(res, 200, sim.faults.list());
    } else if (route === 'POST /faults') {
      sendJson(res, 201, { id: sim.faults.add(json()) });
    } else if (route === 'DELETE /faults') {
      sim.faults.clear();
      sendJson(res, 200, []);
    } else if (
      method === 'DELETE' &&
      parts[0] === 'faults' &&
      parts.length === 2
    ) {
      const removed = sim.faults.remove(parts[1]);
      sendJson(
        res,
        removed ? 200 : 404,
        removed ? { removed: parts[1] } : { error: `No fault ${parts[1]}` },
      );
    } else if (
      method === 'POST' &&
      parts[0] === 'clusters' &&
      parts.length === 3
    ) {
      const [, name, verb] = parts;
      sim.cluster(name);
      if (verb === 'down') {
        const mode = url.searchParams.get('mode') === '503' ? '503' : 'refuse';
        sendJson(res, 201, { id: sim.faults.takeClusterDown(name, mode) });
      } else if (verb === 'up') {
        sim.faults.bringClusterUp(name);
        sendJson(res, 200, { up: name });
      } else if (verb === 'expire-continue-tokens') {
        sim.expireContinueTokens(name);
        sendJson(res, 200, { expired: name });
      } else {
        return false;
      }
    } else if (route === 'GET /kubeconfig') {
      const only = url.searchParams.getAll('cluster');
      res.writeHead(200, { 'content-type': 'application/yaml' });
      res.end(sim.kubeconfig(only.length ? { clusters: only } : {}));
    } else if (route === 'GET /ca.crt') {
      res.writeHead(200, { 'content-type': 'application/x-pem-file' });
      res.end(sim.caCert);
    } else {
      return false;
    }
  } catch (e) {
    sendJson(res, 400, { error: (e as Error).message });
  }
  return true;
}

/** What the CLI prints and `GET /__simulator` returns. */
export function describeEndpoints(sim: RunningSimulator) {
  return {
    scenario: sim.scenario.name,
    aws: {
      endpoint: sim.awsEndpoint,
      admin: sim.adminUrl,
      credentials: sim.credentials,
    },
    clusters: sim.clusters,
    roles: sim.scenario.accounts.flatMap(a =>
      a.roles.map(r => `arn:aws:iam::${a.id}:role/${r.name}`),
    ),
  };
}
