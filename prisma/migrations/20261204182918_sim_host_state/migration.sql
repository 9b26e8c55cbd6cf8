-- CreateTable
CREATE TABLE "SimHostState" (
    "vmId" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
