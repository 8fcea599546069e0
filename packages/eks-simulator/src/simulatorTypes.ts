import { Ec2RateLimits } from './aws/rateLimits';
import { CounterSnapshot } from './counters';
import { ActiveFault } from './faults/faultController';
import { ScenarioSource } from './scenario/loadScenario';
import {
  Ec2BadResponseFault,
  FaultSpec,
  KubernetesBadResponseFault,
  MalformedEc2Action,
  ManagedResourceVisibility,
  Scenario,
} from './scenario/types';

export interface SimulatorOptions {
  /** A shipped scenario's name, `generated:nodes=…`, a YAML path, or a scenario object. */
  scenario: ScenarioSource;
  /** Loopback only: 127.0.0.0/8, ::1 or localhost (default 127.0.0.1). */
  host?: string;
  /** Port of the EC2 + STS + admin endpoint (default 0: any free port). */
  awsPort?: number;
  /** HTTPS port of the first cluster; cluster i listens on base + i (default 0: any free port). */
  k8sBasePort?: number;
  /** Also serve each cluster over plain HTTP on base + i (0: any free port; default: no HTTP). */
  k8sHttpBasePort?: number;
  /** Verify SigV4 signatures of AWS requests (default true). */
  verifySignatures?: boolean;
  /**
   * EC2's request token buckets per account and region: `true` for AWS's documented
   * defaults (filtered/paginated: burst 100, 20/s; unfiltered: burst 50, 10/s). Default off.
   */
  ec2RateLimits?: boolean | Ec2RateLimits;
  /** Lifetime of Kubernetes list `continue` tokens (default 5 minutes). */
  continueTtlMs?: number;
  /** Use this certificate instead of generating one at start. */
  tls?: { cert: string; key: string };
  /**
   * The instant of the scenario's timeline to serve from the start: `start` (default: the
   * scenario file as written), `now`, or an epoch-milliseconds instant. A scenario without
   * a timeline is the same at every instant.
   */
  timeline?: 'start' | 'now' | number;
  /** The simulator's clock (default `Date.now`); relative timeline times count from it. */
  clock?: () => number;
}

/** What a subnet's timeline says about when it runs out (epoch ms; null: not by the end). */
export interface SubnetRunOutInstants {
  subnetId: string;
  /** The first instant with no free aligned /28 (how-pod-ips-are-counted.md §5). */
  noFreeBlockAt: number | null;
  /** The first instant with no address left for a single IP (CIDR reservations excluded). */
  noFreeIpAt: number | null;
}

/** The scenario's timeline, as the running simulator plays it (all instants epoch ms). */
export interface SimulatorTimeline {
  /** When the scenario file's world is. */
  readonly start: number;
  /** When the movements stop (may lie in the future). */
  readonly end: number;
  /** The collection step (0 without a timeline). */
  readonly step: number;
  /** The instant being served. */
  readonly current: number;
  /** The simulator's clock. */
  now(): number;
  /** Collection instants from start to now, `step` apart. */
  instants(): number[];
  /**
   * Serves the whole world (EC2 and every cluster) as it is at `at`, in one switch; counters,
   * faults and visibility settings stay. Kubernetes continue tokens issued before the
   * switch answer 410 Gone when the world changed. Returns the instant served.
   */
  seek(at: number | 'now'): number;
  /** By playing forward to `end`: when the subnet has no free /28, and no free IP, left. */
  runsOut(subnetId: string): SubnetRunOutInstants;
}

export interface SimulatorCluster {
  name: string;
  accountId: string;
  region: string;
  /** HTTPS API server URL (certificate: `caCert`). */
  url: string;
  /** Plain-HTTP URL when `k8sHttpBasePort` was given. */
  httpUrl?: string;
  /** A service-account token the cluster accepts, if any. */
  serviceAccountToken?: string;
  /** The cluster id aws-iam-authenticator tokens must be signed for, if IAM auth is on. */
  awsIamClusterId?: string;
  /** Accounts whose principals the cluster admits with IAM tokens. */
  awsIamAccounts?: string[];
}

/** Where a `hang` fault applies: an AWS action, or a cluster's API (optionally one path). */
export type HangTarget =
  | { action: string; account?: string }
  | { cluster: string; path?: string };

export interface SimulatorFaults {
  list(): ActiveFault[];
  add(fault: FaultSpec): string;
  remove(id: string): boolean;
  clear(): void;
  /** RequestLimitExceeded for the next `count` calls (default 1), or at a token-bucket rate. */
  throttle(
    action: string,
    options?: {
      count?: number;
      ratePerSecond?: number;
      burst?: number;
      account?: string;
    },
  ): string;
  /** UnauthorizedOperation (EC2) / AccessDenied (STS) naming the IAM action. */
  deny(action: string, options?: { account?: string }): string;
  latency(ms: number, target?: { action?: string; cluster?: string }): string;
  /** `refuse`: the port is closed (connection refused); `503`: the API answers 503. */
  takeClusterDown(cluster: string, mode?: 'refuse' | '503'): string;
  bringClusterUp(cluster: string): void;
  /** Matching requests are accepted and never answered while the fault is on. */
  hang(target: HangTarget): string;
  /** A proxy's or the service's broken answer in place of the real one (README, Faults). */
  badResponse(
    fault:
      | Omit<Ec2BadResponseFault, 'type'>
      | Omit<KubernetesBadResponseFault, 'type'>,
  ): string;
  /** Deterministic garbage in the first item of valid responses (README, Faults). */
  malformed(
    target:
      | { action: MalformedEc2Action }
      | { cluster: string; kind?: 'pods' | 'nodes' },
  ): string;
}

export interface RunningSimulator {
  /** The world being served (the scenario at `timeline.current`). */
  readonly scenario: Scenario;
  /** The scenario's timeline: seek past (and future) instants, when subnets run out. */
  timeline: SimulatorTimeline;
  /** EC2 and STS endpoint (AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL_STS). */
  awsEndpoint: string;
  /** Admin API root: counters, faults, kubeconfig, CA certificate. */
  adminUrl: string;
  clusters: SimulatorCluster[];
  cluster(name: string): SimulatorCluster;
  /** PEM of the self-signed certificate every cluster serves (use it as the CA). */
  caCert: string;
  /** The scenario's long-term access keys, by account. */
  credentials: Array<{
    accountId: string;
    accessKeyId: string;
    secretAccessKey: string;
    arn: string;
  }>;
  counters(): CounterSnapshot;
  resetCounters(): void;
  faults: SimulatorFaults;
  /**
   * Hide or show EKS Auto Mode instances and their ENIs in DescribeInstances /
   * DescribeNetworkInterfaces (unless a call sets `IncludeManagedResources=true`), for the
   * whole account or one region (how-pod-ips-are-counted.md §8).
   */
  setManagedResourceVisibility(
    accountId: string,
    visibility: ManagedResourceVisibility,
    options?: { region?: string },
  ): void;
  /** The account's visibility (in a region, when named). */
  getManagedResourceVisibility(
    accountId: string,
    options?: { region?: string },
  ): ManagedResourceVisibility;
  /** Expire the list `continue` tokens issued so far (410 Gone), for one cluster or all. */
  expireContinueTokens(cluster?: string): void;
  /** A kubeconfig for all clusters (service-account tokens where the cluster has one). */
  kubeconfig(options?: { clusters?: string[] }): string;
  /** Stops every server; requests held by `hang` faults are cut off. */
  stop(): Promise<void>;
}
