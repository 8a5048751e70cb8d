// Test-only: a fresh cache for one test file, migrated as `npm run db:migrate` does, on the
// provider of the run (lib/cache/testing/test-database.ts), and shared through getDb() as the
// app shares it. Call at the top of a describe block.
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/cache/testing/test-database";

export function useMigratedCache(): void {
  let database: TestDatabase;
  let savedUrl: string | undefined;
  beforeAll(async () => {
    database = await createTestDatabase("prisma");
    savedUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
  }, 60_000);
  afterAll(async () => {
    const { closeDb } = await import("@/lib/cache/db");
    await closeDb();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
    await database?.drop();
  });
}
