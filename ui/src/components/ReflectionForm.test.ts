import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import ReflectionForm from "./ReflectionForm.svelte";
import { callsOf, mockCommands } from "../test/fixtures";
import { i18n } from "../lib/i18n/index.svelte";
import { nl } from "../lib/i18n/nl";
import type { ReflectionDay } from "../lib/bindings";

const empty = { went_well: "", noticed_in_myself: "", noticed_in_child: "" };

function day(over: Partial<ReflectionDay> = {}): ReflectionDay {
  return { date: "2026-03-10", answers: { ...empty }, editable: true, written: false, ...over };
}

describe("ReflectionForm", () => {
  beforeEach(() => {
    i18n.set("nl");
    vi.useFakeTimers();
    mockCommands({ save_reflection: () => ({ saved_at: "2026-03-10T20:00:00Z" }) });
  });
  afterEach(() => vi.useRealTimers());

  it("asks the three questions, each optional", () => {
    render(ReflectionForm, { props: { day: day() } });
    for (const label of [nl.reflection.wentWell, nl.reflection.noticedInMyself, nl.reflection.noticedInChild]) {
      const field = screen.getByLabelText(new RegExp(label.replace(/[?']/g, ".")));
      expect(field.tagName).toBe("TEXTAREA");
      expect(field.hasAttribute("required")).toBe(false);
    }
    expect(screen.getAllByText(nl.reflection.optional)).toHaveLength(3);
  });

  it("saves all three answers for its own day as the parent types", async () => {
    render(ReflectionForm, { props: { day: day() } });
    await fireEvent.input(screen.getByTestId("reflection-went_well"), { target: { value: "Samen gelezen" } });
    await fireEvent.input(screen.getByTestId("reflection-noticed_in_child"), { target: { value: "Ze lachte" } });
    expect(callsOf("save_reflection")).toEqual([]);
    await vi.advanceTimersByTimeAsync(700);
    expect(callsOf("save_reflection")).toEqual([
      {
        date: "2026-03-10",
        answers: { went_well: "Samen gelezen", noticed_in_myself: "", noticed_in_child: "Ze lachte" },
      },
    ]);
    expect(screen.getByTestId("save-state").dataset.state).toBe("saved");
  });

  it("saves what is typed when the window closes, without waiting for a pause", async () => {
    render(ReflectionForm, { props: { day: day() } });
    await fireEvent.input(screen.getByTestId("reflection-went_well"), { target: { value: "Samen gelezen" } });
    window.dispatchEvent(new Event("pagehide"));
    await vi.advanceTimersByTimeAsync(0);
    expect(callsOf("save_reflection")).toEqual([
      { date: "2026-03-10", answers: { ...empty, went_well: "Samen gelezen" } },
    ]);
  });

  it("shows a past day read-only with the day it was written", () => {
    render(ReflectionForm, {
      props: {
        day: day({
          date: "2026-03-09",
          editable: false,
          written: true,
          answers: { ...empty, went_well: "We fietsten samen" },
        }),
      },
    });
    expect(screen.queryByRole("textbox")).toBeNull();
    expect(screen.getByTestId("reflection-written-on").textContent).toMatch(/Geschreven op .*9 maart/);
    expect(screen.getByTestId("reflection-read-went_well").textContent).toBe("We fietsten samen");
    expect(screen.queryByTestId("reflection-read-noticed_in_child")).toBeNull();
  });

  it("says kindly that nothing was written on an empty past day", () => {
    render(ReflectionForm, { props: { day: day({ date: "2026-03-08", editable: false }) } });
    expect(screen.getByTestId("reflection-not-written").textContent).toContain("helemaal goed");
  });

  it("closes the form when the day ended while it was open, keeping the text", async () => {
    mockCommands({
      save_reflection: () => {
        throw { code: "reflection_closed", message: "the reflection of 2026-03-10 can no longer be changed" };
      },
    });
    render(ReflectionForm, { props: { day: day() } });
    await fireEvent.input(screen.getByTestId("reflection-went_well"), { target: { value: "Laat nog" } });
    await vi.advanceTimersByTimeAsync(700);
    expect(screen.getByRole("alert").textContent).toContain(nl.reflection.closed);
    expect(screen.getByTestId("reflection-read-went_well").textContent).toBe("Laat nog");
  });
});
