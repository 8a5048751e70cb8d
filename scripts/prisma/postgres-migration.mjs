#!/usr/bin/env node
// `npm run db:postgres-migration -- <name>`: after a model change in prisma/schema.prisma (and
// `npm run db:schemas`), writes PostgreSQL's next migration, the counterpart of the SQLite one
// `prisma migrate dev` made: prisma/postgres/migrations/<timestamp>_<name>/migration.sql, the
// diff from the existing PostgreSQL migrations to prisma/postgres/schema.prisma, without the
// drops of the trigram indexes that schema.prisma cannot express. Needs a PostgreSQL server:
// DATABASE_URL if it is a postgres:// URL, else the private one of scripts/postgres.sh.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { POSTGRES_ONLY, migrationsToSchemaScript, root, statements } from "./migrations-diff.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:postgres-migration -- <name in snake_case>");
  process.exit(1);
}

const pg = (...args) =>
  execFileSync("bash", [path.join(root, "scripts/postgres.sh"), ...args], { cwd: root })
    .toString()
    .trim();

/** The server to diff on, and whether this script started it (then it stops it again). */
function server() {
  if (process.env.DATABASE_URL?.startsWith("postgres")) {
    return { url: process.env.DATABASE_URL, started: false };
  }
  const running = pg("running") !== "";
  pg("start");
  pg("create-db", "pubforge_migrate");
  return { url: pg("url", "pubforge_migrate"), started: !running };
}

const { url, started } = server();
let script;
try {
  script = migrationsToSchemaScript(url, "prisma/postgres");
} finally {
  if (started) pg("stop");
}
const kept = script
  .split(/\n(?=-- )/)
  .filter((block) => !statements(block).every((statement) => POSTGRES_ONLY.test(statement)));
if (kept.length === 0) {
  console.log("prisma/postgres/migrations already make the schema: no migration written");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(root, "prisma/postgres/migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), kept.join("\n") + "\n");
console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
