// Test-only: a fresh SQLite cache for one test file, migrated as `npm run db:migrate` does,
// and shared through getDb() as the app shares it. Call at the top of a describe block.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export function useMigratedCache(): void {
  let dir: string;
  let savedUrl: string | undefined;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pubforge-optests-"));
    savedUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `file:${path.join(dir, "cache.db")}`;
    execFileSync(
      process.execPath,
      [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy"],
      { cwd: root, env: { ...process.env, CHECKPOINT_DISABLE: "1" }, stdio: "ignore" },
    );
  }, 60_000);
  afterAll(async () => {
    const { closeDb } = await import("@/lib/cache/db");
    await closeDb();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
