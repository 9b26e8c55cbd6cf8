-- AlterTable
ALTER TABLE "Command" ADD COLUMN "cancelRequestedAt" DATETIME;
