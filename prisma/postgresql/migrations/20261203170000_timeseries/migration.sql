-- Written by hand: Prisma cannot describe partitioned tables, so the models marked @timeseries in
-- prisma/schema.prisma are left out of the derived schema and made here.
--
-- Raw samples and rollups are partitioned by range of "ts" (epoch milliseconds). The metric store
-- (lib/store/metric-partitions.ts) makes the partitions ahead of time and on demand, and retention
-- drops whole partitions instead of deleting rows:
--   "MetricSample"        one partition per UTC day     ("MetricSample_p20261120")
--   "MetricRollup_60"     one partition per UTC day     ("MetricRollup_60_p20261120")
--   "MetricRollup_3600"   one partition per UTC month   ("MetricRollup_3600_p202611")
-- Every read seeks one series by its primary key, so the b-tree serves them all; no BRIN needed.

CREATE TABLE "MetricSample" (
    "seriesId" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "MetricSample_pkey" PRIMARY KEY ("seriesId", "ts")
) PARTITION BY RANGE ("ts");

-- One list partition per resolution, each kept for its own time: a day of minutes can be dropped
-- while the hours of the same day stay for the year.
CREATE TABLE "MetricRollup" (
    "seriesId" INTEGER NOT NULL,
    "res" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,
    "lastTs" BIGINT NOT NULL,
    "touchedAt" BIGINT NOT NULL,
    CONSTRAINT "MetricRollup_pkey" PRIMARY KEY ("seriesId", "res", "ts")
) PARTITION BY LIST ("res");

CREATE TABLE "MetricRollup_60" PARTITION OF "MetricRollup" FOR VALUES IN (60) PARTITION BY RANGE ("ts");
CREATE TABLE "MetricRollup_3600" PARTITION OF "MetricRollup" FOR VALUES IN (3600) PARTITION BY RANGE ("ts");

-- The minutes written since the rollup job's last pass. SQLite finds them by the samples' insertion
-- order; on PostgreSQL a sequence's order is not commit order (a transaction that took an earlier
-- number may commit later), so every write marks its minutes here in its own transaction, and the
-- rollup job takes the marks it can lock.
CREATE TABLE "MetricDirty" (
    "seriesId" INTEGER NOT NULL,
    "minute" BIGINT NOT NULL,
    CONSTRAINT "MetricDirty_pkey" PRIMARY KEY ("seriesId", "minute")
);
