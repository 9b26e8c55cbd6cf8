-- AlterTable
ALTER TABLE "AppInstall" ADD COLUMN "owner" TEXT;

-- AlterTable
ALTER TABLE "Command" ADD COLUMN "owner" TEXT;

-- AlterTable
ALTER TABLE "WorkItem" ADD COLUMN "leaseUntil" REAL;
ALTER TABLE "WorkItem" ADD COLUMN "owner" TEXT;

-- CreateTable
CREATE TABLE "ServerNode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" REAL NOT NULL,
    "seenAt" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "until" REAL NOT NULL
);

-- CreateIndex
CREATE INDEX "ServerNode_seenAt_idx" ON "ServerNode"("seenAt");
