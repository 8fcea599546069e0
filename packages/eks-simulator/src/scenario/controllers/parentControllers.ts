import { KubeObject } from '../types';
import {
  commonLabels,
  counts,
  Group,
  meta,
  selectorOf,
  template,
} from './podGroups';

/** A Deployment over the pods of its ReplicaSets. */
export function buildDeployment(cluster: string, p: Group): KubeObject {
  const labels = commonLabels(p.pods);
  const created = p.pods[0].metadata.creationTimestamp;
  const c = counts(p.pods);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      ...meta(cluster, p, labels, created),
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas: c.active,
      selector: { matchLabels: selectorOf(labels) },
      template: template(p.pods[0], labels),
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
    },
    status: {
      observedGeneration: 1,
      replicas: c.active,
      updatedReplicas: c.active,
      readyReplicas: c.running,
      availableReplicas: c.running,
      ...(c.active > c.running
        ? { unavailableReplicas: c.active - c.running }
        : {}),
      conditions: [
        {
          type: 'Available',
          status: c.running > 0 ? 'True' : 'False',
          reason: 'MinimumReplicasAvailable',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
        },
      ],
    },
  };
}

/** A CronJob over the pods of its Jobs; the Jobs still running are listed as active. */
export function buildCronJob(
  cluster: string,
  p: Group,
  jobs: KubeObject[],
): KubeObject {
  const labels = commonLabels(p.pods);
  const created = p.pods[0].metadata.creationTimestamp;
  const activeJobs = jobs.filter(
    j =>
      j.metadata.namespace === p.namespace &&
      j.metadata.ownerReferences?.[0]?.name === p.name &&
      j.status.active,
  );
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(cluster, p, labels, created),
    spec: {
      schedule: '*/30 * * * *',
      concurrencyPolicy: 'Forbid',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { template: template(p.pods[0], labels) } },
    },
    status: {
      lastScheduleTime: created,
      ...(activeJobs.length
        ? {
            active: activeJobs.map(j => ({
              apiVersion: 'batch/v1',
              kind: 'Job',
              name: j.metadata.name,
              namespace: j.metadata.namespace,
              uid: j.metadata.uid,
            })),
          }
        : {}),
    },
  };
}
