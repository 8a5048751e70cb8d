import { describe, expect, it } from "vitest";
import { XmppFailure } from "@/lib/xmpp/errors";
import { ForgeError } from "./errors";
import { WikiConflictError, type WikiConflict } from "./wiki/state";

describe("ForgeError", () => {
  it("carries a stable code and the data its message needs, apart from XMPP failures", () => {
    const error = new ForgeError("page-exists", { title: "Install" });
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(XmppFailure);
    expect(error.name).toBe("ForgeError");
    expect(error.code).toBe("page-exists");
    expect(error.data).toEqual({ title: "Install" });
  });

  it("names its code in logs and leaves the wording to the action layer", () => {
    const error = new ForgeError("item-gone", { item: "ticket", where: "cache" });
    expect(error.message).toBe("item-gone");
    expect(String(error)).toBe("ForgeError: item-gone");
  });

  it("needs no data for a code that has none, and keeps the cause it wraps", () => {
    const cause = new XmppFailure("forbidden", "refused");
    const error = new ForgeError("not-maintainer", undefined, { cause });
    expect(error.data).toBeUndefined();
    expect(error.cause).toBe(cause);
    expect(new ForgeError("project-gone").cause).toBeUndefined();
  });
});

describe("WikiConflictError", () => {
  const conflict: WikiConflict = {
    theirs: {
      revision: 3,
      title: "Install",
      markdown: "Run make.\n",
      summary: "",
      publisher: "bob@b.test",
      updated: "2026-11-25T10:00:00.000Z",
      deleted: false,
      movedTo: "",
    },
    rows: [],
    base: { revision: 3, digest: "d" },
  };

  it("is the forge's edit-conflict, carrying the whole conflict for the editor", () => {
    const error = new WikiConflictError(conflict);
    expect(error).toBeInstanceOf(ForgeError);
    expect(error.code).toBe("edit-conflict");
    expect(error.conflict).toBe(conflict);
    expect(error.data).toEqual({ publisher: "bob@b.test", revision: 3, deleted: false });
  });
});
