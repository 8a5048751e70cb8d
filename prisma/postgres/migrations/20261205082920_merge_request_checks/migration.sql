-- CreateTable
CREATE TABLE "MergeRequestCheck" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "mergeRequestId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "url" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL DEFAULT '',
    "publisher" TEXT NOT NULL DEFAULT '',
    "updated" TIMESTAMP(3) NOT NULL,
    "rawXml" TEXT NOT NULL,

    CONSTRAINT "MergeRequestCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MergeRequestCheck_projectId_idx" ON "MergeRequestCheck"("projectId");

-- CreateIndex
CREATE INDEX "MergeRequestCheck_mergeRequestId_revision_idx" ON "MergeRequestCheck"("mergeRequestId", "revision");

-- AddForeignKey
ALTER TABLE "MergeRequestCheck" ADD CONSTRAINT "MergeRequestCheck_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
