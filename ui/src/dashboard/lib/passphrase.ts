// The passphrase policy that protects a caseload: at least four different words and 20
// characters (or a phrase of 24 characters mixing three kinds of characters), not a
// well-known phrase, not the worker's own name or address. Checked offline in the browser.

import { COMMON_PHRASES, SUGGESTION_WORDS } from "./wordlists";

export type PolicyResult = "ok" | "tooShort" | "tooFewWords" | "repeated" | "common" | "personal";

const normalise = (s: string) => s.toLowerCase().normalize("NFKC").replace(/\s+/g, " ").trim();
const lettersOnly = (s: string) => s.replace(/[^\p{L}]+/gu, "");
const common = new Set(COMMON_PHRASES.flatMap((p) => [normalise(p), lettersOnly(p)]));

/** `personal`: the worker's name and e-mail address, which must not be in the passphrase. */
export function checkPassphrase(passphrase: string, personal: readonly string[] = []): PolicyResult {
  const text = normalise(passphrase);
  if (common.has(text) || common.has(lettersOnly(text))) return "common";
  const tokens = personal
    .flatMap((p) => normalise(p).split(/[\s@.\-_]+/))
    .filter((t) => t.length >= 3);
  if (tokens.some((t) => text.includes(t))) return "personal";
  if ([...text].length < 20) return "tooShort";
  const words = text.split(/[\s\-_.,;:/+]+/).filter((w) => w.length >= 2);
  if (words.length >= 4) {
    return new Set(words).size >= 4 ? "ok" : "repeated";
  }
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[^\p{L}\p{N}\s]/u].filter((r) => r.test(passphrase)).length;
  return [...text].length >= 24 && kinds >= 3 ? "ok" : "tooFewWords";
}

/** Six random words from the list, chosen with the browser's CSPRNG without bias. */
export function suggestPassphrase(random: (n: number) => Uint32Array = (n) => crypto.getRandomValues(new Uint32Array(n))): string {
  const size = SUGGESTION_WORDS.length;
  const limit = Math.floor(2 ** 32 / size) * size;
  const words: string[] = [];
  while (words.length < 6) {
    for (const r of random(6)) {
      if (r < limit && words.length < 6) words.push(SUGGESTION_WORDS[r % size] as string);
    }
  }
  return words.join(" ");
}
