-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MergeRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "publisher" TEXT NOT NULL DEFAULT '',
    "authorJid" TEXT NOT NULL DEFAULT '',
    "firstPublisher" TEXT NOT NULL DEFAULT '',
    "flaggedBy" TEXT NOT NULL DEFAULT '',
    "versionSeenAt" DATETIME,
    "observedAt" DATETIME,
    "author" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "labels" TEXT NOT NULL DEFAULT '[]',
    "reviewers" TEXT NOT NULL DEFAULT '[]',
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
    "number" INTEGER,
    "linesAdded" INTEGER NOT NULL DEFAULT 0,
    "linesRemoved" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "MergeRequest_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MergeRequest" ("author", "authorJid", "bodyHtml", "bodyMarkdown", "commentCount", "commentsUri", "created", "firstPublisher", "flaggedBy", "id", "itemId", "labels", "linesAdded", "linesRemoved", "mergedRevisions", "node", "number", "observedAt", "patch", "projectId", "publisher", "rawXml", "revision", "scm", "service", "sourceRef", "sourceUrl", "status", "targetBranch", "title", "updated", "versionSeenAt") SELECT "author", "authorJid", "bodyHtml", "bodyMarkdown", "commentCount", "commentsUri", "created", "firstPublisher", "flaggedBy", "id", "itemId", "labels", "linesAdded", "linesRemoved", "mergedRevisions", "node", "number", "observedAt", "patch", "projectId", "publisher", "rawXml", "revision", "scm", "service", "sourceRef", "sourceUrl", "status", "targetBranch", "title", "updated", "versionSeenAt" FROM "MergeRequest";
DROP TABLE "MergeRequest";
ALTER TABLE "new_MergeRequest" RENAME TO "MergeRequest";
CREATE INDEX "MergeRequest_projectId_status_idx" ON "MergeRequest"("projectId", "status");
CREATE INDEX "MergeRequest_service_node_number_idx" ON "MergeRequest"("service", "node", "number");
CREATE INDEX "MergeRequest_projectId_updated_idx" ON "MergeRequest"("projectId", "updated");
CREATE INDEX "MergeRequest_authorJid_updated_idx" ON "MergeRequest"("authorJid", "updated");
CREATE UNIQUE INDEX "MergeRequest_service_node_itemId_key" ON "MergeRequest"("service", "node", "itemId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
