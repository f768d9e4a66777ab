import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import PlanEditor from "./PlanEditor.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { nl } from "../lib/i18n/nl";
import { callsOf, mockCommands } from "../test/fixtures";
import { stepPlan } from "../test/plans";

const changed = {
  moduleId: "limits",
  task: "do_task",
  questionId: "limits.do.call",
  value: { kind: "text", text: "Mijn broer" },
};

function renderEditor(ondone = vi.fn()) {
  const result = render(PlanEditor, { props: { plan: stepPlan(), ondone } });
  return { ...result, ondone };
}

async function typeInStep3(): Promise<void> {
  await fireEvent.input(screen.getByLabelText(/Stap 3. Bellen/), { target: { value: "Mijn broer" } });
}

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
}

describe("PlanEditor", () => {
  beforeEach(() => {
    i18n.set("nl");
    vi.useFakeTimers();
    mockCommands({ save_answer: () => ({ saved_at: "2026-03-10T10:00:00Z" }) });
  });
  afterEach(() => {
    setVisibility("visible");
    vi.useRealTimers();
  });

  it("shows the plan's own questions with the parent's answers", () => {
    renderEditor();
    expect((screen.getByLabelText(/Stap 3. Bellen/) as HTMLTextAreaElement).value).toBe("Mijn zus\nDe buurvrouw");
    expect(screen.getByTestId("save-state").textContent).toContain(nl.task.saveState.idle);
  });

  it("saves the pending change when the window is hidden, without waiting for a pause", async () => {
    renderEditor();
    await typeInStep3();
    expect(callsOf("save_answer")).toEqual([]);
    setVisibility("hidden");
    document.dispatchEvent(new Event("visibilitychange"));
    await vi.advanceTimersByTimeAsync(0);
    expect(callsOf("save_answer")).toEqual([changed]);
    expect(screen.getByTestId("save-state").dataset.state).toBe("saved");
  });

  it("saves the pending change when the window closes", async () => {
    renderEditor();
    await typeInStep3();
    window.dispatchEvent(new Event("pagehide"));
    await vi.advanceTimersByTimeAsync(0);
    expect(callsOf("save_answer")).toEqual([changed]);
  });

  it("saves the pending change when the editor goes away, and stops listening", async () => {
    const { unmount } = renderEditor();
    await typeInStep3();
    unmount();
    await vi.advanceTimersByTimeAsync(0);
    expect(callsOf("save_answer")).toEqual([changed]);
    window.dispatchEvent(new Event("beforeunload"));
    await vi.advanceTimersByTimeAsync(0);
    expect(callsOf("save_answer")).toHaveLength(1);
  });

  it("is done only once every change is saved", async () => {
    let fail = true;
    mockCommands({
      save_answer: () => {
        if (fail) throw { code: "storage_failed", message: "disk full" };
        return { saved_at: "2026-03-10T10:00:00Z" };
      },
    });
    const { ondone } = renderEditor();
    await typeInStep3();
    await fireEvent.click(screen.getByTestId("plan-edit-done"));
    await vi.advanceTimersByTimeAsync(0);
    expect(ondone).not.toHaveBeenCalled();
    expect(screen.getByTestId("save-state").dataset.state).toBe("error");
    fail = false;
    await fireEvent.click(screen.getByTestId("plan-edit-done"));
    await vi.advanceTimersByTimeAsync(0);
    expect(ondone).toHaveBeenCalledTimes(1);
  });
});
