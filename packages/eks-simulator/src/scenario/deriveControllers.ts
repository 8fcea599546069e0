/*
 * Copyright 2026 The Pod IP Capacity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { stableUuid } from './ids';
import { KubeObject, Tags } from './types';

/** Labels a controller stamps on its pods only, not on itself. */
const POD_ONLY_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'job-name',
  'batch.kubernetes.io/job-name',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
]);

/** The uid the pods' ownerReferences carry for an owner (see buildPod). */
export function ownerUid(
  cluster: string,
  namespace: string,
  kind: string,
  name: string,
): string {
  return stableUuid(`${cluster}/${namespace}/${kind}/${name}`);
}

export type ControllerObjects = Record<
  | 'deployments'
  | 'replicasets'
  | 'daemonsets'
  | 'statefulsets'
  | 'jobs'
  | 'cronjobs',
  KubeObject[]
>;

interface Group {
  namespace: string;
  kind: string;
  name: string;
  pods: KubeObject[];
}

function commonLabels(pods: KubeObject[]): Tags {
  const [first, ...rest] = pods;
  const out: Tags = {};
  for (const [k, v] of Object.entries(first.metadata.labels ?? {})) {
    if (
      !POD_ONLY_LABELS.has(k) &&
      rest.every(p => p.metadata.labels?.[k] === v)
    )
      out[k] = v;
  }
  return out;
}

function selectorOf(labels: Tags): Tags {
  if (labels.app) return { app: labels.app };
  if (labels['k8s-app']) return { 'k8s-app': labels['k8s-app'] };
  return labels;
}

function counts(pods: KubeObject[]) {
  const phase = (p: KubeObject) => p.status?.phase;
  const running = pods.filter(p => phase(p) === 'Running').length;
  const succeeded = pods.filter(p => phase(p) === 'Succeeded').length;
  const failed = pods.filter(p => phase(p) === 'Failed').length;
  return {
    running,
    succeeded,
    failed,
    active: pods.length - succeeded - failed,
  };
}

function meta(
  cluster: string,
  g: { namespace: string; kind: string; name: string },
  labels: Tags,
  created: string,
  owner?: { kind: string; name: string; apiVersion: string },
) {
  return {
    name: g.name,
    namespace: g.namespace,
    uid: ownerUid(cluster, g.namespace, g.kind, g.name),
    resourceVersion: '1000',
    generation: 1,
    creationTimestamp: created,
    labels,
    ...(owner
      ? {
          ownerReferences: [
            {
              apiVersion: owner.apiVersion,
              kind: owner.kind,
              name: owner.name,
              uid: ownerUid(cluster, g.namespace, owner.kind, owner.name),
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        }
      : {}),
  };
}

function template(pod: KubeObject, labels: Tags) {
  return {
    metadata: { labels },
    spec: {
      containers: pod.spec.containers,
      restartPolicy: pod.spec.restartPolicy,
      hostNetwork: pod.spec.hostNetwork,
    },
  };
}

/**
 * The workload objects the pods' ownerReferences point to (ReplicaSets and their
 * Deployments, DaemonSets, StatefulSets, Jobs and their CronJobs), derived from the pods so
 * that uids, labels and replica counts agree. Backstage's Kubernetes tab lists pods only
 * under these owners (matched by uid), so they must exist for pods to be shown.
 */
export function deriveControllers(
  cluster: string,
  pods: KubeObject[],
): ControllerObjects {
  const groups = new Map<string, Group>();
  for (const pod of pods) {
    const ns = pod.metadata.namespace ?? 'default';
    for (const ref of (pod.metadata.ownerReferences ?? []) as Array<{
      kind: string;
      name: string;
      controller?: boolean;
    }>) {
      if (!ref.controller) continue;
      const key = `${ns}/${ref.kind}/${ref.name}`;
      const g = groups.get(key) ?? {
        namespace: ns,
        kind: ref.kind,
        name: ref.name,
        pods: [],
      };
      g.pods.push(pod);
      groups.set(key, g);
    }
  }

  const out: ControllerObjects = {
    deployments: [],
    replicasets: [],
    daemonsets: [],
    statefulsets: [],
    jobs: [],
    cronjobs: [],
  };
  const parents = new Map<string, Group>();
  const addToParent = (
    kind: string,
    ns: string,
    name: string,
    groupPods: KubeObject[],
  ) => {
    const key = `${ns}/${kind}/${name}`;
    const parent = parents.get(key) ?? { namespace: ns, kind, name, pods: [] };
    parent.pods.push(...groupPods);
    parents.set(key, parent);
  };

  for (const g of groups.values()) {
    const labels = commonLabels(g.pods);
    const selector = selectorOf(labels);
    const created = g.pods[0].metadata.creationTimestamp;
    const c = counts(g.pods);
    switch (g.kind) {
      case 'ReplicaSet': {
        const hash = g.pods[0].metadata.labels?.['pod-template-hash'];
        const deployment =
          hash && g.name.endsWith(`-${hash}`)
            ? g.name.slice(0, -(hash.length + 1))
            : undefined;
        const rsLabels = hash
          ? { ...labels, 'pod-template-hash': hash }
          : labels;
        out.replicasets.push({
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            ...meta(
              cluster,
              g,
              rsLabels,
              created,
              deployment
                ? {
                    kind: 'Deployment',
                    name: deployment,
                    apiVersion: 'apps/v1',
                  }
                : undefined,
            ),
            annotations: { 'deployment.kubernetes.io/revision': '1' },
          },
          spec: {
            replicas: c.active,
            selector: {
              matchLabels: hash
                ? { ...selector, 'pod-template-hash': hash }
                : selector,
            },
            template: template(g.pods[0], rsLabels),
          },
          status: {
            replicas: c.active,
            fullyLabeledReplicas: c.active,
            readyReplicas: c.running,
            availableReplicas: c.running,
            observedGeneration: 1,
          },
        });
        if (deployment)
          addToParent('Deployment', g.namespace, deployment, g.pods);
        break;
      }
      case 'DaemonSet':
        out.daemonsets.push({
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          metadata: meta(cluster, g, labels, created),
          spec: {
            selector: { matchLabels: selector },
            template: template(g.pods[0], labels),
          },
          status: {
            currentNumberScheduled: c.active,
            desiredNumberScheduled: c.active,
            numberMisscheduled: 0,
            numberReady: c.running,
            numberAvailable: c.running,
            updatedNumberScheduled: c.active,
            observedGeneration: 1,
          },
        });
        break;
      case 'StatefulSet':
        out.statefulsets.push({
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: meta(cluster, g, labels, created),
          spec: {
            replicas: c.active,
            serviceName: g.name,
            selector: { matchLabels: selector },
            template: template(g.pods[0], labels),
          },
          status: {
            replicas: c.active,
            readyReplicas: c.running,
            currentReplicas: c.active,
            updatedReplicas: c.active,
            availableReplicas: c.running,
            observedGeneration: 1,
          },
        });
        break;
      case 'Job': {
        const cron = /^(.+)-(\d{8,})$/.exec(g.name)?.[1];
        const done = c.active === 0;
        const jobFailed = done && c.failed > 0 && c.succeeded === 0;
        out.jobs.push({
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: meta(
            cluster,
            g,
            labels,
            created,
            cron
              ? { kind: 'CronJob', name: cron, apiVersion: 'batch/v1' }
              : undefined,
          ),
          spec: {
            parallelism: 1,
            completions: 1,
            backoffLimit: 0,
            selector: {
              matchLabels: {
                'batch.kubernetes.io/controller-uid': ownerUid(
                  cluster,
                  g.namespace,
                  'Job',
                  g.name,
                ),
              },
            },
            template: template(g.pods[0], labels),
          },
          status: {
            startTime: created,
            ...(c.active ? { active: c.active } : {}),
            ...(c.succeeded ? { succeeded: c.succeeded } : {}),
            ...(c.failed ? { failed: c.failed } : {}),
            ...(done && !jobFailed ? { completionTime: created } : {}),
            ...(done
              ? {
                  conditions: [
                    jobFailed
                      ? {
                          type: 'Failed',
                          status: 'True',
                          reason: 'BackoffLimitExceeded',
                          lastTransitionTime: created,
                        }
                      : {
                          type: 'Complete',
                          status: 'True',
                          lastTransitionTime: created,
                        },
                  ],
                }
              : {}),
          },
        });
        if (cron) addToParent('CronJob', g.namespace, cron, g.pods);
        break;
      }
      default:
        break;
    }
  }

  for (const p of parents.values()) {
    const labels = commonLabels(p.pods);
    const selector = selectorOf(labels);
    const created = p.pods[0].metadata.creationTimestamp;
    const c = counts(p.pods);
    if (p.kind === 'Deployment') {
      out.deployments.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          ...meta(cluster, p, labels, created),
          annotations: { 'deployment.kubernetes.io/revision': '1' },
        },
        spec: {
          replicas: c.active,
          selector: { matchLabels: selector },
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
      });
    } else {
      const activeJobs = out.jobs.filter(
        j =>
          j.metadata.namespace === p.namespace &&
          j.metadata.ownerReferences?.[0]?.name === p.name &&
          j.status.active,
      );
      out.cronjobs.push({
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
      });
    }
  }

  const byKey = (a: KubeObject, b: KubeObject) => {
    const ka = `${a.metadata.namespace}/${a.metadata.name}`;
    const kb = `${b.metadata.namespace}/${b.metadata.name}`;
    if (ka === kb) return 0;
    return ka < kb ? -1 : 1;
  };
  for (const list of Object.values(out)) list.sort(byKey);
  return out;
}
