import { describe, expect, it } from "vitest";
import { en } from "./en";
import { nl } from "./nl";
import { formatDate, I18n } from "./index.svelte";

type Leaf = { path: string; value: string };

// Functions are called with sample arguments so their output is checked too.
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

describe("translations", () => {
  it("have the same keys in Dutch and English", () => {
    expect(leaves(en).map((l) => l.path)).toEqual(leaves(nl).map((l) => l.path));
  });

  it.each([
    ["nl", nl],
    ["en", en],
  ])("%s has no empty text", (_, dict) => {
    const empty = leaves(dict).filter((l) => l.value.trim() === "" || l.value.includes("undefined"));
    expect(empty).toEqual([]);
  });

  // "Nobody watches along day and night" read as a privacy promise: the warning says that
  // nobody notices a crisis in the app, and where help is.
  it("warn in both languages that nobody notices a crisis, and say where help is", () => {
    expect(nl.crisis.nobodyWatches).toMatch(/niemand houdt .* in de gaten/i);
    expect(nl.crisis.nobodyWatches).toMatch(/bel/i);
    expect(en.crisis.nobodyWatches).toMatch(/nobody keeps an eye on how you are doing/i);
    expect(en.crisis.nobodyWatches).toMatch(/call/i);
    expect(nl.onboarding.privacyNobody).toMatch(/Hulp bij crisis/);
    expect(en.onboarding.privacyNobody).toMatch(/Crisis help/);
    for (const dict of [nl, en]) {
      expect(leaves(dict).map((l) => l.value).join("\n")).not.toMatch(/kijkt dag en nacht mee|watches along/i);
    }
  });

  it("formats a calendar date as a local date in the chosen language", () => {
    expect(formatDate("2026-03-10", "nl")).toMatch(/10 maart/);
    expect(formatDate("2026-03-10", "en")).toMatch(/10 March/);
    expect(formatDate("not a date", "nl")).toBe("not a date");
  });
});

describe("switching language", () => {
  it("loads English's words first, then switches; the screen stays Dutch meanwhile", async () => {
    const fresh = new I18n();
    expect(fresh.dictionary("en")).toBeUndefined();
    fresh.set("en");
    expect(fresh.lang).toBe("nl");
    expect(fresh.t.app.loading).toBe(nl.app.loading);
    await fresh.load("en");
    await Promise.resolve();
    expect(fresh.lang).toBe("en");
    expect(fresh.t.app.loading).toBe(en.app.loading);
  });

  it("ends in the language asked for last, however the loading falls", async () => {
    const fresh = new I18n();
    fresh.set("en");
    fresh.set("nl");
    await fresh.load("en");
    await Promise.resolve();
    expect(fresh.lang).toBe("nl");
    fresh.set("en");
    expect(fresh.lang).toBe("en");
  });
});
