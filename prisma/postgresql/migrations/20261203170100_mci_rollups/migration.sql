-- Written by hand, as the timeseries migration before it: "MciRollup" (see prisma/schema.prisma) in
-- its partitioned form. One list partition per resolution, each partitioned by range of "ts" as the
-- VMs' rollups are: "MciRollup_60" one partition per UTC day, "MciRollup_3600" one per UTC month,
-- made by the metric store and dropped whole by its retention sweep.

CREATE TABLE "MciRollup" (
    "mciId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "res" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "touchedAt" BIGINT NOT NULL,
    CONSTRAINT "MciRollup_pkey" PRIMARY KEY ("mciId", "metric", "res", "ts")
) PARTITION BY LIST ("res");

CREATE TABLE "MciRollup_60" PARTITION OF "MciRollup" FOR VALUES IN (60) PARTITION BY RANGE ("ts");
CREATE TABLE "MciRollup_3600" PARTITION OF "MciRollup" FOR VALUES IN (3600) PARTITION BY RANGE ("ts");

-- The rollup pass takes the dirty marks oldest minute first, so that one pass covers a few minutes
-- of every VM (and so a few buckets of each MCI) rather than every minute of a few VMs: keyed by
-- minute first.
ALTER TABLE "MetricDirty" DROP CONSTRAINT "MetricDirty_pkey";
ALTER TABLE "MetricDirty" ADD CONSTRAINT "MetricDirty_pkey" PRIMARY KEY ("minute", "seriesId");
