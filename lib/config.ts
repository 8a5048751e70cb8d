import { z } from "zod";

/**
 * Everything Pubforge reads from the environment, parsed once. Defaults describe the local
 * servers that `npm run up` starts, so a newcomer needs no configuration at all.
 */
const hostMap = z
  .string()
  .transform((text) => parseHostMap(text))
  .pipe(z.record(z.string(), z.object({ host: z.string(), port: z.number().int().positive() })));

const EnvSchema = z.object({
  PUBFORGE_XMPP_HOSTS: hostMap.default(parseHostMap("a.test=127.0.0.2:5222,b.test=127.0.0.3:5222")),
  PUBFORGE_INSTANCE_JID: z.string().default("forge@a.test"),
  PUBFORGE_INSTANCE_PASSWORD: z.string().default("forge-secret"),
  PUBFORGE_INSTANCE_RESOURCE: z.string().min(1).default("pubforge-instance"),
  PUBFORGE_SESSION_SECRET: z.string().min(32).optional(),
  // Which of several app processes behind one proxy this is (scripts/processes.sh), for /health.
  PUBFORGE_PROCESS_NAME: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/)
    .optional(),
  PUBFORGE_PUBLIC_ORIGIN: z.string().url().optional(),
  PUBFORGE_ALLOW_PLAIN_ON_LOOPBACK: z
    .enum(["0", "1"])
    .default("1")
    .transform((flag) => flag === "1"),
  // Follows of remote projects that no signed-in viewer opened for this many days are dropped
  // (lib/forge/federation/unused-follows.ts).
  PUBFORGE_UNUSED_FOLLOW_DAYS: z.coerce.number().int().positive().default(30),
  // Seals the push mirrors' credentials (lib/forge/repositories/sealed-secret.ts): 32 bytes in
  // hex. scripts/up.sh and scripts/test.sh keep one in .run/secret-key when none is given;
  // without it, push mirrors cannot be set. Losing it loses the stored credentials, nothing else.
  PUBFORGE_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "PUBFORGE_SECRET_KEY must be 64 hex digits (32 bytes)")
    .optional(),
  // How often projects whose repository lives elsewhere refresh their copy
  // (lib/forge/repositories/pull-schedule.ts).
  PUBFORGE_PULL_MIRROR_MINUTES: z.coerce.number().positive().default(10),
  // Notifications for one user within this long make one XMPP message
  // (lib/forge/notifications/delivery.ts); also the least time between two messages to one user.
  PUBFORGE_NOTIFY_BATCH_MS: z.coerce.number().int().min(50).default(10_000),
  // Repositories the server may read besides public http(s) ones: URL prefixes and local
  // directories, comma-separated (lib/scm/url-policy.ts).
  PUBFORGE_REPOSITORY_ALLOW: z
    .string()
    .default("")
    .transform((text) =>
      text
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
});

export type HostMap = Record<string, { host: string; port: number }>;

/** "a.test=127.0.0.2:5222,b.test=127.0.0.3" → { "a.test": { host, port } } */
export function parseHostMap(text: string): HostMap {
  const map: HostMap = {};
  for (const entry of text.split(/[,\s]+/).filter(Boolean)) {
    const [domain, target = ""] = entry.split("=");
    // host, host:port, or an IPv6 address in brackets, with or without :port
    const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d+))?$/.exec(target);
    if (!domain || !match) {
      throw new Error(`PUBFORGE_XMPP_HOSTS: "${entry}" is not domain=host:port`);
    }
    map[domain.toLowerCase()] = {
      host: match[1] ?? match[2]!,
      port: match[3] ? Number(match[3]) : 5222,
    };
  }
  return map;
}

export type Config = z.output<typeof EnvSchema>;

let cached: Config | undefined;

export function config(): Config {
  cached ??= EnvSchema.parse(process.env);
  return cached;
}
