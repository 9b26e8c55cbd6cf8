import type { Liveness } from "@/lib/core/liveness";
import { ALERT_INTERVAL_MS, AlertEvaluator } from "./alert-evaluator";
import { COLLECT_INTERVAL_MS, Collector } from "./collector";
import type { MonitoringDeps } from "./deps";
import { Ticker } from "./ticker";

const ROLLUP_INTERVAL_MS = 30_000;
const SWEEP_INTERVAL_MS = 5 * 60_000;

export interface Monitoring {
  deps: MonitoringDeps;
  collector: Collector;
  evaluator: AlertEvaluator;
  /** Starts the background jobs: collector, alert evaluator, rollups and retention sweeps. */
  start(): void;
  stop(): Promise<void>;
  /** The collector's loop, or null when collection is off (BARISTA_METRICS_COLLECT=off). */
  collectorLiveness(): Liveness | null;
}

/**
 * A job that runs only while this server leads (several servers share the database: an alert
 * must fire once, not once per server); a follower's turn does nothing.
 */
export function onlyOnLeader(leads: (() => boolean) | undefined) {
  return (job: () => Promise<unknown>) => (): Promise<unknown> => (!leads || leads() ? job() : Promise.resolve());
}

/** Wires monitoring's background jobs over its dependencies (the composition root supplies them). */
export function createMonitoring(deps: MonitoringDeps): Monitoring {
  const failures = new Map<string, number>();
  const collector = new Collector({
    metrics: deps.metrics,
    vms: deps.vms,
    clock: deps.clock,
    connectionConfig: deps.connectionConfig,
    driverFor: deps.driverFor,
    lookbackMs: deps.config.retention.rawMs,
    onError: (vmId, e) => {
      // A cloud that keeps failing is reported once every ten minutes per VM, not every 10 s.
      const now = deps.clock.now();
      if ((failures.get(vmId) ?? -Infinity) > now) return;
      failures.set(vmId, now + 10 * 60_000);
      console.error(`[barista] metrics of VM ${vmId} could not be pulled (retrying every 10 s):`, e instanceof Error ? e.message : e);
    },
  });
  const evaluator = new AlertEvaluator({ metrics: deps.metrics, vms: deps.vms, alerts: deps.alerts, clock: deps.clock, webhooks: deps.webhooks });
  const log = (what: string) => (e: unknown) => console.error(`[barista] ${what}:`, e);
  const once = onlyOnLeader(deps.leads);
  const collecting = deps.config.collect ? new Ticker(COLLECT_INTERVAL_MS, once(() => collector.tick()), log("metric collector")) : null;
  const tickers = [
    ...(collecting ? [collecting] : []),
    new Ticker(ALERT_INTERVAL_MS, once(() => evaluator.tick()), log("alert evaluator")),
    new Ticker(ROLLUP_INTERVAL_MS, once(() => deps.metrics.flushRollups(deps.clock.now())), log("metric rollups")),
    new Ticker(SWEEP_INTERVAL_MS, once(() => deps.metrics.sweep(deps.clock.now(), deps.config.retention)), log("metric retention sweep")),
  ];
  return {
    deps,
    collector,
    evaluator,
    start: () => tickers.forEach((t, i) => t.start(i === 0 ? 1_000 : undefined)),
    stop: async () => {
      await Promise.all(tickers.map((t) => t.stop()));
      await evaluator.idle();
    },
    collectorLiveness: () => collecting?.liveness() ?? null,
  };
}
