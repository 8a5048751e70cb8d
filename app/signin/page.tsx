import type { Metadata } from "next";
import { SignInForm } from "./signin-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  const { next } = await searchParams;
  return (
    <div className="mx-auto mt-8 max-w-sm">
      <h1 className="mb-1 text-2xl font-semibold tracking-tight">Sign in with XMPP</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Use the address and password of any XMPP account. Your password goes to your own XMPP server
        only; Pubforge never stores it.
      </p>
      <SignInForm next={next ?? "/"} />
    </div>
  );
}
