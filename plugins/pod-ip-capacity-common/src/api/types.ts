import type { EntityProblem } from '../entities';
import type {
  ClusterCapacity,
  ClusterTotals,
  IpFamily,
  OwnerUsage,
  WorkloadUsage,
} from '../types';

/**
 * The REST API's envelopes around the engine's output. The backend's OpenAPI
 * spec (`plugins/pod-ip-capacity-backend/src/schema/openApiSpec.ts`) is the
 * contract; these types mirror it, and the backend's tests validate every
 * response against it.
 */

/**
 * What went wrong collecting one cluster, said so that a person can act.
 *
 * @public
 */
export interface ClusterProblem {
  /** Which side failed. */
  source: 'kubernetes' | 'ec2' | 'config' | 'internal';
  /** A stable code: the AWS error code (`UnauthorizedOperation`), or one of ours. */
  code: string;
  /** For AWS calls: the IAM action, e.g. `ec2:DescribeNetworkInterfaces`. */
  action?: string;
  /** What happened and what to do about it. */
  message: string;
}

/**
 * `ok`: the last refresh was complete and recent. `partial`: it succeeded but
 * some data is missing (see problems). `stale`: the data is older than two
 * refresh periods, or the last refresh failed and older data is shown.
 * `error`: no data at all, only problems. `pending`: not collected yet.
 *
 * @public
 */
export type SnapshotStatus = 'ok' | 'partial' | 'stale' | 'error' | 'pending';

/**
 * The age and health of a cluster's snapshot.
 *
 * @public
 */
export interface SnapshotInfo {
  status: SnapshotStatus;
  /** When the data shown was collected. */
  collectedAt?: string;
  /** When the last refresh ended, good or not. */
  attemptedAt?: string;
  /** Seconds since `collectedAt`. */
  ageSeconds?: number;
  stale: boolean;
  /** A refresh of this cluster is running now. */
  refreshing: boolean;
  problems: ClusterProblem[];
}

/**
 * A cluster as the Kubernetes plugin knows it, with where its EC2 side is.
 *
 * @public
 */
export interface ClusterRef {
  name: string;
  title?: string;
  /** The Kubernetes plugin's auth provider for the cluster (`aws`, `serviceAccount`…). */
  authProvider?: string;
  region?: string;
  accountId?: string;
}

/**
 * One line of `GET /clusters`.
 *
 * @public
 */
export interface ClusterSummary extends ClusterRef {
  snapshot: SnapshotInfo;
  ipFamily?: IpFamily;
  totals?: ClusterTotals;
  /** Subnets at risk: fragmented, low or exhausted. */
  subnetsAtRisk: Array<{ subnetId: string; cidr: string; status: string }>;
}

/**
 * `GET /clusters`.
 *
 * @public
 */
export interface ClustersResponse {
  clusters: ClusterSummary[];
  /** Problems listing the clusters themselves. */
  problems: ClusterProblem[];
}

/**
 * `GET /clusters/{name}`: the full picture of one cluster.
 *
 * @public
 */
export interface ClusterDetailResponse extends ClusterSummary {
  capacity?: ClusterCapacity;
}

/**
 * An entity counted in an entity view.
 *
 * @public
 */
export interface CountedEntity {
  entityRef: string;
  kind: string;
  title?: string;
}

/**
 * One cluster's part of an entity view.
 *
 * @public
 */
export interface EntityClusterUsage {
  cluster: ClusterRef;
  snapshot: SnapshotInfo;
  /** The entities' pods in this cluster, their nodes, subnets and headroom. */
  usage?: OwnerUsage;
  /** The share of the cluster's held pod IPs that these pods' nodes… hold for them. */
  share?: {
    /** Pod IPs the counted entities use in this cluster. */
    podIps: number;
    /** Pod IPs held in the whole cluster. */
    clusterHeldIps: number;
  };
}

/**
 * `GET /entity?entityRef=…`: for a Component, Resource or System its pods;
 * for a Group or User, everything it owns.
 *
 * @public
 */
export interface EntityCapacityResponse {
  entity: CountedEntity;
  /** The entities whose pods are counted (the entity itself, or what it owns). */
  entities: CountedEntity[];
  /** Entities whose pods cannot be selected (they are not counted). */
  problems: EntityProblem[];
  clusters: EntityClusterUsage[];
}

/**
 * One team in `GET /owners`.
 *
 * @public
 */
export interface OwnerSummary {
  owner: CountedEntity;
  entities: number;
  pods: number;
  podsWithVpcIp: number;
  /** Distinct nodes the team's pods run on, across clusters. */
  nodes: number;
  /** Pod IPs held, across clusters, on those nodes (prefix granularity included). */
  nodeHeldIps: number;
  /** Idle addresses on those nodes. */
  nodeIdleIps: number;
  clusters: string[];
}

/**
 * `GET /owners`.
 *
 * @public
 */
export interface OwnersResponse {
  owners: OwnerSummary[];
  /** Entities whose pods cannot be selected (they are not counted). */
  problems: EntityProblem[];
}

/**
 * `POST /refresh`.
 *
 * @public
 */
export interface RefreshResponse {
  /** Clusters whose refresh started or was already running. */
  refreshing: string[];
  /** Clusters refreshed too recently to refresh again yet, and when they may be. */
  coolingDown: Array<{ cluster: string; nextRefreshAt: string }>;
}

/** Keeps WorkloadUsage reachable for API consumers importing from here. */
export type { WorkloadUsage };
