import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/** Per-cluster overrides from `podIpCapacity.clusters`. */
export interface ClusterOverride {
  name: string;
  accountId?: string;
  roleArn?: string;
  region?: string;
  exclude: boolean;
}

/** The plugin's settings, with defaults applied. */
export interface PodIpCapacityConfig {
  refreshFrequency: HumanDuration;
  refreshTimeout: HumanDuration;
  /** How long one cluster's refresh may take before it counts as failed. */
  clusterTimeoutMs: number;
  /** The least time between two refreshes of a cluster asked for over REST. */
  refreshCooldownMs: number;
  /** Clusters refreshed at once. */
  refreshConcurrency: number;
  aws: {
    endpoint?: string;
    concurrency: number;
    pageSize: number;
    maxAttempts: number;
    /** Per HTTP request to EC2 or STS. */
    requestTimeoutMs: number;
  };
  kubernetes: {
    pageSize: number;
    /** Per request to the Kubernetes plugin (one list page). */
    requestTimeoutMs: number;
  };
  catalog: {
    /** Per read of the software catalog, in a refresh or a request. */
    requestTimeoutMs: number;
  };
  clusters: Map<string, ClusterOverride>;
  history: {
    /** How long history is kept. */
    retentionMs: number;
  };
  forecast: {
    /** How far back a run-out trend is fitted. */
    windowMs: number;
  };
  alerts: AlertSettings;
}

/** `podIpCapacity.alerts`, with defaults applied. */
export interface AlertSettings {
  enabled: boolean;
  /** An entity ref that gets every alert beside the services' owners. */
  platformGroup?: string;
  /** Prefix mode: fewer free /28 blocks than this is an alert (0 = off). */
  freePrefixBlocksBelow: number;
  /** Secondary-IP mode: fewer available IPs than this is an alert (0 = off). */
  availableIpsBelow: number;
  /** A run-out forecast under this many days is an alert (0 = off). */
  forecastDaysBelow: number;
  /** The next node of a pool lands in a subnet without a free /28. */
  nextNodeLanding: boolean;
  /** A cluster without a good collection for longer than this is an alert. */
  collectionFailingMs: number;
  /** An alert still active is sent again (marked unread) after this long. */
  repeatMs: number;
  /** The path of the Pod IP Capacity page in the app, for links. */
  pagePath: string;
  /** How long one send to the notifications backend may take. */
  sendTimeoutMs: number;
}

function readDuration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  return config.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

function readMilliseconds(
  config: Config,
  key: string,
  fallback: HumanDuration,
  [min, max]: [HumanDuration, HumanDuration],
): number {
  const ms = durationToMilliseconds(readDuration(config, key, fallback));
  if (ms < durationToMilliseconds(min) || ms > durationToMilliseconds(max)) {
    throw new Error(
      `Invalid config podIpCapacity.${key}: ${ms} ms; expected from ${durationToMilliseconds(
        min,
      )} to ${durationToMilliseconds(max)} ms`,
    );
  }
  return ms;
}

function readBoundedInteger(
  config: Config,
  key: string,
  fallback: number,
  [min, max]: [number, number],
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `Invalid config podIpCapacity.${key}: ${value}; expected a whole number from ${min} to ${max}`,
    );
  }
  return value;
}

function readAlertSettings(config: Config): AlertSettings {
  const count = (key: string, fallback: number) =>
    readBoundedInteger(config, `alerts.${key}`, fallback, [0, 1_000_000]);
  const group = config.getOptionalString('alerts.platformGroup');
  let platformGroup: string | undefined;
  if (group) {
    try {
      platformGroup = stringifyEntityRef(
        parseEntityRef(group, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      throw new Error(
        `Invalid config podIpCapacity.alerts.platformGroup: expected an entity ref such as group:default/platform-team`,
      );
    }
  }
  return {
    enabled: config.getOptionalBoolean('alerts.enabled') ?? true,
    ...(platformGroup ? { platformGroup } : {}),
    freePrefixBlocksBelow: count('freePrefixBlocksBelow', 4),
    availableIpsBelow: count('availableIpsBelow', 32),
    forecastDaysBelow: count('forecastDaysBelow', 7),
    nextNodeLanding:
      config.getOptionalBoolean('alerts.nextNodeLanding') ?? true,
    collectionFailingMs: readMilliseconds(
      config,
      'alerts.collectionFailingFor',
      { minutes: 30 },
      [{ seconds: 0 }, { days: 30 }],
    ),
    repeatMs: readMilliseconds(config, 'alerts.repeatEvery', { days: 1 }, [
      { minutes: 1 },
      { days: 365 },
    ]),
    pagePath: config.getOptionalString('alerts.pagePath') ?? '/pod-ip-capacity',
    sendTimeoutMs: readMilliseconds(
      config,
      'alerts.sendTimeout',
      { seconds: 15 },
      [{ milliseconds: 100 }, { minutes: 5 }],
    ),
  };
}

function readClusterOverrides(config: Config): Map<string, ClusterOverride> {
  const clusters = new Map<string, ClusterOverride>();
  for (const cluster of config.getOptionalConfigArray('clusters') ?? []) {
    const name = cluster.getString('name');
    if (clusters.has(name)) {
      throw new Error(`Duplicate cluster '${name}' in podIpCapacity.clusters`);
    }
    clusters.set(name, {
      name,
      accountId: cluster.getOptionalString('accountId'),
      roleArn: cluster.getOptionalString('roleArn'),
      region: cluster.getOptionalString('region'),
      exclude: cluster.getOptionalBoolean('exclude') ?? false,
    });
  }
  return clusters;
}

/** Reads `podIpCapacity.*`; every key is optional. */
export function readPodIpCapacityConfig(root: Config): PodIpCapacityConfig {
  const config =
    root.getOptionalConfig('podIpCapacity') ?? new ConfigReader({});
  return {
    refreshFrequency: readDuration(config, 'refresh.frequency', {
      minutes: 5,
    }),
    refreshTimeout: readDuration(config, 'refresh.timeout', { minutes: 10 }),
    clusterTimeoutMs: readMilliseconds(
      config,
      'refresh.clusterTimeout',
      { minutes: 2 },
      [{ seconds: 1 }, { hours: 1 }],
    ),
    refreshCooldownMs: readMilliseconds(
      config,
      'refresh.cooldown',
      { seconds: 30 },
      [{ seconds: 0 }, { hours: 1 }],
    ),
    refreshConcurrency: readBoundedInteger(
      config,
      'refresh.concurrency',
      8,
      [1, 100],
    ),
    aws: {
      endpoint: config.getOptionalString('aws.endpoint'),
      concurrency: readBoundedInteger(config, 'aws.concurrency', 4, [1, 50]),
      pageSize: readBoundedInteger(config, 'aws.pageSize', 1000, [5, 1000]),
      maxAttempts: readBoundedInteger(config, 'aws.maxAttempts', 8, [1, 20]),
      requestTimeoutMs: readMilliseconds(
        config,
        'aws.requestTimeout',
        { seconds: 15 },
        [{ milliseconds: 100 }, { minutes: 10 }],
      ),
    },
    kubernetes: {
      pageSize: readBoundedInteger(
        config,
        'kubernetes.pageSize',
        500,
        [1, 5000],
      ),
      requestTimeoutMs: readMilliseconds(
        config,
        'kubernetes.requestTimeout',
        { seconds: 30 },
        [{ milliseconds: 100 }, { minutes: 10 }],
      ),
    },
    catalog: {
      requestTimeoutMs: readMilliseconds(
        config,
        'catalog.requestTimeout',
        { seconds: 15 },
        [{ milliseconds: 100 }, { minutes: 10 }],
      ),
    },
    clusters: readClusterOverrides(config),
    history: {
      retentionMs: readMilliseconds(config, 'history.retention', { days: 90 }, [
        { days: 1 },
        { days: 3660 },
      ]),
    },
    forecast: {
      windowMs: readMilliseconds(config, 'forecast.window', { days: 14 }, [
        { days: 1 },
        { days: 90 },
      ]),
    },
    alerts: readAlertSettings(config),
  };
}
