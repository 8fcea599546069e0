/*
 * Copyright 2026 The Pod IP Capacity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { RequestCounters } from '../counters';
import { FaultController, sleep } from '../faults';
import { normaliseInstanceType } from '../scenario/instanceTypes';
import { Scenario, SimCredential } from '../scenario/types';
import { AwsError, ec2Errors } from './errors';
import { EC2_ACTIONS, EC2_NAMESPACE, handleEc2Action } from './ec2Actions';
import { IdentityStore } from './identity';
import { QueryParams } from './queryParams';
import {
  DEFAULT_EC2_RATE_LIMITS,
  Ec2RateLimiter,
  Ec2RateLimits,
} from './rateLimits';
import {
  parseAuthorizationHeader,
  parsePresignedUrl,
  verifyHeaderSignature,
  verifyPresignedUrl,
} from './sigv4';
import {
  handleStsAction,
  STS_ACTIONS,
  STS_NAMESPACE,
  stsErrors,
} from './stsActions';
import { escapeXml } from './xml';

/** Handles `/__simulator/…` requests; returns false when the path is not an admin route. */
export type AdminHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: Buffer,
) => Promise<boolean>;

export interface AwsServerOptions {
  scenario: Scenario;
  identities: IdentityStore;
  counters: RequestCounters;
  faults: FaultController;
  /** Check SigV4 signatures against the scenario's secrets (default true). */
  verifySignatures?: boolean;
  /** EC2's documented request token buckets per account and region (default: off). */
  ec2RateLimits?: boolean | Ec2RateLimits;
  admin?: AdminHandler;
}

const MAX_BODY = 1024 * 1024;

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

type Service = 'ec2' | 'sts';

/**
 * One HTTP endpoint that answers both the EC2 Query API (2016-11-15) and the STS Query API
 * (2011-06-15), as `AWS_ENDPOINT_URL_EC2` / `AWS_ENDPOINT_URL_STS` may both point at it.
 * The caller's account comes from the SigV4 access key, the region from its credential scope.
 */
export function createAwsServer(options: AwsServerOptions): http.Server {
  const { scenario, identities, counters, faults } = options;
  const verify = options.verifySignatures ?? true;
  let limiter: Ec2RateLimiter | undefined;
  if (options.ec2RateLimits) {
    limiter = new Ec2RateLimiter(
      options.ec2RateLimits === true
        ? DEFAULT_EC2_RATE_LIMITS
        : options.ec2RateLimits,
    );
  }
  const instanceTypes = scenario.instanceTypes.map(normaliseInstanceType);
  const regions = new Map(
    scenario.regions.map(r => [`${r.accountId}/${r.region}`, r]),
  );

  const handle = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ) => {
    const requestId = randomUUID();
    const body = await readBody(req);
    const url = new URL(
      req.url ?? '/',
      `http://${req.headers.host ?? '127.0.0.1'}`,
    );
    if (url.pathname.startsWith('/__simulator')) {
      if (options.admin && (await options.admin(req, res, url, body))) return;
      sendJson(res, 404, {
        error: `No admin route ${req.method} ${url.pathname}`,
      });
      return;
    }
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

    try {
      if (!headerAuth && !presigned) {
        throw service === 'sts'
          ? new AwsError(
              'MissingAuthenticationToken',
              'Request is missing Authentication Token',
              403,
            )
          : ec2Errors.missingAuthenticationToken();
      }
      const scope = (headerAuth ?? presigned)!;
      const caller = identities.lookup(scope.accessKeyId);
      const badKey = () =>
        service === 'sts'
          ? stsErrors.invalidClientTokenId()
          : ec2Errors.authFailure();
      if (!caller) throw badKey();
      const sessionToken = presigned
        ? presigned.sessionToken
        : header(req, 'x-amz-security-token');
      if ((caller.sessionToken ?? '') !== (sessionToken ?? '')) throw badKey();
      if (verify) {
        const ok = headerAuth
          ? verifyHeaderSignature(
              {
                method: req.method ?? 'GET',
                path: url.pathname,
                rawQuery: url.search.slice(1),
                headers: req.headers,
                body,
              },
              headerAuth,
              caller.secretAccessKey,
            )
          : verifyPresignedUrl(
              presigned!,
              Object.fromEntries(
                presigned!.signedHeaders.map(h => [h, header(req, h) ?? '']),
              ),
              caller.secretAccessKey,
            );
        if (!ok)
          throw service === 'sts'
            ? stsErrors.signatureDoesNotMatch()
            : ec2Errors.signatureDoesNotMatch();
      }

      counters.countAws(service, action || '(none)', caller.accountId);
      await sleep(faults.latencyMs({ service, action }));
      const outcome = faults.awsOutcome(service, action, caller.accountId);
      if (outcome === 'throttle') {
        throw service === 'sts'
          ? stsErrors.throttling()
          : ec2Errors.requestLimitExceeded();
      }
      if (outcome === 'deny') throw denial(service, action, caller);
      if (
        service === 'ec2' &&
        limiter &&
        !limiter.take(caller.accountId, scope.region, params)
      ) {
        throw ec2Errors.requestLimitExceeded();
      }

      if (service === 'sts') {
        const inner = handleStsAction(action, params, caller, identities);
        sendXml(
          res,
          200,
          `<${action}Response xmlns="${STS_NAMESPACE}">${inner}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
          requestId,
        );
        return;
      }
      if (!action)
        throw new AwsError(
          'MissingAction',
          'The request must contain the parameter Action',
        );
      if (!(EC2_ACTIONS as readonly string[]).includes(action))
        throw ec2Errors.invalidAction(action);
      const inner = handleEc2Action({
        action,
        params,
        accountId: caller.accountId,
        regionName: scope.region,
        region: regions.get(`${caller.accountId}/${scope.region}`),
        instanceTypes,
      });
      sendXml(
        res,
        200,
        `<${action}Response xmlns="${EC2_NAMESPACE}"><requestId>${requestId}</requestId>${inner}</${action}Response>`,
        requestId,
      );
    } catch (e) {
      const error =
        e instanceof AwsError
          ? e
          : new AwsError(
              service === 'sts' ? 'InternalFailure' : 'InternalError',
              String((e as Error)?.message ?? e),
              500,
            );
      counters.countAwsError(service, action || '(none)', error.code);
      if (service === 'sts') {
        const type = error.status >= 500 ? 'Receiver' : 'Sender';
        sendXml(
          res,
          error.status,
          `<ErrorResponse xmlns="${STS_NAMESPACE}"><Error><Type>${type}</Type><Code>${escapeXml(
            error.code,
          )}</Code><Message>${escapeXml(
            error.message,
          )}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
          requestId,
        );
      } else {
        sendXml(
          res,
          error.status,
          `<Response><Errors><Error><Code>${escapeXml(
            error.code,
          )}</Code><Message>${escapeXml(
            error.message,
          )}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
          requestId,
        );
      }
    }
  };

  return http.createServer((req, res) => {
    handle(req, res).catch(err => {
      if (!res.headersSent)
        sendJson(res, 500, { error: String(err?.message ?? err) });
      else res.end();
    });
  });
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function denial(
  service: Service,
  action: string,
  caller: SimCredential,
): AwsError {
  const iamAction = `${service}:${action}`;
  if (service === 'sts') {
    return stsErrors.accessDenied(
      `User: ${caller.arn} is not authorized to perform: ${iamAction} because no identity-based policy allows the ${iamAction} action`,
    );
  }
  // Real EC2 appends an opaque, encrypted blob that `sts decode-authorization-message` reveals.
  const encoded = randomBytes(180).toString('base64url');
  return new AwsError(
    'UnauthorizedOperation',
    `You are not authorized to perform this operation. User: ${caller.arn} is not authorized to perform: ${iamAction} because no identity-based policy allows the ${iamAction} action. Encoded authorization failure message: ${encoded}`,
    403,
  );
}

function sendXml(
  res: http.ServerResponse,
  status: number,
  xml: string,
  requestId: string,
) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  res.writeHead(status, {
    'content-type': 'text/xml;charset=UTF-8',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    server: 'AmazonEC2',
  });
  res.end(body);
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  value: unknown,
) {
  const body = JSON.stringify(value, null, 2);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function listenOn(
  server: { listen: Function; address: () => unknown; once: Function },
  host: string,
  port: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve((server.address() as AddressInfo).port);
    });
  });
}
