import { afterEach, describe, expect, it, vi } from "vitest";
import { I18n } from "./i18n/index.svelte";
import { firstScreenSettled, startInLanguage } from "./startup";

describe("the first screen starts in the parent's words", () => {
  it("at once in Dutch, which is always loaded, and when the language is not known yet", () => {
    const start = vi.fn();
    startInLanguage("nl", new I18n(), start);
    startInLanguage(undefined, new I18n(), start);
    expect(start).toHaveBeenCalledTimes(2);
  });

  it("in English only once the English words are loaded: no Dutch first frame", async () => {
    const words = new I18n();
    let loadedAtStart: boolean | undefined;
    const started = new Promise<void>((resolve) =>
      startInLanguage("en", words, () => {
        loadedAtStart = words.dictionary("en") !== undefined;
        resolve();
      }),
    );
    expect(loadedAtStart).toBeUndefined();
    await started;
    expect(loadedAtStart).toBe(true);
  });

  it("at once when English was loaded before", async () => {
    const words = new I18n();
    await words.load("en");
    const start = vi.fn();
    startInLanguage("en", words, start);
    expect(start).toHaveBeenCalledTimes(1);
  });
});

describe("the first screen is settled", () => {
  afterEach(() => {
    Reflect.deleteProperty(document, "fonts");
  });

  it("only once the fonts its text is drawn in have loaded: ready means drawn in them", async () => {
    let fontsLoaded!: () => void;
    const ready = new Promise<void>((resolve) => (fontsLoaded = resolve));
    Object.defineProperty(document, "fonts", { value: { ready }, configurable: true });
    let settled = false;
    const done = firstScreenSettled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    fontsLoaded();
    await done;
    expect(settled).toBe(true);
  });

  it("at once without a font API (a test DOM)", async () => {
    await expect(firstScreenSettled()).resolves.toBeUndefined();
  });
});
