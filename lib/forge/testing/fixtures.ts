// Test-only: reads the Libervia wire captures in __fixtures__/libervia.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Element } from "@xmpp/xml";
import { parseXml } from "@/lib/xmpp/xml";

const LIBERVIA_DIR = fileURLToPath(new URL("../__fixtures__/libervia/", import.meta.url));

export function liberviaFixtureNames(): string[] {
  return readdirSync(LIBERVIA_DIR)
    .filter((name) => name.endsWith(".xml"))
    .sort();
}

export function liberviaFixtureText(name: string): string {
  return readFileSync(LIBERVIA_DIR + name, "utf8");
}

export function liberviaFixture(name: string): Element {
  return parseXml(liberviaFixtureText(name));
}
