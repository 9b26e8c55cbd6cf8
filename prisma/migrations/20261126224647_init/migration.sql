-- CreateTable
CREATE TABLE "Connection" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "regionKey" TEXT NOT NULL,
    "driver" TEXT NOT NULL DEFAULT 'sim',
    "credential" TEXT NOT NULL DEFAULT 'default',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verifiedAt" DATETIME,
    "verifyOk" BOOLEAN,
    "verifyMessage" TEXT
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "SimResource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "regionKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '{}',
    "data" TEXT NOT NULL DEFAULT '{}',
    "vcpu" INTEGER NOT NULL DEFAULT 0,
    "subnetId" TEXT,
    "privateIp" TEXT,
    "publicIp" TEXT,
    "clientToken" TEXT,
    "pendingOp" TEXT,
    "opOutcome" TEXT,
    "opDoneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Connection_regionKey_idx" ON "Connection"("regionKey");

-- CreateIndex
CREATE UNIQUE INDEX "SimResource_publicIp_key" ON "SimResource"("publicIp");

-- CreateIndex
CREATE INDEX "SimResource_account_regionKey_kind_idx" ON "SimResource"("account", "regionKey", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "SimResource_subnetId_privateIp_key" ON "SimResource"("subnetId", "privateIp");

-- CreateIndex
CREATE UNIQUE INDEX "SimResource_account_regionKey_kind_clientToken_key" ON "SimResource"("account", "regionKey", "kind", "clientToken");
