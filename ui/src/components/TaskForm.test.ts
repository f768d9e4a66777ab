import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen, within } from "@testing-library/svelte";
import TaskForm from "./TaskForm.svelte";
import { callsOf, doTask, mockCommands, moduleView } from "../test/fixtures";
import { i18n } from "../lib/i18n/index.svelte";
import { nl } from "../lib/i18n/nl";

function renderForm(oncompleted = vi.fn()) {
  const result = render(TaskForm, { props: { moduleId: "good-enough", view: doTask, oncompleted } });
  return { ...result, oncompleted };
}

describe("TaskForm", () => {
  beforeEach(() => {
    i18n.set("nl");
    vi.useFakeTimers();
    mockCommands({
      save_answer: () => ({ saved_at: "2026-03-10T10:00:00Z" }),
      complete_task: () => moduleView({ status: "done" }),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("renders each question type with its label, help and options", () => {
    renderForm();
    const text = screen.getByLabelText(/Wanneer ging het goed\?/);
    expect(text.tagName).toBe("TEXTAREA");
    expect(text.getAttribute("data-testid")).toBe("q-good-enough.do.moments");
    expect(text.getAttribute("maxlength")).toBe("10000");
    expect(text.getAttribute("aria-required")).toBe("true");
    expect(screen.getByText("Denk aan deze week.").id).toBe(text.getAttribute("aria-describedby"));

    const care = screen.getByRole("group", { name: /Wat doe je voor jezelf\?/ });
    expect(care.getAttribute("data-testid")).toBe("q-good-enough.do.care");
    expect(within(care).getByLabelText("Een wandeling").getAttribute("type")).toBe("checkbox");
    expect(within(care).getByLabelText("Een vriend bellen").getAttribute("data-testid")).toBe(
      "q-good-enough.do.care-friend",
    );

    const mood = screen.getByRole("group", { name: /Hoe voel je je\?/ });
    expect(within(mood).getByLabelText("Rustig").getAttribute("type")).toBe("radio");
    expect(within(mood).getByText(nl.task.optional)).toBeTruthy();

    const scale = screen.getByRole("group", { name: /Hoe zeker voel je je als ouder\?/ });
    const radios = within(scale).getAllByRole("radio");
    expect(radios.map((r) => r.getAttribute("data-testid"))).toEqual(
      Array.from({ length: 10 }, (_, i) => `q-good-enough.do.confidence-${i + 1}`),
    );
    expect(within(scale).getByLabelText("1")).toBe(radios[0]);
    expect(scale.textContent).toContain("Niet zeker");
    expect(scale.textContent).toContain("Heel zeker");
  });

  it("after 'not yet' hides what did not happen and asks what got in the way", async () => {
    const text = { type: "text" as const, multiline: true, max_chars: 10000 };
    const questions = [
      {
        id: "m.home.done",
        label: "Is het gelukt?",
        help: null,
        required: true,
        required_when: null,
        hidden_when: null,
        input: {
          type: "choice" as const,
          multiple: false,
          options: [
            { id: "yes", label: "Ja" },
            { id: "not-yet", label: "Nog niet" },
          ],
        },
      },
      {
        id: "m.home.how",
        label: "Hoe ging het?",
        help: null,
        required: true,
        required_when: null,
        hidden_when: { question: "m.home.done", any_of: ["not-yet"] },
        input: text,
      },
      {
        id: "m.home.held-back",
        label: "Wat zat in de weg?",
        help: null,
        required: false,
        required_when: { question: "m.home.done", any_of: ["not-yet"] },
        hidden_when: { question: "m.home.done", any_of: ["yes"] },
        input: text,
      },
    ];
    const view = { ...doTask, task: { ...doTask.task, questions }, answers: {} };
    render(TaskForm, { props: { moduleId: "good-enough", view, oncompleted: vi.fn() } });
    expect(screen.getByLabelText(/Hoe ging het\?/)).toBeTruthy();
    expect(screen.getByLabelText(/Wat zat in de weg\?/).getAttribute("aria-required")).toBeNull();

    await fireEvent.click(screen.getByLabelText("Nog niet"));
    expect(screen.queryByLabelText(/Hoe ging het\?/)).toBeNull();
    expect(screen.getByLabelText(/Wat zat in de weg\?/).getAttribute("aria-required")).toBe("true");

    await fireEvent.click(screen.getByLabelText("Ja"));
    expect(screen.getByLabelText(/Hoe ging het\?/)).toBeTruthy();
    expect(screen.queryByLabelText(/Wat zat in de weg\?/)).toBeNull();
  });

  it("saves text 700 ms after the last keystroke and shows Opgeslagen", async () => {
    renderForm();
    const text = screen.getByTestId("q-good-enough.do.moments");
    await fireEvent.input(text, { target: { value: "Vanochtend" } });
    await fireEvent.input(text, { target: { value: "Vanochtend samen ontbeten" } });
    expect(screen.getByTestId("save-state").dataset.state).toBe("saving");
    expect(callsOf("save_answer")).toEqual([]);
    await vi.advanceTimersByTimeAsync(700);
    expect(callsOf("save_answer")).toEqual([
      {
        moduleId: "good-enough",
        task: "do_task",
        questionId: "good-enough.do.moments",
        value: { kind: "text", text: "Vanochtend samen ontbeten" },
      },
    ]);
    expect(screen.getByTestId("save-state").dataset.state).toBe("saved");
    expect(screen.getByTestId("save-state").textContent).toContain("Opgeslagen");
  });

  it("saves on blur without waiting", async () => {
    renderForm();
    const text = screen.getByTestId("q-good-enough.do.moments");
    await fireEvent.input(text, { target: { value: "Kort" } });
    await fireEvent.blur(text);
    await vi.advanceTimersByTimeAsync(0);
    expect(callsOf("save_answer")).toHaveLength(1);
  });

  it("saves choices and the scale as they are clicked", async () => {
    renderForm();
    await fireEvent.click(screen.getByTestId("q-good-enough.do.care-friend"));
    await fireEvent.click(screen.getByTestId("q-good-enough.do.care-walk"));
    await fireEvent.click(screen.getByTestId("q-good-enough.do.mood-tired"));
    await fireEvent.click(screen.getByTestId("q-good-enough.do.confidence-7"));
    await vi.advanceTimersByTimeAsync(0);
    const values = callsOf("save_answer").map((a) => (a as { questionId: string; value: unknown }));
    expect(values.map((v) => [v.questionId, v.value])).toEqual([
      ["good-enough.do.care", { kind: "choice", selected: ["friend"] }],
      ["good-enough.do.care", { kind: "choice", selected: ["walk", "friend"] }],
      ["good-enough.do.mood", { kind: "choice", selected: ["tired"] }],
      ["good-enough.do.confidence", { kind: "scale", value: 7 }],
    ]);
  });

  it("keeps the text and offers a retry when saving fails", async () => {
    let fail = true;
    mockCommands({
      save_answer: () => {
        if (fail) throw { code: "storage_failed", message: "disk full" };
        return { saved_at: "2026-03-10T10:00:00Z" };
      },
    });
    renderForm();
    const text = screen.getByTestId("q-good-enough.do.moments") as HTMLTextAreaElement;
    await fireEvent.input(text, { target: { value: "Niet kwijtraken" } });
    await vi.advanceTimersByTimeAsync(700);
    const state = screen.getByTestId("save-state");
    expect(state.dataset.state).toBe("error");
    expect(state.textContent).toContain(nl.task.saveState.error);
    expect(text.value).toBe("Niet kwijtraken");
    fail = false;
    await fireEvent.click(screen.getByRole("button", { name: nl.task.retryNow }));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId("save-state").dataset.state).toBe("saved");
    expect(callsOf("save_answer").at(-1)).toMatchObject({ value: { kind: "text", text: "Niet kwijtraken" } });
  });

  it("shows which questions are still empty when completing is refused", async () => {
    mockCommands({
      save_answer: () => ({ saved_at: "2026-03-10T10:00:00Z" }),
      complete_task: () => {
        // The message is for logs; which questions are empty comes in the details.
        throw {
          code: "required_missing",
          message: "answer these questions first",
          details: { kind: "required_missing", question_ids: ["good-enough.do.moments", "good-enough.do.care"] },
        };
      },
    });
    const { oncompleted } = renderForm();
    await fireEvent.click(screen.getByTestId("complete-do_task"));
    await vi.advanceTimersByTimeAsync(0);
    expect(oncompleted).not.toHaveBeenCalled();
    expect(screen.getAllByText(nl.task.missing)).toHaveLength(2);
    expect(screen.getByTestId("q-good-enough.do.moments").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("alert").textContent).toContain(nl.task.missingSummary);
  });

  it("marks what is empty here when the refusal does not name the questions", async () => {
    mockCommands({
      save_answer: () => ({ saved_at: "2026-03-10T10:00:00Z" }),
      complete_task: () => {
        throw { code: "required_missing", message: "answer these questions first" };
      },
    });
    renderForm();
    await fireEvent.click(screen.getByTestId("q-good-enough.do.care-walk"));
    await fireEvent.click(screen.getByTestId("complete-do_task"));
    await vi.advanceTimersByTimeAsync(0);
    const required = doTask.task.questions.filter((q) => q.required && q.id !== "good-enough.do.care");
    expect(screen.getAllByText(nl.task.missing)).toHaveLength(required.length);
    expect(screen.getByTestId("q-good-enough.do.care").getAttribute("aria-describedby") ?? "").not.toContain("missing");
  });

  it("flushes typing before completing and hands back the module", async () => {
    const { oncompleted } = renderForm();
    await fireEvent.input(screen.getByTestId("q-good-enough.do.moments"), { target: { value: "Klaar" } });
    await fireEvent.click(screen.getByTestId("complete-do_task"));
    await vi.advanceTimersByTimeAsync(0);
    const order = vi.mocked((await import("@tauri-apps/api/core")).invoke).mock.calls.map(([c]) => c);
    expect(order).toEqual(["save_answer", "complete_task"]);
    expect(oncompleted).toHaveBeenCalledWith(expect.objectContaining({ status: "done" }));
  });

  it("saves what is typed when the window is hidden", async () => {
    renderForm();
    await fireEvent.input(screen.getByTestId("q-good-enough.do.moments"), { target: { value: "Weg" } });
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
    await vi.advanceTimersByTimeAsync(0);
    expect(callsOf("save_answer")).toHaveLength(1);
    Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
  });

  it("saves what is typed when the form goes away", async () => {
    const { unmount } = renderForm();
    await fireEvent.input(screen.getByTestId("q-good-enough.do.moments"), { target: { value: "Weg" } });
    unmount();
    await vi.advanceTimersByTimeAsync(0);
    expect(callsOf("save_answer")).toHaveLength(1);
  });
});
