import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { RequestCounters } from '../counters';
import { FaultController } from '../faults/faultController';
import { HeldRequests } from '../faults/heldRequests';
import { normaliseInstanceType } from '../scenario/instanceTypes';
import {
  InstanceTypeSpec,
  Scenario,
  SimCredential,
  SimRegion,
} from '../scenario/types';
import { ServedWorld } from '../servedWorld';
import { sleep } from '../sleep';
import { AwsCall, authenticateCall, parseAwsCall } from './awsCall';
import {
  sendAwsError,
  sendEc2Result,
  sendJson,
  sendStsResult,
} from './awsResponses';
import { denial } from './denial';
import { sendEc2BadResponse } from './ec2BadResponses';
import { EC2_ACTIONS, handleEc2Action } from './ec2Actions';
import { AwsError, ec2Errors } from './errors';
import { IdentityStore } from './identity';
import { ManagedResourceVisibilityStore } from './managedResourceVisibility';
import {
  DEFAULT_EC2_RATE_LIMITS,
  Ec2RateLimiter,
  Ec2RateLimits,
} from './rateLimits';
import { handleStsAction, stsErrors } from './stsActions';

/** Handles `/__simulator/…` requests; returns false when the path is not an admin route. */
export type AdminHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: Buffer,
) => Promise<boolean>;

export interface AwsServerOptions {
  /** The world answered from (a timeline seek replaces it). */
  world: ServedWorld;
  identities: IdentityStore;
  counters: RequestCounters;
  faults: FaultController;
  /** Where `hang` faults park their requests (destroyed on stop). */
  held: HeldRequests;
  /** Each account's managed-resource visibility, switchable at runtime. */
  visibility: ManagedResourceVisibilityStore;
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

/**
 * One HTTP endpoint that answers both the EC2 Query API (2016-11-15) and the STS Query API
 * (2011-06-15), as `AWS_ENDPOINT_URL_EC2` / `AWS_ENDPOINT_URL_STS` may both point at it.
 * The caller's account comes from the SigV4 access key, the region from its credential scope.
 */
class AwsEndpoint {
  private readonly verify: boolean;
  private readonly limiter?: Ec2RateLimiter;
  /** Per world: its instance types and regions by `account/region`. */
  private readonly indexes = new WeakMap<
    Scenario,
    {
      instanceTypes: Array<Required<InstanceTypeSpec>>;
      regions: Map<string, SimRegion>;
    }
  >();

  constructor(private readonly options: AwsServerOptions) {
    this.verify = options.verifySignatures ?? true;
    if (options.ec2RateLimits) {
      this.limiter = new Ec2RateLimiter(
        options.ec2RateLimits === true
          ? DEFAULT_EC2_RATE_LIMITS
          : options.ec2RateLimits,
      );
    }
  }

  private indexOf(scenario: Scenario) {
    let index = this.indexes.get(scenario);
    if (!index) {
      index = {
        instanceTypes: scenario.instanceTypes.map(normaliseInstanceType),
        regions: new Map(
          scenario.regions.map(r => [`${r.accountId}/${r.region}`, r]),
        ),
      };
      this.indexes.set(scenario, index);
    }
    return index;
  }

  /** Admin routes under `/__simulator`, everything else is an AWS Query API call. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const requestId = randomUUID();
    const body = await readBody(req);
    const url = new URL(
      req.url ?? '/',
      `http://${req.headers.host ?? '127.0.0.1'}`,
    );
    if (url.pathname.startsWith('/__simulator')) {
      const { admin } = this.options;
      if (admin && (await admin(req, res, url, body))) return;
      sendJson(res, 404, {
        error: `No admin route ${req.method} ${url.pathname}`,
      });
      return;
    }
    await this.serve(req, res, parseAwsCall(req, url, body), requestId);
  }

  /**
   * Authenticate, count, add latency; then a `hang` holds the request, a `badResponse`
   * answers in its place; else throttling and denial, and finally the action.
   */
  private async serve(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    call: AwsCall,
    requestId: string,
  ) {
    const { counters, faults, held, identities } = this.options;
    const { service } = call;
    const action = call.action || '(none)';
    try {
      const { caller, region } = authenticateCall(
        call,
        req,
        identities,
        this.verify,
      );
      counters.countAws(service, action, caller.accountId);
      await sleep(faults.latencyMs({ service, action: call.action }));
      if (faults.awsHang(service, call.action, caller.accountId)) {
        counters.countHungAws(service, action);
        held.hold(req);
        return;
      }
      if (this.answeredBadly(req, res, call, caller, requestId)) return;
      this.admit(call, caller, region);
      this.answer(res, call, caller, region, requestId);
    } catch (e) {
      const error =
        e instanceof AwsError
          ? e
          : new AwsError(
              service === 'sts' ? 'InternalFailure' : 'InternalError',
              String((e as Error)?.message ?? e),
              500,
            );
      counters.countAwsError(service, action, error.code);
      sendAwsError(res, service, error, requestId);
    }
  }

  /** An EC2 `badResponse` fault answers in place of the action (`internalError` throws). */
  private answeredBadly(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    call: AwsCall,
    caller: SimCredential,
    requestId: string,
  ): boolean {
    if (call.service !== 'ec2') return false;
    const bad = this.options.faults.ec2BadResponse(
      call.action,
      caller.accountId,
    );
    if (!bad) return false;
    if (bad === 'internalError') throw ec2Errors.internalError();
    sendEc2BadResponse(req, res, bad, call.action, requestId);
    return true;
  }

  /** Throttling (fault switches, then EC2's own buckets) and denial, in that order. */
  private admit(call: AwsCall, caller: SimCredential, region: string) {
    const { service, action } = call;
    const outcome = this.options.faults.awsOutcome(
      service,
      action,
      caller.accountId,
    );
    if (outcome === 'throttle') {
      throw service === 'sts'
        ? stsErrors.throttling()
        : ec2Errors.requestLimitExceeded();
    }
    if (outcome === 'deny') throw denial(service, action, caller);
    if (
      service === 'ec2' &&
      this.limiter &&
      !this.limiter.take(caller.accountId, region, call.params)
    ) {
      throw ec2Errors.requestLimitExceeded();
    }
  }

  /** The action's own answer. */
  private answer(
    res: http.ServerResponse,
    call: AwsCall,
    caller: SimCredential,
    region: string,
    requestId: string,
  ) {
    const { action, params } = call;
    const { faults, identities, visibility } = this.options;
    if (call.service === 'sts') {
      const inner = handleStsAction(action, params, caller, identities);
      sendStsResult(res, action, inner, requestId);
      return;
    }
    if (!action)
      throw new AwsError(
        'MissingAction',
        'The request must contain the parameter Action',
      );
    if (!(EC2_ACTIONS as readonly string[]).includes(action))
      throw ec2Errors.invalidAction(action);
    const world = this.indexOf(this.options.world.scenario);
    const inner = handleEc2Action({
      action,
      params,
      accountId: caller.accountId,
      regionName: region,
      region: world.regions.get(`${caller.accountId}/${region}`),
      instanceTypes: world.instanceTypes,
      managedResourceVisibility: visibility.get(caller.accountId, region),
      malformed: faults.ec2Malformed(action),
    });
    sendEc2Result(res, action, inner, requestId);
  }
}

export function createAwsServer(options: AwsServerOptions): http.Server {
  const endpoint = new AwsEndpoint(options);
  return http.createServer((req, res) => {
    endpoint.handle(req, res).catch(err => {
      if (!res.headersSent)
        sendJson(res, 500, { error: String(err?.message ?? err) });
      else res.end();
    });
  });
}
