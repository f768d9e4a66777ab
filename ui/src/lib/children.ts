import type { Child } from "./bindings";

export const MAX_AGE = 18;
export const MAX_CHILDREN = 12;
export const MAX_PSEUDONYM_CHARS = 40;

/**
 * A child's age today: the age given plus the full years since the day it was given (the same
 * rule as houvast-core's `Child::age_on`). Capped at 18, the highest age a profile accepts.
 */
export function ageToday(child: Child, today: Date = new Date()): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(child.recorded_on);
  if (!m) return child.age_years;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let years = today.getFullYear() - y;
  const month = today.getMonth() + 1;
  if (month < mo || (month === mo && today.getDate() < d)) years -= 1;
  return Math.min(MAX_AGE, child.age_years + Math.max(0, years));
}
