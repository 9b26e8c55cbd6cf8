-- CreateIndex
CREATE INDEX "MetricRollup_seriesId_res_ts_count_sum_min_max_last_lastTs_idx" ON "MetricRollup"("seriesId", "res", "ts", "count", "sum", "min", "max", "last", "lastTs");
