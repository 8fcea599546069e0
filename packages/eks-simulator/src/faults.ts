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

import { FaultSpec } from './scenario/types';

/** A fault switch that is on, with its id and what is left of it. */
export type ActiveFault = FaultSpec & { id: string; remaining?: number };

interface FaultState {
  id: string;
  spec: FaultSpec;
  remaining?: number;
  tokens?: number;
  refilledAt?: number;
}

/** `DescribeInstances`, `ec2:DescribeInstances`, `ec2:*` and `*` all name actions. */
function actionMatches(
  pattern: string | undefined,
  service: string,
  action: string,
): boolean {
  if (!pattern || pattern === '*') return true;
  const [svc, act] = pattern.includes(':')
    ? pattern.split(':', 2)
    : [undefined, pattern];
  if (svc && svc.toLowerCase() !== service) return false;
  return act === '*' || act === action;
}

/**
 * The simulator's fault switches: throttling, denial, latency and cluster outages,
 * from the scenario at start and switched at runtime (in-process or over the admin API).
 */
export class FaultController {
  private readonly faults: FaultState[] = [];
  private nextId = 1;
  private readonly listeners: Array<() => void> = [];

  constructor(initial: FaultSpec[] = []) {
    initial.forEach(f => this.add(f));
  }

  add(spec: FaultSpec): string {
    validateFault(spec);
    const id = `fault-${this.nextId++}`;
    const state: FaultState = { id, spec };
    if (spec.type === 'throttle') {
      if (spec.count !== undefined) state.remaining = spec.count;
      else if (spec.ratePerSecond !== undefined) {
        state.tokens = spec.burst ?? spec.ratePerSecond;
        state.refilledAt = Date.now();
      }
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
        if (f.remaining > 0) {
          f.remaining--;
          outcome = 'throttle';
          if (f.remaining === 0) this.remove(f.id);
        }
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

  private changed() {
    this.listeners.forEach(l => l());
  }
}

function validateFault(spec: FaultSpec) {
  const types = ['throttle', 'deny', 'latency', 'clusterDown'];
  if (!spec || !types.includes((spec as FaultSpec).type)) {
    throw new Error(`A fault needs a type: one of ${types.join(', ')}`);
  }
  if ((spec.type === 'throttle' || spec.type === 'deny') && !spec.action) {
    throw new Error(
      `A ${spec.type} fault needs an action (e.g. ec2:DescribeInstances or *)`,
    );
  }
  if (spec.type === 'latency' && !(spec.ms >= 0)) {
    throw new Error('A latency fault needs ms >= 0');
  }
  if (spec.type === 'clusterDown' && !spec.cluster) {
    throw new Error('A clusterDown fault needs a cluster name');
  }
}

export function sleep(ms: number): Promise<void> {
  return ms > 0
    ? new Promise(resolve => setTimeout(resolve, ms))
    : Promise.resolve();
}
