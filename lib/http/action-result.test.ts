import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ForgeError, type ForgeErrorCode } from "@/lib/forge/errors";
import { ApplyConflictError, PatchParseError, ScmError } from "@/lib/scm/errors";
import { XmppFailure } from "@/lib/xmpp/errors";
import { actionError } from "./action-result";

const failure = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected a validation failure");
  return actionError(parsed.error);
};

describe("actionError", () => {
  it("says which field is too long, in words, instead of zod's own text", () => {
    const error = failure(z.object({ title: z.string().max(300) }), { title: "x".repeat(301) });
    expect(error).toEqual({
      message: "The title is too long: 300 characters at most.",
      field: "title",
    });
  });

  it("keeps the messages schemas spell out", () => {
    const schema = z.object({ title: z.string().min(1, "Give the ticket a title") });
    expect(failure(schema, { title: "" }).message).toBe("Give the ticket a title");
  });

  it("names a missing field and a field outside its choices", () => {
    expect(failure(z.object({ sourceRef: z.string() }), {}).message).toBe(
      "The source branch is missing.",
    );
    expect(failure(z.object({ access: z.enum(["open", "whitelist"]) }), { access: "x" })).toEqual({
      message: "“access” must be one of: open, whitelist.",
      field: "access",
    });
  });

  it("shows the SCM layer's own account of what failed", () => {
    expect(actionError(new ScmError("there is no branch “dev”")).message).toBe(
      "There is no branch “dev”.",
    );
    const conflict = new ApplyConflictError(
      { file: "docs/EXAMPLES.md" },
      "the file already exists",
    );
    expect(actionError(conflict).message).toBe(
      "Does not apply: docs/EXAMPLES.md: the file already exists.",
    );
    expect(actionError(new PatchParseError("no diff found", 3)).message).toBe(
      "This patch cannot be read: line 3: no diff found.",
    );
  });

  it("passes XMPP failures through and hides anything unexpected", () => {
    expect(actionError(new XmppFailure("forbidden", "Only maintainers merge.")).message).toBe(
      "Only maintainers merge.",
    );
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(actionError(new TypeError("x is undefined")).message).toMatch(/^Something went wrong/);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("hides what an unexpected error says, which may be anything", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = new Error("ENOENT: /var/lib/pubforge/secret.db");
    const { message } = actionError(error);
    expect(message).toBe("Something went wrong on the server; nothing was published. Try again.");
    expect(message).not.toContain("secret");
    expect(log).toHaveBeenCalledWith("action failed unexpectedly", error);
    log.mockRestore();
  });
});

/** One refusal of each code: the type makes a new code fail to compile here until it is added. */
const EVERY_CODE: { [C in ForgeErrorCode]: ForgeError<C> } = {
  "push-needs-session": new ForgeError("push-needs-session", { instance: "https://forge.a.test" }),
  "no-such-branch": new ForgeError("no-such-branch", { branch: "main" }),
  "too-many-saved-searches": new ForgeError("too-many-saved-searches", { max: 50 }),
  "saved-search-gone": new ForgeError("saved-search-gone"),
  "ci-bots-need-owner": new ForgeError("ci-bots-need-owner"),
  "project-gone": new ForgeError("project-gone"),
  "not-author-or-maintainer": new ForgeError("not-author-or-maintainer", {
    action: "apply suggestions",
  }),
  "verdict-revision-gone": new ForgeError("verdict-revision-gone", { shown: 2, revision: 3 }),
  "project-exists": new ForgeError("project-exists", { slug: "demo", service: "pubsub.a.test" }),
  "not-a-project-uri": new ForgeError("not-a-project-uri"),
  "not-a-project-address": new ForgeError("not-a-project-address"),
  "members-only-not-mirrored": new ForgeError("members-only-not-mirrored"),
  "home-is-here": new ForgeError("home-is-here"),
  "mirror-needs-maintainer": new ForgeError("mirror-needs-maintainer", {
    service: "pubsub.b.test",
  }),
  "sign-in-to-open": new ForgeError("sign-in-to-open"),
  "item-gone": new ForgeError("item-gone", { item: "merge-request", where: "cache" }),
  "unreadable-item": new ForgeError("unreadable-item", { item: "ticket", reason: "no title" }),
  "no-comments-node": new ForgeError("no-comments-node"),
  "not-comment-author": new ForgeError("not-comment-author"),
  "may-not-resolve": new ForgeError("may-not-resolve"),
  "not-resolvable": new ForgeError("not-resolvable"),
  "not-maintainer": new ForgeError("not-maintainer"),
  "not-owner": new ForgeError("not-owner"),
  "timeline-not-updated": new ForgeError("timeline-not-updated", undefined, {
    cause: new XmppFailure("timeout", "Could not publish: the server took too long to answer."),
  }),
  "empty-page-title": new ForgeError("empty-page-title"),
  "page-exists": new ForgeError("page-exists", { title: "Install" }),
  "page-missing": new ForgeError("page-missing"),
  "revision-unreadable": new ForgeError("revision-unreadable", { revision: 4 }),
  "revision-is-current": new ForgeError("revision-is-current"),
  "edit-conflict": new ForgeError("edit-conflict", {
    publisher: "bob@b.test",
    revision: 3,
    deleted: false,
  }),
  "saves-in-progress": new ForgeError("saves-in-progress"),
  "no-wiki": new ForgeError("no-wiki"),
  "no-new-changes": new ForgeError("no-new-changes", { sourceRef: "dev", targetBranch: "main" }),
  "patch-too-large": new ForgeError("patch-too-large", { maxBytes: 5 * 1024 * 1024 }),
  "unreadable-patch": new ForgeError("unreadable-patch", { reason: "no diff found" }),
  "patch-scm-mismatch": new ForgeError("patch-scm-mismatch", { patch: "hg", project: "git" }),
  "series-unchanged": new ForgeError("series-unchanged"),
  "suggestions-overlap": new ForgeError("suggestions-overlap", {
    file: "a.ts",
    line: 3,
    by: ["bob@b.test", "carol@c.test"],
  }),
  "suggestion-outdated": new ForgeError("suggestion-outdated", {
    file: "a.ts",
    from: 2,
    to: 3,
    by: "bob@b.test",
  }),
  "no-suggestion": new ForgeError("no-suggestion", { reason: "the comment has no suggestion" }),
  "source-branch-moved": new ForgeError("source-branch-moved", { branch: "topic", revision: 2 }),
  "source-branch-needs-maintainer": new ForgeError("source-branch-needs-maintainer", {
    branch: "topic",
  }),
  "opened-from-patch": new ForgeError("opened-from-patch"),
  "already-merged": new ForgeError("already-merged"),
  "changed-since-shown": new ForgeError("changed-since-shown", { revision: 3 }),
  "merge-blocked": new ForgeError("merge-blocked", { blockers: [{ rule: "draft" }] }),
  "flagged-before-merge": new ForgeError("flagged-before-merge", { by: "mallory@evil.test" }),
  "no-repository": new ForgeError("no-repository"),
  "strategy-not-allowed": new ForgeError("strategy-not-allowed", { strategy: "squash" }),
  "merge-conflicts": new ForgeError("merge-conflicts", { files: ["a.c"], strategy: "merge" }),
  "target-moved": new ForgeError("target-moved", { branch: "main" }),
  "not-fast-forward": new ForgeError("not-fast-forward", { branch: "main" }),
  "token-gone": new ForgeError("token-gone"),
  "repository-not-hostable": new ForgeError("repository-not-hostable", { service: "x.test" }),
  "not-flagged": new ForgeError("not-flagged"),
  "overwrite-changed": new ForgeError("overwrite-changed"),
  "may-not-restore": new ForgeError("may-not-restore", { firstPublisher: "bob@b.test" }),
  "no-trusted-version": new ForgeError("no-trusted-version"),
  "moderators-only": new ForgeError("moderators-only"),
  "no-moderation-nodes": new ForgeError("no-moderation-nodes"),
  "cannot-block-self": new ForgeError("cannot-block-self"),
  "cannot-block-maintainer": new ForgeError("cannot-block-maintainer", {
    maintainer: "carol@a.test",
  }),
  "not-in-project": new ForgeError("not-in-project"),
  "thread-locked": new ForgeError("thread-locked", { by: "alice@a.test" }),
  "push-mirror-needs-maintainer": new ForgeError("push-mirror-needs-maintainer", {
    service: "pubsub.a.test",
  }),
  "no-secret-key": new ForgeError("no-secret-key"),
  "push-mirror-hosted-here": new ForgeError("push-mirror-hosted-here"),
  "no-push-mirror": new ForgeError("no-push-mirror"),
  "import-needs-owner": new ForgeError("import-needs-owner"),
  "already-hosted": new ForgeError("already-hosted"),
};

describe("actionError on the forge's refusals", () => {
  it.each(Object.entries(EVERY_CODE))("words %s as a sentence of its own", (code, error) => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { message } = actionError(error);
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
    expect(message).toMatch(/\S.*\.$/);
    expect(message).not.toContain(code);
    expect(message).not.toMatch(/undefined|\[object/);
  });

  it("gives every code a different message", () => {
    const messages = Object.values(EVERY_CODE).map((error) => actionError(error).message);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it("keeps the wording people saw before codes existed", () => {
    const message = (error: ForgeError) => actionError(error).message;
    expect(message(EVERY_CODE["project-gone"])).toBe("This project is not known here any more.");
    expect(message(EVERY_CODE["patch-too-large"])).toBe("The patch is larger than 5 MB.");
    expect(message(EVERY_CODE["patch-scm-mismatch"])).toBe(
      "This is a Mercurial patch, but the project uses Git.",
    );
    expect(message(EVERY_CODE["unreadable-patch"])).toBe(
      "This is not a patch Pubforge can read: no diff found.",
    );
    expect(message(new ForgeError("item-gone", { item: "ticket", where: "service" }))).toBe(
      "This ticket was deleted on its pubsub service.",
    );
    expect(message(EVERY_CODE["item-gone"])).toBe("This merge request no longer exists.");
    expect(message(EVERY_CODE["edit-conflict"])).toBe(
      "bob@b.test saved revision 3 since you opened this page. Reload it and try again.",
    );
    expect(
      message(new ForgeError("edit-conflict", { publisher: "", revision: 4, deleted: true })),
    ).toBe("someone deleted or renamed this page since you opened it.");
  });

  it("says what stopped a timeline entry, without echoing an unexpected cause", () => {
    expect(actionError(EVERY_CODE["timeline-not-updated"]).message).toBe(
      "The ticket was saved, but the change could not be added to its timeline: Could not publish: the server took too long to answer.",
    );
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const unexpected = new ForgeError("timeline-not-updated", undefined, {
      cause: new TypeError("secret is undefined"),
    });
    const { message } = actionError(unexpected);
    expect(message).toBe(
      "The ticket was saved, but the change could not be added to its timeline: the server failed unexpectedly.",
    );
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
