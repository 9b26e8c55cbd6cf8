-- CreateTable
CREATE TABLE "HostKey" (
    "hostId" TEXT NOT NULL PRIMARY KEY,
    "fingerprint" TEXT NOT NULL,
    "pinnedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
