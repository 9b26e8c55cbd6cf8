-- AlterTable
ALTER TABLE "Command" ADD COLUMN     "cancelRequestedAt" TIMESTAMP(3);
