import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ItemRows } from "@/components/forge/item-rows";
import { publicActivity } from "@/lib/forge/profiles/activity";
import { loadProfile } from "@/lib/forge/profiles/profile";
import { avatarPath, decodeSegment } from "@/lib/forge/routes";
import { currentViewer } from "@/lib/http/browser-session";
import { BareJidSchema } from "@/lib/xmpp/jid";

export const dynamic = "force-dynamic";

type Params = Promise<{ jid: string }>;

async function profileJid(params: Params): Promise<string> {
  const jid = BareJidSchema.safeParse(decodeSegment((await params).jid) ?? "");
  if (!jid.success) notFound();
  return jid.data;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: await profileJid(params) };
}

/**
 * A person: their name and avatar as their own server publishes them (vCard4, User Avatar),
 * and what they filed in the projects the viewer may read.
 */
export default async function ProfilePage({ params }: { params: Params }) {
  const jid = await profileJid(params);
  const viewer = await currentViewer();
  const [profile, activity] = await Promise.all([
    loadProfile(jid, viewer),
    publicActivity(jid, viewer),
  ]);
  return (
    <div className="space-y-8">
      <section className="flex items-center gap-4">
        {profile.avatar ? (
          // Served by Pubforge after its checks, never from the person's server directly.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={avatarPath(jid, profile.avatar.id)}
            alt=""
            width={64}
            height={64}
            data-testid="profile-avatar"
            className="size-16 rounded-full border border-zinc-200 object-cover dark:border-zinc-800"
          />
        ) : null}
        <div>
          <h1 data-testid="profile-name" className="text-2xl font-semibold tracking-tight">
            {profile.name ?? jid}
          </h1>
          {profile.name ? (
            <p data-testid="profile-jid" className="text-zinc-600 dark:text-zinc-400">
              {jid}
            </p>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading" className="mb-2 text-lg font-semibold">
          Recent activity
        </h2>
        <ItemRows
          testId="profile-activity"
          rows={activity.map(({ kind, item }) => ({ kind, ...item }))}
          empty="Nothing filed by this person in the projects you can read."
        />
      </section>
    </div>
  );
}
