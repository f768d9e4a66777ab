// Conditional questions, as houvast-core decides them (content `required_when` / `hidden_when`):
// the form hides and marks questions the same way the app checks them when a task is done.

import type { AnswerValue, Condition, Question } from "./bindings";

type Values = Partial<Record<string, AnswerValue>>;

export function holds(condition: Condition | null, values: Values): boolean {
  if (!condition) return false;
  const answer = values[condition.question];
  return answer?.kind === "choice" && answer.selected.some((id) => condition.any_of.includes(id));
}

export function isHidden(question: Question, values: Values): boolean {
  return holds(question.hidden_when, values);
}

export function isRequired(question: Question, values: Values): boolean {
  if (isHidden(question, values)) return false;
  return question.required_when ? holds(question.required_when, values) : question.required;
}

/** The questions to show, each with `required` as it stands for these answers. */
export function shownQuestions(questions: Question[], values: Values): Question[] {
  return questions
    .filter((q) => !isHidden(q, values))
    .map((q) => ({ ...q, required: isRequired(q, values) }));
}
