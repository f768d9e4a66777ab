import { describe, expect, it } from "vitest";
import type { Question } from "./bindings";
import { isRequired, shownQuestions } from "./conditions";

const done: Question = {
  id: "m.home.done",
  label: "Gelukt?",
  help: null,
  required: true,
  required_when: null,
  hidden_when: null,
  input: {
    type: "choice",
    multiple: false,
    options: [
      { id: "yes", label: "Ja" },
      { id: "not-yet", label: "Nog niet" },
    ],
  },
};
const how: Question = {
  ...done,
  id: "m.home.how",
  input: { type: "text", multiline: true, max_chars: 10000 },
  hidden_when: { question: "m.home.done", any_of: ["not-yet"] },
};
const why: Question = {
  ...how,
  id: "m.home.why",
  required: false,
  hidden_when: { question: "m.home.done", any_of: ["yes"] },
  required_when: { question: "m.home.done", any_of: ["not-yet"] },
};

const chose = (id: string) => ({ "m.home.done": { kind: "choice" as const, selected: [id] } });

describe("conditional questions", () => {
  it("show everything, as the content says, before the choice is made", () => {
    expect(shownQuestions([done, how, why], {}).map((q) => [q.id, q.required])).toEqual([
      ["m.home.done", true],
      ["m.home.how", true],
      ["m.home.why", false],
    ]);
  });

  it("after 'not yet', hide what did not happen and ask what got in the way", () => {
    expect(shownQuestions([done, how, why], chose("not-yet")).map((q) => [q.id, q.required])).toEqual([
      ["m.home.done", true],
      ["m.home.why", true],
    ]);
  });

  it("after 'yes', ask how it went and not what got in the way", () => {
    expect(shownQuestions([done, how, why], chose("yes")).map((q) => q.id)).toEqual(["m.home.done", "m.home.how"]);
    expect(isRequired(why, chose("yes"))).toBe(false);
  });
});
