import type { ClusterProblem } from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

/** Every view was printed and no threshold was crossed. */
export const EXIT_OK = 0;
/** Printed, but a subnet is below `--fail-below-free-blocks`. */
export const EXIT_BELOW_THRESHOLD = 1;
/** Nothing could be collected (or the command line is wrong). */
export const EXIT_NOT_COLLECTED = 2;

/**
 * The cluster could not be collected: a kubeconfig, a Kubernetes list, the
 * AWS credentials or a required EC2 call failed. Carries the problems in
 * our own words (they never quote tokens, keys or upstream bodies).
 */
export class CollectionError extends Error {
  readonly problems: ClusterProblem[];

  constructor(problems: ClusterProblem[]) {
    super(problems.map(p => p.message).join(' '));
    this.name = 'CollectionError';
    this.problems = problems;
  }
}

/** A problem of the command line or the kubeconfig, before any call. */
export function configProblem(code: string, message: string): CollectionError {
  return new CollectionError([{ source: 'config', code, message }]);
}
