-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "anchorFile" TEXT;
ALTER TABLE "Comment" ADD COLUMN "anchorLine" INTEGER;
ALTER TABLE "Comment" ADD COLUMN "anchorRevision" INTEGER;
ALTER TABLE "Comment" ADD COLUMN "anchorSide" TEXT;

-- CreateTable
CREATE TABLE "MergeRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "publisher" TEXT NOT NULL DEFAULT '',
    "author" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "labels" TEXT NOT NULL DEFAULT '[]',
    "scm" TEXT NOT NULL DEFAULT 'git',
    "bodyMarkdown" TEXT NOT NULL DEFAULT '',
    "bodyHtml" TEXT NOT NULL DEFAULT '',
    "commentsUri" TEXT NOT NULL DEFAULT '',
    "commentCount" INTEGER NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "sourceUrl" TEXT NOT NULL DEFAULT '',
    "sourceRef" TEXT NOT NULL DEFAULT '',
    "targetBranch" TEXT NOT NULL DEFAULT '',
    "mergedRevisions" TEXT NOT NULL DEFAULT '[]',
    "patch" TEXT NOT NULL DEFAULT '',
    "created" DATETIME NOT NULL,
    "updated" DATETIME NOT NULL,
    "rawXml" TEXT NOT NULL,
    CONSTRAINT "MergeRequest_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MergeRequestRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mergeRequestId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "patch" TEXT NOT NULL,
    "publisher" TEXT NOT NULL DEFAULT '',
    "created" DATETIME NOT NULL,
    "rawXml" TEXT NOT NULL,
    CONSTRAINT "MergeRequestRevision_mergeRequestId_fkey" FOREIGN KEY ("mergeRequestId") REFERENCES "MergeRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "MergeRequest_projectId_status_idx" ON "MergeRequest"("projectId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "MergeRequest_service_node_itemId_key" ON "MergeRequest"("service", "node", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "MergeRequestRevision_mergeRequestId_revision_key" ON "MergeRequestRevision"("mergeRequestId", "revision");
