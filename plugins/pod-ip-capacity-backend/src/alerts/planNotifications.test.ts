import { AlertCondition } from './evaluateAlertRules';
import { planAlertNotifications, StoredAlert } from './planNotifications';

const T0 = Date.parse('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;
const PLATFORM = 'group:default/platform-team';
const PAYMENTS = 'group:default/team-payments';
const SEARCH = 'group:default/team-search';

function condition(
  subnet: string,
  recipients: string[],
  severity: AlertCondition['severity'] = 'high',
): AlertCondition {
  return {
    id: `free-prefix-blocks:eks-prod:${subnet}`,
    rule: 'free-prefix-blocks',
    cluster: 'eks-prod',
    subject: subnet,
    severity,
    title: `eks-prod: subnet ${subnet} has 1 free /28 block left`,
    description: 'd',
    link: `/pod-ip-capacity?cluster=eks-prod&subnet=${subnet}#subnets`,
    recipients,
  };
}

/** Runs evaluations one after another, keeping the state like the database. */
function evaluations() {
  let stored: StoredAlert[] = [];
  return (conditions: AlertCondition[], now: number) => {
    const plan = planAlertNotifications({
      cluster: 'eks-prod',
      conditions,
      stored,
      now,
      repeatMs: 24 * HOUR,
      clusterLink: '/pod-ip-capacity?cluster=eks-prod#clusters',
    });
    const byId = new Map(stored.map(a => [a.id, a]));
    for (const a of plan.upserts) byId.set(a.id, a);
    stored = [...byId.values()];
    return plan.notifications.map(n => ({
      to: n.recipients,
      severity: n.payload.severity,
      scope: n.payload.scope,
      title: n.payload.title,
    }));
  };
}

describe('planAlertNotifications', () => {
  it('fires once, stays quiet on a repeat, reminds after a day, resolves under the same scope', () => {
    const run = evaluations();
    const c = condition('subnet-c', [PLATFORM, PAYMENTS]);
    const scope = 'pod-ip-capacity:free-prefix-blocks:eks-prod:subnet-c';
    expect(run([c], T0)).toEqual([
      { to: [PLATFORM, PAYMENTS], severity: 'high', scope, title: c.title },
    ]);
    expect(run([c], T0 + HOUR)).toEqual([]);
    // Worse: the same notification, updated.
    const worse = {
      ...condition('subnet-c', [PLATFORM, PAYMENTS], 'critical'),
    };
    expect(run([worse], T0 + 2 * HOUR)).toEqual([
      { to: [PLATFORM, PAYMENTS], severity: 'critical', scope, title: c.title },
    ]);
    expect(run([worse], T0 + 3 * HOUR)).toEqual([]);
    expect(run([worse], T0 + 27 * HOUR)).toEqual([
      expect.objectContaining({ scope, severity: 'critical' }),
    ]);
    expect(run([], T0 + 28 * HOUR)).toEqual([
      {
        to: [PLATFORM, PAYMENTS],
        severity: 'low',
        scope,
        title: `Resolved: ${c.title}`,
      },
    ]);
    expect(run([], T0 + 29 * HOUR)).toEqual([]);
    // Back again: the same scope, so the same notification comes back.
    expect(run([c], T0 + 30 * HOUR)).toEqual([
      expect.objectContaining({ scope, severity: 'high', title: c.title }),
    ]);
  });

  it('many subnets at once: one digest per recipient and cluster, single alerts where one concerns a recipient', () => {
    const run = evaluations();
    const sent = run(
      [
        condition('subnet-a', [PLATFORM, PAYMENTS]),
        condition('subnet-b', [PLATFORM, SEARCH], 'critical'),
        condition('subnet-c', [PLATFORM, PAYMENTS]),
      ],
      T0,
    );
    expect(sent).toEqual([
      {
        to: [PLATFORM],
        severity: 'critical',
        scope: 'pod-ip-capacity:digest:eks-prod',
        title: 'eks-prod: 3 Pod IP capacity alerts (3 alerting)',
      },
      {
        to: [PAYMENTS],
        severity: 'high',
        scope: 'pod-ip-capacity:digest:eks-prod',
        title: 'eks-prod: 2 Pod IP capacity alerts (2 alerting)',
      },
      {
        to: [SEARCH],
        severity: 'critical',
        scope: 'pod-ip-capacity:free-prefix-blocks:eks-prod:subnet-b',
        title: 'eks-prod: subnet subnet-b has 1 free /28 block left',
      },
    ]);
    // subnet-a clears: whoever got it in the digest gets the digest updated.
    expect(
      run(
        [
          condition('subnet-b', [PLATFORM, SEARCH], 'critical'),
          condition('subnet-c', [PLATFORM, PAYMENTS]),
        ],
        T0 + HOUR,
      ),
    ).toEqual([
      {
        to: [PLATFORM, PAYMENTS],
        severity: 'low',
        scope: 'pod-ip-capacity:digest:eks-prod',
        title: 'Resolved: eks-prod: subnet subnet-a has 1 free /28 block left',
      },
    ]);
  });

  it('a new owner of a service on the subnet gets the alert; one who left gets it resolved', () => {
    const run = evaluations();
    run([condition('subnet-c', [PLATFORM, PAYMENTS])], T0);
    expect(run([condition('subnet-c', [PLATFORM, SEARCH])], T0 + HOUR)).toEqual(
      [
        expect.objectContaining({ to: [PAYMENTS], severity: 'low' }),
        expect.objectContaining({ to: [SEARCH], severity: 'high' }),
      ],
    );
  });

  it('a pending condition is kept, never sent, and resolves silently', () => {
    const run = evaluations();
    const pending: AlertCondition = {
      ...condition('', [PLATFORM]),
      id: 'collection-failing:eks-prod:',
      rule: 'collection-failing',
      pending: true,
      since: T0 - HOUR,
    };
    expect(run([pending], T0)).toEqual([]);
    expect(run([], T0 + HOUR)).toEqual([]);
    expect(run([{ ...pending, pending: undefined }], T0 + 2 * HOUR)).toEqual([
      expect.objectContaining({ to: [PLATFORM], severity: 'high' }),
    ]);
  });
});
