import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import ModuleReader from "./ModuleReader.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { nl } from "../lib/i18n/nl";
import { callsOf, doTask, homeAssignment, mockCommands, moduleView } from "../test/fixtures";

describe("ModuleReader", () => {
  beforeEach(() => {
    i18n.set("nl");
    mockCommands({
      open_module: () => moduleView(),
      mark_page_read: (args) => moduleView({ pages_read: [(args as { page: number }).page] }),
      save_answer: () => ({ saved_at: "2026-03-10T10:00:00Z" }),
      complete_task: () =>
        moduleView({
          status: "done",
          pages_read: [0, 2, 3],
          do_task: { ...doTask, done_at: "2026-03-10T10:00:00Z" },
          home_assignment: { ...homeAssignment, open: true, due_on: "2026-03-17" },
        }),
    });
  });

  it("shows one page at a time with its place and marks it read by its content index", async () => {
    render(ModuleReader, { props: { moduleId: "good-enough" } });
    const title = await screen.findByTestId("page-title");
    expect(title.textContent).toBe("Welkom");
    expect(screen.getByText(nl.reader.pageOf(1, 3))).toBeTruthy();
    expect(screen.queryByTestId("page-prev")).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("page-title")));

    await fireEvent.click(screen.getByTestId("page-next"));
    expect(screen.getByTestId("page-title").textContent).toBe("Goed genoeg");
    expect(screen.getByText(nl.reader.pageOf(2, 3))).toBeTruthy();
    expect(callsOf("mark_page_read")).toEqual([
      { moduleId: "good-enough", page: 0 },
      { moduleId: "good-enough", page: 2 },
    ]);
    await fireEvent.click(screen.getByTestId("page-prev"));
    expect(screen.getByTestId("page-title").textContent).toBe("Welkom");
  });

  it("continues where the parent was", async () => {
    render(ModuleReader, { props: { moduleId: "good-enough", start: { step: "page", page: 2 } } });
    expect((await screen.findByTestId("page-title")).textContent).toBe("Voor jezelf zorgen");
  });

  it("goes from the last page to the do-task, then to the home assignment with its due date", async () => {
    render(ModuleReader, { props: { moduleId: "good-enough", start: { step: "page", page: 2 } } });
    await screen.findByTestId("page-title");
    expect(screen.getByTestId("page-next").textContent).toContain(nl.reader.toDoTask);
    await fireEvent.click(screen.getByTestId("page-next"));
    expect(screen.getByTestId("page-title").textContent).toBe(doTask.task.title);
    expect(screen.getByTestId("q-good-enough.do.moments")).toBeTruthy();

    await fireEvent.click(screen.getByTestId("complete-do_task"));
    await vi.waitFor(() => expect(screen.getByTestId("page-title").textContent).toBe(homeAssignment.task.title));
    expect(screen.getByText(nl.reader.doTaskDone)).toBeTruthy();
    expect(screen.getByText(/17 maart/)).toBeTruthy();
    expect(screen.getByTestId("complete-home_assignment")).toBeTruthy();
  });

  it("says plainly when a module is still locked", async () => {
    mockCommands({
      open_module: () => {
        throw { code: "module_locked", message: "module limits opens when the module before it is done" };
      },
    });
    render(ModuleReader, { props: { moduleId: "limits" } });
    expect((await screen.findByTestId("page-title")).textContent).toBe(nl.reader.lockedTitle);
    expect(screen.getByText(nl.reader.lockedText)).toBeTruthy();
    expect(callsOf("mark_page_read")).toEqual([]);
  });

  it("says when a module cannot be opened, and opens it on try again", async () => {
    let fail = true;
    mockCommands({
      open_module: () => {
        if (fail) throw { code: "storage_failed", message: "disk full" };
        return moduleView();
      },
      mark_page_read: () => moduleView({ pages_read: [0] }),
    });
    render(ModuleReader, { props: { moduleId: "good-enough" } });
    const error = await screen.findByTestId("error-screen");
    expect(error.textContent).toContain(nl.reader.loadFailedTitle);
    expect(error.textContent).toContain(nl.errorScreen.codes.storage_failed.text);
    expect(screen.getByText(nl.reader.backToProgramme)).toBeTruthy();
    fail = false;
    await fireEvent.click(screen.getByTestId("error-retry"));
    expect((await screen.findByTestId("page-title")).textContent).toBe("Welkom");
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("page-title")));
    expect(callsOf("mark_page_read")).toEqual([{ moduleId: "good-enough", page: 0 }]);
  });

  it("ends the optional look back with its do-task: no home assignment", async () => {
    const noHome = { ...homeAssignment, task: { ...homeAssignment.task, title: "", minutes: 0, questions: [] } };
    const view = (done: boolean) =>
      moduleView({
        id: "return",
        number: 6,
        title: "Terugblik",
        optional: true,
        status: done ? "done" : "in_progress",
        pages_read: done ? [0, 2, 3] : [],
        do_task: { ...doTask, done_at: done ? "2026-04-20T10:00:00Z" : null },
        home_assignment: noHome,
      });
    mockCommands({
      open_module: () => view(false),
      mark_page_read: () => view(false),
      save_answer: () => ({ saved_at: "2026-04-20T10:00:00Z" }),
      complete_task: () => view(true),
    });
    render(ModuleReader, { props: { moduleId: "return", start: { step: "do_task" } } });
    expect((await screen.findByTestId("page-title")).textContent).toBe(doTask.task.title);
    expect(screen.getByText(nl.reader.optionalKicker("Terugblik"))).toBeTruthy();
    await fireEvent.click(screen.getByTestId("complete-do_task"));
    await vi.waitFor(() => expect(screen.getByText(nl.reader.lookBackDone)).toBeTruthy());
    expect(screen.getByTestId("page-title").textContent).toBe(doTask.task.title);
    expect(screen.queryByText(nl.reader.toHomeAssignment)).toBeNull();
    expect(screen.getByText(nl.reader.backToProgramme)).toBeTruthy();
  });
  it("offers to keep a copy once the module is done, not before", async () => {
    const open = { ...homeAssignment, open: true, due_on: "2026-03-17" };
    const view = (done: boolean) =>
      moduleView({
        status: done ? "done" : "in_progress",
        pages_read: [0, 2, 3],
        do_task: { ...doTask, done_at: "2026-03-10T10:00:00Z" },
        home_assignment: { ...open, done_at: done ? "2026-03-16T10:00:00Z" : null },
      });
    mockCommands({
      open_module: () => view(false),
      save_answer: () => ({ saved_at: "2026-03-16T10:00:00Z" }),
      complete_task: () => view(true),
    });
    render(ModuleReader, { props: { moduleId: "good-enough", start: { step: "home_assignment" } } });
    await screen.findByTestId("complete-home_assignment");
    expect(screen.queryByTestId("keep-copy-offer")).toBeNull();
    await fireEvent.click(screen.getByTestId("complete-home_assignment"));
    await vi.waitFor(() => expect(screen.getByText(nl.reader.homeDone)).toBeTruthy());
    expect(screen.getByTestId("keep-copy-offer").textContent).toContain(nl.backup.keepCopyText);
  });
});
