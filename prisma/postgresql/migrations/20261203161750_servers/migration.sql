-- AlterTable
ALTER TABLE "WorkItem" ADD COLUMN     "leaseUntil" DOUBLE PRECISION,
ADD COLUMN     "owner" TEXT;

-- AlterTable
ALTER TABLE "Command" ADD COLUMN     "owner" TEXT;

-- AlterTable
ALTER TABLE "AppInstall" ADD COLUMN     "owner" TEXT;

-- CreateTable
CREATE TABLE "ServerNode" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DOUBLE PRECISION NOT NULL,
    "seenAt" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ServerNode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "ServerNode_seenAt_idx" ON "ServerNode"("seenAt");
