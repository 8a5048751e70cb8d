import { instanceSession } from "@/lib/forge/federation/instance";
import type { Viewer } from "@/lib/forge/viewer";
import { getItems, type IqRequester, type PubsubItem } from "@/lib/xmpp/pubsub";
import {
  AVATAR_DATA_NODE,
  AVATAR_METADATA_NODE,
  type AvatarType,
  decodeAvatarData,
  decodeAvatarMetadata,
} from "./avatar";
import { decodeVcard4, type ProfileCard, VCARD4_NODE } from "./vcard";

/** What Pubforge shows of a person, from their own server's PEP nodes. */
export interface Profile extends ProfileCard {
  jid: string;
  avatar?: { id: string; bytes: Buffer; type: AvatarType };
}

/** Profiles change rarely; a few minutes keeps a busy page from asking a server each time. */
const PROFILE_TTL_MS = 2 * 60_000;
/** A person's server that does not answer within this leaves their profile plain. */
const FETCH_TIMEOUT_MS = 5_000;
/** Bounds the memory profiles take: at most this many, each avatar at most 256 KB. */
const MAX_CACHED_PROFILES = 200;

const cached = new Map<string, { profile: Promise<Profile>; at: number }>();

/**
 * Who reads the profile: the instance, whose reads anyone may share, else the viewer's own
 * session, whose server could answer anything in anyone's name, so its answer is kept for that
 * viewer only (lib/forge/federation/trust.ts).
 */
async function reader(
  viewer: Viewer | null,
): Promise<{ session: IqRequester; key: string } | undefined> {
  const instance = await instanceSession().catch(() => undefined);
  if (instance) return { session: instance, key: "instance" };
  return viewer ? { session: viewer.session, key: viewer.jid } : undefined;
}

async function latestItem(
  session: IqRequester,
  jid: string,
  node: string,
  ids?: string[],
): Promise<PubsubItem | undefined> {
  const items = await getItems(session, jid, node, {
    ...(ids ? { ids } : { maxItems: 1 }),
    timeoutMs: FETCH_TIMEOUT_MS,
  }).catch(() => []);
  return items[0];
}

async function fetchProfile(session: IqRequester, jid: string): Promise<Profile> {
  const [vcard, metadata] = await Promise.all([
    latestItem(session, jid, VCARD4_NODE),
    latestItem(session, jid, AVATAR_METADATA_NODE),
  ]);
  const profile: Profile = { jid, ...decodeVcard4(vcard?.payload) };
  const info = decodeAvatarMetadata(metadata?.payload);
  if (info) {
    const data = await latestItem(session, jid, AVATAR_DATA_NODE, [info.id]);
    const image = data?.id === info.id ? decodeAvatarData(data.payload, info) : undefined;
    if (image) profile.avatar = { id: info.id, ...image };
  }
  return profile;
}

/**
 * A person's profile (`jid` a checked bare JID): their vCard4 name and User Avatar, read from
 * their own server with a timeout and kept briefly. Whatever the server answers, or fails to,
 * the result is at worst a plain profile with only the JID.
 */
export async function loadProfile(jid: string, viewer: Viewer | null): Promise<Profile> {
  const source = await reader(viewer);
  if (!source) return { jid };
  const key = `${source.key} ${jid}`;
  const known = cached.get(key);
  if (known && Date.now() - known.at < PROFILE_TTL_MS) return known.profile;
  const profile = fetchProfile(source.session, jid).catch(() => ({ jid }));
  cached.delete(key);
  cached.set(key, { profile, at: Date.now() });
  // A Map keeps insertion order: the first key is the one stored longest ago.
  while (cached.size > MAX_CACHED_PROFILES) cached.delete(cached.keys().next().value!);
  return profile;
}
