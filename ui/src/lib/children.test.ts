import { describe, expect, it } from "vitest";
import { ageToday } from "./children";
import { validateProfile } from "./profileForm";
import { nl } from "./i18n/nl";

describe("ageToday", () => {
  const child = { age_years: 11, recorded_on: "2026-03-10" };
  it("grows a child on the anniversary of the day the age was given", () => {
    expect(ageToday(child, new Date(2027, 2, 9))).toBe(11);
    expect(ageToday(child, new Date(2027, 2, 10))).toBe(12);
  });
  it("never goes past 18", () => {
    expect(ageToday({ age_years: 17, recorded_on: "2020-01-01" }, new Date(2030, 0, 1))).toBe(18);
  });
});

describe("validateProfile", () => {
  it("accepts a name and ages, trimmed", () => {
    expect(validateProfile(nl, "nl", "  Sam ", ["0", "18"]).input).toEqual({
      language: "nl",
      pseudonym: "Sam",
      children_ages: [0, 18],
    });
  });
  it("names each problem", () => {
    const { errors, input } = validateProfile(nl, "nl", " ", ["", "19", "2.5"]);
    expect(input).toBeNull();
    expect(errors.pseudonym).toBe(nl.onboarding.pseudonymEmpty);
    expect(errors.ages).toEqual([nl.onboarding.ageEmpty(1), nl.onboarding.ageOutOfRange(2), nl.onboarding.ageOutOfRange(3)]);
    expect(validateProfile(nl, "nl", "x".repeat(41), ["1"]).errors.pseudonym).toBe(nl.onboarding.pseudonymTooLong(40));
    expect(validateProfile(nl, "nl", "Sam", []).errors.children).toBe(nl.onboarding.noChildren);
  });
});
