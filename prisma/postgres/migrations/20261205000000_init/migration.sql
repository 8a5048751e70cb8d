-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "scm" TEXT NOT NULL DEFAULT 'git',
    "cloneUrl" TEXT NOT NULL DEFAULT '',
    "defaultBranch" TEXT NOT NULL DEFAULT 'main',
    "accessModel" TEXT NOT NULL DEFAULT 'open',
    "repositoryHost" TEXT NOT NULL DEFAULT '',
    "followed" BOOLEAN NOT NULL DEFAULT false,
    "mirrorService" TEXT NOT NULL DEFAULT '',
    "mirroredAt" TIMESTAMP(3),
    "openedAt" TIMESTAMP(3),
    "rawXml" TEXT NOT NULL DEFAULT '',
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "publisher" TEXT NOT NULL DEFAULT '',
    "authorJid" TEXT NOT NULL DEFAULT '',
    "firstPublisher" TEXT NOT NULL DEFAULT '',
    "flaggedBy" TEXT NOT NULL DEFAULT '',
    "versionSeenAt" TIMESTAMP(3),
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
    "created" TIMESTAMP(3) NOT NULL,
    "updated" TIMESTAMP(3) NOT NULL,
    "rawXml" TEXT NOT NULL,
    "number" INTEGER,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketLabel" (
    "ticketId" TEXT NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "TicketLabel_pkey" PRIMARY KEY ("ticketId","label")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "publisher" TEXT NOT NULL DEFAULT '',
    "authorName" TEXT NOT NULL DEFAULT '',
    "event" TEXT,
    "contentMarkdown" TEXT NOT NULL DEFAULT '',
    "contentHtml" TEXT NOT NULL DEFAULT '',
    "published" TIMESTAMP(3) NOT NULL,
    "updated" TIMESTAMP(3) NOT NULL,
    "rawXml" TEXT NOT NULL,
    "anchorFile" TEXT,
    "anchorSide" TEXT,
    "anchorLine" INTEGER,
    "anchorRevision" INTEGER,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MergeRequest" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "publisher" TEXT NOT NULL DEFAULT '',
    "authorJid" TEXT NOT NULL DEFAULT '',
    "firstPublisher" TEXT NOT NULL DEFAULT '',
    "flaggedBy" TEXT NOT NULL DEFAULT '',
    "versionSeenAt" TIMESTAMP(3),
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
    "created" TIMESTAMP(3) NOT NULL,
    "updated" TIMESTAMP(3) NOT NULL,
    "rawXml" TEXT NOT NULL,
    "number" INTEGER,
    "linesAdded" INTEGER NOT NULL DEFAULT 0,
    "linesRemoved" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MergeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MergeRequestRevision" (
    "id" TEXT NOT NULL,
    "mergeRequestId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "patch" TEXT NOT NULL,
    "publisher" TEXT NOT NULL DEFAULT '',
    "flaggedBy" TEXT NOT NULL DEFAULT '',
    "created" TIMESTAMP(3) NOT NULL,
    "rawXml" TEXT NOT NULL,

    CONSTRAINT "MergeRequestRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackerItemVersion" (
    "id" SERIAL NOT NULL,
    "itemKey" TEXT NOT NULL,
    "publisher" TEXT NOT NULL DEFAULT '',
    "trusted" BOOLEAN NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,
    "replacedAt" TIMESTAMP(3) NOT NULL,
    "rawXml" TEXT NOT NULL,

    CONSTRAINT "TrackerItemVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WikiPage" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "markdown" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "publisher" TEXT NOT NULL DEFAULT '',
    "authorName" TEXT NOT NULL DEFAULT '',
    "updated" TIMESTAMP(3) NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "rawXml" TEXT NOT NULL,

    CONSTRAINT "WikiPage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WikiRevision" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "markdown" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL DEFAULT '',
    "publisher" TEXT NOT NULL DEFAULT '',
    "authorJid" TEXT NOT NULL DEFAULT '',
    "updated" TIMESTAMP(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "renamedFrom" TEXT NOT NULL DEFAULT '',
    "movedTo" TEXT NOT NULL DEFAULT '',
    "flagged" TEXT NOT NULL DEFAULT '',
    "rawXml" TEXT NOT NULL,

    CONSTRAINT "WikiRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessToken" (
    "id" TEXT NOT NULL,
    "jid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "created" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsed" TIMESTAMP(3),

    CONSTRAINT "AccessToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModerationBlock" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "blockedBy" TEXT NOT NULL DEFAULT '',
    "blockedAt" TIMESTAMP(3) NOT NULL,
    "rawXml" TEXT NOT NULL,

    CONSTRAINT "ModerationBlock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThreadLock" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "threadService" TEXT NOT NULL,
    "threadNode" TEXT NOT NULL,
    "lockedBy" TEXT NOT NULL DEFAULT '',
    "lockedAt" TIMESTAMP(3) NOT NULL,
    "allowed" TEXT NOT NULL DEFAULT '[]',
    "kept" TEXT NOT NULL DEFAULT '[]',
    "rawXml" TEXT NOT NULL,

    CONSTRAINT "ThreadLock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_service_slug_key" ON "Project"("service", "slug");

-- CreateIndex
CREATE INDEX "Ticket_projectId_status_idx" ON "Ticket"("projectId", "status");

-- CreateIndex
CREATE INDEX "Ticket_projectId_updated_idx" ON "Ticket"("projectId", "updated");

-- CreateIndex
CREATE INDEX "Ticket_service_node_number_idx" ON "Ticket"("service", "node", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_service_node_itemId_key" ON "Ticket"("service", "node", "itemId");

-- CreateIndex
CREATE INDEX "TicketLabel_label_idx" ON "TicketLabel"("label");

-- CreateIndex
CREATE INDEX "Comment_service_node_published_idx" ON "Comment"("service", "node", "published");

-- CreateIndex
CREATE UNIQUE INDEX "Comment_service_node_itemId_key" ON "Comment"("service", "node", "itemId");

-- CreateIndex
CREATE INDEX "MergeRequest_projectId_status_idx" ON "MergeRequest"("projectId", "status");

-- CreateIndex
CREATE INDEX "MergeRequest_service_node_number_idx" ON "MergeRequest"("service", "node", "number");

-- CreateIndex
CREATE UNIQUE INDEX "MergeRequest_service_node_itemId_key" ON "MergeRequest"("service", "node", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "MergeRequestRevision_mergeRequestId_revision_key" ON "MergeRequestRevision"("mergeRequestId", "revision");

-- CreateIndex
CREATE INDEX "TrackerItemVersion_itemKey_idx" ON "TrackerItemVersion"("itemKey");

-- CreateIndex
CREATE UNIQUE INDEX "WikiPage_projectId_slug_key" ON "WikiPage"("projectId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "WikiRevision_projectId_slug_revision_key" ON "WikiRevision"("projectId", "slug", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "AccessToken_digest_key" ON "AccessToken"("digest");

-- CreateIndex
CREATE INDEX "AccessToken_jid_idx" ON "AccessToken"("jid");

-- CreateIndex
CREATE INDEX "ModerationBlock_projectId_idx" ON "ModerationBlock"("projectId");

-- CreateIndex
CREATE INDEX "ThreadLock_projectId_idx" ON "ThreadLock"("projectId");

-- CreateIndex
CREATE INDEX "ThreadLock_threadService_threadNode_idx" ON "ThreadLock"("threadService", "threadNode");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketLabel" ADD CONSTRAINT "TicketLabel_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MergeRequest" ADD CONSTRAINT "MergeRequest_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MergeRequestRevision" ADD CONSTRAINT "MergeRequestRevision_mergeRequestId_fkey" FOREIGN KEY ("mergeRequestId") REFERENCES "MergeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WikiPage" ADD CONSTRAINT "WikiPage_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WikiRevision" ADD CONSTRAINT "WikiRevision_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModerationBlock" ADD CONSTRAINT "ModerationBlock_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadLock" ADD CONSTRAINT "ThreadLock_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

