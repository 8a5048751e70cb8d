import Link from "next/link";
import { profilePath } from "@/lib/forge/routes";
import { BareJidSchema } from "@/lib/xmpp/jid";

/** A person's address linked to their profile; a display name that is no JID stays text. */
export function PersonLink({ who }: { who: string }) {
  const jid = BareJidSchema.safeParse(who);
  if (!jid.success) return <>{who}</>;
  return (
    <Link href={profilePath(jid.data)} className="hover:underline">
      {who}
    </Link>
  );
}
