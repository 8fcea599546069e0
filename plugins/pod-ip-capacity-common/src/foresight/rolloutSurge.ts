import { DeploymentRollout, IntOrPercent } from './types';

const PERCENT = /^(\d+)%$/;

/**
 * A count or percentage of `replicas`, as Kubernetes scales an
 * IntOrString: percentages rounded up (`maxSurge`) or down
 * (`maxUnavailable`). Kubernetes rejects any other string, and so does this.
 */
function scaled(
  value: IntOrPercent,
  replicas: number,
  roundUp: boolean,
): number {
  if (typeof value === 'number') return Math.max(0, Math.floor(value));
  const match = PERCENT.exec(value.trim());
  if (!match) {
    throw new Error(`Not a count or a percentage: ${JSON.stringify(value)}`);
  }
  const exact = (Number(match[1]) * replicas) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * A Deployment's `maxSurge` and `maxUnavailable` as the deployment
 * controller resolves them (both default to 25%; when both come to 0,
 * `maxUnavailable` is 1 so the rollout can progress).
 *
 * @public
 */
export function resolveRollout(deployment: DeploymentRollout): {
  maxSurge: number;
  maxUnavailable: number;
} {
  const replicas = Math.max(0, Math.floor(deployment.replicas));
  const maxSurge = scaled(deployment.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = scaled(
    deployment.maxUnavailable ?? '25%',
    replicas,
    false,
  );
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}
