import { IdentityStore } from '../aws/identity';
import { parsePresignedUrl, verifyPresignedUrl } from '../aws/sigv4';
import { SimCluster, SimCredential } from '../scenario/types';

export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** aws-iam-authenticator accepts a presigned URL for 15 minutes after its X-Amz-Date. */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const STS_HOST = /^sts(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;
const ALLOWED_PARAMS = new Set([
  'action',
  'version',
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-security-token',
  'x-amz-signature',
  'x-amz-signedheaders',
  'x-amz-user-agent',
]);

export type EksTokenResult =
  | { ok: true; principal: SimCredential }
  | { ok: false; reason: string };

/**
 * Checks an aws-iam-authenticator bearer token the way EKS does: a base64url presigned STS
 * `GetCallerIdentity` URL, signed with the `x-k8s-aws-id` header. The signature is verified
 * with the cluster's name as that header's value, so a token made for another cluster fails.
 */
export function verifyEksToken(
  token: string,
  cluster: SimCluster,
  identities: IdentityStore,
  now = Date.now(),
): EksTokenResult {
  if (!cluster.awsIam)
    return { ok: false, reason: 'cluster does not accept AWS IAM tokens' };
  if (!token.startsWith(EKS_TOKEN_PREFIX))
    return { ok: false, reason: 'not a k8s-aws-v1 token' };
  let url: URL;
  try {
    url = new URL(
      Buffer.from(token.slice(EKS_TOKEN_PREFIX.length), 'base64url').toString(
        'utf8',
      ),
    );
  } catch {
    return { ok: false, reason: 'token is not a base64url-encoded URL' };
  }
  if (
    url.protocol !== 'https:' ||
    !STS_HOST.test(url.hostname) ||
    url.pathname !== '/'
  ) {
    return {
      ok: false,
      reason: `unexpected STS endpoint ${url.protocol}//${url.host}${url.pathname}`,
    };
  }
  const q = url.searchParams;
  for (const key of q.keys()) {
    if (!ALLOWED_PARAMS.has(key.toLowerCase()))
      return { ok: false, reason: `unexpected query parameter ${key}` };
  }
  if (q.get('Action') !== 'GetCallerIdentity')
    return { ok: false, reason: 'Action is not GetCallerIdentity' };
  if (q.get('Version') !== '2011-06-15')
    return { ok: false, reason: 'unexpected STS Version' };
  const presigned = parsePresignedUrl(url);
  if (!presigned)
    return { ok: false, reason: 'token URL is not SigV4 presigned' };
  if (presigned.service !== 'sts')
    return { ok: false, reason: 'token is not signed for sts' };
  if (!presigned.signedHeaders.includes('x-k8s-aws-id')) {
    return {
      ok: false,
      reason: 'X-Amz-SignedHeaders does not include x-k8s-aws-id',
    };
  }
  const age = now - presigned.signedAt.getTime();
  if (age > TOKEN_LIFETIME_MS) return { ok: false, reason: 'token expired' };
  if (age < -TOKEN_LIFETIME_MS)
    return { ok: false, reason: 'token is dated in the future' };
  const principal = identities.lookup(presigned.accessKeyId);
  if (!principal)
    return { ok: false, reason: `unknown access key ${presigned.accessKeyId}` };
  if ((principal.sessionToken ?? '') !== (presigned.sessionToken ?? '')) {
    return { ok: false, reason: 'session token does not match the access key' };
  }
  const headers: Record<string, string> = {
    host: url.host,
    'x-k8s-aws-id': cluster.awsIam.clusterId,
  };
  if (!verifyPresignedUrl(presigned, headers, principal.secretAccessKey)) {
    return {
      ok: false,
      reason: `signature does not match (is the token for cluster ${cluster.awsIam.clusterId}?)`,
    };
  }
  if (!cluster.awsIam.accounts.includes(principal.accountId)) {
    return {
      ok: false,
      reason: `${principal.arn} has no access entry in cluster ${cluster.name}`,
    };
  }
  return { ok: true, principal };
}
