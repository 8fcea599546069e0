import http from 'node:http';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import request from 'supertest';
import {
  CapacityBackend,
  PORTAL_DEMO_AUTH,
  startCapacityBackend,
} from './__testUtils__/startCapacityBackend';

jest.setTimeout(60_000);

/**
 * The metrics service as Backstage's default factory makes it (a meter of
 * the global OpenTelemetry meter provider, scoped to the plugin), for the
 * test backend, which mocks it by default.
 */
const otelMetricsService = createServiceFactory({
  service: metricsServiceRef,
  deps: {},
  factory: () => {
    const meter = metrics.getMeter('backstage-plugin-pod-ip-capacity');
    return {
      createCounter: (name, opts) => meter.createCounter(name, opts),
      createUpDownCounter: (name, opts) =>
        meter.createUpDownCounter(name, opts),
      createHistogram: (name, opts) => meter.createHistogram(name, opts),
      createGauge: (name, opts) => meter.createGauge(name, opts),
      createObservableCounter: (name, opts) =>
        meter.createObservableCounter(name, opts),
      createObservableUpDownCounter: (name, opts) =>
        meter.createObservableUpDownCounter(name, opts),
      createObservableGauge: (name, opts) =>
        meter.createObservableGauge(name, opts),
    };
  },
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text exposition format, samples only. */
function parsePrometheus(text: string): Sample[] {
  return text
    .split('\n')
    .filter(line => line && !line.startsWith('#'))
    .map(line => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line)!;
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(
        /(\w+)="((?:[^"\\]|\\.)*)"/g,
      )) {
        labels[key] = value;
      }
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

describe('capacity metrics in Prometheus format (portal-demo)', () => {
  let backend: CapacityBackend;
  let scrape: () => Promise<Sample[]>;
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({ readers: [exporter] });
  const metricsServer = http.createServer((req, res) =>
    exporter.getMetricsRequestHandler(req, res),
  );

  beforeAll(async () => {
    metrics.setGlobalMeterProvider(provider);
    backend = await startCapacityBackend({
      scenario: 'portal-demo',
      awsAuth: PORTAL_DEMO_AUTH,
      services: [otelMetricsService],
    });
    await backend.refresh();
    scrape = async () => {
      const response = await request(metricsServer).get('/metrics');
      expect(response.status).toBe(200);
      return parsePrometheus(response.text);
    };
  });

  afterAll(async () => {
    await backend?.stop();
    await provider.shutdown();
    metrics.disable();
  });

  it('gives every cluster and subnet figure the REST API gives, with bounded labels', async () => {
    const samples = await scrape();
    const value = (name: string, labels: Record<string, string>) => {
      const found = samples.filter(
        s =>
          s.name === name &&
          Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      );
      expect(found).toHaveLength(1);
      return found[0].value;
    };
    const { clusters } = (
      await request(backend.server).get('/api/pod-ip-capacity/clusters')
    ).body;
    expect(clusters.map((c: any) => c.name).sort()).toEqual([
      'eks-analytics',
      'eks-dev',
      'eks-prod',
    ]);
    let subnets = 0;
    for (const summary of clusters) {
      const c = { cluster: summary.name };
      const t = summary.totals;
      expect(value('pod_ip_capacity_cluster_held_ips', c)).toBe(t.heldIps);
      expect(value('pod_ip_capacity_cluster_used_ips', c)).toBe(t.usedIps);
      expect(value('pod_ip_capacity_cluster_idle_ips', c)).toBe(t.idleIps);
      expect(value('pod_ip_capacity_cluster_free_prefix_blocks', c)).toBe(
        t.freePrefixBlocks,
      );
      expect(value('pod_ip_capacity_cluster_available_ips', c)).toBe(
        t.subnetAvailable,
      );
      expect(value('pod_ip_capacity_cluster_collection_success', c)).toBe(
        ['ok', 'partial'].includes(summary.snapshot.status) ? 1 : 0,
      );
      expect(
        Math.abs(
          value('pod_ip_capacity_cluster_collection_age_seconds', c) -
            summary.snapshot.ageSeconds,
        ),
      ).toBeLessThanOrEqual(2);

      const detail = (
        await request(backend.server).get(
          `/api/pod-ip-capacity/clusters/${summary.name}`,
        )
      ).body;
      for (const s of detail.capacity.subnets) {
        const labels = {
          cluster: summary.name,
          subnet: s.subnetId,
          zone: s.availabilityZone,
        };
        subnets++;
        expect(value('pod_ip_capacity_subnet_free_prefix_blocks', labels)).toBe(
          s.freePrefixBlocks,
        );
        expect(value('pod_ip_capacity_subnet_available_ips', labels)).toBe(
          s.available,
        );
        expect(value('pod_ip_capacity_subnet_used_ips', labels)).toBe(s.used);
        expect(value('pod_ip_capacity_subnet_at_risk', labels)).toBe(
          s.atRisk ? 1 : 0,
        );
      }
    }
    expect(subnets).toBeGreaterThan(3);

    // The legacy subnet of DOMAIN.md's demo: 238 free addresses, one free /28.
    expect(
      value('pod_ip_capacity_subnet_free_prefix_blocks', {
        subnet: 'subnet-0511000000000c000',
      }),
    ).toBe(1);

    // Bounded labels: clusters, subnets, zones (and the meter's scope).
    const keys = new Set(
      samples
        .filter(s => s.name.startsWith('pod_ip_capacity_'))
        .flatMap(s => Object.keys(s.labels)),
    );
    for (const key of keys) {
      expect(['cluster', 'subnet', 'zone', 'quantity']).toContain(
        key.startsWith('otel_scope_') ? 'cluster' : key,
      );
    }
  });
});
