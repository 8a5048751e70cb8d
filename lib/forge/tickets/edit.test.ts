import { describe, expect, it } from "vitest";
import { changedTicketFields } from "./edit";
import type { TicketFields } from "./operations";

const shown: TicketFields = {
  title: "Crash",
  bodyMarkdown: "",
  type: "bug",
  status: "queued",
  priority: "normal",
  labels: ["parser"],
  assignees: [],
  milestone: "",
};

describe("changedTicketFields", () => {
  it("keeps only what the person changed", () => {
    expect(
      changedTicketFields(
        { ...shown, title: "Crash on empty input", labels: ["parser", "ui"] },
        shown,
      ),
    ).toEqual({ title: "Crash on empty input", labels: ["parser", "ui"] });
  });

  it("leaves an untouched (empty) body alone, so another client's XHTML body survives", () => {
    expect(changedTicketFields({ ...shown, status: "closed" }, shown)).toEqual({
      status: "closed",
    });
  });

  it("changes nothing when nothing was changed", () => {
    expect(changedTicketFields(shown, shown)).toEqual({});
  });

  it("takes every field when the form did not say what it showed", () => {
    expect(changedTicketFields(shown, undefined)).toEqual(shown);
  });
});
