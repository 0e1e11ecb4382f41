import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// Prometheus metrics of this instance. Labels are provider ids, model names, statuses and error codes: never a key,
// a prompt or anything a user typed.

type Metrics = {
  registry: Registry;
  runsInFlight: Gauge;
  events: Counter;
  runs: Counter;
  upstreamErrors: Counter;
  streamSeconds: Histogram;
  firstEventSeconds: Histogram;
  requests: Counter;
};

type GlobalWithMetrics = typeof globalThis & { __arborMetrics?: Metrics };

/** The metrics of this process (created once, kept across a dev server's module reloads). */
export function metrics(): Metrics {
  const g = globalThis as GlobalWithMetrics;
  if (g.__arborMetrics) return g.__arborMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "arbor_process_" });
  const seconds = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
  g.__arborMetrics = {
    registry,
    runsInFlight: new Gauge({ name: "arbor_runs_in_flight", help: "Nodes this instance is running now.", registers: [registry] }),
    events: new Counter({ name: "arbor_stream_events_total", help: "Provider stream events forwarded and saved.", labelNames: ["provider"], registers: [registry] }),
    runs: new Counter({ name: "arbor_runs_total", help: "Node runs ended, by outcome.", labelNames: ["provider", "status"], registers: [registry] }),
    upstreamErrors: new Counter({ name: "arbor_upstream_errors_total", help: "Provider failures, by error code.", labelNames: ["provider", "code"], registers: [registry] }),
    streamSeconds: new Histogram({ name: "arbor_stream_duration_seconds", help: "From the call to the provider to the saved outcome.", labelNames: ["provider"], buckets: seconds, registers: [registry] }),
    firstEventSeconds: new Histogram({ name: "arbor_first_token_seconds", help: "From the call to the provider to its first generated token.", labelNames: ["provider"], buckets: seconds, registers: [registry] }),
    requests: new Counter({ name: "arbor_http_requests_total", help: "API requests answered, by method and status.", labelNames: ["method", "status"], registers: [registry] }),
  };
  return g.__arborMetrics;
}
