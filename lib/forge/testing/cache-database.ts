// Test-only: a fresh SQLite cache file for one test file, with the schema the migrations make.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/lib/cache/db";

const MIGRATIONS = fileURLToPath(new URL("../../../prisma/migrations/", import.meta.url));

/**
 * Points DATABASE_URL at a new file for the tests of the calling file. The migrations' SQL is
 * run directly, in order: milliseconds, where `prisma migrate deploy` takes seconds (that it
 * applies them is tested in lib/cache/db.test.ts).
 */
export function useCacheDatabase(): void {
  let dir = "";
  let savedUrl: string | undefined;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pubforge-cache-"));
    const file = path.join(dir, "cache.db");
    const db = new Database(file);
    for (const migration of fs.readdirSync(MIGRATIONS).sort()) {
      const sql = path.join(MIGRATIONS, migration, "migration.sql");
      if (fs.existsSync(sql)) db.exec(fs.readFileSync(sql, "utf8"));
    }
    db.close();
    savedUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `file:${file}`;
  });

  afterAll(async () => {
    await closeDb();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
