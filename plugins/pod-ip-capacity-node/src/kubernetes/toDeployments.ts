import type {
  InventoryPod,
  WhatIfDeployment,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** An IntOrString as Kubernetes accepts it for maxSurge / maxUnavailable. */
function intOrPercent(value: unknown): number | string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    return value;
  }
  if (typeof value === 'string' && /^\d{1,3}%$/.test(value.trim())) {
    return value.trim();
  }
  return undefined;
}

/**
 * The Deployment a pod belongs to: its ReplicaSet's name less the pod-template-hash.
 *
 * @public
 */
export function deploymentOfPod(pod: InventoryPod): string | undefined {
  const hash = pod.labels['pod-template-hash'];
  const owner = pod.ownerReferences?.find(o => o.kind === 'ReplicaSet');
  if (!owner || !hash || !owner.name.endsWith(`-${hash}`)) return undefined;
  return owner.name.slice(0, -hash.length - 1);
}

/**
 * The size and rollout strategy of the Deployments that own some of the
 * cluster's pods (their ReplicaSets' names less the pod-template-hash), as
 * the rollout what-if reads them: `spec.replicas` (default 1),
 * `spec.strategy` (default RollingUpdate, 25% / 25%). Deployments without
 * pods are left out, so what a snapshot keeps grows with pods, not with
 * every Deployment of the cluster.
 *
 * @public
 */
export function toDeployments(
  items: readonly unknown[],
  pods: readonly InventoryPod[],
): WhatIfDeployment[] {
  const owning = new Set(
    pods.flatMap(p => {
      const name = deploymentOfPod(p);
      return name ? [`${p.namespace}/${name}`] : [];
    }),
  );
  return items
    .flatMap((item): WhatIfDeployment[] => {
      if (!isObj(item)) return [];
      const namespace = item.metadata?.namespace;
      const name = item.metadata?.name;
      if (typeof namespace !== 'string' || typeof name !== 'string') return [];
      if (!owning.has(`${namespace}/${name}`)) return [];
      const replicas = item.spec?.replicas;
      const strategy = item.spec?.strategy;
      const recreate = strategy?.type === 'Recreate';
      const maxSurge = intOrPercent(strategy?.rollingUpdate?.maxSurge);
      const maxUnavailable = intOrPercent(
        strategy?.rollingUpdate?.maxUnavailable,
      );
      return [
        {
          namespace,
          name,
          replicas:
            typeof replicas === 'number' && replicas >= 0
              ? Math.floor(replicas)
              : 1,
          strategy: recreate ? 'Recreate' : 'RollingUpdate',
          ...(!recreate && maxSurge !== undefined ? { maxSurge } : {}),
          ...(!recreate && maxUnavailable !== undefined
            ? { maxUnavailable }
            : {}),
          source: 'deployment',
        },
      ];
    })
    .sort(
      (a, b) =>
        a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
    );
}
