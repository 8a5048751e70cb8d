-- Moderation (lib/forge/moderation): blocked JIDs and domains, locked threads, as cached from
-- each project's forge/<slug>/moderation node.
-- CreateTable
CREATE TABLE "ModerationBlock" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "blockedBy" TEXT NOT NULL DEFAULT '',
    "blockedAt" DATETIME NOT NULL,
    "rawXml" TEXT NOT NULL,
    CONSTRAINT "ModerationBlock_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ThreadLock" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "threadService" TEXT NOT NULL,
    "threadNode" TEXT NOT NULL,
    "lockedBy" TEXT NOT NULL DEFAULT '',
    "lockedAt" DATETIME NOT NULL,
    "allowed" TEXT NOT NULL DEFAULT '[]',
    "kept" TEXT NOT NULL DEFAULT '[]',
    "rawXml" TEXT NOT NULL,
    CONSTRAINT "ThreadLock_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ModerationBlock_projectId_idx" ON "ModerationBlock"("projectId");

-- CreateIndex
CREATE INDEX "ThreadLock_projectId_idx" ON "ThreadLock"("projectId");

-- CreateIndex
CREATE INDEX "ThreadLock_threadService_threadNode_idx" ON "ThreadLock"("threadService", "threadNode");
