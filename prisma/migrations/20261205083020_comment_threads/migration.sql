-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "replyTo" TEXT;
ALTER TABLE "Comment" ADD COLUMN "resolution" TEXT;

-- AlterTable
ALTER TABLE "MergeRequest" ADD COLUMN "unresolvedThreads" INTEGER NOT NULL DEFAULT 0;
