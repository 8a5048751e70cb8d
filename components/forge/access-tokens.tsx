"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { FormAction, TokenFormState } from "@/lib/http/form-state";

export interface TokenRow {
  id: string;
  name: string;
  scope: "read" | "write";
  created: string;
  lastUsed: string | null;
}

const day = (iso: string) => new Date(iso).toISOString().slice(0, 10);

/** Create tokens (each shown once, to copy) and revoke them. */
export function AccessTokens({
  tokens,
  createAction,
  revokeAction,
}: {
  tokens: TokenRow[];
  createAction: FormAction<TokenFormState>;
  revokeAction: FormAction<TokenFormState>;
}) {
  const [created, create, creating] = useActionState(createAction, {});
  const [revoked, revoke, revoking] = useActionState(revokeAction, {});
  return (
    <div className="space-y-6">
      <form
        action={create}
        className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      >
        <h2 className="font-medium">New token</h2>
        {created.error ? <Alert>{created.error.message}</Alert> : null}
        {created.created ? (
          <Alert tone="info">
            <p className="mb-1">
              “{created.created.name}” is made. Copy it now: Pubforge keeps only a digest and cannot
              show it again.
            </p>
            <label htmlFor="new-token" className="sr-only">
              The new token
            </label>
            <input
              id="new-token"
              data-testid="new-token"
              readOnly
              value={created.created.token}
              onFocus={(event) => event.currentTarget.select()}
              className={`${inputClass} font-mono`}
            />
          </Alert>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
          <Field
            label="Name"
            name="name"
            placeholder="laptop git"
            required
            maxLength={100}
            defaultValue={created.values?.name}
          />
          <div className="space-y-1">
            <label htmlFor="token-scope" className="block text-sm font-medium">
              May
            </label>
            <select id="token-scope" name="scope" defaultValue="write" className={inputClass}>
              <option value="write">read and push</option>
              <option value="read">only read</option>
            </select>
          </div>
        </div>
        <Button type="submit" disabled={creating}>
          {creating ? "Making…" : "Make token"}
        </Button>
      </form>

      <section aria-labelledby="tokens-heading" className="space-y-2">
        <h2 id="tokens-heading" className="font-medium">
          Your tokens
        </h2>
        {revoked.error ? <Alert>{revoked.error.message}</Alert> : null}
        {revoked.done ? <Alert tone="info">{revoked.done}</Alert> : null}
        {tokens.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No tokens yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-zinc-600 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  Name
                </th>
                <th scope="col" className="py-1 font-medium">
                  May
                </th>
                <th scope="col" className="py-1 font-medium">
                  Made
                </th>
                <th scope="col" className="py-1 font-medium">
                  Last used
                </th>
                <th scope="col" className="py-1 font-medium">
                  <span className="sr-only">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-t border-zinc-200 dark:border-zinc-800">
                  <td className="py-2">{token.name}</td>
                  <td className="py-2">
                    {token.scope === "write" ? "read and push" : "only read"}
                  </td>
                  <td className="py-2">{day(token.created)}</td>
                  <td className="py-2">{token.lastUsed ? day(token.lastUsed) : "never"}</td>
                  <td className="py-2 text-right">
                    <form action={revoke}>
                      <input type="hidden" name="id" value={token.id} />
                      <Button
                        type="submit"
                        variant="secondary"
                        disabled={revoking}
                        aria-label={`Revoke ${token.name}`}
                      >
                        Revoke
                      </Button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
