import { describe, expect, it } from "vitest";
import { en } from "./en";
import { initialLanguage } from "./index.svelte";
import { nl } from "./nl";

type Leaf = { path: string; value: string };

function leaves(node: unknown, path = ""): Leaf[] {
  if (typeof node === "string") return [{ path, value: node }];
  if (typeof node === "function") {
    const args = Array.from({ length: node.length }, (_, i) => (i === 0 ? 2 : "X"));
    return [{ path: `${path}()`, value: String((node as (...a: unknown[]) => unknown)(...args)) }];
  }
  if (typeof node === "object" && node !== null) {
    return Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  throw new Error(`unexpected value at ${path}: ${String(node)}`);
}

describe("the dashboard's translations", () => {
  it("have the same keys in Dutch and English", () => {
    expect(leaves(en).map((l) => l.path)).toEqual(leaves(nl).map((l) => l.path));
  });

  it.each([
    ["nl", nl],
    ["en", en],
  ])("%s has no empty text", (_, dict) => {
    expect(leaves(dict).filter((l) => l.value.trim() === "" || l.value.includes("undefined"))).toEqual([]);
  });

  it("name every action the server writes to the access log", () => {
    const actions = ["signed_in", "client_record_read", "reply_sent", "contact_marked_done", "client_pin_stored",
      "own_access_log_read", "signed_out_everywhere", "pairing_code_created", "paired", "unpaired"];
    for (const a of actions) expect(nl.log.actions[a] && en.log.actions[a]).toBeTruthy();
  });

  it("starts in Dutch unless the browser prefers English", () => {
    expect(initialLanguage(["en-GB", "nl"])).toBe("en");
    expect(initialLanguage(["nl-NL"])).toBe("nl");
    expect(initialLanguage(["de-DE"])).toBe("nl");
    expect(initialLanguage([])).toBe("nl");
  });
});
