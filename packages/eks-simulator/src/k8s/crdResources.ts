import { SimCluster } from '../scenario/types';
import { GROUPS, RESOURCES, ResourceInfo } from './resources';

/*
 * The add-on CRDs of how-pod-ips-are-counted.md §7. A cluster serves one only when its
 * scenario has that add-on (`SimCluster.customResources` holds the key); otherwise its
 * group is missing from discovery and its paths answer 404, as on a cluster without it.
 */

export const CRD_RESOURCES: ResourceInfo[] = [
  {
    group: 'karpenter.k8s.aws',
    version: 'v1',
    name: 'ec2nodeclasses',
    singularName: 'ec2nodeclass',
    kind: 'EC2NodeClass',
    namespaced: false,
    shortNames: ['ec2nc', 'ec2ncs'],
    categories: ['karpenter'],
    crd: true,
  },
  {
    group: 'karpenter.sh',
    version: 'v1',
    name: 'nodepools',
    singularName: 'nodepool',
    kind: 'NodePool',
    namespaced: false,
    categories: ['karpenter'],
    crd: true,
  },
  {
    group: 'eks.amazonaws.com',
    version: 'v1',
    name: 'nodeclasses',
    singularName: 'nodeclass',
    kind: 'NodeClass',
    namespaced: false,
    crd: true,
  },
  {
    group: 'crd.k8s.amazonaws.com',
    version: 'v1alpha1',
    name: 'eniconfigs',
    singularName: 'eniconfig',
    kind: 'ENIConfig',
    namespaced: false,
    crd: true,
  },
];

export const crdKey = (r: ResourceInfo) => `${r.group}/${r.name}`;

/** What one cluster serves: the built-in groups and kinds plus the CRDs it has. */
export interface ServedApi {
  groups: Array<{ name: string; versions: string[] }>;
  resources: ResourceInfo[];
}

export function servedApiOf(cluster: SimCluster): ServedApi {
  const crds = CRD_RESOURCES.filter(r => crdKey(r) in cluster.customResources);
  const crdGroups = [...new Set(crds.map(r => r.group))].map(name => ({
    name,
    versions: [
      ...new Set(crds.filter(r => r.group === name).map(r => r.version)),
    ],
  }));
  return {
    groups: [...GROUPS, ...crdGroups],
    resources: [...RESOURCES, ...crds],
  };
}
