import { KubeObject, NodePoolSpec } from '../types';
import { condition, crdMetadata, specHash } from './crdObject';

/** The class a pool's `nodeClassRef` points at: Karpenter's or Auto Mode's. */
export type NodeClassFlavour = 'karpenter' | 'autoMode';

const NODE_CLASS_REF: Record<
  NodeClassFlavour,
  { group: string; kind: string }
> = {
  karpenter: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass' },
  autoMode: { group: 'eks.amazonaws.com', kind: 'NodeClass' },
};

const kib = (q: string | undefined) =>
  Number(/^(\d+)Ki$/.exec(q ?? '')?.[1] ?? 0);

/** What the pool's nodes add up to (`status.resources`), from the nodes labelled with it. */
function poolResources(name: string, nodes: KubeObject[]) {
  const mine = nodes.filter(
    n => n.metadata.labels?.['karpenter.sh/nodepool'] === name,
  );
  const sum = (f: (n: KubeObject) => number) =>
    mine.reduce((total, n) => total + f(n), 0);
  return {
    cpu: String(sum(n => Number(n.status.capacity.cpu))),
    'ephemeral-storage': `${sum(n =>
      kib(n.status.capacity['ephemeral-storage']),
    )}Ki`,
    memory: `${sum(n => kib(n.status.capacity.memory))}Ki`,
    nodes: String(mine.length),
    pods: String(sum(n => Number(n.status.capacity.pods))),
  };
}

/**
 * A `NodePool` (karpenter.sh/v1) naming its class in `spec.template.spec.nodeClassRef`;
 * `NodeClassReady` is false when that class does not exist.
 */
export function buildNodePool(
  cluster: string,
  spec: NodePoolSpec,
  flavour: NodeClassFlavour,
  classExists: boolean,
  nodes: KubeObject[],
): KubeObject {
  const objectSpec = {
    disruption: {
      budgets: [{ nodes: '10%' }],
      consolidateAfter: '30s',
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
    },
    ...(spec.limits ? { limits: spec.limits } : {}),
    template: {
      metadata: spec.labels ? { labels: spec.labels } : {},
      spec: {
        expireAfter: '336h',
        nodeClassRef: { ...NODE_CLASS_REF[flavour], name: spec.nodeClass },
        requirements: spec.requirements ?? [],
      },
    },
    ...(spec.weight !== undefined ? { weight: spec.weight } : {}),
  };
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: crdMetadata(cluster, 'NodePool', spec.name, {
      annotations: {
        'karpenter.sh/nodepool-hash': specHash(objectSpec),
        'karpenter.sh/nodepool-hash-version': 'v3',
      },
    }),
    spec: objectSpec,
    status: {
      conditions: [
        classExists
          ? condition('NodeClassReady', true)
          : condition(
              'NodeClassReady',
              false,
              'NodeClassNotFound',
              `NodeClass not found on cluster`,
            ),
        condition('ValidationSucceeded', true),
        condition(
          'Ready',
          classExists,
          classExists ? 'Ready' : 'UnhealthyDependents',
        ),
      ],
      resources: poolResources(spec.name, nodes),
    },
  };
}
