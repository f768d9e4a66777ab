import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen, within } from "@testing-library/svelte";
import ReflectionCalendar from "./ReflectionCalendar.svelte";
import { callsOf, mockCommands } from "../test/fixtures";
import { i18n } from "../lib/i18n/index.svelte";
import type { DayCell, ReflectionHistory } from "../lib/bindings";

// March 2026: starts on a Sunday; today is Tuesday the 10th; evenings on the 1st, 9th, 10th.
function march(): ReflectionHistory {
  const written = new Set(["2026-03-01", "2026-03-09", "2026-03-10"]);
  const cells: (DayCell | null)[] = Array(6).fill(null);
  for (let d = 1; d <= 31; d++) {
    const date = `2026-03-${String(d).padStart(2, "0")}`;
    cells.push({ date, written: written.has(date), today: d === 10, future: d > 10 });
  }
  while (cells.length % 7) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return {
    today: "2026-03-10",
    month: { month: { year: 2026, month: 3 }, weeks, evenings: 3, previous: { year: 2026, month: 2 }, next: null },
    week: { evenings: 2, days_so_far: 2 },
  } as ReflectionHistory;
}

describe("ReflectionCalendar", () => {
  beforeEach(() => {
    i18n.set("nl");
    mockCommands({
      reflection_history: () => march(),
      reflection_day: (args) => ({
        date: (args as { date: string }).date,
        answers: { went_well: "Samen gekookt", noticed_in_myself: "", noticed_in_child: "" },
        editable: false,
        written: true,
      }),
    });
  });

  it("counts this week's evenings gently, without a streak", async () => {
    render(ReflectionCalendar, { props: {} });
    const week = await screen.findByTestId("reflection-week");
    expect(week.textContent).toBe("2 avonden deze week");
    expect(document.body.textContent).not.toMatch(/reeks|streak|gemist/i);
  });

  it("shows the month with Monday first and marks the evenings that were used", async () => {
    render(ReflectionCalendar, { props: {} });
    const table = await screen.findByRole("table");
    const headers = within(table).getAllByRole("columnheader").map((h) => h.textContent?.trim());
    expect(headers).toEqual(["ma", "di", "wo", "do", "vr", "za", "zo"]);
    expect(screen.getByTestId("month-title").textContent).toMatch(/maart 2026/);
    expect(screen.getByTestId("day-2026-03-09").dataset.written).toBe("true");
    expect(screen.getByTestId("day-2026-03-08").dataset.written).toBe("false");
    expect(screen.getByTestId("day-2026-03-10").getAttribute("aria-label")).toMatch(/opgeschreven, vandaag/);
    expect(screen.queryByTestId("day-2026-03-11")).toBeNull(); // the future is not a button
    expect((screen.getByTestId("month-next") as HTMLButtonElement).disabled).toBe(true);
  });

  it("opens an evening with one click", async () => {
    render(ReflectionCalendar, { props: {} });
    await fireEvent.click(await screen.findByTestId("day-2026-03-09"));
    const entry = await screen.findByTestId("reflection-entry");
    expect(entry.textContent).toContain("Samen gekookt");
    expect(entry.textContent).toMatch(/Geschreven op/);
    expect(callsOf("reflection_day")).toEqual([{ date: "2026-03-09" }]);
  });

  it("goes to the previous month", async () => {
    render(ReflectionCalendar, { props: {} });
    await fireEvent.click(await screen.findByTestId("month-previous"));
    expect(callsOf("reflection_history").at(-1)).toEqual({ month: { year: 2026, month: 2 } });
  });

  it("says when an evening cannot be opened, and opens it on try again", async () => {
    let fail = true;
    mockCommands({
      reflection_history: () => march(),
      reflection_day: (args) => {
        if (fail) throw { code: "storage_failed", message: "disk full" };
        const answers = { went_well: "Samen gekookt", noticed_in_myself: "", noticed_in_child: "" };
        return { date: (args as { date: string }).date, answers, editable: false, written: true };
      },
    });
    render(ReflectionCalendar, { props: {} });
    await fireEvent.click(await screen.findByTestId("day-2026-03-09"));
    const error = await screen.findByTestId("error-screen");
    expect(error.textContent).toContain(i18n.t.reflection.loadFailed);
    expect(screen.getByRole("table")).toBeTruthy(); // the month stays
    fail = false;
    await fireEvent.click(screen.getByTestId("error-retry"));
    expect((await screen.findByTestId("reflection-entry")).textContent).toContain("Samen gekookt");
  });
});
