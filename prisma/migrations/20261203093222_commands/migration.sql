-- CreateTable
CREATE TABLE "Command" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mciId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "subGroup" TEXT,
    "vmIds" TEXT,
    "timeoutSeconds" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "endedAt" DATETIME
);

-- CreateTable
CREATE TABLE "CommandVm" (
    "commandId" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "vmName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "exitCode" INTEGER,
    "stdout" TEXT NOT NULL DEFAULT '',
    "stderr" TEXT NOT NULL DEFAULT '',
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "message" TEXT,
    "startedAt" DATETIME,
    "endedAt" DATETIME,

    PRIMARY KEY ("commandId", "vmId"),
    CONSTRAINT "CommandVm_commandId_fkey" FOREIGN KEY ("commandId") REFERENCES "Command" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Command_mciId_createdAt_idx" ON "Command"("mciId", "createdAt");

-- CreateIndex
CREATE INDEX "Command_status_idx" ON "Command"("status");

-- CreateIndex
CREATE INDEX "CommandVm_commandId_status_idx" ON "CommandVm"("commandId", "status");
