import request from 'supertest';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import {
  CapacityBackend,
  PORTAL_DEMO_AUTH,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const PLATFORM = 'group:default/platform-team';
const PAYMENTS = 'group:default/team-payments';
const LEGACY = 'subnet-0511000000000c000';

/** Records every notification the plugin sends, as the notifications backend would get it. */
function recordingNotifications() {
  const sent: NotificationSendOptions[] = [];
  return {
    sent,
    factory: createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => ({
        async send(options: NotificationSendOptions) {
          sent.push(options);
        },
      }),
    }),
  };
}

/** Who got what: one line per recipient and notification. */
function received(sent: NotificationSendOptions[]) {
  return sent.flatMap(({ recipients, payload }) => {
    const refs =
      recipients.type === 'entity' ? [recipients.entityRef].flat() : ['*'];
    return refs.map(to => ({
      to,
      severity: payload.severity,
      scope: payload.scope,
      title: payload.title,
      link: payload.link,
    }));
  });
}

describe('alerts through the notification service (portal-demo)', () => {
  let backend: CapacityBackend;
  const notifications = recordingNotifications();

  beforeAll(async () => {
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      withCatalog: true,
      awsAuth: PORTAL_DEMO_AUTH,
      podIpCapacity: {
        alerts: { platformGroup: 'group:default/platform-team' },
      },
      services: [notifications.factory],
    });
    await backend.waitForEntity('component', 'payments-worker');
  });

  afterAll(() => backend?.stop());

  it('sends the at-risk legacy subnet to its service owners and the platform team, once, updates it and resolves it', async () => {
    // The file's world: subnet-c has 238 free addresses but one free /28,
    // and general-purpose's next node in eu-west-1c takes prefixes from it.
    await backend.refresh();
    const first = received(notifications.sent.splice(0));
    const scope = `pod-ip-capacity:free-prefix-blocks:eks-prod:${LEGACY}`;
    expect(first).toEqual([
      {
        to: PLATFORM,
        severity: 'high',
        scope,
        title: `eks-prod: subnet ${LEGACY} (10.0.2.0/24) has 1 free /28 block left`,
        link: `/pod-ip-capacity?cluster=eks-prod&subnet=${LEGACY}#subnets`,
      },
      {
        to: PAYMENTS,
        severity: 'high',
        scope,
        title: `eks-prod: subnet ${LEGACY} (10.0.2.0/24) has 1 free /28 block left`,
        link: `/pod-ip-capacity?cluster=eks-prod&subnet=${LEGACY}#subnets`,
      },
    ]);

    // A repeat with nothing new sends nothing.
    await backend.refresh();
    expect(notifications.sent).toEqual([]);

    // Four days in, orders-webhook's first Lambda ENI took the last free
    // /28: critical, and general-purpose's next node there cannot get its
    // first prefix. Two alerts at once: one notification per recipient.
    backend.sim.timeline.seek(backend.sim.timeline.start + 5 * DAY);
    await backend.refresh();
    const worse = received(notifications.sent.splice(0));
    expect(worse.map(n => n.to).sort()).toEqual([PLATFORM, PAYMENTS]);
    for (const n of worse) {
      expect(n).toEqual({
        to: n.to,
        severity: 'critical',
        scope: 'pod-ip-capacity:digest:eks-prod',
        title: 'eks-prod: 2 Pod IP capacity alerts (2 alerting)',
        // Both about the legacy subnet: its page.
        link: `/pod-ip-capacity?cluster=eks-prod&subnet=${LEGACY}#subnets`,
      });
    }

    // After the legacy node group's rotation ten /28 blocks are free: both
    // resolved, under the scope each recipient got them under.
    backend.sim.timeline.seek(backend.sim.timeline.start + 10 * DAY);
    await backend.refresh();
    const cleared = received(notifications.sent.splice(0));
    expect(cleared.map(n => n.to).sort()).toEqual([PLATFORM, PAYMENTS]);
    for (const n of cleared) {
      expect(n).toEqual(
        expect.objectContaining({
          severity: 'low',
          scope: 'pod-ip-capacity:digest:eks-prod',
          title: 'eks-prod: 2 Pod IP capacity alerts (2 resolved)',
        }),
      );
    }
    await backend.refresh();
    expect(notifications.sent).toEqual([]);
  });
});

describe('alerts in the real notifications backend (the bell)', () => {
  it('on the first refresh the platform team member finds one alert, unread, with its link', async () => {
    // The test backend's callers are user:default/mock: make it a member of
    // the platform team, as the demo's guest is.
    const backend = await startCapacityBackend({
      scenario: 'portal-demo',
      withCatalog: true,
      awsAuth: PORTAL_DEMO_AUTH,
      podIpCapacity: {
        alerts: { platformGroup: 'group:default/platform-team' },
      },
      features: [notificationsPlugin],
      extraEntities: [
        'apiVersion: backstage.io/v1alpha1',
        'kind: User',
        'metadata: { name: mock }',
        'spec: { memberOf: [platform-team] }',
      ].join('\n'),
    });
    try {
      await backend.waitForEntity('user', 'mock');
      await backend.waitForEntity('component', 'payments-worker');
      await backend.refresh();
      let body: any;
      for (let i = 0; i < 100; i++) {
        body = (await request(backend.server).get('/api/notifications')).body;
        if (body.totalCount > 0) break;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      expect(body.totalCount).toBe(1);
      expect(body.notifications[0]).toEqual(
        expect.objectContaining({
          user: 'user:default/mock',
          origin: 'plugin:pod-ip-capacity',
          read: null,
          payload: expect.objectContaining({
            title: `eks-prod: subnet ${LEGACY} (10.0.2.0/24) has 1 free /28 block left`,
            severity: 'high',
            topic: 'Pod IP capacity',
            scope: `pod-ip-capacity:free-prefix-blocks:eks-prod:${LEGACY}`,
            link: `/pod-ip-capacity?cluster=eks-prod&subnet=${LEGACY}#subnets`,
          }),
        }),
      );
    } finally {
      await backend.stop();
    }
  });
});
