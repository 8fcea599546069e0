/*
 * OpenTelemetry for the demo backend: a meter provider whose metrics
 * (Backstage's own and Pod IP Capacity's gauges, through the metrics
 * service) are served in Prometheus text format at
 * http://localhost:9464/metrics (PROMETHEUS_PORT to change it). Imported
 * first by index.ts: metrics need the provider set before plugins create
 * their instruments. See https://backstage.io/docs/tutorials/setup-opentelemetry
 */
import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

const port = Number(process.env.PROMETHEUS_PORT ?? 9464);

if (process.env.PROMETHEUS_PORT !== 'off') {
  const exporter = new PrometheusExporter({ port, host: '127.0.0.1' });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [exporter] }));
}
