// The app's text comes in three sizes and two weights (app.css): every other size or weight is
// one more font WebKit prepares before the first frame, and the scale is what parents see.
// The worker's dashboard (src/dashboard) has its own styles and is not part of this.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname);

function styleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "dashboard" ? [] : styleFiles(path);
    return /\.(svelte|css)$/.test(entry.name) ? [path] : [];
  });
}

/** Every `property: value` of the app's stylesheets, with the file it is in. */
function declarations(property: string): Array<{ file: string; value: string }> {
  const pattern = new RegExp(`(?<![\\w-])${property}\\s*:\\s*([^;}]+)`, "g");
  return styleFiles(SRC).flatMap((path) =>
    [...readFileSync(path, "utf8").matchAll(pattern)].map((m) => ({
      file: relative(SRC, path),
      value: m[1].trim(),
    })),
  );
}

describe("the type scale", () => {
  it("is found: the scan sees the app's stylesheets", () => {
    expect(declarations("font-size").length).toBeGreaterThan(20);
    expect(declarations("font-weight").length).toBeGreaterThan(20);
  });

  it("has every font size from the scale", () => {
    const off = declarations("font-size").filter(
      ({ value }) => !/^var\(--size-(body|heading|title)\)$/.test(value) && value !== "100%",
    );
    expect(off).toEqual([]);
  });

  it("has only the two weights", () => {
    const off = declarations("font-weight").filter(({ value }) => value !== "400" && value !== "700");
    expect(off).toEqual([]);
  });

  it("has no font shorthand but inherit, which would set a size of its own", () => {
    const off = declarations("font").filter(({ value }) => value !== "inherit");
    expect(off).toEqual([]);
  });
});
