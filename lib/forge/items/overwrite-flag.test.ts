import { describe, expect, it } from "vitest";
import {
  judgeVersion,
  needsMaintainers,
  type PublishedVersion,
  replacesPublisher,
  versionPin,
} from "./overwrite-flag";

const MAINTAINERS = new Set(["owner@a.test"]);
const judge = (version: Partial<PublishedVersion>) =>
  judgeVersion(
    { firstPublisher: "alice@a.test", publisher: "", flaggedBy: "", ...version },
    (jid) => MAINTAINERS.has(jid),
  );

describe("judgeVersion", () => {
  it("trusts the first publisher's versions, whatever the case of their address", () => {
    expect(judge({ publisher: "alice@a.test" })).toEqual({ trusted: true, flaggedBy: "" });
    expect(judge({ publisher: "Alice@A.test" })).toEqual({ trusted: true, flaggedBy: "" });
  });

  it("flags a version by someone else who is not a maintainer", () => {
    expect(judge({ publisher: "mallory@evil.test" })).toEqual({
      trusted: false,
      flaggedBy: "mallory@evil.test",
    });
  });

  it("trusts a maintainer's version, which clears a flag", () => {
    expect(judge({ publisher: "owner@a.test", flaggedBy: "mallory@evil.test" })).toEqual({
      trusted: true,
      flaggedBy: "",
    });
  });

  it("neither trusts nor flags a version whose publisher the service does not name", () => {
    expect(judge({ publisher: "" })).toEqual({ trusted: false, flaggedBy: "" });
    expect(judge({ publisher: "", flaggedBy: "mallory@evil.test" })).toEqual({
      trusted: false,
      flaggedBy: "mallory@evil.test",
    });
  });

  it("flags, failing closed, when the first publisher is unknown", () => {
    expect(judge({ firstPublisher: "", publisher: "bob@b.test" })).toEqual({
      trusted: false,
      flaggedBy: "bob@b.test",
    });
    expect(judge({ firstPublisher: "", publisher: "owner@a.test" }).trusted).toBe(true);
  });

  it("asks for the maintainers only when the publisher is someone other than the first", () => {
    expect(needsMaintainers({ firstPublisher: "alice@a.test", publisher: "alice@a.test" })).toBe(
      false,
    );
    expect(needsMaintainers({ firstPublisher: "alice@a.test", publisher: "" })).toBe(false);
    expect(needsMaintainers({ firstPublisher: "alice@a.test", publisher: "bob@b.test" })).toBe(
      true,
    );
  });
});

describe("versions", () => {
  it("of one publisher form a run; another publisher's (or none) ends it", () => {
    expect(replacesPublisher("alice@a.test", "Alice@a.test")).toBe(false);
    expect(replacesPublisher("alice@a.test", "bob@b.test")).toBe(true);
    expect(replacesPublisher("alice@a.test", "")).toBe(true);
    expect(replacesPublisher("", "")).toBe(false);
  });

  it("are pinned in forms by a digest of the cached item", () => {
    const pin = versionPin('<item id="1"><x/></item>');
    expect(pin).toMatch(/^[0-9a-f]{64}$/);
    expect(versionPin('<item id="1"><y/></item>')).not.toBe(pin);
  });
});
