/** One served resource, as API discovery describes it. */
export interface ResourceInfo {
  group: string;
  version: string;
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  /**
   * A custom resource (an add-on's CRD): served only by clusters that have it, and its
   * list items keep `kind`/`apiVersion` as the apiextensions server's unstructured lists do.
   */
  crd?: boolean;
  categories?: string[];
}

/** Every kind served. Nodes, pods and namespaces hold data; the rest are valid empty lists. */
export const RESOURCES: ResourceInfo[] = [
  {
    group: '',
    version: 'v1',
    name: 'nodes',
    singularName: 'node',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
  },
  {
    group: '',
    version: 'v1',
    name: 'pods',
    singularName: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
  },
  {
    group: '',
    version: 'v1',
    name: 'namespaces',
    singularName: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
  },
  {
    group: '',
    version: 'v1',
    name: 'services',
    singularName: 'service',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
  },
  {
    group: '',
    version: 'v1',
    name: 'configmaps',
    singularName: 'configmap',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
  },
  {
    group: '',
    version: 'v1',
    name: 'limitranges',
    singularName: 'limitrange',
    kind: 'LimitRange',
    namespaced: true,
    shortNames: ['limits'],
  },
  {
    group: '',
    version: 'v1',
    name: 'resourcequotas',
    singularName: 'resourcequota',
    kind: 'ResourceQuota',
    namespaced: true,
    shortNames: ['quota'],
  },
  {
    group: '',
    version: 'v1',
    name: 'endpoints',
    singularName: 'endpoints',
    kind: 'Endpoints',
    namespaced: true,
    shortNames: ['ep'],
  },
  {
    group: '',
    version: 'v1',
    name: 'events',
    singularName: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'deployments',
    singularName: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'replicasets',
    singularName: 'replicaset',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'statefulsets',
    singularName: 'statefulset',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'daemonsets',
    singularName: 'daemonset',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
  },
  {
    group: 'autoscaling',
    version: 'v2',
    name: 'horizontalpodautoscalers',
    singularName: 'horizontalpodautoscaler',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    shortNames: ['hpa'],
  },
  {
    group: 'autoscaling',
    version: 'v1',
    name: 'horizontalpodautoscalers',
    singularName: 'horizontalpodautoscaler',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    shortNames: ['hpa'],
  },
  {
    group: 'batch',
    version: 'v1',
    name: 'jobs',
    singularName: 'job',
    kind: 'Job',
    namespaced: true,
  },
  {
    group: 'batch',
    version: 'v1',
    name: 'cronjobs',
    singularName: 'cronjob',
    kind: 'CronJob',
    namespaced: true,
    shortNames: ['cj'],
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    name: 'ingresses',
    singularName: 'ingress',
    kind: 'Ingress',
    namespaced: true,
    shortNames: ['ing'],
  },
  {
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    name: 'pods',
    singularName: '',
    kind: 'PodMetrics',
    namespaced: true,
  },
  {
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    name: 'nodes',
    singularName: '',
    kind: 'NodeMetrics',
    namespaced: false,
  },
];

/** The API groups besides the core group, preferred version first. */
export const GROUPS: Array<{ name: string; versions: string[] }> = [
  { name: 'apps', versions: ['v1'] },
  { name: 'autoscaling', versions: ['v2', 'v1'] },
  { name: 'batch', versions: ['v1'] },
  { name: 'networking.k8s.io', versions: ['v1'] },
  { name: 'metrics.k8s.io', versions: ['v1beta1'] },
];
