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
import { IdentityStore } from '../aws/identity';
import { RequestCounters } from '../counters';
import { FaultController, sleep } from '../faults';
import { stableUuid } from '../scenario/ids';
import { KubeObject, SimCluster } from '../scenario/types';
import { EKS_TOKEN_PREFIX, verifyEksToken } from './eksToken';
import {
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors';

interface ResourceInfo {
  group: string;
  version: string;
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
}

/** Every kind served. Nodes, pods and namespaces hold data; the rest are valid empty lists. */
const RESOURCES: ResourceInfo[] = [
  {
    group: '',
    version: 'v1',
    name: 'nodes',
    singularName: 'node',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
  },
  {
    group: '',
    version: 'v1',
    name: 'pods',
    singularName: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
  },
  {
    group: '',
    version: 'v1',
    name: 'namespaces',
    singularName: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
  },
  {
    group: '',
    version: 'v1',
    name: 'services',
    singularName: 'service',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
  },
  {
    group: '',
    version: 'v1',
    name: 'configmaps',
    singularName: 'configmap',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
  },
  {
    group: '',
    version: 'v1',
    name: 'limitranges',
    singularName: 'limitrange',
    kind: 'LimitRange',
    namespaced: true,
    shortNames: ['limits'],
  },
  {
    group: '',
    version: 'v1',
    name: 'resourcequotas',
    singularName: 'resourcequota',
    kind: 'ResourceQuota',
    namespaced: true,
    shortNames: ['quota'],
  },
  {
    group: '',
    version: 'v1',
    name: 'endpoints',
    singularName: 'endpoints',
    kind: 'Endpoints',
    namespaced: true,
    shortNames: ['ep'],
  },
  {
    group: '',
    version: 'v1',
    name: 'events',
    singularName: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'deployments',
    singularName: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'replicasets',
    singularName: 'replicaset',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'statefulsets',
    singularName: 'statefulset',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'daemonsets',
    singularName: 'daemonset',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
  },
  {
    group: 'autoscaling',
    version: 'v2',
    name: 'horizontalpodautoscalers',
    singularName: 'horizontalpodautoscaler',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    shortNames: ['hpa'],
  },
  {
    group: 'autoscaling',
    version: 'v1',
    name: 'horizontalpodautoscalers',
    singularName: 'horizontalpodautoscaler',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    shortNames: ['hpa'],
  },
  {
    group: 'batch',
    version: 'v1',
    name: 'jobs',
    singularName: 'job',
    kind: 'Job',
    namespaced: true,
  },
  {
    group: 'batch',
    version: 'v1',
    name: 'cronjobs',
    singularName: 'cronjob',
    kind: 'CronJob',
    namespaced: true,
    shortNames: ['cj'],
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    name: 'ingresses',
    singularName: 'ingress',
    kind: 'Ingress',
    namespaced: true,
    shortNames: ['ing'],
  },
  {
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    name: 'pods',
    singularName: '',
    kind: 'PodMetrics',
    namespaced: true,
  },
  {
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    name: 'nodes',
    singularName: '',
    kind: 'NodeMetrics',
    namespaced: false,
  },
];

const GROUPS: Array<{ name: string; versions: string[] }> = [
  { name: 'apps', versions: ['v1'] },
  { name: 'autoscaling', versions: ['v2', 'v1'] },
  { name: 'batch', versions: ['v1'] },
  { name: 'networking.k8s.io', versions: ['v1'] },
  { name: 'metrics.k8s.io', versions: ['v1beta1'] },
];

const ANONYMOUS_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

export interface KubernetesApiOptions {
  identities: IdentityStore;
  counters: RequestCounters;
  faults: FaultController;
  /** How long a `continue` token stays valid (default 5 minutes, like etcd compaction). */
  continueTtlMs?: number;
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
  /** Simulator extension: when the first page was served. */
  t: number;
}

class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: object,
  ) {
    super(message);
  }
}

function status(
  code: number,
  reason: string,
  message: string,
  details?: object,
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** The Kubernetes API of one simulated cluster, independent of the listener serving it. */
export class KubernetesApi {
  private resourceVersion = 1000;
  /** Continue tokens from before this resourceVersion are expired (compacted). */
  private compactedBelow = 0;
  private readonly namespaceObjects: KubeObject[];
  private podMetrics?: KubeObject[];
  private nodeMetrics?: KubeObject[];

  constructor(
    readonly cluster: SimCluster,
    private readonly options: KubernetesApiOptions,
  ) {
    this.namespaceObjects = cluster.namespaces.map(ns => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        uid: stableUuid(`${cluster.name}/ns/${ns}`),
        resourceVersion: '1000',
        creationTimestamp: '2026-01-05T08:00:00Z',
        labels: { 'kubernetes.io/metadata.name': ns },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    }));
  }

  /** Makes every continue token issued so far expire (answers 410 Gone), like an etcd compaction. */
  expireContinueTokens() {
    this.resourceVersion += 1;
    this.compactedBelow = this.resourceVersion;
  }

  handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    this.serve(req, res).catch(err => {
      if (!res.headersSent)
        this.send(
          res,
          500,
          status(500, 'InternalError', String(err?.message ?? err)),
        );
      else res.end();
    });
  };

  private async serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const { faults, counters } = this.options;
    const url = new URL(req.url ?? '/', 'https://cluster.local');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    await sleep(faults.latencyMs({ cluster: this.cluster.name }));
    if (faults.clusterDown(this.cluster.name) === '503') {
      counters.countKubernetes(this.cluster.name, 'unavailable');
      this.send(
        res,
        503,
        status(
          503,
          'ServiceUnavailable',
          'the server is currently unable to handle the request',
        ),
      );
      return;
    }
    try {
      const who = this.authenticate(req);
      if (who === 'invalid') {
        counters.countKubernetes(this.cluster.name, 'unauthorized');
        throw new StatusError(401, 'Unauthorized', 'Unauthorized');
      }
      if (ANONYMOUS_PATHS.has(path)) {
        counters.countKubernetes(this.cluster.name, path.slice(1));
        if (path === '/version') {
          this.send(res, 200, this.version());
        } else {
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('ok');
        }
        return;
      }
      if (who === 'anonymous') {
        counters.countKubernetes(this.cluster.name, 'forbidden');
        throw new StatusError(
          403,
          'Forbidden',
          `forbidden: User "system:anonymous" cannot get path "${path}"`,
        );
      }
      if (req.method !== 'GET') {
        throw new StatusError(
          405,
          'MethodNotAllowed',
          `the server does not allow this method on the requested resource`,
        );
      }
      this.route(path, url, res, wantsTable(req.headers.accept));
    } catch (e) {
      if (e instanceof StatusError) {
        this.send(res, e.code, status(e.code, e.reason, e.message, e.details));
      } else if (e instanceof SelectorError) {
        this.send(res, 400, status(400, 'BadRequest', e.message));
      } else {
        throw e;
      }
    }
  }

  private authenticate(
    req: http.IncomingMessage,
  ): 'anonymous' | 'invalid' | 'ok' {
    const header = req.headers.authorization;
    if (!header) return 'anonymous';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return 'invalid';
    const token = m[1];
    if (this.cluster.serviceAccountTokens.includes(token)) return 'ok';
    if (token.startsWith(EKS_TOKEN_PREFIX)) {
      return verifyEksToken(token, this.cluster, this.options.identities).ok
        ? 'ok'
        : 'invalid';
    }
    return 'invalid';
  }

  private route(
    path: string,
    url: URL,
    res: http.ServerResponse,
    table: boolean,
  ) {
    const count = (op: string) =>
      this.options.counters.countKubernetes(this.cluster.name, op);
    if (path === '/api') {
      count('discovery');
      this.send(res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [
          {
            clientCIDR: '0.0.0.0/0',
            serverAddress: 'ip-172-16-0-10.ec2.internal:443',
          },
        ],
      });
      return;
    }
    if (path === '/apis') {
      count('discovery');
      this.send(res, 200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: GROUPS.map(g => this.group(g)),
      });
      return;
    }
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    let group = '';
    let version: string;
    let rest: string[];
    if (parts[0] === 'api' && parts[1] === 'v1') {
      version = 'v1';
      rest = parts.slice(2);
    } else if (parts[0] === 'apis' && parts.length >= 2) {
      group = parts[1];
      const g = GROUPS.find(x => x.name === group);
      if (!g) throw this.notFound();
      if (parts.length === 2) {
        count('discovery');
        this.send(res, 200, {
          kind: 'APIGroup',
          apiVersion: 'v1',
          ...this.group(g),
        });
        return;
      }
      version = parts[2];
      if (!g.versions.includes(version)) throw this.notFound();
      rest = parts.slice(3);
    } else {
      throw this.notFound();
    }
    const resources = RESOURCES.filter(
      r => r.group === group && r.version === version,
    );
    if (rest.length === 0) {
      count('discovery');
      this.send(res, 200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: group ? `${group}/${version}` : version,
        resources: resources.map(r => ({
          name: r.name,
          singularName: r.singularName,
          namespaced: r.namespaced,
          kind: r.kind,
          verbs: ['get', 'list'],
          ...(r.shortNames ? { shortNames: r.shortNames } : {}),
        })),
      });
      return;
    }
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    } else if (rest[0] === 'namespaces' && rest.length === 2) {
      count('get namespaces');
      const ns = this.namespaceObjects.find(n => n.metadata.name === rest[1]);
      if (!ns) throw this.notFound('namespaces', rest[1]);
      this.send(res, 200, ns);
      return;
    }
    const info = resources.find(r => r.name === rest[0]);
    if (
      !info ||
      rest.length > 2 ||
      (namespace !== undefined && !info.namespaced)
    )
      throw this.notFound();
    if (
      url.searchParams.get('watch') === 'true' ||
      url.searchParams.get('watch') === '1'
    ) {
      throw new StatusError(
        405,
        'MethodNotAllowed',
        'watch is not supported by the EKS simulator',
      );
    }
    const all = this.objectsOf(info);
    const scoped =
      namespace === undefined
        ? all
        : all.filter(o => o.metadata.namespace === namespace);
    if (rest.length === 2) {
      count(`get ${info.name}`);
      const found = scoped.find(o => o.metadata.name === rest[1]);
      if (!found) throw this.notFound(info.name, rest[1]);
      this.send(res, 200, found);
      return;
    }
    count(`list ${info.name}`);
    const list = this.list(info, scoped, url.searchParams);
    this.send(res, 200, table ? toTable(info.name, list) : list);
  }

  private objectsOf(info: ResourceInfo): KubeObject[] {
    if (info.group === 'metrics.k8s.io') {
      return info.name === 'pods'
        ? this.podMetricsList()
        : this.nodeMetricsList();
    }
    if (info.group !== '') return this.cluster.controllers[info.name] ?? [];
    switch (info.name) {
      case 'pods':
        return this.cluster.pods;
      case 'nodes':
        return this.cluster.nodes;
      case 'namespaces':
        return this.namespaceObjects;
      default:
        return [];
    }
  }

  /** A chunked list exactly as the API server pages it: ordered by key, `limit` + `continue`. */
  private list(info: ResourceInfo, objects: KubeObject[], q: URLSearchParams) {
    const matchLabels = parseLabelSelector(q.get('labelSelector'));
    const matchFields = parseFieldSelector(q.get('fieldSelector'), info.name);
    const filtered = q.get('labelSelector') || q.get('fieldSelector');
    const limitText = q.get('limit');
    const limit =
      limitText && Number(limitText) > 0
        ? Math.floor(Number(limitText))
        : Infinity;
    const keyOf = (o: KubeObject) =>
      o.metadata.namespace
        ? `${o.metadata.namespace}/${o.metadata.name}`
        : o.metadata.name;

    let startIndex = 0;
    const continueText = q.get('continue');
    if (continueText) {
      const token = this.decodeContinue(continueText);
      // Objects are sorted by key: binary-search the first key after `start`.
      let lo = 0;
      let hi = objects.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (keyOf(objects[mid]) < token.start) lo = mid + 1;
        else hi = mid;
      }
      startIndex = lo;
    }
    const items: KubeObject[] = [];
    let i = startIndex;
    for (; i < objects.length && items.length < limit; i++) {
      const o = objects[i];
      if (matchLabels(o.metadata.labels) && matchFields(o)) items.push(o);
    }
    let more = false;
    if (items.length >= limit) {
      for (let j = i; j < objects.length; j++) {
        if (
          matchLabels(objects[j].metadata.labels) &&
          matchFields(objects[j])
        ) {
          more = true;
          break;
        }
      }
    }
    const metadata: Record<string, unknown> = {
      resourceVersion: String(this.resourceVersion),
    };
    if (more) {
      const last = keyOf(items[items.length - 1]);
      const token: ContinueToken = {
        v: 'meta.k8s.io/v1',
        rv: this.resourceVersion,
        start: `${last}\u0000`,
        t: Date.now(),
      };
      metadata.continue = Buffer.from(JSON.stringify(token)).toString('base64');
      if (!filtered) metadata.remainingItemCount = objects.length - i;
    }
    return {
      kind: `${info.kind}List`,
      apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
      metadata,
      // Items of a list carry no kind/apiVersion of their own, as the real API server sends them.
      items: items.map(
        ({ kind: _kind, apiVersion: _apiVersion, ...rest }) => rest,
      ),
    };
  }

  /** metrics-server's view: a small, deterministic usage for every running pod and node. */
  private podMetricsList(): KubeObject[] {
    this.podMetrics ??= this.cluster.pods
      .filter(p => p.status?.phase === 'Running')
      .map(p => {
        const seed = parseInt(String(p.metadata.uid).slice(0, 6), 16);
        return {
          apiVersion: 'metrics.k8s.io/v1beta1',
          kind: 'PodMetrics',
          metadata: {
            name: p.metadata.name,
            namespace: p.metadata.namespace,
            creationTimestamp: new Date().toISOString(),
            labels: p.metadata.labels,
          },
          timestamp: new Date().toISOString(),
          window: '15s',
          containers: (p.spec.containers as Array<{ name: string }>).map(c => ({
            name: c.name,
            usage: {
              cpu: `${(seed % 90) + 5}m`,
              memory: `${(seed % 200) + 40}Mi`,
            },
          })),
        };
      });
    return this.podMetrics;
  }

  private nodeMetricsList(): KubeObject[] {
    this.nodeMetrics ??= this.cluster.nodes.map(n => ({
      apiVersion: 'metrics.k8s.io/v1beta1',
      kind: 'NodeMetrics',
      metadata: {
        name: n.metadata.name,
        labels: n.metadata.labels,
        creationTimestamp: new Date().toISOString(),
      },
      timestamp: new Date().toISOString(),
      window: '20s',
      usage: { cpu: '180m', memory: '1200Mi' },
    }));
    return this.nodeMetrics;
  }

  private decodeContinue(text: string): ContinueToken {
    let token: ContinueToken;
    try {
      token = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
    } catch (e) {
      throw new StatusError(
        400,
        'BadRequest',
        `continue key is not valid: ${(e as Error).message}`,
      );
    }
    if (
      !token ||
      token.v !== 'meta.k8s.io/v1' ||
      typeof token.start !== 'string' ||
      typeof token.rv !== 'number'
    ) {
      throw new StatusError(
        400,
        'BadRequest',
        'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
      );
    }
    const ttl = this.options.continueTtlMs ?? 5 * 60 * 1000;
    if (
      token.rv < this.compactedBelow ||
      (typeof token.t === 'number' && Date.now() - token.t > ttl)
    ) {
      throw new StatusError(
        410,
        'Expired',
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
    return token;
  }

  private version() {
    const [major, minor] = this.cluster.kubernetesVersion.split('.');
    return {
      major,
      minor: `${minor}+`,
      gitVersion: `v${this.cluster.kubernetesVersion}.0-eks-1d4a3c5`,
      gitCommit: '1d4a3c5e2b9f7a6c8d0e1f2a3b4c5d6e7f8a9b0c',
      gitTreeState: 'clean',
      buildDate: '2025-05-20T18:14:11Z',
      goVersion: 'go1.24.3',
      compiler: 'gc',
      platform: 'linux/amd64',
    };
  }

  private group(g: { name: string; versions: string[] }) {
    const versions = g.versions.map(v => ({
      groupVersion: `${g.name}/${v}`,
      version: v,
    }));
    return { name: g.name, versions, preferredVersion: versions[0] };
  }

  private notFound(kind?: string, name?: string) {
    return kind
      ? new StatusError(404, 'NotFound', `${kind} "${name}" not found`, {
          name,
          kind,
        })
      : new StatusError(
          404,
          'NotFound',
          'the server could not find the requested resource',
          {},
        );
  }

  private send(res: http.ServerResponse, code: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(code, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'audit-id': stableUuid(`${Date.now()}/${Math.random()}`),
      'cache-control': 'no-cache, private',
    });
    res.end(text);
  }
}

/** kubectl's human output asks for `application/json;as=Table;v=v1;g=meta.k8s.io`. */
function wantsTable(accept: string | undefined): boolean {
  return Boolean(
    accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept),
  );
}

function age(timestamp: string | undefined): string {
  if (!timestamp) return '<unknown>';
  const seconds = Math.max(
    0,
    Math.floor((Date.now() - Date.parse(timestamp)) / 1000),
  );
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

type Column = {
  name: string;
  type: string;
  priority?: number;
  cell: (o: KubeObject) => unknown;
};

const TABLE_COLUMNS: Record<string, Column[]> = {
  pods: [
    { name: 'Name', type: 'string', cell: o => o.metadata.name },
    {
      name: 'Ready',
      type: 'string',
      cell: o =>
        `${
          (o.status?.containerStatuses ?? []).filter((c: any) => c.ready).length
        }/${o.spec?.containers?.length ?? 0}`,
    },
    {
      name: 'Status',
      type: 'string',
      cell: o =>
        o.status?.containerStatuses?.[0]?.state?.terminated?.reason ??
        o.status?.phase,
    },
    { name: 'Restarts', type: 'string', cell: () => '0' },
    {
      name: 'Age',
      type: 'string',
      cell: o => age(o.metadata.creationTimestamp),
    },
    {
      name: 'IP',
      type: 'string',
      priority: 1,
      cell: o => o.status?.podIP ?? '<none>',
    },
    {
      name: 'Node',
      type: 'string',
      priority: 1,
      cell: o => o.spec?.nodeName ?? '<none>',
    },
  ],
  nodes: [
    { name: 'Name', type: 'string', cell: o => o.metadata.name },
    { name: 'Status', type: 'string', cell: () => 'Ready' },
    { name: 'Roles', type: 'string', cell: () => '<none>' },
    {
      name: 'Age',
      type: 'string',
      cell: o => age(o.metadata.creationTimestamp),
    },
    {
      name: 'Version',
      type: 'string',
      cell: o => o.status?.nodeInfo?.kubeletVersion,
    },
    {
      name: 'Internal-IP',
      type: 'string',
      priority: 1,
      cell: o =>
        o.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address,
    },
    {
      name: 'Instance-Type',
      type: 'string',
      priority: 1,
      cell: o => o.metadata.labels?.['node.kubernetes.io/instance-type'],
    },
  ],
};

/** The server-side printing kubectl asks for (meta.k8s.io/v1 Table, objects as metadata). */
function toTable(
  resource: string,
  list: { metadata: Record<string, unknown>; items: KubeObject[] },
) {
  const columns = TABLE_COLUMNS[resource] ?? [
    { name: 'Name', type: 'string', cell: (o: KubeObject) => o.metadata.name },
    {
      name: 'Age',
      type: 'string',
      cell: (o: KubeObject) => age(o.metadata.creationTimestamp),
    },
  ];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: list.metadata,
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.name === 'Name' ? 'name' : '',
      description: c.name,
      priority: c.priority ?? 0,
    })),
    rows: list.items.map(o => ({
      cells: columns.map(c => c.cell(o) ?? '<none>'),
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: o.metadata,
      },
    })),
  };
}
