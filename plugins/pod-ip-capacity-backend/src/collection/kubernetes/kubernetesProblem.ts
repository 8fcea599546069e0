import {
  ClusterProblem,
  safeCode,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-node';

/**
 * Who answered a failed request through the Kubernetes plugin's proxy: the
 * cluster's API server (a `Status` object), the proxy itself (a Backstage
 * error body), or something that is neither (a load balancer's page).
 * Only codes and reasons are kept — the body's text never is: an API server
 * or a proxy in front of it may echo the request, token included.
 */
export interface FailedAnswer {
  status: number;
  from: 'api-server' | 'proxy' | 'other';
  /** The Status `reason` (`Forbidden`, `Expired`…) or the Backstage error name. */
  reason?: string;
  /** A network code the proxy reported (`ECONNREFUSED`, `ETIMEDOUT`…). */
  networkCode?: string;
}

/** Reads what kind of answer a failed response body is, keeping only codes. */
export function readFailedAnswer(status: number, body: string): FailedAnswer {
  let parsed: any;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status, from: 'other' };
  }
  if (parsed?.kind === 'Status') {
    return { status, from: 'api-server', reason: safeCode(parsed.reason, '') };
  }
  if (parsed?.error && typeof parsed.error === 'object') {
    let cause = parsed.error.cause;
    let networkCode: string | undefined;
    for (let depth = 0; cause && depth < 3; depth++) {
      const code = safeCode(cause.code, '');
      if (/^E[A-Z_]+$/.test(code)) networkCode = code;
      cause = cause.cause;
    }
    return {
      status,
      from: 'proxy',
      reason: safeCode(parsed.error.name, ''),
      ...(networkCode ? { networkCode } : {}),
    };
  }
  return { status, from: 'other' };
}

/**
 * A failed list call as a problem a platform engineer can act on, in our own
 * words, naming the cluster and the resource.
 */
export function kubernetesProblem(
  cluster: string,
  resource: string,
  answer: FailedAnswer,
): ClusterProblem {
  const problem = (code: string, message: string): ClusterProblem => ({
    source: 'kubernetes',
    code,
    message,
  });
  const { status } = answer;
  if (status === 401) {
    return problem(
      'Unauthorized',
      `Cluster ${cluster} rejected Backstage's credentials when listing ${resource} (HTTP 401). Check the cluster's authProvider and its token or IAM role in the Kubernetes plugin's configuration (for EKS, the role or user needs an access entry or aws-auth mapping).`,
    );
  }
  if (status === 403 && answer.from === 'proxy') {
    return problem(
      'ProxyForbidden',
      `The Kubernetes plugin refused to proxy the request for ${resource} in cluster ${cluster} (HTTP 403): allow the kubernetes.proxy permission for the pod-ip-capacity plugin's service principal in the permission policy.`,
    );
  }
  if (status === 403) {
    return problem(
      'Forbidden',
      `Backstage may not list ${resource} in cluster ${cluster} (HTTP 403). Grant its Kubernetes identity a ClusterRole with "get" and "list" on ${resource}; the plugin README lists the whole ClusterRole.`,
    );
  }
  if (status === 404 && answer.from === 'proxy') {
    return problem(
      'ClusterNotFound',
      `The Kubernetes plugin does not know cluster ${cluster} (any more): check kubernetes.clusterLocatorMethods.`,
    );
  }
  if (status === 404) {
    return problem(
      'NotFound',
      `Cluster ${cluster} has no ${resource} API (HTTP 404).`,
    );
  }
  if (status === 429) {
    return problem(
      'TooManyRequests',
      `Cluster ${cluster}'s API server kept asking Backstage to slow down when listing ${resource} (HTTP 429), also after waiting as its Retry-After said. The next refresh tries again; a smaller podIpCapacity.kubernetes.pageSize spreads the load.`,
    );
  }
  if (answer.from === 'proxy' && answer.networkCode) {
    return problem(
      'ClusterUnreachable',
      `The Kubernetes plugin could not reach the API server of cluster ${cluster} (${answer.networkCode}). Check that the cluster's URL is reachable from Backstage (endpoint access, security groups, proxy).`,
    );
  }
  if (status >= 500 && answer.from === 'api-server') {
    return problem(
      'ApiServerError',
      `The API server of cluster ${cluster} failed listing ${resource} (HTTP ${status}${
        answer.reason ? `, ${answer.reason}` : ''
      }). The next refresh tries again.`,
    );
  }
  if (status >= 500) {
    return problem(
      'ClusterUnreachable',
      `Listing ${resource} in cluster ${cluster} failed with HTTP ${status}, not answered by the API server itself (a proxy or load balancer in between). Check that the cluster's API server is reachable from Backstage.`,
    );
  }
  return problem(
    'KubernetesError',
    `Listing ${resource} in cluster ${cluster} failed with HTTP ${status}${
      answer.reason ? ` (${answer.reason})` : ''
    }.`,
  );
}

/** A 200 whose body is not a Kubernetes list (empty, HTML, truncated). */
export function notAListProblem(
  cluster: string,
  resource: string,
): ClusterProblem {
  return {
    source: 'kubernetes',
    code: 'NotAKubernetesList',
    message: `Cluster ${cluster} answered the list of ${resource} with HTTP 200 but not with a Kubernetes list (an empty or non-JSON body, as a misconfigured proxy answers). Check the cluster's URL in the Kubernetes plugin's configuration.`,
  };
}

/** No answer in time. */
export function timeoutProblem(
  cluster: string,
  resource: string,
  seconds: number,
): ClusterProblem {
  return {
    source: 'kubernetes',
    code: 'Timeout',
    message: `Cluster ${cluster} did not answer the list of ${resource} within ${seconds} s. Check that its API server is reachable and healthy; the limit is podIpCapacity.kubernetes.requestTimeout.`,
  };
}
