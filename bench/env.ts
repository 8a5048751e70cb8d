/**
 * The environment the lib reads, pointed at the bench's own servers and cache file. Imported
 * first by run.ts: lib/config.ts parses process.env once, on first use, and caches it.
 */
import { A_IP, B_IP } from "./servers";

export const BENCH_DATABASE_URL = "file:./.run/bench.db";

// Forced, not defaulted: the bench deletes and refills this database, so it must never be the
// dev one (DATABASE_URL may be exported in the shell that runs it).
process.env.DATABASE_URL = BENCH_DATABASE_URL;
process.env.PUBFORGE_XMPP_HOSTS = `a.test=${A_IP}:5222,b.test=${B_IP}:5222`;
// PLAIN on loopback: with SCRAM (~0.5 s of CPU per login) 200 logins would dominate the run.
process.env.PUBFORGE_ALLOW_PLAIN_ON_LOOPBACK = "1";
process.env.PUBFORGE_INSTANCE_JID = "forge@a.test";
process.env.PUBFORGE_INSTANCE_PASSWORD = "forge-secret";
process.env.CHECKPOINT_DISABLE = "1";
