import http from 'node:http';
import { SimCredential } from '../scenario/types';
import { Service } from './awsResponses';
import { AwsError, ec2Errors } from './errors';
import { IdentityStore } from './identity';
import { QueryParams } from './queryParams';
import {
  HeaderAuth,
  PresignedUrl,
  parseAuthorizationHeader,
  parsePresignedUrl,
  verifyHeaderSignature,
  verifyPresignedUrl,
} from './sigv4';
import { STS_ACTIONS, stsErrors } from './stsActions';

/** One AWS Query API request: its parameters and how it is signed. */
export interface AwsCall {
  method: string;
  url: URL;
  body: Buffer;
  params: QueryParams;
  action: string;
  service: Service;
  headerAuth?: HeaderAuth;
  presigned?: PresignedUrl;
}

export function header(
  req: http.IncomingMessage,
  name: string,
): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * Form body (POST) or query (GET, presigned URLs); the service comes from the signature's
 * credential scope, else from the Version or Action, since both may share this endpoint.
 */
export function parseAwsCall(
  req: http.IncomingMessage,
  url: URL,
  body: Buffer,
): AwsCall {
  const isForm = req.method === 'POST' && body.length > 0;
  const params = new QueryParams(
    isForm ? body.toString('utf8') : url.search.slice(1),
  );
  const action = params.get('Action') ?? '';
  const headerAuth = parseAuthorizationHeader(header(req, 'authorization'));
  const presigned = headerAuth ? undefined : parsePresignedUrl(url);
  const scopeService = (headerAuth ?? presigned)?.service;
  const service: Service =
    scopeService === 'sts' ||
    (!scopeService &&
      (params.get('Version') === '2011-06-15' ||
        (STS_ACTIONS as readonly string[]).includes(action)))
      ? 'sts'
      : 'ec2';
  return {
    method: req.method ?? 'GET',
    url,
    body,
    params,
    action,
    service,
    headerAuth,
    presigned,
  };
}

function signatureOk(
  call: AwsCall,
  req: http.IncomingMessage,
  secret: string,
): boolean {
  if (call.headerAuth) {
    return verifyHeaderSignature(
      {
        method: call.method,
        path: call.url.pathname,
        rawQuery: call.url.search.slice(1),
        headers: req.headers,
        body: call.body,
      },
      call.headerAuth,
      secret,
    );
  }
  const presigned = call.presigned!;
  return verifyPresignedUrl(
    presigned,
    Object.fromEntries(
      presigned.signedHeaders.map(h => [h, header(req, h) ?? '']),
    ),
    secret,
  );
}

/**
 * The caller of a signed request and the region of its credential scope. Unknown keys and
 * wrong session tokens are the service's "bad key" error, bad signatures its mismatch error.
 */
export function authenticateCall(
  call: AwsCall,
  req: http.IncomingMessage,
  identities: IdentityStore,
  verify: boolean,
): { caller: SimCredential; region: string } {
  const { service } = call;
  const scope = call.headerAuth ?? call.presigned;
  if (!scope) {
    throw service === 'sts'
      ? new AwsError(
          'MissingAuthenticationToken',
          'Request is missing Authentication Token',
          403,
        )
      : ec2Errors.missingAuthenticationToken();
  }
  const caller = identities.lookup(scope.accessKeyId);
  const badKey = () =>
    service === 'sts'
      ? stsErrors.invalidClientTokenId()
      : ec2Errors.authFailure();
  if (!caller) throw badKey();
  const sessionToken = call.presigned
    ? call.presigned.sessionToken
    : header(req, 'x-amz-security-token');
  if ((caller.sessionToken ?? '') !== (sessionToken ?? '')) throw badKey();
  if (verify && !signatureOk(call, req, caller.secretAccessKey)) {
    throw service === 'sts'
      ? stsErrors.signatureDoesNotMatch()
      : ec2Errors.signatureDoesNotMatch();
  }
  return { caller, region: scope.region };
}
