-- Review integrity: who first published each ticket and merge request (as the service reported
-- it), whether the current version is flagged, and the versions it replaced.
ALTER TABLE "Ticket" ADD COLUMN "firstPublisher" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Ticket" ADD COLUMN "flaggedBy" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Ticket" ADD COLUMN "versionSeenAt" DATETIME;
ALTER TABLE "MergeRequest" ADD COLUMN "firstPublisher" TEXT NOT NULL DEFAULT '';
ALTER TABLE "MergeRequest" ADD COLUMN "flaggedBy" TEXT NOT NULL DEFAULT '';
ALTER TABLE "MergeRequest" ADD COLUMN "versionSeenAt" DATETIME;
ALTER TABLE "MergeRequestRevision" ADD COLUMN "flaggedBy" TEXT NOT NULL DEFAULT '';
-- Rows cached before knew only the latest publisher: the best guess until the cache is rebuilt.
UPDATE "Ticket" SET "firstPublisher" = "publisher";
UPDATE "MergeRequest" SET "firstPublisher" = "publisher";

-- CreateTable
CREATE TABLE "TrackerItemVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemKey" TEXT NOT NULL,
    "publisher" TEXT NOT NULL DEFAULT '',
    "trusted" BOOLEAN NOT NULL,
    "seenAt" DATETIME NOT NULL,
    "replacedAt" DATETIME NOT NULL,
    "rawXml" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "TrackerItemVersion_itemKey_idx" ON "TrackerItemVersion"("itemKey");
