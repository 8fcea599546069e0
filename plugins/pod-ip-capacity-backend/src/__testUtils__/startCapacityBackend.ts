import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { BackendFeature, ServiceFactory } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  RunningSimulator,
  SimulatorOptions,
  startSimulator,
} from '@pod-ip-capacity/eks-simulator';
import request from 'supertest';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { podIpCapacityPlugin } from '../plugin';
import { recordingLogger } from './recordingLogger';

/** `podIpCapacity` defaults with a test's own keys merged in, section by section. */
function mergeSections(defaults: JsonObject, own: JsonObject): JsonObject {
  const merged: JsonObject = { ...defaults };
  for (const [key, value] of Object.entries(own)) {
    const base = defaults[key];
    merged[key] =
      base &&
      typeof base === 'object' &&
      !Array.isArray(base) &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value)
        ? { ...(base as JsonObject), ...(value as JsonObject) }
        : value;
  }
  return merged;
}

/**
 * How the demo portal reaches portal-demo's clusters: eks-prod with an IAM
 * token, eks-analytics (a second account) through the role its Kubernetes
 * plugin definition names, eks-dev with its service-account token.
 */
export const PORTAL_DEMO_AUTH = {
  'eks-prod': {},
  'eks-analytics': {
    assumeRole: 'arn:aws:iam::222222222222:role/backstage-eks-reader',
  },
};

/** The repository's example catalog, the demo portal's. */
const EXAMPLES = path.resolve(__dirname, '../../../../examples');

export interface CapacityBackend {
  sim: RunningSimulator;
  server: Parameters<typeof request>[0];
  /** Every line any plugin of this backend logged so far. */
  logs: string[];
  /** Runs one refresh of every cluster and waits for it. */
  refresh(options?: { timeoutMs?: number }): Promise<void>;
  /** Waits until the catalog has processed an entity. */
  waitForEntity(kind: string, name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Backstage backend — the Kubernetes backend plugin, the catalog, and
 * Pod IP Capacity — whose clusters and EC2 endpoint are the EKS simulator's,
 * reached through the real clients. Each cluster is configured the way real
 * users configure it: a `config` locator entry with its URL, CA and token.
 */
export async function startCapacityBackend(options: {
  scenario: SimulatorOptions['scenario'];
  /** Extra `podIpCapacity` config. */
  podIpCapacity?: JsonObject;
  /** Other top-level config, e.g. `backend.actions` for the MCP server. */
  config?: JsonObject;
  /** Services to replace, e.g. a denying permissions service. */
  services?: ServiceFactory[];
  /** More backend features, e.g. a module on the plugin's extension points. */
  features?: BackendFeature[];
  /** Simulator options beside the scenario (its clock, the instant served). */
  simulator?: Omit<SimulatorOptions, 'scenario'>;
  /** Change the simulator before the backend starts (faults). */
  prepare?: (sim: RunningSimulator) => void;
  withCatalog?: boolean;
  /** More catalog entities (YAML documents), beside the examples. */
  extraEntities?: string;
  /** AWS credentials for aws.mainAccount instead of the scenario's first. */
  mainAccount?: { accessKeyId: string; secretAccessKey: string };
  /**
   * Clusters the Kubernetes plugin reaches with `authProvider: aws` (an IAM
   * token presigned by the plugin), assuming the given role when one is set;
   * the others use their service-account token.
   */
  awsAuth?: Record<string, { assumeRole?: string }>;
}): Promise<CapacityBackend> {
  const sim = await startSimulator({
    ...options.simulator,
    scenario: options.scenario,
  });
  const logger = recordingLogger();
  let extraLocation: string | undefined;
  if (options.extraEntities) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-ip-capacity-'));
    extraLocation = path.join(dir, 'extra-entities.yaml');
    fs.writeFileSync(extraLocation, options.extraEntities);
  }
  options.prepare?.(sim);
  const caData = Buffer.from(sim.caCert).toString('base64');
  const credentials = sim.credentials[0];
  // The AWS SDK honours per-service endpoint variables: integration-aws-node's
  // STS calls (AssumeRole) go to the simulator without any code of ours.
  process.env.AWS_ENDPOINT_URL_STS = sim.awsEndpoint;

  const config = {
    ...options.config,
    // Plugins that link to the app (notifications) need its address.
    app: { baseUrl: 'http://localhost:3000' },
    aws: {
      mainAccount: options.mainAccount ?? {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
      },
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: sim.clusters.map(cluster => {
            const aws = options.awsAuth?.[cluster.name];
            return {
              name: cluster.name,
              url: cluster.url,
              caData,
              ...(aws
                ? {
                    authProvider: 'aws',
                    ...(aws.assumeRole
                      ? {
                          authMetadata: {
                            'kubernetes.io/aws-assume-role': aws.assumeRole,
                          },
                        }
                      : {}),
                  }
                : {
                    authProvider: 'serviceAccount',
                    serviceAccountToken: cluster.serviceAccountToken,
                  }),
            };
          }),
        },
      ],
    },
    catalog: options.withCatalog
      ? {
          rules: [
            { allow: ['Component', 'System', 'Resource', 'Group', 'User'] },
          ],
          locations: [
            ...['org.yaml', 'entities.yaml'].map(file => ({
              type: 'file',
              target: path.join(EXAMPLES, file),
            })),
            ...(extraLocation ? [{ type: 'file', target: extraLocation }] : []),
          ],
        }
      : undefined,
    podIpCapacity: mergeSections(
      {
        // Refreshes run when the test says so, not on the scheduler's
        // clock, and as often as it says so.
        refresh: { frequency: { hours: 1 }, cooldown: { seconds: 0 } },
        aws: { endpoint: sim.awsEndpoint, maxAttempts: 6 },
      },
      options.podIpCapacity ?? {},
    ),
  };

  const backend = await startTestBackend({
    features: [
      kubernetesPlugin,
      ...(options.withCatalog ? [catalogPlugin] : []),
      podIpCapacityPlugin,
      mockServices.rootConfig.factory({
        data: JSON.parse(JSON.stringify(config)),
      }),
      logger.factory,
      ...(options.services ?? []),
      ...(options.features ?? []),
    ],
  });

  return {
    sim,
    server: backend.server,
    logs: logger.lines,
    async refresh({ timeoutMs = 10_000 } = {}) {
      const response = await request(backend.server)
        .post('/api/pod-ip-capacity/refresh')
        .send({});
      if (response.status !== 202) {
        throw new Error(`refresh: HTTP ${response.status} ${response.text}`);
      }
      // The refresh goes on after the 202: wait until no cluster is refreshing.
      for (let i = 0; i < timeoutMs / 50; i++) {
        await new Promise(resolve => setTimeout(resolve, 50));
        const list = await request(backend.server).get(
          '/api/pod-ip-capacity/clusters',
        );
        const clusters = list.body.clusters ?? [];
        if (
          clusters.length > 0 &&
          clusters.every(
            (c: any) =>
              !c.snapshot.refreshing && c.snapshot.status !== 'pending',
          )
        ) {
          return;
        }
      }
      throw new Error(`refresh did not finish within ${timeoutMs} ms`);
    },
    async waitForEntity(kind: string, name: string) {
      for (let i = 0; i < 300; i++) {
        const response = await request(backend.server).get(
          `/api/catalog/entities/by-name/${kind}/default/${name}`,
        );
        if (response.status === 200) return;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      throw new Error(`the catalog did not process ${kind}:${name} in 30 s`);
    },
    async stop() {
      await backend.stop();
      await sim.stop();
      delete process.env.AWS_ENDPOINT_URL_STS;
      if (extraLocation) {
        fs.rmSync(path.dirname(extraLocation), {
          recursive: true,
          force: true,
        });
      }
    },
  };
}
