-- CreateTable
CREATE TABLE "AppInstall" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "namespace" TEXT NOT NULL,
    "mciId" TEXT NOT NULL,
    "app" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "subGroup" TEXT,
    "status" TEXT NOT NULL DEFAULT 'installing',
    "stepIndex" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AppInstallVm" (
    "installId" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "vmName" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'installing',
    "step" TEXT NOT NULL DEFAULT '',
    "message" TEXT,
    "url" TEXT,
    "commandId" TEXT,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("installId", "vmId"),
    CONSTRAINT "AppInstallVm_installId_fkey" FOREIGN KEY ("installId") REFERENCES "AppInstall" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AppInstall_mciId_app_createdAt_idx" ON "AppInstall"("mciId", "app", "createdAt");

-- CreateIndex
CREATE INDEX "AppInstall_status_idx" ON "AppInstall"("status");
