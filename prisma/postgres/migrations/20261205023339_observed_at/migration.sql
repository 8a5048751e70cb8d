-- AlterTable
ALTER TABLE "MergeRequest" ADD COLUMN     "observedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "observedAt" TIMESTAMP(3);
