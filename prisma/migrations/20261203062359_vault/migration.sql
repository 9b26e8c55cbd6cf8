-- CreateTable
CREATE TABLE "Credential" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "keys" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "namespace" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Namespace" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "description" TEXT NOT NULL DEFAULT '',
    "sshPublicKey" TEXT NOT NULL,
    "sshPrivateKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Namespace" ("createdAt", "description", "name", "sshPrivateKey", "sshPublicKey") SELECT "createdAt", "description", "name", "sshPrivateKey", "sshPublicKey" FROM "Namespace";
DROP TABLE "Namespace";
ALTER TABLE "new_Namespace" RENAME TO "Namespace";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Credential_namespace_key" ON "Credential"("namespace");
