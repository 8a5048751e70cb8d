import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccessTokens } from "@/components/forge/access-tokens";
import { listAccessTokens } from "@/lib/forge/access-tokens/tokens";
import { currentViewer } from "@/lib/http/browser-session";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "Access tokens" };

export default async function AccessTokensPage() {
  const viewer = await currentViewer();
  if (!viewer) redirect("/signin?next=/settings/tokens");
  const tokens = await listAccessTokens(viewer);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">Access tokens</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Git asks for a user name and a password when it clones a members-only project or pushes.
          Give your JID ({viewer.jid}) as the user name and a token as the password: your XMPP
          password then never reaches Git&apos;s credential store. Your XMPP password works too;
          Pubforge checks it with your server and forgets it.
        </p>
      </div>
      <AccessTokens
        tokens={tokens.map((token) => ({
          id: token.id,
          name: token.name,
          scope: token.scope,
          created: token.created.toISOString(),
          lastUsed: token.lastUsed?.toISOString() ?? null,
        }))}
        createAction={createTokenAction}
        revokeAction={revokeTokenAction}
      />
    </div>
  );
}
