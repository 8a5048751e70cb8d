// What a migrations folder lacks to make its schema: the statements of `prisma migrate diff
// --from-migrations <dir>/migrations --to-schema <dir>/schema.prisma`, for
// scripts/prisma/check-schemas.mjs and scripts/prisma/postgres-migration.mjs.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Statements PostgreSQL's search migration makes that schema.prisma cannot express. */
export const POSTGRES_ONLY = /^DROP INDEX "\w+_trgm";$/;

/** The SQL script, without Prisma's banner. `dir` is "prisma" or "prisma/postgres". */
export function migrationsToSchemaScript(databaseUrl, dir) {
  const output = execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules/prisma/build/index.js"),
      "migrate",
      "diff",
      "--from-migrations",
      `${dir}/migrations`,
      "--to-schema",
      `${dir}/schema.prisma`,
      "--script",
    ],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" } },
  ).toString();
  return output.replace(/^Loaded Prisma config.*\n/m, "").trim();
}

/** The statements of a script (comments and blank lines dropped), one per line as Prisma writes. */
export function statements(script) {
  return script
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("--"));
}
