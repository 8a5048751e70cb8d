"use server";

import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/http/sign-in";
import { sameOriginPath } from "@/lib/http/same-origin-path";

export interface SignInState {
  message?: string;
  field?: "jid" | "password";
  jid?: string;
}

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const jid = String(form.get("jid") ?? "");
  const result = await signIn({ jid, password: form.get("password") });
  if (!result.ok) return { message: result.message, field: result.field, jid };
  redirect(sameOriginPath(form.get("next")));
}

export async function signOutAction(): Promise<void> {
  await signOut();
  redirect("/");
}
