// The production server: Next.js's request handler behind node:http, with the anonymous page
// cache in front of it (lib/http/page-cache-server.ts; `next start` has no place for it).
// Usage: node server.mjs [-p PORT] [-H HOSTNAME]   (the flags `next start` takes)
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p", default: process.env.PORT ?? "3000" },
    hostname: { type: "string", short: "H", default: "127.0.0.1" },
  },
});
const port = Number(values.port);
const hostname = values.hostname;
// Before Next.js loads: it reads the mode when its modules are imported.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((request, response) => {
  // Installed by instrumentation.ts once the app's server code has loaded.
  const answerFromPageCache = globalThis.pubforgeAnswerFromPageCache;
  if (answerFromPageCache?.(request, response)) return;
  void handle(request, response);
}).listen(port, hostname, () => {
  console.log(`▲ Pubforge ready on http://${hostname}:${port}`);
});

// As `next start` does: a stop signal ends the process normally, so exit handlers run (and a
// `node --cpu-prof` profile, which bench/next-server.ts can ask for, is written).
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
