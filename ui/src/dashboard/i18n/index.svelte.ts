// The dashboard's language: Dutch unless the browser prefers English; switchable at any time.

import { en } from "./en";
import { nl, type Messages } from "./nl";

export type Lang = "nl" | "en";
export const dictionaries: Record<Lang, Messages> = { nl, en };

class I18n {
  lang = $state<Lang>("nl");

  get t(): Messages {
    return dictionaries[this.lang];
  }

  set(lang: Lang): void {
    this.lang = lang;
    document.documentElement.lang = lang;
  }
}

export const i18n = new I18n();

export function initialLanguage(languages: readonly string[]): Lang {
  const first = languages[0]?.toLowerCase() ?? "nl";
  return first.startsWith("en") ? "en" : "nl";
}

/** An RFC 3339 time as "di 10 mrt 2026, 14:05" / "Tue 10 Mar 2026, 14:05". */
export function formatTime(iso: string, lang: Lang = i18n.lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(dictionaries[lang].dates.locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(d);
}

export function formatDay(iso: string, lang: Lang = i18n.lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(dictionaries[lang].dates.locale, { day: "numeric", month: "long", year: "numeric" }).format(d);
}
