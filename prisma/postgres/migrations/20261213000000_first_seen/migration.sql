-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "firstSeenAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "MergeRequestRevision" ADD COLUMN     "firstSeenAt" TIMESTAMP(3);
