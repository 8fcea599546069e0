import {
  buildDaemonSet,
  buildJob,
  buildReplicaSet,
  buildStatefulSet,
  Derived,
} from './controllers/ownedControllers';
import { buildCronJob, buildDeployment } from './controllers/parentControllers';
import { ControllerObjects, Group } from './controllers/podGroups';
import { KubeObject } from './types';

export type { ControllerObjects } from './controllers/podGroups';

/** Pods grouped by the controller their ownerReferences name. */
function groupByOwner(pods: KubeObject[]): Group[] {
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
  return [...groups.values()];
}

const OWNED: Record<
  string,
  { list: keyof ControllerObjects; build: (c: string, g: Group) => Derived }
> = {
  ReplicaSet: { list: 'replicasets', build: buildReplicaSet },
  DaemonSet: { list: 'daemonsets', build: buildDaemonSet },
  StatefulSet: { list: 'statefulsets', build: buildStatefulSet },
  Job: { list: 'jobs', build: buildJob },
};

const byKey = (a: KubeObject, b: KubeObject) => {
  const ka = `${a.metadata.namespace}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace}/${b.metadata.name}`;
  if (ka === kb) return 0;
  return ka < kb ? -1 : 1;
};

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
  const out: ControllerObjects = {
    deployments: [],
    replicasets: [],
    daemonsets: [],
    statefulsets: [],
    jobs: [],
    cronjobs: [],
  };
  // Deployments and CronJobs own pods only through their ReplicaSets and Jobs.
  const parents = new Map<string, Group>();
  for (const g of groupByOwner(pods)) {
    const owned = OWNED[g.kind];
    if (!owned) continue;
    const { object, parent } = owned.build(cluster, g);
    out[owned.list].push(object);
    if (!parent) continue;
    const key = `${g.namespace}/${parent.kind}/${parent.name}`;
    const p = parents.get(key) ?? {
      namespace: g.namespace,
      kind: parent.kind,
      name: parent.name,
      pods: [],
    };
    p.pods.push(...g.pods);
    parents.set(key, p);
  }
  for (const p of parents.values()) {
    if (p.kind === 'Deployment')
      out.deployments.push(buildDeployment(cluster, p));
    else out.cronjobs.push(buildCronJob(cluster, p, out.jobs));
  }
  for (const list of Object.values(out)) list.sort(byKey);
  return out;
}
