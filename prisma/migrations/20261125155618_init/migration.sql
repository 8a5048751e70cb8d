-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "service" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "scm" TEXT NOT NULL DEFAULT 'git',
    "cloneUrl" TEXT NOT NULL DEFAULT '',
    "defaultBranch" TEXT NOT NULL DEFAULT 'main',
    "accessModel" TEXT NOT NULL DEFAULT 'open',
    "followed" BOOLEAN NOT NULL DEFAULT false,
    "rawXml" TEXT NOT NULL DEFAULT '',
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "publisher" TEXT NOT NULL DEFAULT '',
    "author" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "type" TEXT NOT NULL DEFAULT 'bug',
    "priority" TEXT NOT NULL DEFAULT 'normal',
    "labels" TEXT NOT NULL DEFAULT '[]',
    "assignees" TEXT NOT NULL DEFAULT '[]',
    "milestone" TEXT NOT NULL DEFAULT '',
    "bodyMarkdown" TEXT NOT NULL DEFAULT '',
    "bodyHtml" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL DEFAULT '',
    "commentsUri" TEXT NOT NULL DEFAULT '',
    "commentCount" INTEGER NOT NULL DEFAULT 0,
    "created" DATETIME NOT NULL,
    "updated" DATETIME NOT NULL,
    "rawXml" TEXT NOT NULL,
    CONSTRAINT "Ticket_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketLabel" (
    "ticketId" TEXT NOT NULL,
    "label" TEXT NOT NULL,

    PRIMARY KEY ("ticketId", "label"),
    CONSTRAINT "TicketLabel_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "service" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "publisher" TEXT NOT NULL DEFAULT '',
    "authorName" TEXT NOT NULL DEFAULT '',
    "contentMarkdown" TEXT NOT NULL DEFAULT '',
    "contentHtml" TEXT NOT NULL DEFAULT '',
    "published" DATETIME NOT NULL,
    "updated" DATETIME NOT NULL,
    "rawXml" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_service_slug_key" ON "Project"("service", "slug");

-- CreateIndex
CREATE INDEX "Ticket_projectId_status_idx" ON "Ticket"("projectId", "status");

-- CreateIndex
CREATE INDEX "Ticket_projectId_updated_idx" ON "Ticket"("projectId", "updated");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_service_node_itemId_key" ON "Ticket"("service", "node", "itemId");

-- CreateIndex
CREATE INDEX "TicketLabel_label_idx" ON "TicketLabel"("label");

-- CreateIndex
CREATE INDEX "Comment_service_node_published_idx" ON "Comment"("service", "node", "published");

-- CreateIndex
CREATE UNIQUE INDEX "Comment_service_node_itemId_key" ON "Comment"("service", "node", "itemId");
