import type { MetricStore as Store } from "./metric-types";
import { PostgresMetricStore } from "./metrics-postgres";
import { SqliteMetricStore } from "./metrics-sqlite";

export { METRIC_SOURCES, type CollectedBatch, type MetricSource, type ReadQuery, type Retention, type SampleInput } from "./metric-types";
export type MetricStore = Store;

/** What databaseTarget() answers. */
type Target = { provider: "sqlite"; file: string } | { provider: "postgresql"; url: string };

const isPostgresUrl = (s: string) => /^postgres(ql)?:\/\//.test(s);

export const MetricStore = {
  /**
   * The metric store of a database: a SQLite file (a path or `file:` URL; the tables are reached
   * through better-sqlite3 directly) or PostgreSQL (a `postgresql://` URL, through a pool of its own).
   */
  open(target: string | Target): MetricStore {
    if (typeof target !== "string") return target.provider === "postgresql" ? new PostgresMetricStore(target.url) : SqliteMetricStore.open(target.file);
    if (isPostgresUrl(target)) return new PostgresMetricStore(target);
    return SqliteMetricStore.open(target.startsWith("file:") ? target.slice("file:".length) : target);
  },
};
