-- CreateTable
CREATE TABLE "MetricSeries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "vmId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "source" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "MetricSample" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seriesId" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "value" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "MetricRollup" (
    "seriesId" INTEGER NOT NULL,
    "res" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,
    "last" REAL NOT NULL,
    "lastTs" BIGINT NOT NULL,
    "touchedAt" BIGINT NOT NULL,

    PRIMARY KEY ("seriesId", "res", "ts")
);

-- CreateTable
CREATE TABLE "MetricCursor" (
    "vmId" TEXT NOT NULL PRIMARY KEY,
    "until" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "MetricCheckpoint" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "agg" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "threshold" REAL NOT NULL,
    "forSeconds" INTEGER NOT NULL,
    "windowSeconds" INTEGER NOT NULL DEFAULT 60,
    "scopeKind" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'warning',
    "webhookUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AlertState" (
    "ruleId" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "since" REAL NOT NULL,
    "value" REAL,
    "evaluatedAt" REAL NOT NULL,

    PRIMARY KEY ("ruleId", "vmId"),
    CONSTRAINT "AlertState_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AlertRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ruleId" TEXT NOT NULL,
    "ruleName" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "mciId" TEXT,
    "namespace" TEXT,
    "state" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "value" REAL,
    "metric" TEXT NOT NULL,
    "agg" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "threshold" REAL NOT NULL,
    "severity" TEXT NOT NULL,
    "webhookStatus" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "MetricSeries_vmId_metric_source_key" ON "MetricSeries"("vmId", "metric", "source");

-- CreateIndex
CREATE UNIQUE INDEX "MetricSample_seriesId_ts_key" ON "MetricSample"("seriesId", "ts");

-- CreateIndex
CREATE INDEX "AlertEvent_ruleId_id_idx" ON "AlertEvent"("ruleId", "id");

-- CreateIndex
CREATE INDEX "AlertEvent_mciId_id_idx" ON "AlertEvent"("mciId", "id");
