#!/usr/bin/env node
// `npm run lint:schemas`: fails when the two providers' schemas or migrations drift apart.
//  1. prisma/postgres/schema.prisma must be exactly what scripts/prisma/postgres-schema.mjs
//     makes of prisma/schema.prisma (same models, only the provider and client output differ).
//  2. Each migrations folder must reproduce its schema: `prisma migrate diff` from the
//     migrations to the schema is empty. For PostgreSQL the trigram indexes of its search
//     migration are the one allowed difference (they cannot be written in schema.prisma).
//     That diff needs a PostgreSQL server: PUBFORGE_CHECK_POSTGRES_URL (scripts/test.sh sets it);
//     without it this step is skipped, and says so.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { POSTGRES_ONLY, migrationsToSchemaScript, root, statements } from "./migrations-diff.mjs";

function fail(message) {
  console.error(`lint:schemas: ${message}`);
  process.exit(1);
}

function migrationsToSchemaDiff(url, dir) {
  try {
    return statements(migrationsToSchemaScript(url, dir));
  } catch (e) {
    // A migration that does not apply is drift too: say which, without Node's stack.
    fail(`prisma migrate diff of ${dir}/migrations failed:\n${e.stderr ?? e.message}`);
  }
}

try {
  const schemaCheck = [path.join(root, "scripts/prisma/postgres-schema.mjs"), "--check"];
  execFileSync(process.execPath, schemaCheck, { stdio: "inherit" });
} catch {
  process.exit(1);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pubforge-schemas-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
const sqlite = migrationsToSchemaDiff(`file:${path.join(tmp, "check.db")}`, "prisma");
if (sqlite.length > 0)
  fail(`prisma/migrations does not make prisma/schema.prisma; missing:\n${sqlite.join("\n")}`);

const postgresUrl = process.env.PUBFORGE_CHECK_POSTGRES_URL;
if (!postgresUrl) {
  console.log("lint:schemas: PostgreSQL migrations not checked (no PUBFORGE_CHECK_POSTGRES_URL)");
} else {
  const postgres = migrationsToSchemaDiff(postgresUrl, "prisma/postgres").filter(
    (statement) => !POSTGRES_ONLY.test(statement),
  );
  if (postgres.length > 0)
    fail(
      `prisma/postgres/migrations does not make prisma/postgres/schema.prisma; missing:\n${postgres.join("\n")}\n` +
        "Make the next migration with `npm run db:postgres-migration -- <name>`",
    );
}
