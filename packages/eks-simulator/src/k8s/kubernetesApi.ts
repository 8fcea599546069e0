import http from 'node:http';
import { IdentityStore } from '../aws/identity';
import { RequestCounters } from '../counters';
import { FaultController } from '../faults/faultController';
import { HeldRequests } from '../faults/heldRequests';
import { stableUuid } from '../scenario/ids';
import { KubeObject, SimCluster } from '../scenario/types';
import { sleep } from '../sleep';
import { ApiPath, parseApiPath } from './apiPaths';
import { ANONYMOUS_PATHS, authenticate } from './authenticate';
import { crdKey, ServedApi, servedApiOf } from './crdResources';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  versionInfo,
} from './discovery';
import { KubeList, listChunk } from './listChunk';
import { malformedList } from './malformedItems';
import { nodeMetricsOf, podMetricsOf } from './metrics';
import { sendKubernetesBadResponse } from './proxyResponses';
import { ResourceInfo } from './resources';
import { sendKubeJson } from './respond';
import { SelectorError } from './selectors';
import { methodNotAllowed, notFound, status, StatusError } from './status';
import { toTable, wantsTable } from './table';

export interface KubernetesApiOptions {
  identities: IdentityStore;
  counters: RequestCounters;
  faults: FaultController;
  /** Where `hang` faults park their requests (destroyed on stop). */
  held: HeldRequests;
  /** How long a `continue` token stays valid (default 5 minutes, like etcd compaction). */
  continueTtlMs?: number;
}

function namespaceObjectsOf(cluster: SimCluster): KubeObject[] {
  return cluster.namespaces.map(ns => ({
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

/**
 * The Kubernetes API of one simulated cluster, independent of the listener serving it. A
 * timeline seek swaps the cluster it serves (`setCluster`) between two requests.
 */
export class KubernetesApi {
  private resourceVersion = 1000;
  /** Continue tokens from before this resourceVersion are expired (compacted). */
  private compactedBelow = 0;
  private namespaceObjects!: KubeObject[];
  private served!: ServedApi;
  private podMetrics?: KubeObject[];
  private nodeMetrics?: KubeObject[];

  constructor(
    public cluster: SimCluster,
    private readonly options: KubernetesApiOptions,
  ) {
    this.setCluster(cluster);
  }

  /**
   * Serves another state of the cluster (a timeline instant). Lists cut from the old
   * state cannot be continued: their tokens expire (410 Gone), as after a compaction.
   */
  setCluster(cluster: SimCluster) {
    const replacing = this.namespaceObjects !== undefined;
    this.cluster = cluster;
    this.namespaceObjects = namespaceObjectsOf(cluster);
    this.served = servedApiOf(cluster);
    this.podMetrics = undefined;
    this.nodeMetrics = undefined;
    if (replacing) this.expireContinueTokens();
  }

  /** Makes every continue token issued so far expire (answers 410 Gone), like an etcd compaction. */
  expireContinueTokens() {
    this.resourceVersion += 1;
    this.compactedBelow = this.resourceVersion;
  }

  handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    this.serve(req, res).catch(err => {
      if (!res.headersSent)
        sendKubeJson(
          res,
          500,
          status(500, 'InternalError', String(err?.message ?? err)),
        );
      else res.end();
    });
  };

  private count(operation: string) {
    this.options.counters.countKubernetes(this.cluster.name, operation);
  }

  /** Latency, then the faults that answer in place of the API server, then the API. */
  private async serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'https://cluster.local');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    await sleep(this.options.faults.latencyMs({ cluster: this.cluster.name }));
    if (this.answeredByFault(req, res)) return;
    try {
      if (this.serveUnauthenticated(req, res, path)) return;
      if (req.method !== 'GET') {
        throw methodNotAllowed(
          'the server does not allow this method on the requested resource',
        );
      }
      this.route(
        parseApiPath(path, this.served),
        url,
        res,
        wantsTable(req.headers.accept),
      );
    } catch (e) {
      if (e instanceof StatusError) {
        sendKubeJson(
          res,
          e.code,
          status(e.code, e.reason, e.message, e.details),
        );
      } else if (e instanceof SelectorError) {
        sendKubeJson(res, 400, status(400, 'BadRequest', e.message));
      } else {
        throw e;
      }
    }
  }

  /**
   * Faults in front of the API server, before authentication as a proxy or load balancer
   * would be: an outage answering 503, a hang holding the request, a bad response. True
   * when the request was answered (or held).
   */
  private answeredByFault(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): boolean {
    const { faults, counters, held } = this.options;
    const cluster = this.cluster.name;
    if (faults.clusterDown(cluster) === '503') {
      this.count('unavailable');
      sendKubeJson(
        res,
        503,
        status(
          503,
          'ServiceUnavailable',
          'the server is currently unable to handle the request',
        ),
      );
      return true;
    }
    const target = { cluster, requestTarget: req.url ?? '/' };
    if (faults.kubernetesHang(target)) {
      counters.countHungKubernetes(cluster);
      held.hold(req);
      return true;
    }
    const bad = faults.kubernetesBadResponse(target);
    if (bad) {
      this.count(`bad response ${bad.mode}`);
      sendKubernetesBadResponse(req, res, bad);
      return true;
    }
    return false;
  }

  /**
   * Authentication: a bad token is 401 everywhere; health and version answer anyone;
   * everything else is 403 for `system:anonymous`. True when the request was answered.
   */
  private serveUnauthenticated(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
  ): boolean {
    const who = authenticate(req, this.cluster, this.options.identities);
    if (who === 'invalid') {
      this.count('unauthorized');
      throw new StatusError(401, 'Unauthorized', 'Unauthorized');
    }
    if (ANONYMOUS_PATHS.has(path)) {
      this.count(path.slice(1));
      if (path === '/version') {
        sendKubeJson(res, 200, versionInfo(this.cluster));
      } else {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('ok');
      }
      return true;
    }
    if (who === 'anonymous') {
      this.count('forbidden');
      throw new StatusError(
        403,
        'Forbidden',
        `forbidden: User "system:anonymous" cannot get path "${path}"`,
      );
    }
    return false;
  }

  private route(
    target: ApiPath,
    url: URL,
    res: http.ServerResponse,
    table: boolean,
  ) {
    switch (target.kind) {
      case 'apiVersions':
        this.count('discovery');
        sendKubeJson(res, 200, apiVersions());
        return;
      case 'groupList':
        this.count('discovery');
        sendKubeJson(res, 200, apiGroupList(this.served.groups));
        return;
      case 'group':
        this.count('discovery');
        sendKubeJson(res, 200, {
          kind: 'APIGroup',
          apiVersion: 'v1',
          ...apiGroup(target.group),
        });
        return;
      case 'resourceList':
        this.count('discovery');
        sendKubeJson(
          res,
          200,
          apiResourceList(
            target.group,
            target.version,
            this.served.resources.filter(
              r => r.group === target.group && r.version === target.version,
            ),
          ),
        );
        return;
      case 'namespace': {
        this.count('get namespaces');
        const ns = this.namespaceObjects.find(
          n => n.metadata.name === target.name,
        );
        if (!ns) throw notFound('namespaces', target.name);
        sendKubeJson(res, 200, ns);
        return;
      }
      default:
        this.serveResource(target, url, res, table);
    }
  }

  /** A single object or a (chunked, selected) list of one resource; `watch` is refused. */
  private serveResource(
    target: Extract<ApiPath, { kind: 'resource' }>,
    url: URL,
    res: http.ServerResponse,
    table: boolean,
  ) {
    const { info, namespace, name } = target;
    const watch = url.searchParams.get('watch');
    if (watch === 'true' || watch === '1') {
      throw methodNotAllowed('watch is not supported by the EKS simulator');
    }
    const all = this.objectsOf(info);
    const scoped =
      namespace === undefined
        ? all
        : all.filter(o => o.metadata.namespace === namespace);
    if (name !== undefined) {
      this.count(`get ${info.name}`);
      const found = scoped.find(o => o.metadata.name === name);
      if (!found) throw notFound(info.name, name);
      sendKubeJson(res, 200, found);
      return;
    }
    this.count(`list ${info.name}`);
    const list = listChunk(info, scoped, url.searchParams, {
      resourceVersion: this.resourceVersion,
      compactedBelow: this.compactedBelow,
      continueTtlMs: this.options.continueTtlMs ?? 5 * 60 * 1000,
    });
    sendKubeJson(
      res,
      200,
      table ? toTable(info.name, list) : this.maybeMalformed(info, list, url),
    );
  }

  /** A `malformed` fault corrupts the first page of the core pods and nodes lists. */
  private maybeMalformed(info: ResourceInfo, list: KubeList, url: URL) {
    const kind = info.name;
    if (
      info.group !== '' ||
      (kind !== 'pods' && kind !== 'nodes') ||
      url.searchParams.get('continue') ||
      !this.options.faults.kubernetesMalformed(this.cluster.name, kind)
    ) {
      return list;
    }
    return malformedList(kind, list);
  }

  private objectsOf(info: ResourceInfo): KubeObject[] {
    if (info.crd) return this.cluster.customResources[crdKey(info)] ?? [];
    if (info.group === 'metrics.k8s.io') {
      if (info.name === 'pods')
        return (this.podMetrics ??= podMetricsOf(this.cluster));
      return (this.nodeMetrics ??= nodeMetricsOf(this.cluster));
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
}
