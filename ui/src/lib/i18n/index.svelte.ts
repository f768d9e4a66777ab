// The current language. Components read `i18n.t` inside markup or $derived, so a switch
// re-renders every string at once.
//
// Dutch, the app's first language, is part of the first screen's code. English is a chunk of
// its own (about 40 KB), loaded before the first screen when the parent reads English and
// otherwise only when someone switches: a Dutch start evaluates that much less JavaScript
// before its first frame (README, Benchmarks).

import type { Language } from "../bindings";
import { nl, type Messages } from "./nl";

const loaders: Record<Language, () => Promise<Messages>> = {
  nl: async () => nl,
  en: async () => (await import("./en")).en,
};

export class I18n {
  lang = $state<Language>("nl");
  // Raw: the dictionaries are read, never changed; only a newly loaded one replaces the record.
  #dictionaries = $state.raw<Partial<Record<Language, Messages>>>({ nl });
  #loading: Partial<Record<Language, Promise<void>>> = {};
  #wanted: Language = "nl";

  get t(): Messages {
    return this.#dictionaries[this.lang] ?? nl;
  }

  /** The words of `lang` when they are loaded (Dutch always is). */
  dictionary(lang: Language): Messages | undefined {
    return this.#dictionaries[lang];
  }

  /**
   * Switches to `lang`: at once when its words are loaded, else as soon as they are (a
   * moment; the screen stays in the language it was in until then). The last switch asked
   * for wins.
   */
  set(lang: Language): void {
    this.#wanted = lang;
    if (this.#dictionaries[lang]) {
      this.lang = lang;
      return;
    }
    this.load(lang).then(
      () => {
        if (this.#wanted === lang) this.lang = lang;
      },
      // The chunk is in the app itself; should it still fail, the screen keeps its language.
      () => {},
    );
  }

  /** Loads the words of `lang`, once. */
  load(lang: Language): Promise<void> {
    if (this.#dictionaries[lang]) return Promise.resolve();
    this.#loading[lang] ??= loaders[lang]().then(
      (messages) => {
        this.#dictionaries = { ...this.#dictionaries, [lang]: messages };
      },
      (error: unknown) => {
        delete this.#loading[lang];
        throw error;
      },
    );
    return this.#loading[lang];
  }
}

export const i18n = new I18n();

/** The locale for dates in `lang` (Dutch's while another language's words are not loaded). */
function locale(lang: Language): string {
  return (i18n.dictionary(lang) ?? nl).dates.locale;
}

/** "2026-03-10" (a local calendar date) → "dinsdag 10 maart" / "Tuesday 10 March". */
export function formatDate(isoDate: string, lang: Language = i18n.lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = isoDate.length > 10 ? new Date(isoDate) : new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale(lang), {
    weekday: "long",
    day: "numeric",
    month: "long",
  }).format(date);
}

/**
 * A moment (RFC 3339, any offset) in the parent's own time zone: "donderdag 12 maart 2026 om
 * 14:30" / "Thursday 12 March 2026 at 14:30". The worker may sit in another zone.
 */
export function formatDateTime(iso: string, lang: Language = i18n.lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}
