import type { Metadata } from "next";
import Link from "next/link";
import { InboxLink } from "@/components/inbox-link";
import { SessionStatus } from "@/components/session-status";
import { Logo } from "@/components/ui/logo";
import { viewerConnection } from "@/lib/http/browser-session";
import { DASHBOARD_PATH, SEARCH_PATH } from "@/lib/forge/routes";
import { viewerUnread } from "@/lib/forge/notifications/operations";
import { signOutAction } from "./signin/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pubforge", template: "%s · Pubforge" },
  description: "A federated code forge whose data lives on XMPP",
};

const HEADER_LINK =
  "rounded-md px-2 py-1 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Also when the XMPP session ended by itself: the header then says why and offers sign-in.
  const { state, sessionTag, viewer } = await viewerConnection();
  const unread = viewer ? await viewerUnread(viewer) : 0;
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-zinc-900"
        >
          Skip to content
        </a>
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3"
          >
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
              <Logo />
              Pubforge
            </Link>
            <div className="ml-auto flex items-center gap-3 text-sm">
              <Link href={SEARCH_PATH} className={HEADER_LINK}>
                Search
              </Link>
              {state && sessionTag ? (
                <>
                  <Link href={DASHBOARD_PATH} className={HEADER_LINK}>
                    My work
                  </Link>
                  <SessionStatus initial={state} tag={sessionTag} />
                  <span data-testid="viewer-jid" className="font-medium">
                    {state.jid}
                  </span>
                  <InboxLink initial={unread} />
                  <Link
                    href="/settings/notifications"
                    className="rounded-md px-2 py-1 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                  >
                    Notifications
                  </Link>
                  <Link
                    href="/settings/tokens"
                    className="rounded-md px-2 py-1 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                  >
                    Access tokens
                  </Link>
                  <form action={signOutAction}>
                    <button
                      type="submit"
                      className="rounded-md px-2 py-1 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                    >
                      Sign out
                    </button>
                  </form>
                </>
              ) : (
                <Link
                  href="/signin"
                  className="rounded-md bg-accent-600 px-3 py-1.5 font-medium text-white hover:bg-accent-700"
                >
                  Sign in
                </Link>
              )}
            </div>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
