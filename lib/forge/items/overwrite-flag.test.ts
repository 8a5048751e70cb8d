import { describe, expect, it } from "vitest";
import {
  isNewVersion,
  judgeVersion,
  needsMaintainers,
  type PublishedVersion,
  versionDigest,
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
  const digest = versionDigest("alice@a.test", "<x/>");

  it("are told apart by payload and publisher, not by the case of an address", () => {
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(versionDigest("Alice@a.test", "<x/>")).toBe(digest);
    expect(versionDigest("bob@b.test", "<x/>")).not.toBe(digest);
    expect(versionDigest("alice@a.test", "<y/>")).not.toBe(digest);
  });

  it("count as new when the digest differs, or, for rows without one, the publisher", () => {
    const stored = { publisher: "alice@a.test", versionDigest: digest };
    expect(isNewVersion(stored, { ...stored })).toBe(false);
    expect(isNewVersion(stored, { ...stored, versionDigest: "other" })).toBe(true);
    const old = { publisher: "alice@a.test", versionDigest: "" };
    expect(isNewVersion(old, stored)).toBe(false);
    expect(isNewVersion(old, { publisher: "bob@b.test", versionDigest: digest })).toBe(true);
    const anonymous = { publisher: "", versionDigest: "" };
    expect(isNewVersion(anonymous, { publisher: "", versionDigest: digest })).toBe(false);
  });
});
