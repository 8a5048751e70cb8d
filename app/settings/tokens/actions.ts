"use server";

import { revalidatePath } from "next/cache";
import { createAccessToken, revokeAccessToken } from "@/lib/forge/access-tokens/tokens";
import { withViewer } from "@/lib/http/form-action";
import type { TokenFormState } from "@/lib/http/form-state";

export async function createTokenAction(
  _: TokenFormState,
  form: FormData,
): Promise<TokenFormState> {
  return withViewer<TokenFormState>(form, async (viewer) => {
    const { token, summary } = await createAccessToken(viewer, {
      name: form.get("name"),
      scope: form.get("scope"),
    });
    revalidatePath("/settings/tokens");
    return { created: { token, name: summary.name } };
  });
}

export async function revokeTokenAction(
  _: TokenFormState,
  form: FormData,
): Promise<TokenFormState> {
  return withViewer<TokenFormState>(form, async (viewer) => {
    await revokeAccessToken(viewer, form.get("id"));
    revalidatePath("/settings/tokens");
    return { done: "Token revoked: Git can no longer use it." };
  });
}
