-- Short numbers (#12, !7) and the merge requests' line counts.
ALTER TABLE "Ticket" ADD COLUMN "number" INTEGER;
ALTER TABLE "MergeRequest" ADD COLUMN "number" INTEGER;
ALTER TABLE "MergeRequest" ADD COLUMN "linesAdded" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "MergeRequest" ADD COLUMN "linesRemoved" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Ticket_service_node_number_idx" ON "Ticket"("service", "node", "number");
CREATE INDEX "MergeRequest_service_node_number_idx" ON "MergeRequest"("service", "node", "number");
