import type { ClusterProblem } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/** @public */
export type { ClusterProblem };

/**
 * An error that carries a per-cluster problem: what failed, where, and what a
 * person can do about it. The snapshot keeps it beside the cluster's data.
 *
 * @public
 */
export class ClusterProblemError extends Error {
  readonly problem: ClusterProblem;

  constructor(problem: ClusterProblem) {
    super(problem.message);
    this.name = 'ClusterProblemError';
    this.problem = problem;
  }
}

/**
 * A collection that must not replace the last good picture: a required part
 * (the nodes, the instances, the subnets) could not be read. Carries every
 * problem found on the way, and what was learned of where the cluster is.
 *
 * @public
 */
export class CollectionFailedError extends Error {
  readonly problems: ClusterProblem[];
  readonly region?: string;
  readonly accountId?: string;
  readonly apiCalls: Record<string, Record<string, number>>;

  constructor(options: {
    problems: ClusterProblem[];
    region?: string;
    accountId?: string;
    apiCalls?: Record<string, Record<string, number>>;
  }) {
    super(options.problems.map(p => p.message).join(' '));
    this.name = 'CollectionFailedError';
    this.problems = options.problems;
    this.region = options.region;
    this.accountId = options.accountId;
    this.apiCalls = options.apiCalls ?? {};
  }
}

/**
 * Any error as a problem a user may read. Errors we did not make ourselves
 * say only that something went wrong inside: their text can carry anything
 * (the detail goes to the log, redacted).
 *
 * @public
 */
export function toClusterProblem(error: unknown): ClusterProblem {
  if (error instanceof ClusterProblemError) {
    return error.problem;
  }
  return {
    source: 'internal',
    code: 'InternalError',
    message:
      'Pod IP Capacity failed unexpectedly while collecting this cluster; the backend log has the details. The next refresh tries again.',
  };
}

/**
 * The problems of any refresh failure.
 *
 * @public
 */
export function problemsOf(error: unknown): ClusterProblem[] {
  return error instanceof CollectionFailedError
    ? error.problems
    : [toClusterProblem(error)];
}
