-- CreateTable
CREATE TABLE "ItemReference" (
    "projectId" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "sourceKind" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "toKind" TEXT NOT NULL,
    "toNumber" INTEGER NOT NULL,

    CONSTRAINT "ItemReference_pkey" PRIMARY KEY ("fromId","toKind","toNumber")
);

-- CreateIndex
CREATE INDEX "ItemReference_projectId_toKind_toNumber_idx" ON "ItemReference"("projectId", "toKind", "toNumber");

-- AddForeignKey
ALTER TABLE "ItemReference" ADD CONSTRAINT "ItemReference_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
