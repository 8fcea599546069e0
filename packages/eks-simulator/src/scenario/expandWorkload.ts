import { kubeSuffix } from './ids';
import { PodSpec, Tags, WorkloadSpec } from './types';

/** The pod's name, owner and controller labels, as the workload's controller makes them. */
function ownedPodIdentity(
  w: WorkloadSpec,
  p: WorkloadSpec['pods'][number],
  i: number,
): { name: string; owner: PodSpec['owner']; labels: Tags } {
  const seed = `${w.namespace}/${w.name}`;
  const labels: Tags = { ...(w.labels ?? {}) };
  switch (w.kind) {
    case 'Deployment': {
      const hash = kubeSuffix(`${seed}/rs`, 9);
      labels['pod-template-hash'] = hash;
      return {
        name: `${w.name}-${hash}-${kubeSuffix(`${seed}/${i}`, 5)}`,
        owner: {
          kind: 'ReplicaSet',
          name: `${w.name}-${hash}`,
          apiVersion: 'apps/v1',
        },
        labels,
      };
    }
    case 'StatefulSet': {
      const name = `${w.name}-${i}`;
      labels['statefulset.kubernetes.io/pod-name'] = name;
      return {
        name,
        owner: { kind: 'StatefulSet', name: w.name, apiVersion: 'apps/v1' },
        labels,
      };
    }
    case 'CronJob': {
      const job = `${w.name}-${29450000 + (p.run ?? 0) * 60}`;
      labels['batch.kubernetes.io/job-name'] = job;
      labels['job-name'] = job;
      return {
        name: `${job}-${kubeSuffix(`${seed}/${i}`, 5)}`,
        owner: { kind: 'Job', name: job, apiVersion: 'batch/v1' },
        labels,
      };
    }
    case 'Job':
      labels['batch.kubernetes.io/job-name'] = w.name;
      labels['job-name'] = w.name;
      return {
        name: `${w.name}-${kubeSuffix(`${seed}/${i}`, 5)}`,
        owner: { kind: 'Job', name: w.name, apiVersion: 'batch/v1' },
        labels,
      };
    default:
      if (w.kind === 'DaemonSet') {
        labels['controller-revision-hash'] = kubeSuffix(`${seed}/rev`, 10);
      }
      return {
        name: `${w.name}-${kubeSuffix(`${seed}/${i}`, 5)}`,
        owner: { kind: w.kind, name: w.name, apiVersion: 'apps/v1' },
        labels,
      };
  }
}

/** Expands a workload into pods named and owned the way its controller would. */
export function expandWorkload(w: WorkloadSpec): PodSpec[] {
  return w.pods.map((p, i) => {
    const { name, owner, labels } = ownedPodIdentity(w, p, i);
    return {
      namespace: w.namespace,
      name: p.name ?? name,
      node: p.node,
      ip: p.ip,
      phase: p.phase,
      hostNetwork: w.hostNetwork,
      labels,
      owner,
      image: w.image,
      ...(p.createdAt ? { createdAt: p.createdAt } : {}),
    };
  });
}
