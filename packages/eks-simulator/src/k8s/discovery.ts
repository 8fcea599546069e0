import { SimCluster } from '../scenario/types';
import { ResourceInfo } from './resources';

/** `GET /api`. */
export function apiVersions() {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [
      {
        clientCIDR: '0.0.0.0/0',
        serverAddress: 'ip-172-16-0-10.ec2.internal:443',
      },
    ],
  };
}

/** One entry of `GET /apis`, or the body of `GET /apis/<group>`. */
export function apiGroup(g: { name: string; versions: string[] }) {
  const versions = g.versions.map(v => ({
    groupVersion: `${g.name}/${v}`,
    version: v,
  }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

/** `GET /apis`: the built-in groups and the add-on groups this cluster has. */
export function apiGroupList(
  groups: Array<{ name: string; versions: string[] }>,
) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(apiGroup),
  };
}

/** `GET /api/v1` or `GET /apis/<group>/<version>`: every resource is get + list only. */
export function apiResourceList(
  group: string,
  version: string,
  resources: ResourceInfo[],
) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: resources.map(r => ({
      name: r.name,
      singularName: r.singularName,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: ['get', 'list'],
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    })),
  };
}

/** `GET /version`, shaped like an EKS build of the cluster's Kubernetes version. */
export function versionInfo(cluster: SimCluster) {
  const [major, minor] = cluster.kubernetesVersion.split('.');
  return {
    major,
    minor: `${minor}+`,
    gitVersion: `v${cluster.kubernetesVersion}.0-eks-1d4a3c5`,
    gitCommit: '1d4a3c5e2b9f7a6c8d0e1f2a3b4c5d6e7f8a9b0c',
    gitTreeState: 'clean',
    buildDate: '2025-05-20T18:14:11Z',
    goVersion: 'go1.24.3',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
