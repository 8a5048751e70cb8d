import { lookup } from "node:dns/promises";
import { realpath } from "node:fs/promises";
import { isIP } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config } from "@/lib/config";
import { forbiddenAddress } from "@/lib/net/address-class";
import { ScmError } from "./errors";

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Every address a host name has, as `dns.lookup(host, { all: true })` gives them. */
export type Resolver = (host: string) => Promise<readonly ResolvedAddress[]>;

/**
 * Which repositories this server may read: public http(s) addresses, and what the operator
 * allows besides (`PUBFORGE_REPOSITORY_ALLOW`): URL prefixes, which may then be on any address
 * (end them with `/` or a port's `:` so that they stop at a boundary), and local directories,
 * whose repositories may be read from disk.
 */
export interface RepositoryUrlPolicy {
  readonly allow: readonly string[];
  readonly resolve: Resolver;
}

/** A repository this server must not read, and why, said so that the person can fix it. */
export class RefusedSourceError extends ScmError {
  constructor(source: string, reason: string) {
    super(`cannot fetch ${source}: ${reason}`);
    this.name = "RefusedSourceError";
  }
}

/** Where to fetch from: a local repository in an allowed directory, or a URL and its address. */
export type CheckedSource =
  | { readonly kind: "local"; readonly path: string }
  | { readonly kind: "remote"; readonly url: URL; readonly pinned?: ResolvedAddress };

const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

export function repositoryUrlPolicy(): RepositoryUrlPolicy {
  return { allow: config().PUBFORGE_REPOSITORY_ALLOW, resolve: systemResolver };
}

const SCHEMES = new Set(["http:", "https:"]);
const isUrlPrefix = (entry: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(entry);

/**
 * Checks a merge request's source or a project's clone URL before anything reads it. A URL's
 * host is resolved first and every address it has must be public (one private address among
 * public ones would let DNS choose the target); the first is returned so that the fetch can
 * connect to the very address checked, not to what a second lookup says.
 */
export async function checkRepositorySource(
  source: string,
  policy: RepositoryUrlPolicy,
): Promise<CheckedSource> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(source)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme === "file") {
    return { kind: "local", path: await allowedDirectory(source, policy) };
  }
  return checkRemoteUrl(source, policy);
}

/** The URL check alone: for the source, and again for every redirect it leads to. */
export async function checkRemoteUrl(
  source: string,
  policy: RepositoryUrlPolicy,
): Promise<CheckedSource & { kind: "remote" }> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new RefusedSourceError(source, "this is not a URL");
  }
  if (!SCHEMES.has(url.protocol)) {
    throw new RefusedSourceError(source, `only https:// and http:// URLs can be fetched`);
  }
  // Compared without user and password, which could otherwise spell an allowed host's name.
  const withoutUser = `${url.protocol}//${url.host}${url.pathname}${url.search}`;
  if (policy.allow.some((entry) => isUrlPrefix(entry) && withoutUser.startsWith(entry))) {
    return { kind: "remote", url };
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: readonly ResolvedAddress[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  else {
    addresses = await policy.resolve(host).catch(() => []);
    if (addresses.length === 0) throw new RefusedSourceError(source, `${host} has no address`);
  }
  for (const { address } of addresses) {
    const why = forbiddenAddress(address);
    if (why) {
      const named = address === host ? host : `${host} (${address})`;
      throw new RefusedSourceError(
        source,
        `${named} is a ${why} address, and this server fetches only from public ones`,
      );
    }
  }
  return { kind: "remote", url, pinned: addresses[0] };
}

async function allowedDirectory(source: string, policy: RepositoryUrlPolicy): Promise<string> {
  const refuse = () =>
    new RefusedSourceError(source, "this server reads no local paths: give an https:// URL");
  let resolved: string;
  try {
    const given = source.toLowerCase().startsWith("file:") ? fileURLToPath(source) : source;
    if (!path.isAbsolute(given)) throw refuse();
    // Symbolic links and `..` resolved, so that neither leads out of an allowed directory.
    resolved = await realpath(given);
  } catch {
    throw refuse();
  }
  for (const entry of policy.allow.filter((entry) => !isUrlPrefix(entry))) {
    const directory = await realpath(entry).catch(() => undefined);
    if (!directory) continue;
    const relative = path.relative(directory, resolved);
    const outside = relative === ".." || relative.startsWith(`..${path.sep}`);
    if (!outside && !path.isAbsolute(relative)) return resolved;
  }
  throw refuse();
}
