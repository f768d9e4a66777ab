// Checks the onboarding form the same way houvast-core's ProfileInput::validate does, so the
// parent hears about a mistake next to the field instead of after a round trip.

import type { Language, ProfileInput, Role } from "./bindings";
import type { Messages } from "./i18n/nl";
import { MAX_AGE, MAX_CHILDREN, MAX_PSEUDONYM_CHARS } from "./children";

export type ProfileFormErrors = {
  pseudonym?: string;
  ages: (string | undefined)[];
  children?: string;
};

export type ProfileValidation = { errors: ProfileFormErrors; input: ProfileInput | null };

export function parseAge(raw: string): number | null {
  const s = raw.trim();
  if (!/^\d{1,2}$/.test(s)) return null;
  const age = Number(s);
  return age <= MAX_AGE ? age : null;
}

export function validateProfile(
  t: Messages,
  language: Language,
  role: Role,
  pseudonym: string,
  ages: string[],
): ProfileValidation {
  const m = t.onboarding;
  const errors: ProfileFormErrors = { ages: [] };
  const name = pseudonym.trim();
  if (name === "") errors.pseudonym = m.pseudonymEmpty;
  else if ([...name].length > MAX_PSEUDONYM_CHARS) errors.pseudonym = m.pseudonymTooLong(MAX_PSEUDONYM_CHARS);
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) errors.pseudonym = m.pseudonymInvalid;

  const parsed: number[] = [];
  ages.forEach((raw, i) => {
    if (raw.trim() === "") {
      errors.ages[i] = m.ageEmpty(i + 1);
      return;
    }
    const age = parseAge(raw);
    if (age === null) errors.ages[i] = m.ageOutOfRange(i + 1);
    else parsed.push(age);
  });
  if (ages.length === 0) errors.children = m.noChildren;
  else if (ages.length > MAX_CHILDREN) errors.children = m.tooManyChildren(MAX_CHILDREN);

  const ok =
    errors.pseudonym === undefined &&
    errors.children === undefined &&
    errors.ages.every((e) => e === undefined);
  return {
    errors,
    input: ok ? { language, pseudonym: name, children_ages: parsed, role } : null,
  };
}
