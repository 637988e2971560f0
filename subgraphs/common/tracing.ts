import type { IncomingMessage } from 'node:http';
import { EnvReader } from './env';

/** Probes and scrapes every few seconds would drown the traces worth reading. */
const UNTRACED_PATHS = new Set(['/livez', '/readyz', '/metrics']);

export interface Tracing {
  /** Sends the spans not yet exported; call before the process exits. */
  shutdown(): Promise<void>;
}

/**
 * Whether OpenTelemetry traces are wanted, and the service's name on them: an OTLP endpoint or a
 * trace exporter named in the standard variables, and the SDK not disabled. Off by default
 * (`npm start`, tests). The SDK reads the other OTEL_* variables itself.
 */
export function readTracingConfig(service: string, source: NodeJS.ProcessEnv = process.env): { enabled: boolean; serviceName: string } {
  const env = new EnvReader(source);
  const endpoint = env.url('OTEL_EXPORTER_OTLP_ENDPOINT', ['http', 'https']) ?? env.url('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', ['http', 'https']);
  const exporter = env.string('OTEL_TRACES_EXPORTER');
  const disabled = env.boolean('OTEL_SDK_DISABLED', false);
  const serviceName = env.string('OTEL_SERVICE_NAME', service);
  env.done();
  return { enabled: !disabled && exporter !== 'none' && (endpoint !== undefined || exporter !== undefined), serviceName };
}

/**
 * Starts OpenTelemetry's Node SDK for `service` when configured: W3C trace context in and out,
 * spans for incoming and outgoing HTTP (node:http and fetch/undici, which the gateway uses for
 * subgraphs) and MySQL statements (mysql2), plus the spans @apollo/gateway emits for planning and
 * fetching. Everything else (exporter, protocol, sampler, resource attributes) comes from the
 * standard OTEL_* variables the SDK reads itself. Metrics and logs stay with Prometheus and pino.
 * Call it before the service is built, so the instrumented modules are patched when first used.
 */
export function startTracing(service: string, source: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  const { enabled, serviceName } = readTracingConfig(service, source);
  if (!enabled) return undefined;
  // Loaded only when tracing is on: the SDK and its exporters cost seconds and tens of MB at start.
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { MySQL2Instrumentation } = require('@opentelemetry/instrumentation-mysql2') as typeof import('@opentelemetry/instrumentation-mysql2');
  const sdk = new NodeSDK({
    serviceName,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.has((request.url ?? '/').split('?')[0]),
      }),
      new UndiciInstrumentation(),
      new MySQL2Instrumentation(),
    ],
  });
  sdk.start();
  // The instrumentations patch a module when it is required (require-in-the-middle); node:http is
  // already loaded by the time a service starts, so require it again to have it patched now.
  require('node:http');
  require('node:https');
  return { shutdown: () => sdk.shutdown() };
}
