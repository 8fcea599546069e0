import {
  Ec2BadResponseMode,
  FaultSpec,
  KubernetesBadResponseFault,
} from '../scenario/types';
import { actionMatches, ec2ActionName, pathMatches } from './matchers';
import { validateFault } from './validateFault';

/** A fault switch that is on, with its id and what is left of it. */
export type ActiveFault = FaultSpec & { id: string; remaining?: number };

interface FaultState {
  id: string;
  spec: FaultSpec;
  /** Calls left for a fault with a `count`. */
  remaining?: number;
  tokens?: number;
  refilledAt?: number;
}

/** A Kubernetes request as faults match it: the cluster and the path and query as sent. */
export interface KubernetesTarget {
  cluster: string;
  requestTarget: string;
}

/**
 * The simulator's fault switches: throttling, denial, latency, outages, hung requests, bad
 * and malformed responses, from the scenario at start and switched at runtime (in-process
 * or over the admin API).
 */
export class FaultController {
  private readonly faults: FaultState[] = [];
  private nextId = 1;
  private readonly listeners: Array<() => void> = [];

  /** `clusters`: the scenario's cluster names, which hang/badResponse/malformed must name. */
  constructor(initial: FaultSpec[] = [], private readonly clusters?: string[]) {
    initial.forEach(f => this.add(f));
  }

  add(spec: FaultSpec): string {
    validateFault(spec, this.clusters);
    const id = `fault-${this.nextId++}`;
    const state: FaultState = { id, spec };
    if (spec.type === 'throttle') {
      if (spec.count !== undefined) state.remaining = spec.count;
      else if (spec.ratePerSecond !== undefined) {
        state.tokens = spec.burst ?? spec.ratePerSecond;
        state.refilledAt = Date.now();
      }
    } else if (spec.type === 'badResponse' && spec.count !== undefined) {
      state.remaining = spec.count;
    }
    this.faults.push(state);
    this.changed();
    return id;
  }

  remove(id: string): boolean {
    const i = this.faults.findIndex(f => f.id === id);
    if (i < 0) return false;
    this.faults.splice(i, 1);
    this.changed();
    return true;
  }

  clear(): void {
    this.faults.splice(0, this.faults.length);
    this.changed();
  }

  list(): ActiveFault[] {
    return this.faults.map(f => ({
      ...f.spec,
      id: f.id,
      ...(f.remaining !== undefined ? { remaining: f.remaining } : {}),
    }));
  }

  /** Called whenever a switch flips (the Kubernetes servers open/close their ports). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Whether this AWS call is throttled or denied; consumes throttle counts and tokens. */
  awsOutcome(
    service: string,
    action: string,
    accountId: string,
  ): 'throttle' | 'deny' | undefined {
    let outcome: 'throttle' | 'deny' | undefined;
    for (const f of [...this.faults]) {
      const spec = f.spec;
      if (spec.type !== 'throttle' && spec.type !== 'deny') continue;
      if (!actionMatches(spec.action, service, action)) continue;
      if (spec.account && String(spec.account) !== accountId) continue;
      if (spec.type === 'deny') {
        outcome = outcome ?? 'deny';
        continue;
      }
      if (f.remaining !== undefined) {
        if (this.consume(f)) outcome = 'throttle';
      } else if (f.tokens !== undefined && spec.ratePerSecond !== undefined) {
        const now = Date.now();
        const burst = spec.burst ?? spec.ratePerSecond;
        f.tokens = Math.min(
          burst,
          f.tokens + ((now - f.refilledAt!) / 1000) * spec.ratePerSecond,
        );
        f.refilledAt = now;
        if (f.tokens >= 1) f.tokens -= 1;
        else outcome = 'throttle';
      } else {
        outcome = 'throttle';
      }
    }
    return outcome;
  }

  /** Added latency for an AWS action (`ec2`, `DescribeInstances`) or a cluster's API. */
  latencyMs(
    target: { service: string; action: string } | { cluster: string },
  ): number {
    let ms = 0;
    for (const { spec } of this.faults) {
      if (spec.type !== 'latency') continue;
      if ('cluster' in target) {
        if (spec.cluster === target.cluster || (!spec.cluster && !spec.action))
          ms += spec.ms;
      } else if (
        !spec.cluster &&
        actionMatches(spec.action, target.service, target.action)
      ) {
        ms += spec.ms;
      }
    }
    return ms;
  }

  clusterDown(cluster: string): 'refuse' | '503' | undefined {
    for (const { spec } of this.faults) {
      if (spec.type === 'clusterDown' && spec.cluster === cluster)
        return spec.mode ?? 'refuse';
    }
    return undefined;
  }

  /** Whether a `hang` fault holds this AWS call. */
  awsHang(service: string, action: string, accountId: string): boolean {
    return this.faults.some(
      ({ spec }) =>
        spec.type === 'hang' &&
        spec.action !== undefined &&
        actionMatches(spec.action, service, action) &&
        (!spec.account || String(spec.account) === accountId),
    );
  }

  /** Whether a `hang` fault holds this Kubernetes request. */
  kubernetesHang(target: KubernetesTarget): boolean {
    return this.faults.some(
      ({ spec }) =>
        spec.type === 'hang' &&
        spec.cluster === target.cluster &&
        pathMatches(spec.path, target.requestTarget),
    );
  }

  /** The bad response an EC2 call gets instead of its answer, if any; consumes counts. */
  ec2BadResponse(
    action: string,
    accountId: string,
  ): Ec2BadResponseMode | undefined {
    const f = this.faults.find(
      ({ spec }) =>
        spec.type === 'badResponse' &&
        'action' in spec &&
        actionMatches(spec.action, 'ec2', action) &&
        (!spec.account || String(spec.account) === accountId),
    );
    if (!f || !this.consume(f)) return undefined;
    return (f.spec as { mode: Ec2BadResponseMode }).mode;
  }

  /** The bad response a Kubernetes request gets instead of its answer, if any; consumes counts. */
  kubernetesBadResponse(
    target: KubernetesTarget,
  ): KubernetesBadResponseFault | undefined {
    const f = this.faults.find(
      ({ spec }) =>
        spec.type === 'badResponse' &&
        'cluster' in spec &&
        spec.cluster === target.cluster &&
        pathMatches(spec.path, target.requestTarget),
    );
    if (!f || !this.consume(f)) return undefined;
    return f.spec as KubernetesBadResponseFault;
  }

  /** Whether a `malformed` fault corrupts this EC2 action's answers. */
  ec2Malformed(action: string): boolean {
    return this.faults.some(
      ({ spec }) =>
        spec.type === 'malformed' &&
        spec.action !== undefined &&
        ec2ActionName(spec.action) === action,
    );
  }

  /** Whether a `malformed` fault corrupts this cluster's `pods` or `nodes` lists. */
  kubernetesMalformed(cluster: string, kind: 'pods' | 'nodes'): boolean {
    return this.faults.some(
      ({ spec }) =>
        spec.type === 'malformed' &&
        spec.cluster === cluster &&
        (spec.kind === undefined || spec.kind === kind),
    );
  }

  /** One use of a fault; a fault with a count removes itself after its last use. */
  private consume(f: FaultState): boolean {
    if (f.remaining === undefined) return true;
    if (f.remaining <= 0) return false;
    f.remaining--;
    if (f.remaining === 0) this.remove(f.id);
    return true;
  }

  private changed() {
    this.listeners.forEach(l => l());
  }
}
