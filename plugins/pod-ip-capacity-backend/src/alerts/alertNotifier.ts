import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { describeForLog } from '@pod-ip-capacity/plugin-pod-ip-capacity-node';
import { AlertSettings } from '../config';
import { CapacitySnapshotData } from '../collection/types';
import { EntityDirectory } from '../history/entityDirectory';
import { clusterEntitySubnetPodIps } from '../history/entityUsage';
import { CapacitySummary } from '../snapshots/capacitySnapshots';
import { StoredSnapshot } from '../snapshots/SnapshotStore';
import { withTimeout } from '../lib/withTimeout';
import { AlertsDatabase } from './AlertsDatabase';
import {
  alertId,
  alertLink,
  evaluateAlertRules,
  SubnetPeople,
} from './evaluateAlertRules';
import { planAlertNotifications } from './planNotifications';

/**
 * The entities whose pods use each subnet of a cluster, and their owners
 * (read with the plugin's own credentials: alerts go to the owners whoever
 * may later open the page, which checks the reader's permissions).
 */
export async function subnetPeople(
  entities: EntityDirectory,
  data: CapacitySnapshotData | undefined,
): Promise<Map<string, SubnetPeople>> {
  const people = new Map<
    string,
    { entities: Set<string>; owners: Set<string> }
  >();
  if (!data) return new Map();
  for (const { selection, owners } of await entities.withOwners()) {
    const podIps = clusterEntitySubnetPodIps(data, selection);
    for (const [subnetId, workloadPodIps] of podIps) {
      if (workloadPodIps <= 0) continue;
      const entry = people.get(subnetId) ?? {
        entities: new Set<string>(),
        owners: new Set<string>(),
      };
      entry.entities.add(selection.entityRef!);
      owners.forEach(o => entry.owners.add(o));
      people.set(subnetId, entry);
    }
  }
  return new Map(
    [...people].map(([id, p]) => [
      id,
      { entities: [...p.entities].sort(), owners: [...p.owners].sort() },
    ]),
  );
}

/**
 * The SnapshotStore's `onRefreshed` hook for alerts: evaluates the rules on
 * the cluster's data, sends what changed through the notification service
 * and keeps the alerts' state. A failed send keeps the old state, so the
 * next refresh sends again (under the same scopes: an update, never a
 * duplicate).
 */
export function alertNotifier(deps: {
  settings: AlertSettings;
  alerts: AlertsDatabase;
  entities: EntityDirectory;
  notifications: NotificationService;
  logger: LoggerService;
  now?: () => number;
}) {
  const { settings, logger } = deps;
  return async (
    snapshot: StoredSnapshot<CapacitySummary>,
    data: CapacitySnapshotData | undefined,
  ): Promise<void> => {
    if (!settings.enabled) return;
    const now = deps.now?.() ?? Date.now();
    const cluster = snapshot.cluster.name;
    const stored = await deps.alerts.list(cluster);
    let failingSince: number | undefined;
    if (snapshot.lastRefreshFailed) {
      const before = stored.find(
        a =>
          a.id === alertId('collection-failing', cluster, '') &&
          a.status !== 'resolved',
      );
      failingSince = snapshot.collectedAt
        ? Date.parse(snapshot.collectedAt)
        : before?.since ??
          Date.parse(snapshot.startedAt ?? snapshot.attemptedAt);
    }
    const conditions = evaluateAlertRules({
      cluster,
      data,
      lastRefreshFailed: snapshot.lastRefreshFailed,
      ...(failingSince !== undefined ? { failingSince } : {}),
      problemCodes: snapshot.problems.map(p => p.code),
      people: await subnetPeople(deps.entities, data),
      now,
      settings,
    });
    const plan = planAlertNotifications({
      cluster,
      conditions,
      stored,
      now,
      repeatMs: settings.repeatMs,
      clusterLink: alertLink(settings.pagePath, cluster),
    });
    let failed = 0;
    for (const notification of plan.notifications) {
      if (notification.recipients.length === 0) continue;
      try {
        await withTimeout(
          deps.notifications.send({
            recipients: { type: 'entity', entityRef: notification.recipients },
            payload: notification.payload,
          }),
          settings.sendTimeoutMs,
        );
      } catch (error) {
        failed++;
        logger.warn(
          `Pod IP capacity: could not send the alert "${
            notification.payload.title
          }": ${describeForLog(error)}`,
        );
      }
    }
    if (failed > 0) return;
    await deps.alerts.upsert(plan.upserts, now);
    if (plan.notifications.length > 0) {
      logger.info(
        `Pod IP capacity: ${plan.notifications.length} alert notification(s) sent for cluster ${cluster}`,
      );
    }
  };
}
