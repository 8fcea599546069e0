import { stableUuid } from '../ids';
import { KubeObject, Tags } from '../types';

// What every derived controller object is made of: its pods, grouped by owner.

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

/** Derived owner objects by resource name, as the Kubernetes API serves them. */
export type ControllerObjects = Record<
  | 'deployments'
  | 'replicasets'
  | 'daemonsets'
  | 'statefulsets'
  | 'jobs'
  | 'cronjobs',
  KubeObject[]
>;

/** The pods one owner (kind + name in a namespace) controls. */
export interface Group {
  namespace: string;
  kind: string;
  name: string;
  pods: KubeObject[];
}

/** The labels all pods share, minus those a controller stamps on pods only. */
export function commonLabels(pods: KubeObject[]): Tags {
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

/** A controller's selector: `app` or `k8s-app` when the pods carry one, else every label. */
export function selectorOf(labels: Tags): Tags {
  if (labels.app) return { app: labels.app };
  if (labels['k8s-app']) return { 'k8s-app': labels['k8s-app'] };
  return labels;
}

/** Pod counts by phase; active = neither Succeeded nor Failed. */
export function counts(pods: KubeObject[]) {
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

/** Metadata of a derived object, with an ownerReference to its own owner if any. */
export function meta(
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

/** The pod template a controller object carries, from one of its pods. */
export function template(pod: KubeObject, labels: Tags) {
  return {
    metadata: { labels },
    spec: {
      containers: pod.spec.containers,
      restartPolicy: pod.spec.restartPolicy,
      hostNetwork: pod.spec.hostNetwork,
    },
  };
}
