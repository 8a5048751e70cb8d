import { databaseUrl, isPostgresUrl } from "./db";

type LikeFilter = { contains: string } | { startsWith: string } | { endsWith: string };

/**
 * A substring, prefix or suffix filter that ignores ASCII case on both providers, as SQLite's
 * LIKE does. PostgreSQL's LIKE is case-sensitive: there it becomes ILIKE (Prisma's insensitive
 * mode, which the SQLite client's types do not have), served by the trigram indexes of
 * prisma/postgres/migrations. ILIKE also folds non-ASCII letters, which SQLite's LIKE does not.
 */
export function like<F extends LikeFilter>(filter: F): F {
  return isPostgresUrl(databaseUrl()) ? { ...filter, mode: "insensitive" } : filter;
}
