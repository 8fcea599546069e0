/*
 * The fault switches, as a scenario file's `faults:` list, `sim.faults.add()` and
 * `POST /__simulator/faults` write them. `action` is `Action`, `service:Action`,
 * `service:*` or `*`.
 */

export interface ThrottleFault {
  type: 'throttle';
  /** `DescribeInstances`, `ec2:DescribeInstances`, `sts:AssumeRole` or `*`. */
  action: string;
  account?: string;
  /** Fail the next N matching calls. */
  count?: number;
  /** Or: a token bucket of `burst` tokens refilled at `ratePerSecond`. */
  ratePerSecond?: number;
  burst?: number;
}

export interface DenyFault {
  type: 'deny';
  action: string;
  account?: string;
}

export interface LatencyFault {
  type: 'latency';
  ms: number;
  action?: string;
  cluster?: string;
}

export interface ClusterDownFault {
  type: 'clusterDown';
  cluster: string;
  mode?: 'refuse' | '503';
}

/**
 * Matching requests are accepted and never answered: no status line, the connection held
 * open until the client gives up (or the simulator stops). Either an AWS `action`
 * (optionally of one `account`) or a `cluster`, optionally narrowed to requests whose
 * path and query (as sent) contain `path`.
 */
export interface HangFault {
  type: 'hang';
  action?: string;
  account?: string;
  cluster?: string;
  path?: string;
}

/** What a misbehaving EC2 endpoint or proxy in front of it answers instead. */
export type Ec2BadResponseMode =
  /** 502 with a load balancer's text/html error page. */
  | 'html502'
  /**
   * 502, text/plain, echoing the request line and every header (the SigV4 `Authorization`
   * too), as a misbehaving proxy does.
   */
  | 'echo502'
  /** 200 with an HTML page (a captive portal, a proxy's login page). */
  | 'html200'
  /** 200 with an empty body. */
  | 'empty200'
  /** A valid answer of the action with no items at all and no nextToken. */
  | 'emptyResult'
  /** EC2's own 500 `InternalError` in its XML error envelope. */
  | 'internalError';

export interface Ec2BadResponseFault {
  type: 'badResponse';
  /** An EC2 action pattern (STS calls are never matched). */
  action: string;
  account?: string;
  mode: Ec2BadResponseMode;
  /** Only the next N matching calls (then the fault removes itself). */
  count?: number;
}

/** What a misbehaving proxy in front of a cluster's API answers instead. */
export type KubernetesBadResponseMode =
  /** 500, text/plain, echoing the request line and every request header (Authorization too). */
  | 'echo500'
  /** 502 with a load balancer's text/html error page. */
  | 'html502'
  /** 200 with an empty body. */
  | 'empty200'
  /** 429 with `Retry-After` and a `TooManyRequests` Status (API priority and fairness). */
  | 'status429'
  /**
   * 403 with a `Forbidden` Status naming the resource, as the API server answers an identity
   * its RBAC does not allow to read it.
   */
  | 'status403';

export interface KubernetesBadResponseFault {
  type: 'badResponse';
  cluster: string;
  /** Only requests whose path and query (as sent) contain this. */
  path?: string;
  mode: KubernetesBadResponseMode;
  /** For `status429`: the `Retry-After` seconds (default 1). */
  retryAfterSeconds?: number;
  /** Only the next N matching calls (then the fault removes itself). */
  count?: number;
}

/** The EC2 actions a `malformed` fault can corrupt. */
export type MalformedEc2Action =
  | 'ec2:DescribeSubnets'
  | 'ec2:DescribeInstances'
  | 'ec2:DescribeNetworkInterfaces';

/**
 * Deterministic garbage in the first item of otherwise valid responses (README, Faults):
 * either an EC2 `action` or a `cluster`'s `pods` / `nodes` lists (both when `kind` is
 * omitted).
 */
export interface MalformedFault {
  type: 'malformed';
  action?: MalformedEc2Action;
  cluster?: string;
  kind?: 'pods' | 'nodes';
}

export type FaultSpec =
  | ThrottleFault
  | DenyFault
  | LatencyFault
  | ClusterDownFault
  | HangFault
  | Ec2BadResponseFault
  | KubernetesBadResponseFault
  | MalformedFault;
