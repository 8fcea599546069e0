/** A snapshot of the request counters. */
export interface CounterSnapshot {
  /** `ec2:DescribeInstances` → calls (including throttled and failed ones). */
  aws: Record<string, number>;
  /** Account id → AWS calls made with that account's credentials. */
  awsByAccount: Record<string, number>;
  /** Cluster → `list pods`, `get nodes`, `discovery`, … → calls. */
  kubernetes: Record<string, Record<string, number>>;
  /** AWS responses that were errors, by `service:action:code`. */
  awsErrors: Record<string, number>;
  /**
   * Requests a `hang` fault holds: `ec2:DescribeInstances` for AWS calls (also counted in
   * `aws`), the cluster name for Kubernetes requests (also `hung` in `kubernetes`).
   */
  hung: Record<string, number>;
  /** The sum of `aws` and `kubernetes` (hung Kubernetes requests included). */
  total: number;
}

/** Counts every API call the simulator answers, so benchmarks can report API calls. */
export class RequestCounters {
  private aws = new Map<string, number>();
  private awsByAccount = new Map<string, number>();
  private awsErrors = new Map<string, number>();
  private kube = new Map<string, Map<string, number>>();
  private hung = new Map<string, number>();

  countAws(service: string, action: string, accountId?: string) {
    bump(this.aws, `${service}:${action}`);
    if (accountId) bump(this.awsByAccount, accountId);
  }

  countAwsError(service: string, action: string, code: string) {
    bump(this.awsErrors, `${service}:${action}:${code}`);
  }

  countKubernetes(cluster: string, operation: string) {
    const m = this.kube.get(cluster) ?? new Map<string, number>();
    this.kube.set(cluster, m);
    bump(m, operation);
  }

  countHungAws(service: string, action: string) {
    bump(this.hung, `${service}:${action}`);
  }

  countHungKubernetes(cluster: string) {
    bump(this.hung, cluster);
    this.countKubernetes(cluster, 'hung');
  }

  snapshot(): CounterSnapshot {
    const kubernetes: CounterSnapshot['kubernetes'] = {};
    let total = 0;
    for (const [cluster, m] of this.kube) {
      kubernetes[cluster] = Object.fromEntries(m);
      for (const n of m.values()) total += n;
    }
    for (const n of this.aws.values()) total += n;
    return {
      aws: Object.fromEntries(this.aws),
      awsByAccount: Object.fromEntries(this.awsByAccount),
      awsErrors: Object.fromEntries(this.awsErrors),
      hung: Object.fromEntries(this.hung),
      kubernetes,
      total,
    };
  }

  reset() {
    this.aws.clear();
    this.awsByAccount.clear();
    this.awsErrors.clear();
    this.kube.clear();
    this.hung.clear();
  }
}

function bump(m: Map<string, number>, key: string) {
  m.set(key, (m.get(key) ?? 0) + 1);
}
