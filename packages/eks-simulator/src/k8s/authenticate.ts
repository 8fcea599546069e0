import http from 'node:http';
import { IdentityStore } from '../aws/identity';
import { SimCluster } from '../scenario/types';
import { EKS_TOKEN_PREFIX, verifyEksToken } from './eksToken';

/** Paths the API server lets `system:anonymous` read. */
export const ANONYMOUS_PATHS = new Set([
  '/version',
  '/healthz',
  '/livez',
  '/readyz',
]);

/**
 * Who is asking: no Authorization header is anonymous; a Bearer service-account token or an
 * aws-iam-authenticator token for this cluster is ok; anything else is invalid (401).
 */
export function authenticate(
  req: http.IncomingMessage,
  cluster: SimCluster,
  identities: IdentityStore,
): 'anonymous' | 'invalid' | 'ok' {
  const header = req.headers.authorization;
  if (!header) return 'anonymous';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) return 'invalid';
  const token = m[1];
  if (cluster.serviceAccountTokens.includes(token)) return 'ok';
  if (token.startsWith(EKS_TOKEN_PREFIX)) {
    return verifyEksToken(token, cluster, identities).ok ? 'ok' : 'invalid';
  }
  return 'invalid';
}
