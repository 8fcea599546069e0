import { ConfigReader } from '@backstage/config';
import { readPodIpCapacityConfig } from '../config';
import { CapacitySnapshotData } from '../collection/types';
import { evaluateAlertRules, SubnetPeople } from './evaluateAlertRules';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const DAY = 86_400_000;

const settings = (alerts: object = {}) =>
  readPodIpCapacityConfig(
    new ConfigReader({
      podIpCapacity: {
        alerts: { platformGroup: 'platform-team', ...alerts },
      },
    }),
  ).alerts;

function subnet(fields: Record<string, unknown>) {
  return {
    subnetId: 'subnet-a',
    cidr: '10.0.0.0/24',
    availabilityZone: 'eu-west-1a',
    freePrefixBlocks: 12,
    available: 233,
    prefixNodes: 0,
    secondaryIpNodes: 0,
    ...fields,
  };
}

/** Only what the rules read. */
function data(parts: {
  subnets: object[];
  landings?: object[];
  forecasts?: object[];
}): CapacitySnapshotData {
  return {
    capacity: { cluster: 'eks-prod', subnets: parts.subnets },
    pods: [],
    ...(parts.landings
      ? {
          foresight: {
            landings: parts.landings,
            warmPools: [],
            notes: [],
            instanceTypes: [],
          },
        }
      : {}),
    ...(parts.forecasts ? { forecasts: { subnets: parts.forecasts } } : {}),
  } as unknown as CapacitySnapshotData;
}

const people = new Map<string, SubnetPeople>([
  [
    'subnet-c',
    {
      entities: ['component:default/payments-worker'],
      owners: ['group:default/team-payments'],
    },
  ],
]);

const base = {
  cluster: 'eks-prod',
  lastRefreshFailed: false,
  problemCodes: [],
  people,
  now: NOW,
};

describe('evaluateAlertRules', () => {
  it('portal-demo: the fragmented legacy subnet where an Auto Mode pool lands next is a free /28 alert for its owners and the platform team', () => {
    // subnet-c is 10.0.2.0/24 with 238 free addresses but one free aligned
    // /28 (DOMAIN.md §5): its own nodes take secondary IPs, but
    // general-purpose's next node in eu-west-1c takes /28 prefixes from it.
    const conditions = evaluateAlertRules({
      ...base,
      settings: settings(),
      data: data({
        subnets: [
          subnet({ prefixNodes: 1 }),
          subnet({
            subnetId: 'subnet-c',
            cidr: '10.0.2.0/24',
            freePrefixBlocks: 1,
            available: 238,
            secondaryIpNodes: 2,
          }),
        ],
        landings: [
          {
            nodeGroup: 'general-purpose',
            zone: 'eu-west-1c',
            nodeSubnet: { subnetId: 'subnet-c' },
            podSubnet: null,
            prefixMode: true,
            warnings: [],
          },
        ],
      }),
    });
    expect(conditions).toEqual([
      {
        id: 'free-prefix-blocks:eks-prod:subnet-c',
        rule: 'free-prefix-blocks',
        cluster: 'eks-prod',
        subject: 'subnet-c',
        severity: 'high',
        title:
          'eks-prod: subnet subnet-c (10.0.2.0/24) has 1 free /28 block left',
        description: expect.stringContaining(
          "general-purpose's next node in eu-west-1c take /28 prefixes from it",
        ),
        link: '/pod-ip-capacity?cluster=eks-prod&subnet=subnet-c#subnets',
        recipients: [
          'group:default/platform-team',
          'group:default/team-payments',
        ],
      },
    ]);
    expect(conditions[0].description).toContain(
      'Services with pods in it: component:default/payments-worker.',
    );
  });

  it('free /28 blocks: critical at 0, nothing at the threshold, off at 0', () => {
    const run = (free: number, alerts = {}) =>
      evaluateAlertRules({
        ...base,
        settings: settings(alerts),
        data: data({
          subnets: [subnet({ prefixNodes: 3, freePrefixBlocks: free })],
        }),
      }).map(c => c.severity);
    expect(run(0)).toEqual(['critical']);
    expect(run(3)).toEqual(['high']);
    expect(run(4)).toEqual([]);
    expect(run(0, { freePrefixBlocksBelow: 0 })).toEqual([]);
  });

  it('secondary-IP mode counts addresses, not blocks', () => {
    const conditions = evaluateAlertRules({
      ...base,
      settings: settings({ availableIpsBelow: 50 }),
      data: data({
        subnets: [
          subnet({ secondaryIpNodes: 2, freePrefixBlocks: 0, available: 40 }),
        ],
      }),
    });
    expect(conditions.map(c => [c.rule, c.severity, c.title])).toEqual([
      [
        'available-ips',
        'high',
        'eks-prod: subnet subnet-a (10.0.0.0/24) has 40 free addresses left',
      ],
    ]);
    // No owners known: the platform group alone.
    expect(conditions[0].recipients).toEqual(['group:default/platform-team']);
  });

  it('forecast: the quantity the subnet runs out of, under D days; severity by days left', () => {
    const forecast = (daysLeft: number) => ({
      subnetId: 'subnet-c',
      quantity: 'freePrefixBlocks',
      freePrefixBlocks: {
        state: 'forecast',
        daysLeft,
        exhaustsAt: NOW + daysLeft * DAY,
      },
      availableIps: { state: 'not-growing' },
    });
    const run = (daysLeft: number) =>
      evaluateAlertRules({
        ...base,
        settings: settings({ freePrefixBlocksBelow: 0 }),
        data: data({
          subnets: [subnet({ subnetId: 'subnet-c', prefixNodes: 1 })],
          forecasts: [forecast(daysLeft)],
        }),
      }).map(c => [c.severity, c.title]);
    expect(run(2.5)).toEqual([
      [
        'high',
        'eks-prod: subnet subnet-c (10.0.0.0/24) runs out of free /28 blocks in 2 days',
      ],
    ]);
    expect(run(5)).toEqual([[`normal`, expect.stringContaining('5 days')]]);
    expect(run(0.5)).toEqual([
      ['critical', expect.stringContaining('under a day')],
    ]);
    expect(run(7)).toEqual([]);
  });

  it('next node landing: one alert per subnet, naming every pool that lands there', () => {
    const warning = {
      error: 'InsufficientCidrBlocks',
      subnetId: 'subnet-c',
      available: 238,
      freePrefixBlocks: 0,
      needed: 16,
      fallsBackToSecondaryIps: false,
    };
    const conditions = evaluateAlertRules({
      ...base,
      settings: settings({ freePrefixBlocksBelow: 0 }),
      data: data({
        subnets: [
          subnet({ subnetId: 'subnet-c', freePrefixBlocks: 0, available: 238 }),
        ],
        landings: [
          { nodeGroup: 'general', zone: 'eu-west-1c', warnings: [warning] },
          { nodeGroup: 'batch', zone: 'eu-west-1c', warnings: [warning] },
        ],
      }),
    });
    expect(conditions.map(c => [c.id, c.severity, c.title])).toEqual([
      [
        'next-node-landing:eks-prod:subnet-c',
        'high',
        'eks-prod: the next node of batch (eu-west-1c), general (eu-west-1c) lands in subnet subnet-c (10.0.0.0/24), which cannot give it a /28 prefix',
      ],
    ]);
    expect(conditions[0].recipients).toContain('group:default/team-payments');
  });

  it('collection failing: pending until T has passed, then high, to the platform group', () => {
    const run = (failingFor: number) =>
      evaluateAlertRules({
        ...base,
        settings: settings({ collectionFailingFor: { minutes: 30 } }),
        lastRefreshFailed: true,
        failingSince: NOW - failingFor,
        problemCodes: ['ClusterUnreachable'],
      });
    expect(run(10 * 60_000)).toEqual([
      expect.objectContaining({
        id: 'collection-failing:eks-prod:',
        pending: true,
      }),
    ]);
    const [late] = run(3 * 3_600_000);
    expect(late).toEqual(
      expect.objectContaining({
        severity: 'high',
        title: 'eks-prod: no good collection for 3 hours',
        recipients: ['group:default/platform-team'],
        link: '/pod-ip-capacity?cluster=eks-prod#clusters',
      }),
    );
    expect(late.pending).toBeUndefined();
    expect(late.description).toContain('ClusterUnreachable');
  });
});
