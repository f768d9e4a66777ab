// The current language. Components read `i18n.t` inside markup or $derived, so a switch
// re-renders every string at once.

import type { Language } from "../bindings";
import { en } from "./en";
import { nl, type Messages } from "./nl";

export const dictionaries: Record<Language, Messages> = { nl, en };

class I18n {
  lang = $state<Language>("nl");

  get t(): Messages {
    return dictionaries[this.lang];
  }

  set(lang: Language): void {
    this.lang = lang;
  }
}

export const i18n = new I18n();

/** "2026-03-10" (a local calendar date) → "dinsdag 10 maart" / "Tuesday 10 March". */
export function formatDate(isoDate: string, lang: Language = i18n.lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = isoDate.length > 10 ? new Date(isoDate) : new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(dictionaries[lang].dates.locale, {
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
  return new Intl.DateTimeFormat(dictionaries[lang].dates.locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}
