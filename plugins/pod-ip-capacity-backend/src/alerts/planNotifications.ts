import type {
  AlertCondition,
  AlertRule,
  AlertSeverity,
} from './evaluateAlertRules';

/** What the plugin's database keeps of one alert. */
export interface StoredAlert {
  id: string;
  cluster: string;
  rule: AlertRule;
  subject: string;
  status: 'pending' | 'active' | 'resolved';
  severity: AlertSeverity;
  since: number;
  lastSentAt?: number;
  title: string;
  description: string;
  link: string;
  /** Entity refs it was (or is to be) sent to. */
  recipients: string[];
  /** The notification scope each recipient last got it under. */
  scopes: Record<string, string>;
}

/** The severities of Backstage notifications. */
export type NotificationSeverity = AlertSeverity | 'low';

/** One call of the notification service. */
export interface PlannedNotification {
  /** Entity refs, sorted. */
  recipients: string[];
  payload: {
    title: string;
    description: string;
    link: string;
    severity: NotificationSeverity;
    topic: string;
    scope: string;
  };
}

/** What to send and what to store after one evaluation of a cluster. */
export interface AlertPlan {
  notifications: PlannedNotification[];
  /** Alerts whose state changed (every alert of the cluster that is not resolved-and-quiet). */
  upserts: StoredAlert[];
}

/** The notification topic of every alert. */
export const ALERT_TOPIC = 'Pod IP capacity';

/** The notification scope of one alert: rule, cluster and subnet. */
export function alertScope(id: string): string {
  return `pod-ip-capacity:${id}`;
}

/** The scope of a cluster's digest (several alerts for a recipient at once). */
export function digestScope(cluster: string): string {
  return `pod-ip-capacity:digest:${cluster}`;
}

type EventKind = 'fired' | 'changed' | 'reminder' | 'resolved';

interface AlertEvent {
  kind: EventKind;
  alert: Pick<
    StoredAlert,
    'id' | 'title' | 'description' | 'link' | 'severity'
  >;
}

const RANK: Record<NotificationSeverity, number> = {
  critical: 3,
  high: 2,
  normal: 1,
  low: 0,
};

const severityOf = (event: AlertEvent): NotificationSeverity =>
  event.kind === 'resolved' ? 'low' : event.alert.severity;

function singlePayload(event: AlertEvent, scope: string) {
  const { alert } = event;
  return {
    title: event.kind === 'resolved' ? `Resolved: ${alert.title}` : alert.title,
    description:
      event.kind === 'resolved'
        ? `This no longer holds at the latest refresh. It was: ${alert.description}`
        : alert.description,
    link: alert.link,
    severity: severityOf(event),
    topic: ALERT_TOPIC,
    scope,
  };
}

function digestPayload(
  cluster: string,
  events: AlertEvent[],
  clusterLink: string,
) {
  const active = events.filter(e => e.kind !== 'resolved');
  const resolved = events.length - active.length;
  const severity = events
    .map(severityOf)
    .reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'low');
  const parts = [
    active.length > 0 ? `${active.length} alerting` : undefined,
    resolved > 0 ? `${resolved} resolved` : undefined,
  ].filter(Boolean);
  return {
    title: `${cluster}: ${events.length} Pod IP capacity alerts (${parts.join(
      ', ',
    )})`,
    description: events
      .map(e =>
        e.kind === 'resolved'
          ? `Resolved: ${e.alert.title}.`
          : `[${e.alert.severity}] ${e.alert.title}.`,
      )
      .join('\n'),
    // All about one subnet: its page; else the cluster's.
    link:
      new Set(events.map(e => e.alert.link)).size === 1
        ? events[0].alert.link
        : clusterLink,
    severity,
    topic: ALERT_TOPIC,
    scope: digestScope(cluster),
  };
}

/**
 * Turns one cluster's current conditions and its stored alerts into the
 * notifications to send and the state to keep. Pure.
 *
 * - A condition not active before is sent (`fired`); one whose severity
 *   changed is sent again (`changed`); one unchanged is sent again only
 *   after `repeatMs` (`reminder`), and to recipients it has not reached yet.
 * - A stored active alert whose condition no longer holds is sent as
 *   resolved (severity `low`) to whoever got it, under the same scope.
 * - Per recipient: one event is sent under the alert's scope (or the scope
 *   the recipient last got it under); several at once are sent as one
 *   digest of the cluster, so many subnets crossing together make one
 *   notification per recipient and cluster.
 * - Recipients who get the same payload share one send.
 */
export function planAlertNotifications(input: {
  cluster: string;
  conditions: AlertCondition[];
  stored: StoredAlert[];
  now: number;
  repeatMs: number;
  /** The link of a digest (the cluster's page). */
  clusterLink: string;
}): AlertPlan {
  const { now } = input;
  const stored = new Map(input.stored.map(a => [a.id, a]));
  const byRecipient = new Map<string, AlertEvent[]>();
  const sentTo = new Map<string, string[]>();
  const upserts: StoredAlert[] = [];
  const push = (recipient: string, event: AlertEvent) => {
    const list = byRecipient.get(recipient) ?? [];
    list.push(event);
    byRecipient.set(recipient, list);
    const ids = sentTo.get(event.alert.id) ?? [];
    ids.push(recipient);
    sentTo.set(event.alert.id, ids);
  };
  const next = new Map<string, StoredAlert>();

  for (const condition of input.conditions) {
    const before = stored.get(condition.id);
    const wasActive = before?.status === 'active';
    const since =
      before && before.status !== 'resolved'
        ? before.since
        : condition.since ?? now;
    const alert: StoredAlert = {
      id: condition.id,
      cluster: condition.cluster,
      rule: condition.rule,
      subject: condition.subject,
      status: condition.pending ? 'pending' : 'active',
      severity: condition.severity,
      since,
      ...(before?.lastSentAt !== undefined
        ? { lastSentAt: before.lastSentAt }
        : {}),
      title: condition.title,
      description: condition.description,
      link: condition.link,
      recipients: condition.recipients,
      scopes: { ...(before?.scopes ?? {}) },
    };
    next.set(alert.id, alert);
    if (condition.pending) continue;
    let kind: EventKind | undefined;
    if (!wasActive) kind = 'fired';
    else if (before!.severity !== condition.severity) kind = 'changed';
    else if (now - (before!.lastSentAt ?? 0) >= input.repeatMs)
      kind = 'reminder';
    const reached = new Set(wasActive ? before!.recipients : []);
    for (const recipient of condition.recipients) {
      if (kind) push(recipient, { kind, alert });
      else if (!reached.has(recipient))
        push(recipient, { kind: 'fired', alert });
    }
    if (wasActive) {
      // Whoever it no longer concerns (a service moved away) hears it is over for them.
      for (const recipient of before!.recipients) {
        if (!condition.recipients.includes(recipient)) {
          push(recipient, { kind: 'resolved', alert: before! });
        }
      }
    }
  }

  for (const before of input.stored) {
    if (next.has(before.id) || before.status === 'resolved') continue;
    const resolved: StoredAlert = { ...before, status: 'resolved' };
    next.set(before.id, resolved);
    if (before.status === 'active') {
      for (const recipient of before.recipients) {
        push(recipient, { kind: 'resolved', alert: before });
      }
    }
  }

  // One notification per recipient: its single event, or a digest.
  const sends = new Map<string, PlannedNotification>();
  for (const [recipient, events] of [...byRecipient.entries()].sort(
    ([a], [b]) => a.localeCompare(b),
  )) {
    let payload: PlannedNotification['payload'];
    if (events.length === 1) {
      const [event] = events;
      const scope =
        stored.get(event.alert.id)?.scopes[recipient] ??
        alertScope(event.alert.id);
      payload = singlePayload(event, scope);
    } else {
      payload = digestPayload(input.cluster, events, input.clusterLink);
    }
    for (const event of events) {
      next.get(event.alert.id)!.scopes[recipient] = payload.scope;
    }
    const key = JSON.stringify(payload);
    const send = sends.get(key) ?? { recipients: [], payload };
    send.recipients.push(recipient);
    sends.set(key, send);
  }

  for (const alert of next.values()) {
    if (sentTo.has(alert.id)) alert.lastSentAt = now;
    const before = stored.get(alert.id);
    if (!before || JSON.stringify(before) !== JSON.stringify(alert)) {
      upserts.push(alert);
    }
  }

  return { notifications: [...sends.values()], upserts };
}
