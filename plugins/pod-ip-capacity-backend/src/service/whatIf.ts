import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AddReplicasResponse,
  addReplicasMessage,
  computeWorkloadUsage,
  EntityProblem,
  ForesightContext,
  hasKubernetesAnnotations,
  RolloutResponse,
  rolloutMessage,
  RotateResponse,
  rotationMessage,
  selectionOf,
  SnapshotInfo,
  whatIfAddReplicas,
  WhatIfDeployment,
  whatIfRollout,
  whatIfRotateNodeGroup,
  WorkloadSelection,
  WorkloadUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import { deploymentOfPod } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { CapacitySnapshotData } from '../collection/types';
import { CatalogReader, toCountedEntity } from './countedEntities';
import { entityRefInput } from './entityRefInput';

/**
 * The what-ifs (how-pod-ips-are-counted.md §7), computed from the stored
 * snapshot with the engine's pure functions: never by collecting. Each is
 * linear in the cluster's nodes and subnets (plus the new nodes it
 * plans), so it is computed per request.
 */

/** A cluster as a what-if reads it. */
export interface WhatIfCluster {
  name: string;
  snapshot: SnapshotInfo;
  data?: CapacitySnapshotData;
}

/** The entity a what-if is asked of, and its pods' selection. */
export interface WhatIfEntity {
  entity: Entity;
  selection?: WorkloadSelection;
  problems: EntityProblem[];
}

/**
 * The one service a what-if is about: a Component or Resource with
 * Kubernetes annotations of its own, which the caller may read (else 404).
 * A Group or System counts many services: "add N replicas" is asked of one.
 */
export async function whatIfEntity(
  catalog: CatalogReader,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<WhatIfEntity> {
  const ref = entityRefInput(entityRef);
  const entity = await catalog.getEntity(ref, credentials);
  if (!entity) throw new NotFoundError(`No entity ${stringifyEntityRef(ref)}`);
  if (!hasKubernetesAnnotations(entity)) {
    throw new InputError(
      `A what-if is asked of one service: ${stringifyEntityRef(
        entity,
      )} has no Kubernetes annotations of its own (backstage.io/kubernetes-id or backstage.io/kubernetes-label-selector). Ask it of one of the Components it counts.`,
    );
  }
  const result = selectionOf(entity, stringifyEntityRef(entity));
  return 'problem' in result
    ? { entity, problems: [result.problem] }
    : { entity, selection: result.selection, problems: [] };
}

function contextOf(data: CapacitySnapshotData): ForesightContext {
  return {
    ...(data.foresight?.provisioning
      ? { provisioning: data.foresight.provisioning }
      : {}),
    ...(data.foresight?.instanceTypes
      ? { instanceTypes: data.foresight.instanceTypes }
      : {}),
  };
}

/** The entity's workload in each cluster it has pods in, with `cluster` narrowing them. */
function workloads(
  clusters: readonly WhatIfCluster[],
  selection: WorkloadSelection,
): Array<{
  cluster: WhatIfCluster;
  data: CapacitySnapshotData;
  workload: WorkloadUsage;
}> {
  return clusters.flatMap(cluster => {
    const data = cluster.data;
    if (!data) return [];
    const workload = computeWorkloadUsage([data], selection);
    return workload.pods > 0 ? [{ cluster, data, workload }] : [];
  });
}

const nameOf = (entity: Entity) =>
  entity.metadata.title ?? entity.metadata.name;

/** "Add N replicas of this service", per cluster it runs in. */
export function addReplicasAnswer(
  asked: WhatIfEntity,
  clusters: readonly WhatIfCluster[],
  replicas: number,
): AddReplicasResponse {
  return {
    entity: toCountedEntity(asked.entity),
    replicas,
    clusters: asked.selection
      ? workloads(clusters, asked.selection).map(
          ({ cluster, data, workload }) => {
            const whatIf = whatIfAddReplicas(
              data.capacity,
              workload,
              replicas,
              contextOf(data),
            );
            return {
              cluster: cluster.name,
              snapshot: cluster.snapshot,
              whatIf,
              message: addReplicasMessage(whatIf, {
                name: nameOf(asked.entity),
                cluster: cluster.name,
              }),
            };
          },
        )
      : [],
    problems: asked.problems,
  };
}

/**
 * The Deployments the entity's counted pods belong to in a cluster: as
 * read at the refresh, or — when they could not be read — as the pods
 * show them (replicas = the pods counted, Kubernetes' default strategy).
 */
function deploymentsOf(
  data: CapacitySnapshotData,
  workload: WorkloadUsage,
): WhatIfDeployment[] {
  const podsByName = new Map(
    data.pods.map(p => [`${p.namespace}/${p.name}`, p]),
  );
  const counts = new Map<string, number>();
  for (const listed of workload.podList) {
    const pod = podsByName.get(`${listed.namespace}/${listed.name}`);
    const name = pod && deploymentOfPod(pod);
    if (!name) continue;
    const key = `${listed.namespace}/${name}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const stored = new Map(
    (data.foresight?.deployments ?? []).map(d => [
      `${d.namespace}/${d.name}`,
      d,
    ]),
  );
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, pods]): WhatIfDeployment => {
      const known = stored.get(key);
      if (known) return known;
      const [namespace, name] = key.split('/');
      return {
        namespace,
        name,
        replicas: pods,
        strategy: 'RollingUpdate',
        source: 'pods',
      };
    });
}

/** `"3"` → 3, `"25%"` stays: the query's maxSurge as an IntOrPercent. */
function parseMaxSurge(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return value.endsWith('%') ? value : Number(value);
}

/** "Roll out with maxSurge S", per cluster and Deployment of the entity. */
export function rolloutAnswer(
  asked: WhatIfEntity,
  clusters: readonly WhatIfCluster[],
  maxSurge: string | undefined,
): RolloutResponse {
  const surge = parseMaxSurge(maxSurge);
  return {
    entity: toCountedEntity(asked.entity),
    clusters: asked.selection
      ? workloads(clusters, asked.selection).map(
          ({ cluster, data, workload }) => ({
            cluster: cluster.name,
            snapshot: cluster.snapshot,
            rollouts: deploymentsOf(data, workload).map(deployment => {
              // Recreate stops every old pod first: nothing surges.
              const recreate = deployment.strategy === 'Recreate';
              const whatIf = whatIfRollout(
                data.capacity,
                workload,
                {
                  replicas: deployment.replicas,
                  maxSurge: recreate ? 0 : surge ?? deployment.maxSurge,
                  maxUnavailable: recreate
                    ? deployment.replicas
                    : deployment.maxUnavailable,
                },
                contextOf(data),
              );
              return {
                deployment,
                whatIf,
                message: rolloutMessage(whatIf, {
                  ...deployment,
                  cluster: cluster.name,
                }),
              };
            }),
          }),
        )
      : [],
    problems: asked.problems,
  };
}

/** "Rotate node group G" in one cluster. */
export function rotateAnswer(
  cluster: WhatIfCluster & { data: CapacitySnapshotData },
  nodeGroup: string,
  concurrent: number | undefined,
): RotateResponse {
  const { capacity } = cluster.data;
  if (!capacity.nodeGroups.some(g => g.name === nodeGroup)) {
    throw new NotFoundError(
      `Cluster ${
        cluster.name
      } has no node group or pool named '${nodeGroup.slice(
        0,
        100,
      )}' with nodes. Its node groups: ${
        capacity.nodeGroups.map(g => g.name).join(', ') || 'none'
      }.`,
    );
  }
  const whatIf = whatIfRotateNodeGroup(
    capacity,
    nodeGroup,
    contextOf(cluster.data),
    concurrent !== undefined ? { concurrent } : {},
  );
  return {
    cluster: cluster.name,
    snapshot: cluster.snapshot,
    whatIf,
    message: rotationMessage(whatIf, cluster.name),
  };
}
