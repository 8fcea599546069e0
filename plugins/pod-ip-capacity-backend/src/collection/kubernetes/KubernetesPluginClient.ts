import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  ClusterProblem,
  ClusterProblemError,
  retryAfterMs,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import {
  kubernetesProblem,
  notAListProblem,
  readFailedAnswer,
  timeoutProblem,
} from './kubernetesProblem';

/** A cluster as the Kubernetes backend's `GET /clusters` lists it. */
export interface KubernetesClusterListing {
  name: string;
  title?: string;
  authProvider: string;
}

/** One page of a Kubernetes list response. */
interface KubernetesList<T> {
  items?: Array<T | null>;
  metadata?: { continue?: string };
}

/** A list read page by page. */
export interface ListedItems<T> {
  items: T[];
  pages: number;
  /** Items that were not objects (`null`…): left out, and reported. */
  skipped: number;
}

/** How long to wait for one request, and how often to honour a 429. */
export interface RequestLimits {
  requestTimeoutMs: number;
  /** Ends every request when the cluster's refresh runs out of time. */
  signal?: AbortSignal;
}

/** The header by which the Kubernetes backend's proxy picks the cluster. */
const CLUSTER_HEADER = 'Backstage-Kubernetes-Cluster';
/** 429s honoured per request before giving up. */
const MAX_TOO_MANY_REQUESTS = 3;

/**
 * Reaches the clusters the Backstage Kubernetes plugin knows, through its own
 * HTTP API: `GET /clusters` and `/proxy`, called with this plugin's service
 * token. Its cluster locators and its server-side auth (service accounts, AWS
 * IAM with assume-role) do the work, so we keep no second list of clusters and
 * no cluster credentials of our own.
 */
export class KubernetesPluginClient {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
  }

  async listClusters(
    limits: RequestLimits,
  ): Promise<KubernetesClusterListing[]> {
    const response = await this.request(
      await this.target(),
      '/clusters',
      {},
      limits,
      () => ({
        source: 'kubernetes',
        code: 'Timeout',
        message: `The Kubernetes plugin did not answer GET /clusters within ${Math.round(
          limits.requestTimeoutMs / 1000,
        )} s.`,
      }),
    );
    if (!response.ok) {
      throw new ClusterProblemError({
        source: 'kubernetes',
        code: 'KubernetesBackendError',
        message: `The Kubernetes plugin answered GET /clusters with HTTP ${response.status}. Check that @backstage/plugin-kubernetes-backend is installed and configured in this backend.`,
      });
    }
    const body = await readJson<{ items?: unknown[] }>(response);
    if (!body || !Array.isArray(body.items)) {
      throw new ClusterProblemError({
        source: 'kubernetes',
        code: 'KubernetesBackendError',
        message:
          'The Kubernetes plugin answered GET /clusters without a list of clusters.',
      });
    }
    return body.items.flatMap((c: any) =>
      c && typeof c.name === 'string'
        ? [
            {
              name: c.name,
              ...(typeof c.title === 'string' ? { title: c.title } : {}),
              authProvider: String(c.authProvider ?? ''),
            },
          ]
        : [],
    );
  }

  /**
   * Lists a kind across the cluster, page by page (`limit`/`continue`). An
   * expired continue token (410 Gone) restarts the list from the beginning, as
   * the Kubernetes API conventions ask; the pages of a restarted list replace
   * what was read before. A 429 is waited out as its `Retry-After` says.
   * With `converter`, each item is kept as converted the moment its page
   * arrives, so that the raw objects of a long list never pile up; it is
   * asked for a fresh conversion at each (re)start of the list.
   */
  async listAll<T, U = T>(
    cluster: string,
    path: string,
    options: {
      pageSize: number;
      query?: Record<string, string>;
      converter?: () => (item: T) => U;
    } & RequestLimits,
  ): Promise<ListedItems<U>> {
    const maxRestarts = 2;
    const resource = path.split('/').pop() ?? path;
    // One service token for the whole list: signing one per page costs more
    // than reading the page.
    const target = await this.target();
    let pages = 0;
    for (let attempt = 0; ; attempt++) {
      const items: U[] = [];
      const convert =
        options.converter?.() ?? ((item: T) => item as unknown as U);
      let skipped = 0;
      let token: string | undefined;
      let expired = false;
      do {
        const query = new URLSearchParams({
          ...options.query,
          limit: String(options.pageSize),
          ...(token ? { continue: token } : {}),
        });
        const response = await this.request(
          target,
          `/proxy${path}?${query}`,
          { [CLUSTER_HEADER]: cluster },
          options,
          () =>
            timeoutProblem(
              cluster,
              resource,
              Math.round(options.requestTimeoutMs / 1000),
            ),
        );
        pages++;
        if (response.status === 410 && token && attempt < maxRestarts) {
          await response.body?.cancel();
          expired = true;
          break;
        }
        if (!response.ok) {
          const text = await response.text().catch(() => '');
          throw new ClusterProblemError(
            kubernetesProblem(
              cluster,
              resource,
              readFailedAnswer(response.status, text),
            ),
          );
        }
        const page = await readJson<KubernetesList<T>>(response);
        if (!page || !Array.isArray(page.items)) {
          throw new ClusterProblemError(notAListProblem(cluster, resource));
        }
        for (const item of page.items) {
          if (item && typeof item === 'object') items.push(convert(item));
          else skipped++;
        }
        token = page.metadata?.continue || undefined;
      } while (token);
      if (!expired) {
        return { items, pages, skipped };
      }
    }
  }

  /**
   * Reads one object (`GET <path>`) through the proxy, with the same
   * timeout, 429 handling and problems in our own words as `listAll`.
   */
  async getOne<T>(
    cluster: string,
    path: string,
    limits: RequestLimits,
  ): Promise<T> {
    const resource = path.split('/').pop() ?? path;
    const response = await this.request(
      await this.target(),
      `/proxy${path}`,
      { [CLUSTER_HEADER]: cluster },
      limits,
      () =>
        timeoutProblem(
          cluster,
          resource,
          Math.round(limits.requestTimeoutMs / 1000),
        ),
    );
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new ClusterProblemError(
        kubernetesProblem(
          cluster,
          resource,
          readFailedAnswer(response.status, text),
        ),
      );
    }
    const body = await readJson<T>(response);
    if (!body || typeof body !== 'object') {
      throw new ClusterProblemError(notAListProblem(cluster, resource));
    }
    return body;
  }

  /** Where the Kubernetes backend is, and a service token for it. */
  private async target(): Promise<{ baseUrl: string; token: string }> {
    const baseUrl = await this.discovery.getBaseUrl('kubernetes');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
    return { baseUrl, token };
  }

  /**
   * One request with a timeout; 429s are waited out (bounded) and retried.
   * A request that cannot be made at all names the Kubernetes backend.
   */
  private async request(
    { baseUrl, token }: { baseUrl: string; token: string },
    path: string,
    headers: Record<string, string>,
    limits: RequestLimits,
    onTimeout: () => ClusterProblem,
  ): Promise<Response> {
    for (let tooMany = 0; ; tooMany++) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${path}`, {
          headers: { ...headers, Authorization: `Bearer ${token}` },
          signal: anySignal(
            AbortSignal.timeout(limits.requestTimeoutMs),
            limits.signal,
          ),
        });
      } catch (error) {
        if (limits.signal?.aborted) throw limits.signal.reason ?? error;
        if (isAbort(error)) throw new ClusterProblemError(onTimeout());
        throw new ClusterProblemError({
          source: 'kubernetes',
          code: 'KubernetesBackendUnreachable',
          message:
            'The Backstage Kubernetes backend could not be reached. Check that @backstage/plugin-kubernetes-backend is installed in this backend.',
        });
      }
      if (response.status !== 429 || tooMany >= MAX_TOO_MANY_REQUESTS) {
        return response;
      }
      await response.body?.cancel();
      await sleep(retryAfterMs(response.headers.get('retry-after')), limits);
    }
  }
}

function sleep(ms: number, limits: RequestLimits): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      limits.signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(limits.signal?.reason);
    }
    limits.signal?.addEventListener('abort', abort, { once: true });
  });
}

async function readJson<T>(response: Response): Promise<T | undefined> {
  try {
    return (await response.json()) as T;
  } catch {
    return undefined;
  }
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function anySignal(
  first: AbortSignal,
  second: AbortSignal | undefined,
): AbortSignal {
  return second ? AbortSignal.any([first, second]) : first;
}
