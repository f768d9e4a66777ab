// The app's text comes in three sizes and two weights (app.css): every other size or weight is
// one more font WebKit prepares before the first frame, and the scale is what parents see.
// The worker's dashboard (src/dashboard) has its own styles and is not part of this.
import { describe, expect, it } from "vitest";

// Every stylesheet of the app, as text: the components' <style> blocks and app.css.
const sources = import.meta.glob<string>(["./**/*.svelte", "./**/*.css", "!./dashboard/**"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Every `property: value` of the app's stylesheets, with the file it is in. */
function declarations(property: string): Array<{ file: string; value: string }> {
  const pattern = new RegExp(`(?<![\\w-])${property}\\s*:\\s*([^;}]+)`, "g");
  return Object.entries(sources).flatMap(([file, text]) =>
    [...text.matchAll(pattern)].map((m) => ({ file, value: (m[1] ?? "").trim() })),
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
