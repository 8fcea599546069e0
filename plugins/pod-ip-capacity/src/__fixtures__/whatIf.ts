import {
  AddReplicasResponse,
  addReplicasMessage,
  ClusterForesightResponse,
  computeWorkloadUsage,
  RolloutResponse,
  RotateResponse,
  rolloutMessage,
  rotationMessage,
  whatIfAddReplicas,
  whatIfRollout,
  whatIfRotateNodeGroup,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import type {
  WhatIfAddReplicasRequest,
  WhatIfRolloutRequest,
  WhatIfRotateRequest,
} from '../api';
import { okSnapshot, sources } from './capacity';
import { FORESIGHT_CONTEXT, foresightResponse } from './foresight';

const nameOf = (entityRef: string) => entityRef.split('/')[1] ?? entityRef;

/** The entity's workload in each fixture cluster it has pods in. */
function workloadsOf(entityRef: string, cluster?: string) {
  const name = nameOf(entityRef);
  return sources().flatMap(source => {
    if (cluster && source.capacity.cluster !== cluster) return [];
    const workload = computeWorkloadUsage([source], {
      entityRef,
      kubernetesId: name,
    });
    return workload.pods > 0 ? [{ source, workload }] : [];
  });
}

const entityOf = (entityRef: string) => ({
  entityRef,
  kind: 'Component',
  title: nameOf(entityRef),
});

/** `GET /what-if/add-replicas`, as the backend answers it: the real engine and its sentences. */
export function addReplicasResponse(
  request: WhatIfAddReplicasRequest,
): AddReplicasResponse {
  return {
    entity: entityOf(request.entityRef),
    replicas: request.replicas,
    clusters: workloadsOf(request.entityRef, request.cluster).map(
      ({ source, workload }) => {
        const whatIf = whatIfAddReplicas(
          source.capacity,
          workload,
          request.replicas,
          FORESIGHT_CONTEXT,
        );
        return {
          cluster: source.capacity.cluster,
          snapshot: okSnapshot,
          whatIf,
          message: addReplicasMessage(whatIf, {
            name: nameOf(request.entityRef),
            cluster: source.capacity.cluster,
          }),
        };
      },
    ),
    problems: [],
  };
}

/**
 * `GET /what-if/rollout`: the fixtures have no Deployments, so each
 * workload is one Deployment as its pods show it (Kubernetes' defaults).
 */
export function rolloutResponse(
  request: WhatIfRolloutRequest,
): RolloutResponse {
  let surge: number | string | undefined = request.maxSurge;
  if (surge !== undefined && !surge.endsWith('%')) surge = Number(surge);
  return {
    entity: entityOf(request.entityRef),
    clusters: workloadsOf(request.entityRef, request.cluster).map(
      ({ source, workload }) => {
        const deployment = {
          namespace: 'default',
          name: nameOf(request.entityRef),
          replicas: workload.pods,
          strategy: 'RollingUpdate' as const,
          source: 'pods' as const,
        };
        const whatIf = whatIfRollout(
          source.capacity,
          workload,
          { replicas: deployment.replicas, maxSurge: surge },
          FORESIGHT_CONTEXT,
        );
        return {
          cluster: source.capacity.cluster,
          snapshot: okSnapshot,
          rollouts: [
            {
              deployment,
              whatIf,
              message: rolloutMessage(whatIf, {
                ...deployment,
                cluster: source.capacity.cluster,
              }),
            },
          ],
        };
      },
    ),
    problems: [],
  };
}

/** `GET /what-if/rotate`. */
export function rotateResponse(request: WhatIfRotateRequest): RotateResponse {
  const source = sources().find(s => s.capacity.cluster === request.cluster)!;
  const whatIf = whatIfRotateNodeGroup(
    source.capacity,
    request.nodeGroup,
    FORESIGHT_CONTEXT,
    request.concurrent !== undefined ? { concurrent: request.concurrent } : {},
  );
  return {
    cluster: request.cluster,
    snapshot: okSnapshot,
    whatIf,
    message: rotationMessage(whatIf, request.cluster),
  };
}

/** `GET /clusters/{name}/foresight` of a fixture cluster. */
export function clusterForesightResponse(
  cluster: string,
): ClusterForesightResponse {
  const source = sources().find(s => s.capacity.cluster === cluster);
  return source
    ? foresightResponse(source.capacity, okSnapshot)
    : { cluster, snapshot: { ...okSnapshot, status: 'pending' } };
}
