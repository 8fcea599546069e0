import { KubeObject } from '../types';
import {
  commonLabels,
  counts,
  Group,
  meta,
  ownerUid,
  selectorOf,
  template,
} from './podGroups';

/** A derived object and, for ReplicaSets and Jobs, the Deployment / CronJob above it. */
export interface Derived {
  object: KubeObject;
  parent?: { kind: 'Deployment' | 'CronJob'; name: string };
}

function base(g: Group) {
  return {
    labels: commonLabels(g.pods),
    created: g.pods[0].metadata.creationTimestamp as string,
    c: counts(g.pods),
  };
}

/** A ReplicaSet; named `<deployment>-<pod-template-hash>`, it belongs to that Deployment. */
export function buildReplicaSet(cluster: string, g: Group): Derived {
  const { labels, created, c } = base(g);
  const selector = selectorOf(labels);
  const hash = g.pods[0].metadata.labels?.['pod-template-hash'];
  const deployment =
    hash && g.name.endsWith(`-${hash}`)
      ? g.name.slice(0, -(hash.length + 1))
      : undefined;
  const rsLabels = hash ? { ...labels, 'pod-template-hash': hash } : labels;
  const object: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      ...meta(
        cluster,
        g,
        rsLabels,
        created,
        deployment
          ? { kind: 'Deployment', name: deployment, apiVersion: 'apps/v1' }
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
  };
  return {
    object,
    parent: deployment ? { kind: 'Deployment', name: deployment } : undefined,
  };
}

export function buildDaemonSet(cluster: string, g: Group): Derived {
  const { labels, created, c } = base(g);
  return {
    object: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: meta(cluster, g, labels, created),
      spec: {
        selector: { matchLabels: selectorOf(labels) },
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
    },
  };
}

export function buildStatefulSet(cluster: string, g: Group): Derived {
  const { labels, created, c } = base(g);
  return {
    object: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta(cluster, g, labels, created),
      spec: {
        replicas: c.active,
        serviceName: g.name,
        selector: { matchLabels: selectorOf(labels) },
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
    },
  };
}

/** Complete when no pod is active and one succeeded; Failed when only failures remain. */
function jobCondition(
  c: ReturnType<typeof counts>,
  created: string,
):
  | {
      type: 'Failed' | 'Complete';
      status: string;
      reason?: string;
      lastTransitionTime: string;
    }
  | undefined {
  if (c.active !== 0) return undefined;
  const jobFailed = c.failed > 0 && c.succeeded === 0;
  return jobFailed
    ? {
        type: 'Failed',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        lastTransitionTime: created,
      }
    : { type: 'Complete', status: 'True', lastTransitionTime: created };
}

/** A Job; named `<cronjob>-<scheduled minute>`, it belongs to that CronJob. */
export function buildJob(cluster: string, g: Group): Derived {
  const { labels, created, c } = base(g);
  const cron = /^(.+)-(\d{8,})$/.exec(g.name)?.[1];
  const condition = jobCondition(c, created);
  const object: KubeObject = {
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
      ...(condition?.type === 'Complete' ? { completionTime: created } : {}),
      ...(condition ? { conditions: [condition] } : {}),
    },
  };
  return {
    object,
    parent: cron ? { kind: 'CronJob', name: cron } : undefined,
  };
}
