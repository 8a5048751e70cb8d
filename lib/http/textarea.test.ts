import { describe, expect, it } from "vitest";
import { textareaText } from "./textarea";

describe("textareaText", () => {
  it("gives back the line feeds a browser turned into CRLF", () => {
    expect(textareaText("From abc\r\nSubject: x\r\n\r\n+line\r\n")).toBe(
      "From abc\nSubject: x\n\n+line\n",
    );
  });

  it("treats a lone CR as a line break, as the browser does", () => {
    expect(textareaText("a\rb")).toBe("a\nb");
  });

  it("leaves text without carriage returns alone", () => {
    expect(textareaText("a\nb\n")).toBe("a\nb\n");
  });
});
