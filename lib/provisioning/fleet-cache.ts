import { createHash } from "node:crypto";
import { LATEST_WINDOW_MS, type MetricName } from "@/lib/core/metrics";
import type { FleetRows, MciRepository } from "@/lib/store/mci";
import type { MetricStore } from "@/lib/store/metrics";
import { aggregateFleet } from "./fleet";

/** What the fleet's view is read from; the server passes its repository, metric store and clock. */
export interface FleetSources {
  repo: Pick<MciRepository, "fleetVersion" | "fleetRows">;
  metrics: Pick<MetricStore, "latestValues">;
  now(): number;
}

export const FLEET_CPU_METRIC: MetricName = "cpu_utilization";
/** Metrics arrive every 10 s (the collector's pace); reading them more often shows nothing new. */
const CPU_TTL_MS = 10_000;
/**
 * While a 10,000-VM deployment writes a VM a millisecond, every poll would find a new version: the
 * rows are read again at most this often, so a hundred pollers cost one read a second, not a hundred.
 */
const ROWS_MIN_AGE_MS = 1_000;
/**
 * The version only counts this server's writes; other servers sharing the database write too
 * (their reconcilers deploy), so rows older than this are read again whatever the version says.
 */
const ROWS_MAX_AGE_MS = 3_000;
const MAX_VIEWS = 16;
/** Stamps restart at zero with the process; this keeps an old tag from matching a new view. */
const BOOT = Date.now().toString(36);

export interface CachedFleet {
  etag: string;
  json: string;
}

type Stamped<T> = { stamp: number; at: number; value: T };
type VersionedRows = Stamped<FleetRows> & { version: number; digest: string };

/**
 * The fleet's view as JSON for one caller, rebuilt only when an MCI was written since (at most once
 * a second) or the CPU values were read again (every 10 s); callers who may read the same
 * namespaces share one copy, and a poller that already has it gets its ETag back (304).
 */
export class FleetCache {
  private rows: VersionedRows | null = null;
  private rowsLoading: Promise<VersionedRows> | null = null;
  private cpu: Stamped<Map<string, number>> | null = null;
  private cpuLoading: Promise<Stamped<Map<string, number>>> | null = null;
  private readonly views = new Map<string, CachedFleet>();

  constructor(private readonly sources: FleetSources) {}

  async view(mayRead: (namespace: string) => boolean): Promise<CachedFleet> {
    const rows = await this.currentRows();
    const cpu = await this.currentCpu();
    const readable = [...new Set(rows.value.mcis.map((m) => m.namespace))].filter(mayRead).sort().join("\n");
    const key = `${rows.stamp}/${cpu.stamp}/${readable}`;
    const hit = this.views.get(key);
    if (hit) return hit;
    const allowed = new Set(readable ? readable.split("\n") : []);
    const json = JSON.stringify(aggregateFleet(rows.value, cpu.value, (ns) => allowed.has(ns)));
    const who = createHash("sha256").update(readable).digest("base64url").slice(0, 10);
    const view = { etag: `W/"fleet-${BOOT}-${rows.stamp}-${cpu.stamp}-${who}"`, json };
    this.views.set(key, view);
    if (this.views.size > MAX_VIEWS) this.views.delete(this.views.keys().next().value!);
    return view;
  }

  private async currentRows(): Promise<VersionedRows> {
    const version = this.sources.repo.fleetVersion();
    const now = this.sources.now();
    const rows = this.rows;
    if (rows && ((rows.version === version && now - rows.at < ROWS_MAX_AGE_MS) || now - rows.at < ROWS_MIN_AGE_MS)) return rows;
    // One read at a time, whoever asks while it runs waits for it.
    this.rowsLoading ??= (async () => {
      try {
        // The version is read before the rows: a write racing the read leaves the view one step stale, never wrong for good.
        const value = await this.sources.repo.fleetRows();
        // Rows read again unchanged keep their stamp, so the views built on them (and their ETags) stay.
        const digest = createHash("sha256").update(JSON.stringify(value)).digest("base64url");
        const stamp = this.rows && this.rows.digest === digest ? this.rows.stamp : (this.rows?.stamp ?? 0) + 1;
        return (this.rows = { stamp, version, digest, at: this.sources.now(), value });
      } finally {
        this.rowsLoading = null;
      }
    })();
    return this.rowsLoading;
  }

  private async currentCpu(): Promise<Stamped<Map<string, number>>> {
    const now = this.sources.now();
    if (this.cpu && now - this.cpu.at < CPU_TTL_MS) return this.cpu;
    // One read at a time, as for the rows.
    this.cpuLoading ??= (async () => {
      try {
        const value = await this.sources.metrics.latestValues(FLEET_CPU_METRIC, now - LATEST_WINDOW_MS);
        return (this.cpu = { stamp: (this.cpu?.stamp ?? 0) + 1, at: now, value });
      } finally {
        this.cpuLoading = null;
      }
    })();
    return this.cpuLoading;
  }
}
