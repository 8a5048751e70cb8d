// Test-only: a fresh cache database for one test file, with the schema the migrations make, on
// the provider of the run (lib/cache/testing/test-database.ts).
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/lib/cache/db";
import { createTestDatabase, type TestDatabase } from "@/lib/cache/testing/test-database";

/**
 * Points DATABASE_URL at a new database for the tests of the calling file. The migrations' SQL
 * is run directly (that `prisma migrate deploy` applies them is tested in lib/cache/db.test.ts).
 */
export function useCacheDatabase(): void {
  let database: TestDatabase;
  let savedUrl: string | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    savedUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
  }, 60_000);

  afterAll(async () => {
    await closeDb();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
    await database?.drop();
  });
}
