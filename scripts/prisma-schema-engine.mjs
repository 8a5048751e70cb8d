#!/usr/bin/env node
// A stand-in for Prisma's native `schema-engine` binary, for machines where Prisma cannot
// download it. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here only when no native
// engine is installed. The Prisma CLI talks to this process exactly as to the binary:
//   schema-engine --version
//   schema-engine --datasource '{"url":…}' cli can-connect-to-database|create-database|drop-database
//   schema-engine --datamodels schema.prisma --datasource '{"url":…}'   (JSON-RPC on stdin/stdout)
// The first two are answered here; JSON-RPC requests are relayed to the Wasm build of the same
// engine (@prisma/schema-engine-wasm), which reaches the database through Prisma's driver adapters
// (better-sqlite3 for `file:` URLs, pg otherwise). See scripts/prisma/adapters.mjs for the quirks.
import fs from "node:fs";
import readline from "node:readline";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as db from "./prisma/adapters.mjs";

const WASM_PACKAGE = "@prisma/schema-engine-wasm";

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, cli: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--version" || a === "-V") args.version = true;
    else if (a === "--datamodels" || a === "-d") args.datamodels.push(argv[++i]);
    else if (a === "--datasource") args.datasource = JSON.parse(argv[++i]);
    else if (a === "cli") args.cli = argv[++i];
    else if (a.startsWith("--")) i++; // --enabled-preview-features, --extension-types: not used by the Wasm engine
  }
  return args;
}

// Prisma reads the engine's stderr as JSON log lines (tracing format).
function log(level, message, fields = {}) {
  const line = {
    timestamp: new Date().toISOString(),
    level,
    fields: { message, ...fields },
    target: "schema_engine::logger",
  };
  process.stderr.write(JSON.stringify(line) + "\n");
}

async function loadWasmEngine() {
  const bgUrl = import.meta.resolve(`${WASM_PACKAGE}/schema_engine_bg`);
  const bg = await import(bgUrl);
  // The package's entry point imports the .wasm file as an ES module, which Node 20 only does
  // behind --experimental-wasm-modules: instantiate it by hand with the same glue instead.
  const bytes = fs.readFileSync(new URL("./schema_engine_bg.wasm", bgUrl));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg;
}

async function wasmVersion() {
  const { version } = JSON.parse(
    fs.readFileSync(
      new URL("./package.json", import.meta.resolve(`${WASM_PACKAGE}/schema_engine_bg`)),
      "utf8",
    ),
  );
  return version.split(".").pop(); // the engines commit hash, like the native `schema-engine-cli <hash>`
}

const args = parseArgs(process.argv.slice(2));

if (args.version) {
  process.stdout.write(`schema-engine-cli ${await wasmVersion()} (wasm)\n`);
  process.exit(0);
}

const url = args.datasource?.url;
if (!url) {
  log("ERROR", "No datasource URL: set datasource.url in prisma.config.ts", {
    error_code: "P1012",
  });
  process.exit(1);
}

if (args.cli) await runCliCommand(args.cli);
else await serveJsonRpc();

async function runCliCommand(command) {
  // Prisma skips the first stderr line of a `cli` command, then parses every other line as JSON.
  const fail = (code, message) => {
    process.stderr.write(`prisma schema-engine shim: ${command}\n`);
    log("ERROR", message, { error_code: code });
    process.exit(1);
  };
  try {
    if (command === "can-connect-to-database") {
      const problem = await db.canConnect(url);
      if (problem) fail(problem.code, problem.message);
    } else if (command === "create-database") await db.createDatabase(url);
    else if (command === "drop-database") await db.dropDatabase(url);
    else fail("P1000", `Unknown cli command: ${command}`);
  } catch (e) {
    fail(e.code?.startsWith?.("P") ? e.code : "P1000", e.message);
  }
  process.exit(0);
}

async function serveJsonRpc() {
  const wasm = await loadWasmEngine();
  const sqlite = db.isSqliteUrl(url);
  const datamodels = args.datamodels.map((p) => [p, fs.readFileSync(p, "utf8")]);
  let adapters; // { factory, main, closeAll }
  let engine;
  let started; // like the native engine, report a failed connection as the answer to a request

  async function startEngine() {
    engine = undefined;
    adapters = await db.createAdapterFactory(args.datasource);
    engine = await wasm.SchemaEngine.new(
      { datamodels: datamodels.length > 0 ? datamodels : undefined },
      // The engine logs JSON lines in the format Prisma expects on stderr already.
      (line) => process.stderr.write(String(line).trimEnd() + "\n"),
      bindMigrationAwareSqlAdapterFactory(adapters.factory),
    );
  }

  async function stopEngine() {
    await started?.catch(() => {});
    await adapters?.closeAll();
    engine?.free();
    engine = undefined;
  }

  // Requests whose first step reads the migrations table (see ensureSqliteMigrationsTable).
  const readsHistory = new Set([
    "applyMigrations",
    "devDiagnostic",
    "diagnoseMigrationHistory",
    "markMigrationApplied",
  ]);

  // The Wasm `evaluateDataLoss` and `createMigration` get no shadow database ("SQLite shadow DB
  // must be provided through an external factory"): they only work when the engine has already
  // cached the schema that the migrations directory produces. `diagnoseMigrationHistory` with a
  // shadow database fills that cache (keyed by the migration list) when every migration is
  // applied, which `migrate dev` ensures before it calls them.
  let warmedMigrations;
  async function warmMigrationsCache({ migrationsList, filters }) {
    const key = JSON.stringify(migrationsList.migrationDirectories);
    if (warmedMigrations === key) return;
    await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: true, filters });
    warmedMigrations = key;
  }

  let nextRequestId = 1;
  const send = (msg) => process.stdout.write(JSON.stringify({ jsonrpc: "2.0", ...msg }) + "\n");

  async function call(method, params) {
    await started;
    switch (method) {
      case "getDatabaseVersion": // the JSON-RPC name of the Wasm `version` method
        return engine.version(params ?? undefined);
      case "createDatabase":
        return { databaseName: await db.createDatabase(url) };
      case "diff": {
        // The native engine sends the diff to the CLI as a `print` request, not in the result.
        const { stdout, exitCode } = await engine.diff(params);
        if (stdout)
          send({
            id: `print-${nextRequestId++}`,
            method: "print",
            params: { content: stdout.replace(/\n$/, "") },
          });
        return { exitCode };
      }
      case "reset":
        if (!sqlite) return engine.reset(params);
        // The Wasm reset empties the tables of a SQLite database but keeps them: start from a new
        // file instead, as the native engine does. Close our connections to the old one first.
        await stopEngine();
        db.recreateSqliteFile(url);
        warmedMigrations = undefined;
        await (started = startEngine());
        return null;
      case "evaluateDataLoss":
      case "createMigration":
        await warmMigrationsCache(params);
        return engine[method](params);
      default:
        if (sqlite && readsHistory.has(method))
          await db.ensureSqliteMigrationsTable(adapters.main());
        if (typeof engine[method] !== "function")
          throw Object.assign(new Error(`Unknown method: ${method}`), { code: -32601 });
        // Call it as a method: the Wasm bindings need `this`.
        return engine[method](params);
    }
  }

  // The Wasm engine throws `SchemaConnectorError`s carrying the user-facing code (e.g. P3005);
  // the CLI expects them in the `data` of a JSON-RPC error, like the native engine sends them.
  function toRpcError(e) {
    const isPanic = e instanceof WebAssembly.RuntimeError;
    return {
      code: typeof e?.code === "number" ? e.code : 4466,
      message: "An error happened. Check the data field for details.",
      data: {
        is_panic: isPanic,
        message: e?.message ?? String(e),
        meta: e?.meta ?? null,
        error_code: typeof e?.code === "string" ? e.code : null,
      },
    };
  }

  started = startEngine();
  started.catch(() => {}); // handled by the requests that await it

  // One request at a time, in order, as the native engine does.
  let queue = Promise.resolve();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    if (!line.trim()) return;
    const msg = JSON.parse(line);
    if (msg.method === undefined) return; // the CLI's acknowledgement of a `print` request
    queue = queue.then(async () => {
      try {
        const result = await call(msg.method, msg.params);
        send({ id: msg.id, result: result ?? null });
      } catch (e) {
        const error = toRpcError(e);
        log("ERROR", error.data.message);
        send({ id: msg.id, error });
        if (error.data.is_panic) process.exit(101); // a panicked Wasm instance is unusable
      }
    });
  });
  // The CLI closes stdin and sends SIGTERM right away. Close the database properly either way:
  // after a migration the SQLite connection is in exclusive locking mode and would otherwise
  // leave its -journal file behind.
  let stopping;
  const shutdown = () =>
    (stopping ??= queue.then(() => stopEngine()).finally(() => process.exit(0)));
  rl.on("close", shutdown);
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
