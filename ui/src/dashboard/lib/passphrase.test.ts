import { describe, expect, it } from "vitest";
import { checkPassphrase, suggestPassphrase } from "./passphrase";
import { SUGGESTION_WORDS } from "./wordlists";

describe("the passphrase policy", () => {
  it.each([
    ["vlinder kompas regenjas tulp", "ok"],
    ["Zeehond-lepel-knikker-gieter", "ok"],
    ["Tr0ub4dour&3-is-het-niet!", "ok"],
    ["kort wachtwoord", "tooShort"],
    ["tulp tulp tulp tulp tulp", "repeated"],
    ["eenheelerglangwoordzonderspaties", "tooFewWords"],
    ["correct horse battery staple", "common"],
    ["Correct  Horse Battery Staple", "common"],
    ["ik-hou-van-jou-schat!!", "common"],
    ["anna vlinder kompas tulp", "personal"],
  ] as const)("%s → %s", (passphrase, verdict) => {
    expect(checkPassphrase(passphrase, ["anna@example.org", "Anna de Vries"])).toBe(verdict);
  });

  it("accepts every suggestion it makes", () => {
    for (let i = 0; i < 50; i++) {
      const s = suggestPassphrase();
      expect(s.split(" ")).toHaveLength(6);
      expect(checkPassphrase(s)).toBe("ok");
    }
  });

  it("suggests from a list large enough for about 54 bits, without modulo bias", () => {
    expect(new Set(SUGGESTION_WORDS).size).toBe(SUGGESTION_WORDS.length);
    expect(6 * Math.log2(SUGGESTION_WORDS.length)).toBeGreaterThan(53);
    // Values at or above the last whole multiple of the list's size are drawn again.
    const size = SUGGESTION_WORDS.length;
    const limit = Math.floor(2 ** 32 / size) * size;
    const draws = [new Uint32Array([limit, limit + 1, 0, 1, 2, 3]), new Uint32Array([4, 5, 6, 7, 8, 9])];
    expect(suggestPassphrase(() => draws.shift() as Uint32Array)).toBe(SUGGESTION_WORDS.slice(0, 6).join(" "));
  });
});
