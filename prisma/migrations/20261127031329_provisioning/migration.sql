-- CreateTable
CREATE TABLE "Namespace" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "description" TEXT NOT NULL DEFAULT '',
    "sshPublicKey" TEXT NOT NULL,
    "sshPrivateKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SharedResource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "namespace" TEXT NOT NULL,
    "connection" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Pending',
    "vNetId" TEXT,
    "subnetId" TEXT,
    "securityGroupId" TEXT,
    "keyPairId" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Mci" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "policy" TEXT NOT NULL DEFAULT 'continue',
    "targetAction" TEXT NOT NULL DEFAULT 'Create',
    "settled" BOOLEAN NOT NULL DEFAULT false,
    "deleting" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SubGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mciId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "connection" TEXT NOT NULL,
    "regionKey" TEXT NOT NULL,
    "specId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SubGroup_mciId_fkey" FOREIGN KEY ("mciId") REFERENCES "Mci" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Vm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mciId" TEXT NOT NULL,
    "subGroupId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "connection" TEXT NOT NULL,
    "regionKey" TEXT NOT NULL,
    "specId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "desired" TEXT NOT NULL DEFAULT 'Running',
    "rebootWanted" INTEGER NOT NULL DEFAULT 0,
    "rebootDone" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'Creating',
    "statusReason" TEXT,
    "history" TEXT NOT NULL DEFAULT '[]',
    "cloudId" TEXT,
    "createAttempted" BOOLEAN NOT NULL DEFAULT false,
    "publicIp" TEXT,
    "privateIp" TEXT,
    "zone" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Vm_mciId_fkey" FOREIGN KEY ("mciId") REFERENCES "Mci" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Vm_subGroupId_fkey" FOREIGN KEY ("subGroupId") REFERENCES "SubGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MciEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "mciId" TEXT NOT NULL,
    "vmId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL DEFAULT 'info',
    "message" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "WorkItem" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "connection" TEXT,
    "dueAt" REAL NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "generation" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE UNIQUE INDEX "SharedResource_namespace_connection_key" ON "SharedResource"("namespace", "connection");

-- CreateIndex
CREATE UNIQUE INDEX "Mci_namespace_name_key" ON "Mci"("namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "SubGroup_mciId_name_key" ON "SubGroup"("mciId", "name");

-- CreateIndex
CREATE INDEX "Vm_mciId_idx" ON "Vm"("mciId");

-- CreateIndex
CREATE INDEX "Vm_connection_status_idx" ON "Vm"("connection", "status");

-- CreateIndex
CREATE INDEX "MciEvent_mciId_id_idx" ON "MciEvent"("mciId", "id");

-- CreateIndex
CREATE INDEX "WorkItem_dueAt_idx" ON "WorkItem"("dueAt");
