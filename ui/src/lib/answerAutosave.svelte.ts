// The answers of one form of questions (a do-task, a home assignment, a plan being changed),
// saved per question as the parent goes: one Autosave per question, so a slow save of one
// answer never holds back or overwrites another.

import { onMount } from "svelte";
import { toApiError, type ApiError } from "./api";
import { Autosave, combineStates, type SaveState } from "./autosave";
import type { AnswerValue } from "./bindings";
import { flushWhenLeaving } from "./leaving";

export type AnswerAutosaveOptions = {
  save: (questionId: string, value: AnswerValue) => Promise<unknown>;
  /** The stored answers; what the parent types is the truth after that. */
  initial: Record<string, AnswerValue | null | undefined>;
  /** Told of every change, before it is saved. */
  onchange?: (questionId: string, value: AnswerValue) => void;
};

export class AnswerAutosave {
  values: Record<string, AnswerValue | undefined> = $state({});
  /** The last failed save, for the message beside "try again". */
  lastError: ApiError | null = $state(null);
  #states: Record<string, SaveState> = $state({});
  /** The whole form's state: any error wins, then any saving. */
  readonly state: SaveState = $derived(combineStates(Object.values(this.#states)));

  #save: AnswerAutosaveOptions["save"];
  #onchange: NonNullable<AnswerAutosaveOptions["onchange"]>;
  #savers = new Map<string, Autosave<AnswerValue>>();

  constructor(options: AnswerAutosaveOptions) {
    this.#save = options.save;
    this.#onchange = options.onchange ?? (() => {});
    this.values = Object.fromEntries(Object.entries(options.initial).map(([id, v]) => [id, v ?? undefined]));
  }

  /** Records an answer; `now` saves it at once (a click is a finished choice), else after a pause. */
  change(questionId: string, value: AnswerValue, now = false): void {
    this.values[questionId] = value;
    this.#onchange(questionId, value);
    const saver = this.#saverFor(questionId);
    saver.change(value);
    if (now) void saver.flush();
  }

  /** Saves one answer now (the field lost focus). */
  flush(questionId: string): Promise<boolean> {
    return this.#saverFor(questionId).flush();
  }

  /** Saves every answer now; true when all of them are saved. */
  async flushAll(): Promise<boolean> {
    const saved = await Promise.all([...this.#savers.values()].map((s) => s.flush()));
    return saved.every(Boolean);
  }

  /** The form is going away: save what is left once; the calls finish after it is gone. */
  dispose(): void {
    for (const saver of this.#savers.values()) void saver.dispose();
  }

  #saverFor(questionId: string): Autosave<AnswerValue> {
    let saver = this.#savers.get(questionId);
    if (!saver) {
      saver = new Autosave<AnswerValue>({
        save: (value) => this.#save(questionId, value),
        onState: (state, error) => {
          this.#states[questionId] = state;
          if (state === "error") this.lastError = toApiError(error);
        },
      });
      this.#savers.set(questionId, saver);
    }
    return saver;
  }
}

/**
 * The answers of a form component: call it while the component starts. They are saved when
 * the window is hidden or closed, and what is left when the component goes away.
 */
export function answerAutosave(options: AnswerAutosaveOptions): AnswerAutosave {
  const answers = new AnswerAutosave(options);
  onMount(() => {
    const stop = flushWhenLeaving(() => void answers.flushAll());
    return () => {
      stop();
      answers.dispose();
    };
  });
  return answers;
}
