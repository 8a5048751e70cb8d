// Prisma 7 CLI configuration (migrate, db push, generate).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// No update check: this machine only reaches the npm registry.
process.env.CHECKPOINT_DISABLE ??= "1";

// Prisma 7 needs its native schema engine for every command, even `generate`, and tries to
// download it when it is missing (which fails offline). Where @prisma/engines installed none,
// use scripts/prisma-schema-engine.mjs, which runs the Wasm build of the same engine. A machine
// with the real binary (or an explicit PRISMA_SCHEMA_ENGINE_BINARY) keeps using it.
function hasNativeSchemaEngine(): boolean {
  // The places the CLI looks: @prisma/engines, then next to prisma's own build.
  const dirs = ["node_modules/@prisma/engines", "node_modules/prisma"].map((d) =>
    path.join(root, d),
  );
  return dirs.some(
    (dir) => fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.startsWith("schema-engine-")),
  );
}
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNativeSchemaEngine()) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(root, "scripts/prisma-schema-engine.mjs");
}

// SQLite by default; `file:` paths are relative to the project root (the CLI runs the engine
// there, and lib/cache/db.ts resolves them against process.cwd(), also the root).
const DEFAULT_DATABASE_URL = "file:./.run/pubforge.db";
const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
if (url.startsWith("file:")) {
  const file = url.slice("file:".length).replace(/\?.*$/, "");
  fs.mkdirSync(path.dirname(path.resolve(root, file)), { recursive: true });
}

// Prisma 7 takes one provider per schema: a PostgreSQL URL selects the generated PostgreSQL
// variant (scripts/prisma/postgres-schema.mjs) and its own migrations.
const dir = url.startsWith("file:") ? "prisma" : "prisma/postgres";

export default defineConfig({
  schema: `${dir}/schema.prisma`,
  migrations: { path: `${dir}/migrations` },
  datasource: { url },
});
