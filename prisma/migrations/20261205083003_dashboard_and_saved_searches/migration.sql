-- CreateTable
CREATE TABLE "SavedSearch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerJid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SavedSearch_ownerJid_created_idx" ON "SavedSearch"("ownerJid", "created");

-- CreateIndex
CREATE INDEX "MergeRequest_projectId_updated_idx" ON "MergeRequest"("projectId", "updated");

-- CreateIndex
CREATE INDEX "MergeRequest_authorJid_updated_idx" ON "MergeRequest"("authorJid", "updated");

-- CreateIndex
CREATE INDEX "Ticket_authorJid_updated_idx" ON "Ticket"("authorJid", "updated");
