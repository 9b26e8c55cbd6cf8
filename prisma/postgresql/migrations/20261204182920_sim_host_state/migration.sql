-- CreateTable
CREATE TABLE "SimHostState" (
    "vmId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SimHostState_pkey" PRIMARY KEY ("vmId")
);
