-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Connection" (
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "regionKey" TEXT NOT NULL,
    "driver" TEXT NOT NULL DEFAULT 'sim',
    "credential" TEXT NOT NULL DEFAULT 'default',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verifiedAt" TIMESTAMP(3),
    "verifyOk" BOOLEAN,
    "verifyMessage" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,

    CONSTRAINT "Connection_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "SshHost" (
    "id" TEXT NOT NULL,
    "connection" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 22,
    "name" TEXT NOT NULL,
    "vmId" TEXT,
    "clientToken" TEXT,
    "vmName" TEXT,
    "tags" TEXT NOT NULL DEFAULT '{}',
    "claim" TEXT NOT NULL DEFAULT '{}',
    "claimedAt" TIMESTAMP(3),
    "facts" TEXT,
    "factsAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SshHost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SshResource" (
    "id" TEXT NOT NULL,
    "connection" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '{}',
    "data" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SshResource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SimResource" (
    "id" TEXT NOT NULL,
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
    "opDoneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SimResource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Namespace" (
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "sshPublicKey" TEXT NOT NULL,
    "sshPrivateKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Namespace_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Credential" (
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "keys" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "namespace" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "SharedResource" (
    "id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "connection" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Pending',
    "vNetId" TEXT,
    "subnetId" TEXT,
    "securityGroupId" TEXT,
    "keyPairId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SharedResource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mci" (
    "id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "policy" TEXT NOT NULL DEFAULT 'continue',
    "targetAction" TEXT NOT NULL DEFAULT 'Create',
    "settled" BOOLEAN NOT NULL DEFAULT false,
    "deleting" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mci_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubGroup" (
    "id" TEXT NOT NULL,
    "mciId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "connection" TEXT NOT NULL,
    "regionKey" TEXT NOT NULL,
    "specId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vm" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Vm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MciEvent" (
    "id" SERIAL NOT NULL,
    "mciId" TEXT NOT NULL,
    "vmId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL DEFAULT 'info',
    "message" TEXT NOT NULL,

    CONSTRAINT "MciEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkItem" (
    "key" TEXT NOT NULL,
    "connection" TEXT,
    "dueAt" DOUBLE PRECISION NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "generation" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "WorkItem_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "MetricSeries" (
    "id" SERIAL NOT NULL,
    "vmId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "MetricSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricCursor" (
    "vmId" TEXT NOT NULL,
    "until" BIGINT NOT NULL,

    CONSTRAINT "MetricCursor_pkey" PRIMARY KEY ("vmId")
);

-- CreateTable
CREATE TABLE "MetricCheckpoint" (
    "name" TEXT NOT NULL,
    "value" BIGINT NOT NULL,

    CONSTRAINT "MetricCheckpoint_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "agg" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "forSeconds" INTEGER NOT NULL,
    "windowSeconds" INTEGER NOT NULL DEFAULT 60,
    "scopeKind" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'warning',
    "webhookUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertState" (
    "ruleId" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "since" DOUBLE PRECISION NOT NULL,
    "value" DOUBLE PRECISION,
    "evaluatedAt" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "AlertState_pkey" PRIMARY KEY ("ruleId","vmId")
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" SERIAL NOT NULL,
    "ruleId" TEXT NOT NULL,
    "ruleName" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "mciId" TEXT,
    "namespace" TEXT,
    "state" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "value" DOUBLE PRECISION,
    "metric" TEXT NOT NULL,
    "agg" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "severity" TEXT NOT NULL,
    "webhookStatus" TEXT,

    CONSTRAINT "AlertEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "role" TEXT NOT NULL DEFAULT 'viewer',
    "namespaceRoles" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "refreshTokenExpiresAt" TIMESTAMP(3),
    "scope" TEXT,
    "password" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actorId" TEXT,
    "role" TEXT NOT NULL,
    "tokenId" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "source" TEXT,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HostKey" (
    "hostId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "pinnedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HostKey_pkey" PRIMARY KEY ("hostId")
);

-- CreateTable
CREATE TABLE "Command" (
    "id" TEXT NOT NULL,
    "mciId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "subGroup" TEXT,
    "vmIds" TEXT,
    "timeoutSeconds" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Command_pkey" PRIMARY KEY ("id")
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
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "CommandVm_pkey" PRIMARY KEY ("commandId","vmId")
);

-- CreateTable
CREATE TABLE "AppInstall" (
    "id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "mciId" TEXT NOT NULL,
    "app" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "subGroup" TEXT,
    "status" TEXT NOT NULL DEFAULT 'installing',
    "stepIndex" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "AppInstall_pkey" PRIMARY KEY ("id")
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
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppInstallVm_pkey" PRIMARY KEY ("installId","vmId")
);

-- CreateIndex
CREATE INDEX "Connection_regionKey_idx" ON "Connection"("regionKey");

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

-- CreateIndex
CREATE UNIQUE INDEX "SimResource_publicIp_key" ON "SimResource"("publicIp");

-- CreateIndex
CREATE INDEX "SimResource_account_regionKey_kind_idx" ON "SimResource"("account", "regionKey", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "SimResource_subnetId_privateIp_key" ON "SimResource"("subnetId", "privateIp");

-- CreateIndex
CREATE UNIQUE INDEX "SimResource_account_regionKey_kind_clientToken_key" ON "SimResource"("account", "regionKey", "kind", "clientToken");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_namespace_key" ON "Credential"("namespace");

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

-- CreateIndex
CREATE UNIQUE INDEX "MetricSeries_vmId_metric_source_key" ON "MetricSeries"("vmId", "metric", "source");

-- CreateIndex
CREATE INDEX "AlertEvent_ruleId_id_idx" ON "AlertEvent"("ruleId", "id");

-- CreateIndex
CREATE INDEX "AlertEvent_mciId_id_idx" ON "AlertEvent"("mciId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_token_key" ON "Session"("token");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE INDEX "Verification_identifier_idx" ON "Verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_hash_key" ON "ApiToken"("hash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_actor_id_idx" ON "AuditEntry"("actor", "id");

-- CreateIndex
CREATE INDEX "AuditEntry_action_id_idx" ON "AuditEntry"("action", "id");

-- CreateIndex
CREATE INDEX "Command_mciId_createdAt_idx" ON "Command"("mciId", "createdAt");

-- CreateIndex
CREATE INDEX "Command_status_idx" ON "Command"("status");

-- CreateIndex
CREATE INDEX "CommandVm_commandId_status_idx" ON "CommandVm"("commandId", "status");

-- CreateIndex
CREATE INDEX "AppInstall_mciId_app_createdAt_idx" ON "AppInstall"("mciId", "app", "createdAt");

-- CreateIndex
CREATE INDEX "AppInstall_status_idx" ON "AppInstall"("status");

-- AddForeignKey
ALTER TABLE "SshHost" ADD CONSTRAINT "SshHost_connection_fkey" FOREIGN KEY ("connection") REFERENCES "Connection"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubGroup" ADD CONSTRAINT "SubGroup_mciId_fkey" FOREIGN KEY ("mciId") REFERENCES "Mci"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vm" ADD CONSTRAINT "Vm_mciId_fkey" FOREIGN KEY ("mciId") REFERENCES "Mci"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vm" ADD CONSTRAINT "Vm_subGroupId_fkey" FOREIGN KEY ("subGroupId") REFERENCES "SubGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertState" ADD CONSTRAINT "AlertState_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AlertRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommandVm" ADD CONSTRAINT "CommandVm_commandId_fkey" FOREIGN KEY ("commandId") REFERENCES "Command"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppInstallVm" ADD CONSTRAINT "AppInstallVm_installId_fkey" FOREIGN KEY ("installId") REFERENCES "AppInstall"("id") ON DELETE CASCADE ON UPDATE CASCADE;
