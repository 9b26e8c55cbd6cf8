-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "latitude" REAL;
ALTER TABLE "Connection" ADD COLUMN "longitude" REAL;

-- CreateTable
CREATE TABLE "SshHost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connection" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 22,
    "name" TEXT NOT NULL,
    "vmId" TEXT,
    "clientToken" TEXT,
    "vmName" TEXT,
    "tags" TEXT NOT NULL DEFAULT '{}',
    "claim" TEXT NOT NULL DEFAULT '{}',
    "claimedAt" DATETIME,
    "facts" TEXT,
    "factsAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SshHost_connection_fkey" FOREIGN KEY ("connection") REFERENCES "Connection" ("name") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SshResource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connection" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '{}',
    "data" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "SshHost_vmId_key" ON "SshHost"("vmId");

-- CreateIndex
CREATE INDEX "SshHost_connection_idx" ON "SshHost"("connection");

-- CreateIndex
CREATE UNIQUE INDEX "SshHost_connection_address_port_key" ON "SshHost"("connection", "address", "port");

-- CreateIndex
CREATE UNIQUE INDEX "SshHost_connection_clientToken_key" ON "SshHost"("connection", "clientToken");

-- CreateIndex
CREATE INDEX "SshResource_connection_kind_idx" ON "SshResource"("connection", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "SshResource_connection_kind_name_key" ON "SshResource"("connection", "kind", "name");
