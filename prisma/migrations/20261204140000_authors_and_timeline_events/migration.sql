-- Who filed a ticket or opened a merge request: the item's author_jid, else its first publisher.
ALTER TABLE "Ticket" ADD COLUMN "authorJid" TEXT NOT NULL DEFAULT '';
ALTER TABLE "MergeRequest" ADD COLUMN "authorJid" TEXT NOT NULL DEFAULT '';
-- Rows cached before knew only the latest publisher: the best guess until the cache is rebuilt.
UPDATE "Ticket" SET "authorJid" = "publisher";
UPDATE "MergeRequest" SET "authorJid" = "publisher";
-- The timeline event (urn:pubforge:event:0) an entry of a comments node records, as JSON.
ALTER TABLE "Comment" ADD COLUMN "event" TEXT;
