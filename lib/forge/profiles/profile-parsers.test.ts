// The vCard4 and User Avatar readers against what a hostile server may send: forged, huge or
// malformed payloads give a plain profile (nothing), never a throw.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseXml } from "@/lib/xmpp/xml";
import { decodeAvatarData, decodeAvatarMetadata, MAX_AVATAR_BYTES, sniffImageType } from "./avatar";
import { decodeVcard4 } from "./vcard";

const vcard = (inner: string) =>
  parseXml(`<vcard xmlns="urn:ietf:params:xml:ns:vcard-4.0">${inner}</vcard>`);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const sha1 = (bytes: Buffer) => createHash("sha1").update(bytes).digest("hex");
const metadata = (inner: string) =>
  parseXml(`<metadata xmlns="urn:xmpp:avatar:metadata">${inner}</metadata>`);
const data = (base64: string) => parseXml(`<data xmlns="urn:xmpp:avatar:data">${base64}</data>`);

describe("decodeVcard4", () => {
  it("reads the formatted name, else the nickname", () => {
    expect(decodeVcard4(vcard("<fn><text>Alice Liddell</text></fn>"))).toEqual({
      name: "Alice Liddell",
    });
    expect(decodeVcard4(vcard("<nickname><text>al</text></nickname>"))).toEqual({ name: "al" });
  });

  it("makes one short printable line of a hostile name, or none", () => {
    expect(decodeVcard4(vcard("<fn><text>A\u202Eevil\u0007\n  name</text></fn>"))).toEqual({
      name: "A evil name",
    });
    expect(decodeVcard4(vcard(`<fn><text>${"x".repeat(5_000)}</text></fn>`))).toEqual({});
    expect(decodeVcard4(vcard(`<fn><text>${"x".repeat(101)}</text></fn>`))).toEqual({});
    expect(decodeVcard4(vcard("<fn><text>   </text></fn>"))).toEqual({});
    expect(decodeVcard4(vcard("<fn>Alice</fn>"))).toEqual({});
  });

  it("reads nothing from another namespace or element", () => {
    expect(decodeVcard4(parseXml('<vcard xmlns="vcard-temp"><FN>A</FN></vcard>'))).toEqual({});
    expect(decodeVcard4(parseXml("<fn><text>A</text></fn>"))).toEqual({});
    expect(decodeVcard4(undefined)).toEqual({});
  });
});

describe("User Avatar", () => {
  const id = sha1(PNG);

  it("takes the first info Pubforge would serve", () => {
    const payload = metadata(
      `<info id="${"a".repeat(40)}" bytes="10" type="image/svg+xml"/>` +
        `<info id="${"b".repeat(40)}" bytes="10" type="image/png" url="https://evil.example/x.png"/>` +
        `<info id="${"c".repeat(40)}" bytes="${MAX_AVATAR_BYTES + 1}" type="image/png"/>` +
        `<info id="${id}" bytes="${PNG.length}" type="image/png"/>`,
    );
    expect(decodeAvatarMetadata(payload)).toEqual({ id, bytes: PNG.length, type: "image/png" });
    expect(decodeAvatarMetadata(metadata('<info id="../x" bytes="1" type="image/png"/>'))).toBe(
      undefined,
    );
    expect(decodeAvatarMetadata(metadata("<stop/>"))).toBe(undefined);
  });

  it("accepts only the announced bytes, of the announced type", () => {
    const info = { id, bytes: PNG.length, type: "image/png" as const };
    expect(decodeAvatarData(data(PNG.toString("base64")), info)?.bytes).toEqual(PNG);
    // Other bytes than the hash announced.
    const other = Buffer.concat([PNG, Buffer.from([9])]);
    expect(decodeAvatarData(data(other.toString("base64")), info)).toBe(undefined);
    // The right hash, but HTML labelled as PNG: never served as an image.
    const html = Buffer.from("<script>alert(1)</script>");
    expect(decodeAvatarData(data(html.toString("base64")), { ...info, id: sha1(html) })).toBe(
      undefined,
    );
    // A GIF announced as PNG.
    const gif = Buffer.from("GIF89a....");
    expect(decodeAvatarData(data(gif.toString("base64")), { ...info, id: sha1(gif) })).toBe(
      undefined,
    );
    expect(decodeAvatarData(data("!!not base64!!"), info)).toBe(undefined);
  });

  it("refuses more than the cap before decoding it", () => {
    const huge = Buffer.alloc(MAX_AVATAR_BYTES + 10, 0x89);
    PNG.copy(huge);
    expect(
      decodeAvatarData(data(huge.toString("base64")), {
        id: sha1(huge),
        bytes: 1,
        type: "image/png",
      }),
    ).toBe(undefined);
  });

  it("knows the four image types by their bytes", () => {
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffImageType(Buffer.from("GIF87a"))).toBe("image/gif");
    expect(sniffImageType(Buffer.from("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(sniffImageType(Buffer.from("<svg/>"))).toBe(undefined);
  });

  it("fuzz: hostile payloads never throw, and what comes back is within bounds", () => {
    const piece = fc.constantFrom(
      "<fn>",
      "</fn>",
      "<text>",
      "</text>",
      "<nickname>",
      "</nickname>",
      '<info id="',
      `${id}"`,
      ' bytes="',
      '1e9"',
      '-1"',
      ' type="image/png"',
      ' url="http://x"',
      "/>",
      "&amp;",
      "\u202E",
      "x",
    );
    const inner = fc.array(fc.oneof(piece, fc.string({ maxLength: 5 })), { maxLength: 20 });
    fc.assert(
      fc.property(inner, (parts) => {
        const text = parts.join("");
        let card: ReturnType<typeof parseXml> | undefined;
        let meta: ReturnType<typeof parseXml> | undefined;
        try {
          card = vcard(text);
          meta = metadata(text);
        } catch {
          return; // not XML: the XMPP stream would have refused it already
        }
        const { name } = decodeVcard4(card);
        if (name !== undefined) {
          expect(name.length).toBeLessThanOrEqual(100);
          expect(name).not.toMatch(/[\u0000-\u001f\u202e]/);
        }
        const info = decodeAvatarMetadata(meta);
        if (info) {
          expect(info.bytes).toBeLessThanOrEqual(MAX_AVATAR_BYTES);
          expect(info.id).toMatch(/^[0-9a-f]{40}$/);
        }
        const image = decodeAvatarData(data(text.replace(/[<&]/g, "")), {
          id,
          bytes: 1,
          type: "image/png",
        });
        if (image) expect(image.bytes).toEqual(PNG);
      }),
      { numRuns: 2_000 },
    );
  });
});
