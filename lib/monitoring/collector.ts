import type { Clock } from "@/lib/core/clock";
import { isCloudError } from "@/lib/core/errors";
import type { CloudDriver, ConnectionConfig } from "@/lib/drivers/types";
import { METRIC_NAMES } from "@/lib/core/metrics";
import type { CollectedBatch, MetricStore } from "@/lib/store/metrics";
import type { MonitoredVm, MonitoredVmRepository } from "@/lib/store/monitored-vms";
import { alignDown } from "./rollup";

export const COLLECT_INTERVAL_MS = 10_000;
export const COLLECT_STEP_SECONDS = 10;
/** One pull asks for at most this much of a VM's past, so a long outage is caught up over a few ticks. */
const MAX_WINDOW_MS = 6 * 3_600_000;
/** A driver that cannot report metrics is asked again after this long. */
const UNSUPPORTED_RETRY_MS = 10 * 60_000;
const CONNECTIONS_IN_PARALLEL = 8;
/** Samples one tick pulls at most for VMs catching up (about 14,000 points per metric). */
const SAMPLES_PER_TICK = 100_000;
/** A window this short is a VM keeping up: it is pulled whatever the budget. */
const LIVE_WINDOW_MS = 5 * 60_000;
const VMS_PER_WRITE = 200;

/** Statuses in which a VM may have run since the last pull; a VM at rest is pulled once more after it changed. */
const MAYBE_RUNNING = new Set(["Running", "Rebooting", "Suspending", "Resuming", "Terminating", "Undefined"]);

export interface CollectorDeps {
  metrics: Pick<MetricStore, "cursors" | "writeCollected" | "dropCursors">;
  vms: Pick<MonitoredVmRepository, "list">;
  clock: Clock;
  connectionConfig(name: string): Promise<ConnectionConfig | null>;
  driverFor(connection: ConnectionConfig): CloudDriver;
  /** How far back a new or long-unseen VM is pulled (the raw retention). */
  lookbackMs: number;
  onError?(vmId: string, e: unknown): void;
}

export interface Pull {
  vm: MonitoredVm;
  from: number;
  /** Exclusive; the VM's cursor after the pull. */
  to: number;
}

export interface CollectReport {
  vms: number;
  samples: number;
  failed: number;
}

/**
 * Pulls every VM's metrics from its cloud's driver into the store. Each VM has a cursor (the end
 * of the last window pulled) written in the same transaction as the samples, so after a restart
 * the next pull starts exactly where the last one ended: no gap, no duplicate.
 */
export class Collector {
  private readonly unsupported = new Map<string, number>();
  /** `connection|metric` pairs a driver said it cannot give, until when they are skipped. */
  private readonly unsupportedMetrics = new Map<string, number>();

  constructor(private readonly deps: CollectorDeps) {}

  /** The VMs to pull now: those that may be running, and those that changed since their last pull. */
  static due(vms: MonitoredVm[], cursors: Map<string, number>): MonitoredVm[] {
    return vms.filter((v) => v.cloudId && (MAYBE_RUNNING.has(v.status) || (cursors.get(v.id) ?? -Infinity) <= v.updatedAt));
  }

  async tick(): Promise<CollectReport> {
    const { clock, metrics } = this.deps;
    const now = clock.now();
    const [vms, cursors] = await Promise.all([this.deps.vms.list(), metrics.cursors()]);
    const present = new Set(vms.map((v) => v.id));
    await metrics.dropCursors([...cursors.keys()].filter((id) => !present.has(id)));

    const byConnection = new Map<string, Pull[]>();
    for (const p of Collector.plan(Collector.due(vms, cursors), cursors, now, this.deps.lookbackMs)) byConnection.set(p.vm.connection, [...(byConnection.get(p.vm.connection) ?? []), p]);
    let failed = 0;
    let pulled = 0;
    let samples = 0;
    const queue = [...byConnection.entries()];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [name, list] = next;
        const r = await this.pullConnection(name, list, now);
        failed += r.failed;
        pulled += r.batches.length;
        // Written as soon as its connection answered: a slow cloud (hosts timing out, a throttled
        // API) holds back its own VMs' samples, not every other cloud's.
        for (let i = 0; i < r.batches.length; i += VMS_PER_WRITE) samples += await metrics.writeCollected(r.batches.slice(i, i + VMS_PER_WRITE));
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS_IN_PARALLEL }, worker));
    return { vms: pulled, samples, failed };
  }

  /**
   * The window each VM is pulled for now. VMs that are up to date (a window of a few ticks) always
   * come; VMs catching up after an outage share what is left of a per-tick sample budget, oldest
   * first, so a restart after a long stop neither stalls the server nor delays the live ones.
   */
  static plan(due: MonitoredVm[], cursors: Map<string, number>, now: number, lookbackMs: number): Pull[] {
    const step = COLLECT_STEP_SECONDS * 1000;
    const windows = due
      .map((vm) => {
        const from = Math.max(cursors.get(vm.id) ?? alignDown(vm.createdAt, step), now - lookbackMs);
        return { vm, from, to: Math.min(now + 1, from + MAX_WINDOW_MS) };
      })
      .filter((w) => w.to > w.from);
    const live = windows.filter((w) => w.to - w.from <= LIVE_WINDOW_MS);
    const behind = windows.filter((w) => w.to - w.from > LIVE_WINDOW_MS).sort((a, b) => a.from - b.from);
    const cost = (w: Pull) => Math.ceil((w.to - w.from) / step) * METRIC_NAMES.length;
    let budget = SAMPLES_PER_TICK - live.reduce((n, w) => n + cost(w), 0);
    const out: Pull[] = [...live];
    for (const w of behind) {
      if (cost(w) > budget) {
        const ticks = Math.floor(budget / METRIC_NAMES.length);
        if (ticks * step < LIVE_WINDOW_MS) break;
        w.to = w.from + ticks * step;
      }
      budget -= cost(w);
      out.push(w);
    }
    return out;
  }

  private async pullConnection(name: string, pulls: Pull[], now: number): Promise<{ batches: CollectedBatch[]; failed: number }> {
    const batches: CollectedBatch[] = [];
    if ((this.unsupported.get(name) ?? -Infinity) > now) return { batches, failed: 0 };
    const config = await this.deps.connectionConfig(name);
    if (!config) return { batches, failed: 0 };
    // One driver per connection and tick: a driver may keep what it read for all of a VM's metrics.
    const driver = this.deps.driverFor(config);
    // A cloud whose metrics arrive late is asked only for windows it holds complete (the cursor
    // never comes back), and one with a coarse period only for whole periods.
    const period = driver.metricPeriodMs ?? 0;
    const lagged = now + 1 - (driver.metricLagMs ?? 0);
    const ready = period > 0 ? alignDown(lagged, period) : lagged;
    let failed = 0;
    for (const pull of pulls) {
      const { vm, from } = pull;
      const to = Math.min(pull.to, ready);
      if (to <= from) continue;
      try {
        const samples: CollectedBatch["samples"] = [];
        let answered = 0;
        for (const metric of METRIC_NAMES) {
          const key = `${name}|${metric}`;
          if ((this.unsupportedMetrics.get(key) ?? -Infinity) > now) continue;
          try {
            const series = await driver.getMetrics(vm.cloudId!, { metric, fromMs: from, toMs: to, stepSeconds: COLLECT_STEP_SECONDS });
            for (const [ts, value] of series.points) if (ts >= from && ts < to) samples.push({ metric, ts, value });
            answered++;
          } catch (e) {
            // One metric the cloud cannot give (memory on EC2 without an agent) leaves the others flowing.
            if (!isCloudError(e) || e.code !== "NotSupported") throw e;
            this.unsupportedMetrics.set(key, now + UNSUPPORTED_RETRY_MS);
          }
        }
        // A driver that gives no metric at all is left alone for a while, its VMs' cursors unmoved.
        if (!answered) {
          this.unsupported.set(name, now + UNSUPPORTED_RETRY_MS);
          return { batches, failed };
        }
        batches.push({ vmId: vm.id, samples, until: to });
      } catch (e) {
        // The cloud no longer knows the VM: nothing more will come, so move past the window.
        if (isCloudError(e) && e.code === "NotFound") batches.push({ vmId: vm.id, samples: [], until: to });
        else {
          failed++;
          this.deps.onError?.(vm.id, e);
        }
      }
    }
    return { batches, failed };
  }
}
