-- CreateTable
CREATE TABLE "SavedSearch" (
    "id" TEXT NOT NULL,
    "ownerJid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedSearch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SavedSearch_ownerJid_created_idx" ON "SavedSearch"("ownerJid", "created");

-- CreateIndex
CREATE INDEX "MergeRequest_projectId_updated_idx" ON "MergeRequest"("projectId", "updated");

-- CreateIndex
CREATE INDEX "MergeRequest_authorJid_updated_idx" ON "MergeRequest"("authorJid", "updated");

-- CreateIndex
CREATE INDEX "Ticket_authorJid_updated_idx" ON "Ticket"("authorJid", "updated");
