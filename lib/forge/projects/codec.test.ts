import xml from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import { parseDataForm } from "@/lib/xmpp/dataform";
import { decodeProjectInfo, encodeProjectInfo } from "./codec";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";

const fields = {
  name: "Demo",
  description: "A demo project\nwith two lines",
  scm: "git" as const,
  cloneUrl: "https://example.org/demo.git",
  defaultBranch: "main",
};

describe("project info codec", () => {
  it("round-trips what Pubforge writes and links the tracker nodes", () => {
    const decoded = decodeProjectInfo(encodeProjectInfo("pubsub.a.test", "demo", fields));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.project).toMatchObject({ ...fields, mirrors: [] });
    expect(parseXmppUri(decoded.project.ticketsUri)).toEqual({
      jid: "pubsub.a.test",
      node: "fdp/submitted/org.salut-a-toi.tickets:0_demo",
    });
  });

  it("keeps fields it does not know when edited", () => {
    const first = encodeProjectInfo("pubsub.a.test", "demo", fields);
    first.append(
      xml("field", { var: "x-homepage", type: "text-single" }, xml("value", {}, "https://demo")),
    );
    const edited = encodeProjectInfo(
      "pubsub.a.test",
      "demo",
      { ...fields, name: "Demo 2" },
      parseDataForm(first),
    );
    expect(edited.toString()).toContain(
      `<field var="x-homepage" type="text-single"><value>https://demo</value></field>`,
    );
    const decoded = decodeProjectInfo(edited);
    expect(decoded.ok && decoded.project.name).toBe("Demo 2");
  });

  it("takes a project as members-only unless its access field says open", () => {
    const withAccess = (value: string | null) => {
      const form = encodeProjectInfo("pubsub.a.test", "demo", fields);
      const access = form.getChildren("field").find((field) => field.attrs.var === "access")!;
      if (value === null) form.remove(access);
      else access.getChild("value")!.children = [value];
      const decoded = decodeProjectInfo(form);
      return decoded.ok ? decoded.project.access : decoded.reason;
    };
    expect(withAccess("open")).toBe("open");
    expect(withAccess(null)).toBe("whitelist");
    expect(withAccess("")).toBe("whitelist");
    expect(withAccess("presence")).toBe("whitelist");
  });

  it("rejects forms of another kind, or without a name, with a reason", () => {
    const other = xml(
      "x",
      { xmlns: "jabber:x:data", type: "submit" },
      xml(
        "field",
        { var: "FORM_TYPE", type: "hidden" },
        xml("value", {}, "org.salut-a-toi.tickets:0"),
      ),
    );
    expect(decodeProjectInfo(other)).toEqual({
      ok: false,
      reason: "not a project form (FORM_TYPE is org.salut-a-toi.tickets:0)",
    });
    const unnamed = encodeProjectInfo("pubsub.a.test", "demo", { ...fields, name: " " });
    expect(decodeProjectInfo(unnamed)).toEqual({ ok: false, reason: "the project has no name" });
  });

  it("reads the merge strategies a project allows, all of them when the field says none it knows", () => {
    const strategies = (values: string[] | null) => {
      const form = encodeProjectInfo("pubsub.a.test", "demo", {
        ...fields,
        ...(values && { mergeStrategies: values as never }),
      });
      const decoded = decodeProjectInfo(form);
      return decoded.ok ? decoded.project.mergeStrategies : decoded.reason;
    };
    expect(strategies(["squash", "merge"])).toEqual(["merge", "squash"]);
    expect(strategies(["squash", "octopus"])).toEqual(["squash"]);
    expect(strategies(null)).toEqual(["merge", "fast-forward", "squash", "rebase"]);
    expect(strategies(["octopus"])).toEqual(["merge", "fast-forward", "squash", "rebase"]);
  });
});
