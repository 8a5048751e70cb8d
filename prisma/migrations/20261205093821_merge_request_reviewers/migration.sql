-- AlterTable
ALTER TABLE "MergeRequest" ADD COLUMN "reviewers" TEXT NOT NULL DEFAULT '[]';
