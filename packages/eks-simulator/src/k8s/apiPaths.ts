import { ServedApi } from './crdResources';
import { ResourceInfo } from './resources';
import { notFound } from './status';

/** What a request path names, in the API server's URL scheme. */
export type ApiPath =
  | { kind: 'apiVersions' }
  | { kind: 'groupList' }
  | { kind: 'group'; group: { name: string; versions: string[] } }
  | { kind: 'resourceList'; group: string; version: string }
  | { kind: 'namespace'; name: string }
  | {
      kind: 'resource';
      info: ResourceInfo;
      namespace?: string;
      /** A single object (GET), or the whole list when absent. */
      name?: string;
    };

/** `/api/v1/…` or `/apis/<group>/<version>/…` → the group, version and the rest. */
function splitGroupVersion(
  parts: string[],
  served: ServedApi,
): ApiPath | { group: string; version: string; rest: string[] } {
  if (parts[0] === 'api' && parts[1] === 'v1') {
    return { group: '', version: 'v1', rest: parts.slice(2) };
  }
  if (parts[0] === 'apis' && parts.length >= 2) {
    const g = served.groups.find(x => x.name === parts[1]);
    if (!g) throw notFound();
    if (parts.length === 2) return { kind: 'group', group: g };
    if (!g.versions.includes(parts[2])) throw notFound();
    return { group: g.name, version: parts[2], rest: parts.slice(3) };
  }
  throw notFound();
}

/**
 * Parses a request path (without trailing slash) against what the cluster serves; unknown
 * paths (also a CRD the cluster does not have) are 404 `Status` errors.
 */
export function parseApiPath(path: string, served: ServedApi): ApiPath {
  if (path === '/api') return { kind: 'apiVersions' };
  if (path === '/apis') return { kind: 'groupList' };
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const gv = splitGroupVersion(parts, served);
  if ('kind' in gv) return gv;
  const { group, version } = gv;
  let rest = gv.rest;
  if (rest.length === 0) return { kind: 'resourceList', group, version };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  } else if (rest[0] === 'namespaces' && rest.length === 2) {
    return { kind: 'namespace', name: rest[1] };
  }
  const info = served.resources.find(
    r => r.group === group && r.version === version && r.name === rest[0],
  );
  if (!info || rest.length > 2 || (namespace !== undefined && !info.namespaced))
    throw notFound();
  return { kind: 'resource', info, namespace, name: rest[1] };
}
