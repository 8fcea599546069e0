import type { ClusterProblem } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

export type { ClusterProblem };

/**
 * An error that carries a per-cluster problem: what failed, where, and what a
 * person can do about it. The snapshot keeps it beside the cluster's data.
 */
export class ClusterProblemError extends Error {
  readonly problem: ClusterProblem;

  constructor(problem: ClusterProblem) {
    super(problem.message);
    this.name = 'ClusterProblemError';
    this.problem = problem;
  }
}

/** Any error as a problem, without leaking anything it does not mean to say. */
export function toClusterProblem(error: unknown): ClusterProblem {
  if (error instanceof ClusterProblemError) {
    return error.problem;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { source: 'internal', code: 'InternalError', message };
}
