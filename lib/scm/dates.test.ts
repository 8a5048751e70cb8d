import { describe, expect, it } from "vitest";
import { isoDate, isoOfMailDate, mailDateOfIso, parseIsoDate } from "./dates";

describe("dates", () => {
  it("keeps the author's offset between Unix time, ISO 8601 and mail dates", () => {
    const iso = isoDate({ seconds: 1767258000, offsetMinutes: 60 });
    expect(iso).toBe("2026-01-01T10:00:00+01:00");
    expect(parseIsoDate(iso)).toEqual({ seconds: 1767258000, offsetMinutes: 60 });
    expect(mailDateOfIso(iso)).toBe("Thu, 1 Jan 2026 10:00:00 +0100");
    expect(isoOfMailDate("Fri, 2 Jan 2026 08:30:00 -0700")).toBe("2026-01-02T08:30:00-07:00");
    expect(isoDate({ seconds: 0, offsetMinutes: 0 })).toBe("1970-01-01T00:00:00Z");
    expect(mailDateOfIso("2026-11-25T15:07:32Z")).toBe("Wed, 25 Nov 2026 15:07:32 +0000");
  });

  it("rejects what is not a date", () => {
    expect(parseIsoDate("2026-01-01")).toBeUndefined();
    expect(isoOfMailDate("yesterday")).toBeUndefined();
  });
});
