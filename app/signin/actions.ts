"use server";

import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/forge/account";

export interface SignInState {
  message?: string;
  field?: "jid" | "password";
  jid?: string;
}

function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === "string" ? value : "/";
  // Only same-site paths: an open redirect would make the sign-in page a phishing tool.
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const jid = String(form.get("jid") ?? "");
  const result = await signIn({ jid, password: form.get("password") });
  if (!result.ok) return { message: result.message, field: result.field, jid };
  redirect(safeNext(form.get("next")));
}

export async function signOutAction(): Promise<void> {
  await signOut();
  redirect("/");
}
