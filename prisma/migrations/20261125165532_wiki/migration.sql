-- CreateTable
CREATE TABLE "WikiPage" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "updated" DATETIME NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "rawXml" TEXT NOT NULL,
    CONSTRAINT "WikiPage_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WikiRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "updated" DATETIME NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "renamedFrom" TEXT NOT NULL DEFAULT '',
    "movedTo" TEXT NOT NULL DEFAULT '',
    "flagged" TEXT NOT NULL DEFAULT '',
    "rawXml" TEXT NOT NULL,
    CONSTRAINT "WikiRevision_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "WikiPage_projectId_slug_key" ON "WikiPage"("projectId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "WikiRevision_projectId_slug_revision_key" ON "WikiRevision"("projectId", "slug", "revision");
