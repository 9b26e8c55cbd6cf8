-- CreateTable
CREATE TABLE "MciRollup" (
    "mciId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "res" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "sum" REAL NOT NULL,
    "count" INTEGER NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,
    "touchedAt" BIGINT NOT NULL,

    PRIMARY KEY ("mciId", "metric", "res", "ts")
);

-- CreateIndex
CREATE INDEX "MciRollup_mciId_metric_res_ts_sum_count_min_max_idx" ON "MciRollup"("mciId", "metric", "res", "ts", "sum", "count", "min", "max");
