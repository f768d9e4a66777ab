import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AnswerAutosave } from "./answerAutosave.svelte";
import type { AnswerValue } from "./bindings";

const text = (t: string): AnswerValue => ({ kind: "text", text: t });

describe("AnswerAutosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("starts from the stored answers, empty ones as not answered", () => {
    const answers = new AnswerAutosave({ save: vi.fn(), initial: { a: text("stored"), b: null } });
    expect(answers.values).toEqual({ a: text("stored"), b: undefined });
    expect(answers.state).toBe("idle");
  });

  it("saves each question on its own, and shows an error while any one fails", async () => {
    const save = vi.fn(async (id: string) => {
      if (id === "b") throw { code: "invalid_answer", message: "too long" };
    });
    const onchange = vi.fn();
    const answers = new AnswerAutosave({ save, initial: {}, onchange });
    answers.change("a", text("one"));
    answers.change("b", { kind: "scale", value: 4 }, true);
    expect(onchange).toHaveBeenCalledWith("a", text("one"));
    expect(answers.values.b).toEqual({ kind: "scale", value: 4 });
    await vi.advanceTimersByTimeAsync(0);
    expect(save.mock.calls).toEqual([["b", { kind: "scale", value: 4 }]]); // a waits for a pause
    expect(answers.state).toBe("error");
    expect(answers.lastError?.code).toBe("invalid_answer");

    expect(await answers.flushAll()).toBe(false);
    expect(save.mock.calls.map(([id]) => id)).toContain("a");
  });

  it("is saved once every answer is", async () => {
    const answers = new AnswerAutosave({ save: vi.fn(async () => {}), initial: {} });
    answers.change("a", text("one"));
    answers.change("b", text("two"));
    expect(answers.state).toBe("saving");
    expect(await answers.flushAll()).toBe(true);
    expect(answers.state).toBe("saved");
  });
});
