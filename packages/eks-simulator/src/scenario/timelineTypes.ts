/*
 * A scenario's timeline: the scenario file is the world at `start`; movements change it at
 * regular instants up to `end`, deterministically, so that the world can be served (and a
 * backend can collect it) at any instant in between.
 *
 * Times are either relative to the simulator's clock at start-up rounded down to a whole
 * `step` (`-14d`, `+30d`, `-5d12h`, `0`), or ISO 8601 timestamps. Durations are `30m`,
 * `6h`, `2d`, `1d12h`.
 */

/** A workload gets `pods` more pods every `every`, on its nodes round-robin. */
export interface GrowMovementSpec {
  type: 'grow';
  cluster: string;
  namespace: string;
  /** A Deployment, StatefulSet or ReplicaSet of the cluster's `workloads`. */
  workload: string;
  pods: number;
  every: string;
  /** Default: the timeline's start (the first growth is at `from + every`). */
  from?: string;
  /** Default: the timeline's end. */
  until?: string;
  /** Default: the nodes the workload's active pods run on (in the order they appear). */
  nodes?: string[];
}

/**
 * A subnet gets `count` ENIs of no node every `every` (Lambda, RDS…), each at a free
 * address inside a free /28 block while there is one, then at the lowest free address,
 * until the subnet has no free address left.
 */
export interface AddNetworkInterfacesMovementSpec {
  type: 'addNetworkInterfaces';
  subnet: string;
  count: number;
  every: string;
  from?: string;
  until?: string;
  /** Default `lambda`. */
  interfaceType?: string;
  /** Default for lambda: `AWS Lambda VPC ENI-<function>-<uuid>`. */
  description?: string;
  /** Default for lambda: `AROAEXAMPLELAMBDA0000:<function>`. */
  requesterId?: string;
  /** Lambda function name used in the defaults (default `function`). */
  functionName?: string;
}

/**
 * At `at`, every node of a node group is replaced by a new instance (new id, new primary
 * IPs and prefixes or secondary IPs in the same subnets) and its pods move over.
 */
export interface RotateNodeGroupMovementSpec {
  type: 'rotateNodeGroup';
  cluster: string;
  nodegroup: string;
  at: string;
}

export type MovementSpec =
  | GrowMovementSpec
  | AddNetworkInterfacesMovementSpec
  | RotateNodeGroupMovementSpec;

export interface TimelineSpec {
  /** When the scenario file's world is, e.g. `-14d`. */
  start: string;
  /** Where the timeline stops (may lie in the future), e.g. `+30d`. */
  end: string;
  /** The collection step: the instants a backfill collects at, e.g. `6h`. */
  step: string;
  movements?: MovementSpec[];
}
