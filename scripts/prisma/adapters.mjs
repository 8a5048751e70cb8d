// Driver adapters and database helpers for scripts/prisma-schema-engine.mjs (SQLite via
// better-sqlite3, PostgreSQL via pg). Each function here works around something the Wasm
// schema engine or the adapters do differently from Prisma's native schema engine.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";

export const isSqliteUrl = (url) => /^file:/.test(url);

/** `file:./x.db?…` → absolute path. Relative paths are taken from the cwd, which Prisma sets to
 * the directory of prisma.config.ts (lib/cache/db.ts resolves them the same way). */
export function sqlitePath(url) {
  const p = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return p === ":memory:" ? p : path.resolve(process.cwd(), p);
}

/** Same statement the native engine runs when it creates the migrations table on SQLite. */
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

async function openSqlite(file, options) {
  const { default: Database } = await import("better-sqlite3");
  return new Database(file, options);
}

/** The Wasm engine answers P1014 ("_prisma_migrations does not exist") instead of creating the
 * table when it meets an empty SQLite database. Create it the way the native engine would, but
 * only on an empty database: one with other tables and no history must keep failing with P3005.
 * This goes through the engine's own connection: once it has applied a migration it holds the
 * file with `locking_mode=EXCLUSIVE`, and any other connection gets SQLITE_BUSY. */
export async function ensureSqliteMigrationsTable(adapter) {
  const { rows } = await adapter.queryRaw({
    sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    args: [],
    argTypes: [],
  });
  if (Number(rows[0][0]) === 0) await adapter.executeScript(SQLITE_MIGRATIONS_TABLE);
}

/** Delete the SQLite file (with its WAL/SHM/journal siblings) and create an empty one. The Wasm
 * `reset` only deletes rows and leaves the schema in place. */
export function recreateSqliteFile(url) {
  const file = sqlitePath(url);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.closeSync(fs.openSync(file, "w"));
}

// pg gives the connection string's database priority over a `database` option, so build URLs.
const withDatabase = (url, db) =>
  Object.assign(new URL(url), { pathname: `/${encodeURIComponent(db)}` }).href;
const databaseName = (url) => decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

async function withPgClient(url, fn) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `cli can-connect-to-database`: null when fine, else { code, message } (P1003: no database). */
export async function canConnect(url) {
  if (isSqliteUrl(url)) {
    const file = sqlitePath(url);
    if (file !== ":memory:" && !fs.existsSync(file))
      return {
        code: "P1003",
        message: `Database ${path.basename(file)} does not exist at ${file}`,
      };
    const db = await openSqlite(file, { fileMustExist: file !== ":memory:" });
    db.prepare("SELECT 1").get();
    db.close();
    return null;
  }
  try {
    await withPgClient(url, (c) => c.query("SELECT 1"));
    return null;
  } catch (e) {
    if (e.code === "3D000")
      return { code: "P1003", message: `Database \`${databaseName(url)}\` does not exist` };
    if (e.code === "28P01" || e.code === "28000")
      return { code: "P1000", message: `Authentication failed: ${e.message}` };
    return { code: "P1001", message: `Can't reach database server: ${e.message}` };
  }
}

/** `cli create-database`: returns the database name. */
export async function createDatabase(url) {
  if (isSqliteUrl(url)) {
    const file = sqlitePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    (await openSqlite(file)).close();
    return path.basename(file);
  }
  const name = databaseName(url);
  await withPgClient(withDatabase(url, "postgres"), (c) =>
    c.query(`CREATE DATABASE ${quoteIdent(name)}`),
  );
  return name;
}

/** `cli drop-database`. */
export async function dropDatabase(url) {
  if (isSqliteUrl(url)) {
    for (const suffix of ["", "-wal", "-shm", "-journal"])
      fs.rmSync(sqlitePath(url) + suffix, { force: true });
    return;
  }
  const name = databaseName(url);
  await withPgClient(withDatabase(url, "postgres"), (c) =>
    c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}

/** better-sqlite3 prepares one statement at a time; the engine sends whole migration scripts to
 * the shadow database through executeRaw. Run those with executeScript instead. */
function acceptScripts(adapter) {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (e) {
      if (
        query.args.length > 0 ||
        !/more than one statement|multiple commands/i.test(String(e?.message))
      )
        throw e;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

/** Patch pg so that columns of type "char" (OID 18, e.g. pg_class.relkind, read by the engine's
 * introspection) come back as text: adapter-pg rejects that type as unsupported. */
async function readCharAsText() {
  const { default: pg } = await import("pg");
  if (pg.Result.prototype.addFields.charAsText) return;
  const addFields = pg.Result.prototype.addFields;
  pg.Result.prototype.addFields = function (fields) {
    for (const f of fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return addFields.call(this, fields);
  };
  pg.Result.prototype.addFields.charAsText = true;
}

/**
 * A migration-aware adapter factory (to be wrapped by bindMigrationAwareSqlAdapterFactory) that
 * remembers what it opened: `main()` is the engine's connection to the database (the first one it
 * opens), and `closeAll()` releases everything before a reset.
 */
export async function createAdapterFactory({ url, shadowDatabaseUrl }) {
  const opened = new Set();
  const track = (adapter) => {
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => (opened.delete(adapter), dispose());
    return (opened.add(adapter), adapter);
  };
  const closeAll = async () => {
    for (const a of [...opened]) await a.dispose().catch(() => {});
  };
  let mainAdapter;
  const main = () => mainAdapter;
  const connectMain = (factory) => async () => {
    const adapter = track(await factory.connect());
    mainAdapter ??= adapter;
    return adapter;
  };

  if (isSqliteUrl(url)) {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    const shadow = shadowDatabaseUrl ? sqlitePath(shadowDatabaseUrl) : ":memory:";
    const factory = new PrismaBetterSqlite3(
      { url: sqlitePath(url) },
      { shadowDatabaseUrl: shadow },
    );
    return {
      factory: {
        provider: factory.provider,
        adapterName: factory.adapterName,
        connect: connectMain(factory),
        connectToShadowDb: async () => track(acceptScripts(await factory.connectToShadowDb())),
      },
      main,
      closeAll,
    };
  }

  await readCharAsText();
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const factory = new PrismaPg({ connectionString: url });
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: connectMain(factory),
      // adapter-pg's own shadow database would ignore its `database` option (the connection
      // string wins) and its plain DROP DATABASE fails while pooled sessions are still open.
      connectToShadowDb: async () => {
        if (shadowDatabaseUrl)
          return track(
            acceptScripts(await new PrismaPg({ connectionString: shadowDatabaseUrl }).connect()),
          );
        const name = `prisma_migrate_shadow_db_${randomUUID()}`;
        await withPgClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
        const adapter = acceptScripts(
          await new PrismaPg({ connectionString: withDatabase(url, name) }).connect(),
        );
        const dispose = adapter.dispose.bind(adapter);
        adapter.dispose = async () => {
          await dispose();
          await withPgClient(url, (c) =>
            c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
          );
        };
        return track(adapter);
      },
    },
    main,
    closeAll,
  };
}
