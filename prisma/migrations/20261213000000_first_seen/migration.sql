-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "firstSeenAt" DATETIME;

-- AlterTable
ALTER TABLE "MergeRequestRevision" ADD COLUMN "firstSeenAt" DATETIME;
