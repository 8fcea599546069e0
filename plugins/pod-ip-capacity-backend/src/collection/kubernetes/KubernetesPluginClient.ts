import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ClusterProblemError } from '../../lib/problems';

/** A cluster as the Kubernetes backend's `GET /clusters` lists it. */
export interface KubernetesClusterListing {
  name: string;
  title?: string;
  authProvider: string;
}

/** One page of a Kubernetes list response. */
interface KubernetesList<T> {
  items?: T[];
  metadata?: { continue?: string };
}

/** The header by which the Kubernetes backend's proxy picks the cluster. */
const CLUSTER_HEADER = 'Backstage-Kubernetes-Cluster';

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

  async listClusters(): Promise<KubernetesClusterListing[]> {
    const response = await this.request(await this.target(), '/clusters');
    if (!response.ok) {
      throw new Error(
        `The Kubernetes backend answered GET /clusters with HTTP ${
          response.status
        }: ${await describeBody(response)}`,
      );
    }
    const body = (await response.json()) as {
      items?: KubernetesClusterListing[];
    };
    return (body.items ?? []).map(c => ({
      name: c.name,
      ...(c.title ? { title: c.title } : {}),
      authProvider: c.authProvider,
    }));
  }

  /**
   * Lists a kind across the cluster, page by page (`limit`/`continue`). An
   * expired continue token (410 Gone) restarts the list from the beginning, as
   * the Kubernetes API conventions ask; the pages of a restarted list replace
   * what was read before.
   */
  async listAll<T>(
    cluster: string,
    path: string,
    options: { pageSize: number; query?: Record<string, string> },
  ): Promise<{ items: T[]; pages: number }> {
    const maxRestarts = 2;
    // One service token for the whole list: signing one per page costs more
    // than reading the page.
    const target = await this.target();
    let pages = 0;
    for (let attempt = 0; ; attempt++) {
      const items: T[] = [];
      let token: string | undefined;
      let expired = false;
      do {
        const query = new URLSearchParams({
          ...options.query,
          limit: String(options.pageSize),
          ...(token ? { continue: token } : {}),
        });
        const response = await this.request(target, `/proxy${path}?${query}`, {
          [CLUSTER_HEADER]: cluster,
        });
        pages++;
        if (response.status === 410 && token && attempt < maxRestarts) {
          expired = true;
          break;
        }
        if (!response.ok) {
          throw await kubernetesProblem(cluster, path, response);
        }
        const page = (await response.json()) as KubernetesList<T>;
        for (const item of page.items ?? []) {
          items.push(item);
        }
        token = page.metadata?.continue || undefined;
      } while (token);
      if (!expired) {
        return { items, pages };
      }
    }
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

  private async request(
    { baseUrl, token }: { baseUrl: string; token: string },
    path: string,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    try {
      return await fetch(`${baseUrl}${path}`, {
        headers: { ...headers, Authorization: `Bearer ${token}` },
      });
    } catch (error) {
      throw new ClusterProblemError({
        source: 'kubernetes',
        code: 'KubernetesBackendUnreachable',
        message: `The Backstage Kubernetes backend could not be reached (${
          (error as Error).message
        }). Check that @backstage/plugin-kubernetes-backend is installed in this backend.`,
      });
    }
  }
}

async function describeBody(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    return body?.message ?? body?.error?.message ?? text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}

/** Turns a failed list call into a problem a platform engineer can act on. */
async function kubernetesProblem(
  cluster: string,
  path: string,
  response: Response,
): Promise<ClusterProblemError> {
  const detail = await describeBody(response);
  const resource = path.split('/').pop() ?? path;
  if (response.status === 401) {
    return new ClusterProblemError({
      source: 'kubernetes',
      code: 'Unauthorized',
      message: `Cluster ${cluster} rejected Backstage's credentials when listing ${resource} (HTTP 401). Check the cluster's authProvider and its token or IAM role in the Kubernetes plugin's configuration.`,
    });
  }
  if (response.status === 403) {
    return new ClusterProblemError({
      source: 'kubernetes',
      code: 'Forbidden',
      message: `Backstage may not list ${resource} in cluster ${cluster} (HTTP 403: ${detail}). Grant its identity a ClusterRole with "list" on nodes and pods, or allow the kubernetes.proxy permission for the pod-ip-capacity plugin.`,
    });
  }
  if (response.status === 404 && /cluster/i.test(detail)) {
    return new ClusterProblemError({
      source: 'kubernetes',
      code: 'ClusterNotFound',
      message: `The Kubernetes plugin does not know cluster ${cluster} (any more): ${detail}`,
    });
  }
  return new ClusterProblemError({
    source: 'kubernetes',
    code: response.status >= 500 ? 'ClusterUnreachable' : 'KubernetesError',
    message: `Listing ${resource} in cluster ${cluster} failed with HTTP ${
      response.status
    }${
      detail ? `: ${detail}` : ''
    }. Check that the cluster's API server is reachable from Backstage.`,
  });
}
