import http from 'node:http';
import https from 'node:https';
import type { ClusterProblem } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import {
  KubeObject,
  ListedKubeObjects,
  redact,
  retryAfterMs,
  safeCode,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { CollectionError } from '../errors';
import { Progress } from '../progress';
import { plural } from '../render/format';
import { KubeTarget } from './kubeconfig';

/** 429s waited out per request. */
const MAX_TOO_MANY_REQUESTS = 3;
/** Restarts of a list whose continue token expired (410 Gone). */
const MAX_RESTARTS = 2;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
]);

interface Answer {
  status: number;
  body: string;
  retryAfter?: string;
}

/**
 * Lists nodes and pods straight from the kubeconfig's API server, page by
 * page (`limit` / `continue`), as kubectl does. The library authenticates
 * (tokens, client certificates, exec plugins); an expired continue token
 * (410 Gone) restarts the list; a 429 is waited out as its `Retry-After`
 * says. Failures become problems in our own words: an API server's or a
 * proxy's body is never printed (it can echo the request, token included).
 */
export class KubernetesLister {
  private readonly target: KubeTarget;
  private readonly pageSize: number;
  private readonly requestTimeoutMs: number;
  private readonly progress: Progress;
  /** Pages read, per resource. */
  readonly calls: Record<string, number> = {};

  constructor(options: {
    target: KubeTarget;
    pageSize: number;
    requestTimeoutMs: number;
    progress: Progress;
  }) {
    this.target = options.target;
    this.pageSize = options.pageSize;
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.progress = options.progress;
  }

  /**
   * Every item of `/api/v1/<resource>`, cluster-wide. With `converter`
   * (asked afresh at each (re)start of the list), each item is kept as
   * converted the moment its page arrives, so the raw objects of a large
   * cluster's pods never pile up.
   */
  async listAll<U = KubeObject>(
    resource: 'nodes' | 'pods',
    converter?: () => (item: KubeObject) => U,
  ): Promise<Omit<ListedKubeObjects, 'items'> & { items: U[] }> {
    const requestOptions = await this.authenticated(resource);
    let pages = 0;
    for (let attempt = 0; ; attempt++) {
      const items: U[] = [];
      const convert =
        converter?.() ?? ((item: KubeObject) => item as unknown as U);
      let skipped = 0;
      let token: string | undefined;
      let expired = false;
      do {
        const query = new URLSearchParams({
          limit: String(this.pageSize),
          ...(token ? { continue: token } : {}),
        });
        const answer = await this.get(
          `/api/v1/${resource}?${query}`,
          requestOptions,
          resource,
        );
        pages++;
        this.calls[resource] = pages;
        if (answer.status === 410 && token && attempt < MAX_RESTARTS) {
          expired = true;
          break;
        }
        if (answer.status < 200 || answer.status >= 300) {
          throw new CollectionError([this.failed(resource, answer)]);
        }
        let page: { items?: unknown; metadata?: { continue?: string } };
        try {
          page = JSON.parse(answer.body);
        } catch {
          page = {};
        }
        if (!page || !Array.isArray(page.items)) {
          throw new CollectionError([
            this.problem(
              'NotAKubernetesList',
              `The API server of cluster ${this.target.clusterName} (${this.target.server}) answered the list of ${resource} with HTTP ${answer.status} but not with a Kubernetes list (an empty or non-JSON body, as a misconfigured proxy answers). Check the server URL of context ${this.target.contextName}.`,
            ),
          ]);
        }
        for (const item of page.items) {
          if (item && typeof item === 'object')
            items.push(convert(item as KubeObject));
          else skipped++;
        }
        token = page.metadata?.continue || undefined;
        this.progress.update(
          `Listing ${resource} of ${this.target.clusterName}: ${plural(
            items.length,
            resource.slice(0, -1),
          )} in ${plural(pages, 'page')}`,
        );
      } while (token);
      if (!expired) return { items, pages, skipped };
    }
  }

  /** The kubeconfig's credentials applied: headers, CA, client certificate, agent. */
  private async authenticated(resource: string): Promise<https.RequestOptions> {
    const options: https.RequestOptions = {};
    try {
      await this.target.kubeConfig.applyToHTTPSOptions(options);
    } catch (error) {
      throw new CollectionError([this.credentialsFailed(error, resource)]);
    }
    return options;
  }

  private get(
    path: string,
    options: https.RequestOptions,
    resource: string,
  ): Promise<Answer> {
    const url = new URL(this.target.server.replace(/\/+$/, '') + path);
    const client = url.protocol === 'http:' ? http : https;
    const once = () =>
      new Promise<Answer>((resolve, reject) => {
        const request = client.request(
          url,
          {
            ...options,
            method: 'GET',
            headers: { ...options.headers, Accept: 'application/json' },
          },
          response => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                ...(typeof response.headers['retry-after'] === 'string'
                  ? { retryAfter: response.headers['retry-after'] }
                  : {}),
              }),
            );
            response.on('error', reject);
          },
        );
        request.setTimeout(this.requestTimeoutMs, () =>
          request.destroy(
            Object.assign(new Error('timed out'), { code: 'TIMEOUT' }),
          ),
        );
        request.on('error', reject);
        request.end();
      });
    return (async () => {
      for (let tooMany = 0; ; tooMany++) {
        let answer: Answer;
        try {
          answer = await once();
        } catch (error) {
          throw new CollectionError([this.unreachable(error, resource)]);
        }
        if (answer.status !== 429 || tooMany >= MAX_TOO_MANY_REQUESTS) {
          return answer;
        }
        await new Promise(resolve =>
          setTimeout(resolve, retryAfterMs(answer.retryAfter)),
        );
      }
    })();
  }

  private problem(code: string, message: string): ClusterProblem {
    return { source: 'kubernetes', code, message };
  }

  private where(): string {
    return `cluster ${this.target.clusterName} (${this.target.server}, context ${this.target.contextName})`;
  }

  /** A failed list, named by the verb and resource it needed. */
  private failed(resource: string, answer: Answer): ClusterProblem {
    const { status } = answer;
    let parsed: any;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      parsed = undefined;
    }
    const fromApiServer = parsed?.kind === 'Status';
    const reason = fromApiServer ? safeCode(parsed.reason, '') : '';
    const subject = subjectOf(fromApiServer ? parsed.message : undefined);
    if (status === 401) {
      return this.problem(
        'Unauthorized',
        `The API server of ${this.where()} rejected the kubeconfig's credentials (user ${
          this.target.userName
        }) when listing ${resource} (HTTP 401): they are invalid or expired.${
          this.target.execCommand
            ? ` The token comes from the exec plugin ${this.target.execCommand}: check the AWS credentials it signs with, and that their IAM identity has an EKS access entry (or an aws-auth mapping) for this cluster.`
            : ' Get a new token (for EKS, `aws eks update-kubeconfig` writes an exec plugin that makes one on each run).'
        }`,
      );
    }
    if (status === 403) {
      return this.problem(
        'Forbidden',
        `${
          subject ? `Kubernetes user ${subject}` : "The kubeconfig's identity"
        } may not list ${resource} in ${this.where()} (HTTP 403${
          reason ? ` ${reason}` : ''
        }). Grant it the RBAC verb "list" on "${resource}" (core API group, cluster-wide): a ClusterRole with get and list on nodes and pods, bound to that identity.`,
      );
    }
    if (status === 404) {
      return this.problem(
        'NotFound',
        `The API server of ${this.where()} has no ${resource} API (HTTP 404): check the server URL of the context.`,
      );
    }
    if (status === 429) {
      return this.problem(
        'TooManyRequests',
        `The API server of ${this.where()} kept asking to slow down when listing ${resource} (HTTP 429), also after waiting as its Retry-After said. Try again later, or with a smaller --page-size.`,
      );
    }
    if (status >= 500 && fromApiServer) {
      return this.problem(
        'ApiServerError',
        `The API server of ${this.where()} failed listing ${resource} (HTTP ${status}${
          reason ? `, ${reason}` : ''
        }). Try again later.`,
      );
    }
    if (status >= 500) {
      return this.problem(
        'ClusterUnreachable',
        `Listing ${resource} in ${this.where()} failed with HTTP ${status}, not answered by the API server itself (a proxy or load balancer in between). Check that the API server is reachable from this machine.`,
      );
    }
    return this.problem(
      'KubernetesError',
      `Listing ${resource} in ${this.where()} failed with HTTP ${status}${
        reason ? ` (${reason})` : ''
      }.`,
    );
  }

  /** No answer at all: the network, TLS or our timeout. */
  private unreachable(error: unknown, resource: string): ClusterProblem {
    const code = safeCode((error as { code?: unknown })?.code, '');
    if (code === 'TIMEOUT') {
      return this.problem(
        'Timeout',
        `The API server of ${this.where()} did not answer the list of ${resource} within ${Math.round(
          this.requestTimeoutMs / 1000,
        )} s. Check that it is reachable and healthy; the limit is --request-timeout.`,
      );
    }
    if (NETWORK_CODES.has(code)) {
      return this.problem(
        'ClusterUnreachable',
        `The API server of ${this.where()} could not be reached (${code}). Check that its endpoint is reachable from this machine (public or private endpoint access, VPN, security groups, proxy) and that the kubeconfig names the right server.`,
      );
    }
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO/.test(code)) {
      return this.problem(
        'TlsVerificationFailed',
        `The API server of ${this.where()} did not pass TLS verification (${code}). Check certificate-authority-data (or certificate-authority) of its cluster entry in the kubeconfig.`,
      );
    }
    return this.problem(
      'ClusterUnreachable',
      `The API server of ${this.where()} could not be asked for ${resource}${
        code ? ` (${code})` : ''
      }.`,
    );
  }

  /** The kubeconfig's credentials could not be had: an exec plugin failed, a file is missing. */
  private credentialsFailed(error: unknown, resource: string): ClusterProblem {
    const e = error as { code?: unknown; message?: unknown; path?: unknown };
    const command = this.target.execCommand;
    if (command && e?.code === 'ENOENT') {
      return this.problem(
        'ExecPluginNotFound',
        `The exec credential plugin of user ${this.target.userName} (context ${this.target.contextName}) is ${command}, which is not installed or not on PATH. Install it, or fix users[].user.exec.command in the kubeconfig.`,
      );
    }
    const said =
      typeof e?.message === 'string' && e.message.trim()
        ? redact(e.message.trim().split('\n')[0]).slice(0, 300)
        : '';
    if (command) {
      return this.problem(
        'ExecPluginFailed',
        `The exec credential plugin ${command} of user ${
          this.target.userName
        } (context ${
          this.target.contextName
        }) failed, so no token could be had to list ${resource}${
          said ? `; it said: ${said}` : ''
        }. For \`aws eks get-token\`, check the AWS credentials it runs with (AWS_PROFILE, expired SSO sessions: aws sso login).`,
      );
    }
    return this.problem(
      'KubeconfigCredentials',
      `The credentials of user ${this.target.userName} (context ${
        this.target.contextName
      }) could not be read${
        typeof e?.code === 'string' ? ` (${safeCode(e.code, '')})` : ''
      }: check the files its client-certificate, client-key or token-file name.`,
    );
  }
}

/** `forbidden: User "jane" cannot list …` → `jane`, only when it looks like a user name. */
function subjectOf(message: unknown): string | undefined {
  if (typeof message !== 'string') return undefined;
  return message.match(/User "([\w:@.+=,-]{1,100})"/)?.[1];
}
