// Test-only: a fresh, migrated cache database for one test file, on the provider the run asks
// for. PUBFORGE_TEST_DATABASE=postgres (scripts/test.sh's second unit run) makes each one a new
// database on the server of PUBFORGE_TEST_POSTGRES_URL; otherwise each is a new SQLite file.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface TestDatabase {
  url: string;
  /** Deletes it; disconnect every client first. */
  drop(): Promise<void>;
}

export function testProvider(): "sqlite" | "postgres" {
  return process.env.PUBFORGE_TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
}

function migrationScripts(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((migration) => path.join(dir, migration, "migration.sql"))
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, "utf8"));
}

/**
 * The migrations' SQL is run directly, in order: milliseconds, where `prisma migrate deploy`
 * takes seconds (that it applies them is tested by lib/cache/db.test.ts on SQLite and by every
 * e2e run, which migrates with it, on both providers).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  return testProvider() === "postgres" ? createPostgres() : createSqlite();
}

async function createSqlite(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pubforge-cache-"));
  const url = `file:${path.join(dir, "cache.db")}`;
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(path.join(dir, "cache.db"));
  for (const sql of migrationScripts(path.join(root, "prisma/migrations"))) db.exec(sql);
  db.close();
  return { url, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function createPostgres(): Promise<TestDatabase> {
  const server = process.env.PUBFORGE_TEST_POSTGRES_URL;
  if (!server) throw new Error("PUBFORGE_TEST_DATABASE=postgres needs PUBFORGE_TEST_POSTGRES_URL");
  const { Client } = await import("pg");
  const name = `pubforge_test_${crypto.randomBytes(6).toString("hex")}`;
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).href;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const db = new Client({ connectionString: url });
  await db.connect();
  for (const sql of migrationScripts(path.join(root, "prisma/postgres/migrations"))) {
    await db.query(sql);
  }
  await db.end();
  return {
    url,
    drop: async () => {
      const admin = new Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
