import type {
  RunOutForecast,
  SubnetUsage,
} from '@pod-ip-capacity/plugin-pod-ip-capacity-common';
import type { AlertSettings } from '../config';
import type { CapacitySnapshotData } from '../collection/types';

/** The rules of `podIpCapacity.alerts`. */
export type AlertRule =
  | 'free-prefix-blocks'
  | 'available-ips'
  | 'forecast'
  | 'next-node-landing'
  | 'collection-failing';

/** The notification severities alerts use. */
export type AlertSeverity = 'critical' | 'high' | 'normal';

/** One condition that holds now: what is sent, and to whom. */
export interface AlertCondition {
  /** `<rule>:<cluster>:<subject>`: stable, the key of its state. */
  id: string;
  rule: AlertRule;
  cluster: string;
  /** The subnet id; '' for a rule about the whole cluster. */
  subject: string;
  severity: AlertSeverity;
  title: string;
  description: string;
  link: string;
  /** Entity refs, sorted: the services' owners and the platform group. */
  recipients: string[];
  /**
   * Seen but not yet for long enough (a collection failing for less than
   * `collectionFailingFor`): kept, not sent.
   */
  pending?: boolean;
  /** When the condition started, when the rule knows (epoch ms). */
  since?: number;
}

/** Who is behind a subnet: the entities whose pods use it and their owners. */
export interface SubnetPeople {
  entities: string[];
  owners: string[];
}

/** What the rules read about one cluster after one refresh. */
export interface AlertRuleInput {
  cluster: string;
  /** The last good data (the data of a failed refresh's previous snapshot). */
  data?: CapacitySnapshotData;
  /** The last refresh failed. */
  lastRefreshFailed: boolean;
  /**
   * Since when the cluster has had no good collection while failing
   * (epoch ms): its last good collection, or its first failed attempt.
   */
  failingSince?: number;
  /** Problem codes of the last refresh, for the failing alert. */
  problemCodes: string[];
  /** Per subnet id. */
  people: ReadonlyMap<string, SubnetPeople>;
  now: number;
  settings: AlertSettings;
}

const DAY = 86_400_000;

/** The stable id of a rule's condition for a cluster and subject. */
export function alertId(rule: AlertRule, cluster: string, subject: string) {
  return `${rule}:${cluster}:${subject}`;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function sortedUnique(values: Iterable<string | undefined>): string[] {
  return [...new Set([...values].filter((v): v is string => !!v))].sort();
}

/** A link to the overview's subnets (or clusters) filtered to this one. */
export function alertLink(
  pagePath: string,
  cluster: string,
  subnetId?: string,
): string {
  const params = new URLSearchParams({ cluster });
  if (subnetId) params.set('subnet', subnetId);
  return `${pagePath}?${params.toString()}#${
    subnetId ? 'subnets' : 'clusters'
  }`;
}

/** Which kind of nodes take pod IPs from a subnet, now or at the next launch. */
function subnetModes(data: CapacitySnapshotData, subnet: SubnetUsage) {
  const prefixPools: string[] = [];
  const secondaryPools: string[] = [];
  for (const landing of data.foresight?.landings ?? []) {
    const podSubnet = landing.podSubnet ?? landing.nodeSubnet;
    if (podSubnet?.subnetId !== subnet.subnetId) continue;
    const label = `${landing.nodeGroup}'s next node in ${landing.zone}`;
    if (landing.prefixMode === true) prefixPools.push(label);
    else if (landing.prefixMode === false) secondaryPools.push(label);
  }
  return {
    prefix: subnet.prefixNodes > 0 || prefixPools.length > 0,
    secondary: subnet.secondaryIpNodes > 0 || secondaryPools.length > 0,
    prefixPools: sortedUnique(prefixPools),
    secondaryPools: sortedUnique(secondaryPools),
  };
}

function forecastSeverity(days: number, threshold: number): AlertSeverity {
  if (days < 1) return 'critical';
  return days < threshold / 2 ? 'high' : 'normal';
}

function durationText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (ms >= 2 * DAY) return plural(Math.floor(ms / DAY), 'day');
  if (minutes >= 120) return plural(Math.floor(minutes / 60), 'hour');
  return plural(minutes, 'minute');
}

function forecastOf(
  forecast: RunOutForecast,
): { daysLeft: number; exhaustsAt: number } | undefined {
  return forecast.state === 'forecast'
    ? { daysLeft: forecast.daysLeft, exhaustsAt: forecast.exhaustsAt }
    : undefined;
}

/**
 * The alert conditions that hold for one cluster after a refresh
 * (`podIpCapacity.alerts`). Pure: the same input gives the same conditions,
 * in the same order (by rule, then subnet order of the snapshot).
 *
 * - `free-prefix-blocks`: a subnet prefix-mode nodes take pods' /28 prefixes
 *   from (now, or a pool's next node) has fewer free aligned /28 blocks
 *   than `freePrefixBlocksBelow` (critical at 0, else high).
 * - `available-ips`: a subnet secondary-IP nodes take pod IPs from has
 *   fewer available IPs than `availableIpsBelow` (critical at 0, else high).
 * - `forecast`: a subnet's dated run-out forecast (of what its nodes take)
 *   is under `forecastDaysBelow` days (critical under 1 day, high under
 *   half the threshold, else normal).
 * - `next-node-landing`: a pool's or group's next node lands in a subnet
 *   that cannot give it its first prefix or addresses (high; critical when
 *   the subnet has no address at all for it).
 * - `collection-failing`: no good collection for `collectionFailingFor`
 *   while the refreshes fail (high; sent to the platform group, or to every
 *   owner in the cluster when there is none).
 */
export function evaluateAlertRules(input: AlertRuleInput): AlertCondition[] {
  const { cluster, data, settings, people } = input;
  const conditions: AlertCondition[] = [];
  const platform = settings.platformGroup ? [settings.platformGroup] : [];
  const subnets = data?.capacity.subnets ?? [];
  const peopleOf = (subnetId: string) =>
    people.get(subnetId) ?? { entities: [], owners: [] };
  const recipientsOf = (subnetId: string) =>
    sortedUnique([...peopleOf(subnetId).owners, ...platform]);
  const servicesLine = (subnetId: string) => {
    const entities = peopleOf(subnetId).entities;
    return entities.length > 0
      ? ` Services with pods in it: ${entities.join(', ')}.`
      : '';
  };
  const subnetName = (s: { subnetId: string; cidr: string }) =>
    `subnet ${s.subnetId} (${s.cidr})`;
  const add = (
    rule: AlertRule,
    subnet: SubnetUsage | undefined,
    fields: Pick<AlertCondition, 'severity' | 'title' | 'description'>,
    extra: Partial<AlertCondition> = {},
  ) => {
    const subject = subnet?.subnetId ?? '';
    conditions.push({
      id: alertId(rule, cluster, subject),
      rule,
      cluster,
      subject,
      ...fields,
      link: alertLink(settings.pagePath, cluster, subnet?.subnetId),
      recipients: subnet ? recipientsOf(subnet.subnetId) : platform,
      ...extra,
    });
  };

  if (data) {
    const modes = new Map(
      subnets.map(s => [s.subnetId, subnetModes(data, s)] as const),
    );

    if (settings.freePrefixBlocksBelow > 0) {
      for (const s of subnets) {
        const mode = modes.get(s.subnetId)!;
        if (
          !mode.prefix ||
          s.freePrefixBlocks >= settings.freePrefixBlocksBelow
        )
          continue;
        const who =
          s.prefixNodes > 0
            ? plural(s.prefixNodes, 'prefix-mode node')
            : mode.prefixPools.join(', ');
        add('free-prefix-blocks', s, {
          severity: s.freePrefixBlocks === 0 ? 'critical' : 'high',
          title: `${cluster}: ${subnetName(s)} has ${plural(
            s.freePrefixBlocks,
            'free /28 block',
          )} left`,
          description: `${who} take /28 prefixes from it; fewer than ${
            settings.freePrefixBlocksBelow
          } free aligned /28 blocks is the alert threshold. ${plural(
            s.available,
            'address',
            'addresses',
          )} are free, but a new prefix needs a whole free aligned /28 (else InsufficientCidrBlocks).${servicesLine(
            s.subnetId,
          )} Open the subnet for its ready-made fixes.`,
        });
      }
    }

    if (settings.availableIpsBelow > 0) {
      for (const s of subnets) {
        const mode = modes.get(s.subnetId)!;
        if (!mode.secondary || s.available >= settings.availableIpsBelow)
          continue;
        const who =
          s.secondaryIpNodes > 0
            ? plural(s.secondaryIpNodes, 'secondary-IP node')
            : mode.secondaryPools.join(', ');
        add('available-ips', s, {
          severity: s.available === 0 ? 'critical' : 'high',
          title: `${cluster}: ${subnetName(s)} has ${plural(
            s.available,
            'free address',
            'free addresses',
          )} left`,
          description: `${who} take pod IPs from it one by one; fewer than ${
            settings.availableIpsBelow
          } available addresses is the alert threshold.${servicesLine(
            s.subnetId,
          )} Open the subnet for its ready-made fixes.`,
        });
      }
    }

    if (settings.forecastDaysBelow > 0) {
      for (const f of data.forecasts?.subnets ?? []) {
        const s = subnets.find(x => x.subnetId === f.subnetId);
        const dated = forecastOf(f[f.quantity]);
        if (!s || !dated || dated.daysLeft >= settings.forecastDaysBelow)
          continue;
        const what =
          f.quantity === 'freePrefixBlocks'
            ? 'free /28 blocks'
            : 'free addresses';
        const days = Math.max(0, dated.daysLeft);
        add('forecast', s, {
          severity: forecastSeverity(days, settings.forecastDaysBelow),
          title: `${cluster}: ${subnetName(s)} runs out of ${what} in ${
            days < 1 ? 'under a day' : plural(Math.floor(days), 'day')
          }`,
          description: `At the current trend it has no ${what} left around ${new Date(
            dated.exhaustsAt,
          )
            .toISOString()
            .slice(0, 10)}; under ${
            settings.forecastDaysBelow
          } days is the alert threshold.${servicesLine(s.subnetId)}`,
        });
      }
    }

    if (settings.nextNodeLanding) {
      const bySubnet = new Map<
        string,
        { pools: string[]; critical: boolean; message?: string }
      >();
      for (const landing of data.foresight?.landings ?? []) {
        for (const warning of landing.warnings) {
          const entry = bySubnet.get(warning.subnetId) ?? {
            pools: [],
            critical: false,
          };
          entry.pools.push(`${landing.nodeGroup} (${landing.zone})`);
          entry.critical ||=
            warning.error === 'InsufficientFreeAddressesInSubnet';
          entry.message ??= warning.message;
          bySubnet.set(warning.subnetId, entry);
        }
      }
      for (const s of subnets) {
        const entry = bySubnet.get(s.subnetId);
        if (!entry) continue;
        const pools = sortedUnique(entry.pools);
        add('next-node-landing', s, {
          severity: entry.critical ? 'critical' : 'high',
          title: `${cluster}: the next node of ${pools.join(
            ', ',
          )} lands in ${subnetName(s)}, which cannot give it ${
            entry.critical ? 'addresses' : 'a /28 prefix'
          }`,
          description: `${entry.message ? `${entry.message} ` : ''}${plural(
            s.freePrefixBlocks,
            'free /28 block',
          )}, ${plural(
            s.available,
            'free address',
            'free addresses',
          )}.${servicesLine(s.subnetId)}`,
        });
      }
    }
  }

  if (input.lastRefreshFailed && input.failingSince !== undefined) {
    const forMs = input.now - input.failingSince;
    const owners = sortedUnique([...people.values()].flatMap(p => p.owners));
    const duration = durationText(forMs);
    add(
      'collection-failing',
      undefined,
      {
        severity: 'high',
        title: `${cluster}: no good collection for ${duration}`,
        description: `Its refreshes fail (${
          sortedUnique(input.problemCodes).join(', ') || 'unknown'
        }); its figures are from ${new Date(input.failingSince)
          .toISOString()
          .slice(0, 16)
          .replace(
            'T',
            ' ',
          )} UTC or older, and no alert about its subnets can be trusted meanwhile.`,
      },
      {
        recipients: platform.length > 0 ? platform : owners,
        since: input.failingSince,
        ...(forMs < settings.collectionFailingMs ? { pending: true } : {}),
      },
    );
  }

  return conditions;
}
