-- Substring search (lib/cache/text-match.ts) on PostgreSQL: trigram GIN indexes serve LIKE and ILIKE
-- '%word%', which a B-tree cannot. Not expressible in the shared schema.prisma, so these
-- indexes exist only here: scripts/prisma/check-schemas.mjs expects `migrate diff` to see them
-- as the only difference between these migrations and the schema.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Ticket_searchText_trgm" ON "Ticket" USING GIN ("searchText" gin_trgm_ops);
CREATE INDEX "WikiPage_searchText_trgm" ON "WikiPage" USING GIN ("searchText" gin_trgm_ops);
CREATE INDEX "MergeRequest_title_trgm" ON "MergeRequest" USING GIN ("title" gin_trgm_ops);
CREATE INDEX "MergeRequest_bodyMarkdown_trgm" ON "MergeRequest" USING GIN ("bodyMarkdown" gin_trgm_ops);
