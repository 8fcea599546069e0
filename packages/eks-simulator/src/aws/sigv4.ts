import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/*
 * AWS Signature Version 4, server side: rebuild the canonical request from what arrived
 * and compare signatures. Used for EC2/STS requests (Authorization header) and for the
 * presigned STS GetCallerIdentity URL inside aws-iam-authenticator tokens (query auth).
 */

const ALGORITHM = 'AWS4-HMAC-SHA256';
const EMPTY_SHA256 =
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

export interface HeaderAuth extends CredentialScope {
  signedHeaders: string[];
  signature: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export function signingKey(secret: string, scope: CredentialScope): Buffer {
  const kDate = hmac(`AWS4${secret}`, scope.date);
  const kRegion = hmac(kDate, scope.region);
  const kService = hmac(kRegion, scope.service);
  return hmac(kService, 'aws4_request');
}

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function canonicalQuery(rawQuery: string, exclude?: string): string {
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map(pair => {
      const i = pair.indexOf('=');
      const key = safeDecode(i < 0 ? pair : pair.slice(0, i));
      const value = i < 0 ? '' : safeDecode(pair.slice(i + 1));
      return [rfc3986(key), rfc3986(value)] as [string, string];
    })
    .filter(([key]) => key !== exclude)
    .sort((a, b) => compareStrings(a[0], b[0]) || compareStrings(a[1], b[1]))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function canonicalPath(path: string): string {
  if (!path || path === '/') return '/';
  // Non-S3 services sign the already-encoded path encoded once more.
  return path
    .split('/')
    .map(segment => rfc3986(segment))
    .join('/');
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(',') : value ?? '';
  return joined.trim().replace(/\s+/g, ' ');
}

function stringToSign(
  amzDate: string,
  scope: CredentialScope,
  canonicalRequest: string,
): string {
  return [
    ALGORITHM,
    amzDate,
    `${scope.date}/${scope.region}/${scope.service}/aws4_request`,
    sha256Hex(canonicalRequest),
  ].join('\n');
}

function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseCredential(value: string): CredentialScope | undefined {
  const parts = value.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') return undefined;
  return {
    accessKeyId: parts[0],
    date: parts[1],
    region: parts[2],
    service: parts[3],
  };
}

/** Parses `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
export function parseAuthorizationHeader(
  header: string | undefined,
): HeaderAuth | undefined {
  if (!header || !header.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const i = part.indexOf('=');
    if (i > 0) fields.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  const scope = parseCredential(fields.get('Credential') ?? '');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!scope || !signedHeaders || !signature) return undefined;
  return { ...scope, signedHeaders: signedHeaders.split(';'), signature };
}

export interface ReceivedRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Verifies a request signed in the Authorization header. */
export function verifyHeaderSignature(
  req: ReceivedRequest,
  auth: HeaderAuth,
  secret: string,
): boolean {
  const amzDate = canonicalHeaderValue(req.headers['x-amz-date']);
  if (!amzDate) return false;
  const names = [...auth.signedHeaders].sort();
  const canonicalHeaders = names
    .map(n => `${n}:${canonicalHeaderValue(req.headers[n])}\n`)
    .join('');
  const payloadHash =
    canonicalHeaderValue(req.headers['x-amz-content-sha256']) ||
    sha256Hex(req.body);
  const canonicalRequest = [
    req.method,
    canonicalPath(req.path),
    canonicalQuery(req.rawQuery),
    canonicalHeaders,
    names.join(';'),
    payloadHash,
  ].join('\n');
  const expected = createHmac('sha256', signingKey(secret, auth))
    .update(stringToSign(amzDate, auth, canonicalRequest))
    .digest('hex');
  return sameSignature(expected, auth.signature);
}

export interface PresignedUrl extends CredentialScope {
  url: URL;
  amzDate: string;
  /** Parsed X-Amz-Date. */
  signedAt: Date;
  expiresSeconds: number;
  signedHeaders: string[];
  signature: string;
  sessionToken?: string;
}

/** Reads the SigV4 query-auth fields of a presigned URL; undefined when any is missing. */
export function parsePresignedUrl(url: URL): PresignedUrl | undefined {
  const q = url.searchParams;
  if (q.get('X-Amz-Algorithm') !== ALGORITHM) return undefined;
  const scope = parseCredential(q.get('X-Amz-Credential') ?? '');
  const amzDate = q.get('X-Amz-Date') ?? '';
  const signedHeaders = q.get('X-Amz-SignedHeaders');
  const signature = q.get('X-Amz-Signature');
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!scope || !m || !signedHeaders || !signature) return undefined;
  return {
    ...scope,
    url,
    amzDate,
    signedAt: new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])),
    expiresSeconds: Number(q.get('X-Amz-Expires') ?? '0'),
    signedHeaders: signedHeaders.split(';'),
    signature,
    sessionToken: q.get('X-Amz-Security-Token') ?? undefined,
  };
}

/**
 * Verifies a presigned GET URL given the values of its signed headers (for an EKS token:
 * `host` and `x-k8s-aws-id`). Clients differ in the payload hash of a presigned URL (the
 * JS SDK signs the empty-body hash, botocore signs UNSIGNED-PAYLOAD), so both are tried.
 */
export function verifyPresignedUrl(
  presigned: PresignedUrl,
  headerValues: Record<string, string>,
  secret: string,
): boolean {
  const names = [...presigned.signedHeaders].sort();
  const canonicalHeaders = names
    .map(n => `${n}:${canonicalHeaderValue(headerValues[n])}\n`)
    .join('');
  const rawQuery = presigned.url.search.replace(/^\?/, '');
  const key = signingKey(secret, presigned);
  return ['UNSIGNED-PAYLOAD', EMPTY_SHA256].some(payloadHash => {
    const canonicalRequest = [
      'GET',
      canonicalPath(presigned.url.pathname),
      canonicalQuery(rawQuery, 'X-Amz-Signature'),
      canonicalHeaders,
      names.join(';'),
      payloadHash,
    ].join('\n');
    const expected = createHmac('sha256', key)
      .update(stringToSign(presigned.amzDate, presigned, canonicalRequest))
      .digest('hex');
    return sameSignature(expected, presigned.signature);
  });
}
