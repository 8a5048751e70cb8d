-- AlterTable
ALTER TABLE "MergeRequest" ADD COLUMN "observedAt" DATETIME;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "observedAt" DATETIME;
