import { vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import type { ModuleSummary, ModuleView, Overview, Profile, TaskView } from "../lib/bindings";

type Handler = (args: Record<string, unknown> | undefined) => unknown;

/** Routes mocked `invoke` calls by command name; a handler that throws rejects the call. */
export function mockCommands(handlers: Record<string, Handler>): ReturnType<typeof vi.mocked<typeof invoke>> {
  const mocked = vi.mocked(invoke);
  mocked.mockImplementation(async (command: string, args?: unknown) => {
    const handler = handlers[command];
    if (!handler) throw { code: "internal", message: `no mock for ${command}` };
    return handler(args as Record<string, unknown> | undefined) as never;
  });
  return mocked;
}

export function callsOf(command: string): unknown[] {
  return vi
    .mocked(invoke)
    .mock.calls.filter(([c]) => c === command)
    .map(([, args]) => args);
}

export const profile: Profile = {
  language: "nl",
  role: "parent",
  pseudonym: "Sam",
  children: [{ age_years: 7, recorded_on: "2026-01-05" }],
};

export const doTask: TaskView = {
  task: {
    kind: "do_task",
    title: "Doe-opdracht: zorgen voor jezelf",
    intro_html: "<p>Neem tien minuten.</p>",
    minutes: 10,
    questions: [
      {
        id: "good-enough.do.moments",
        label: "Wanneer ging het goed?",
        help: "Denk aan deze week.",
        required: true,
        required_when: null,
        hidden_when: null,
        input: { type: "text", multiline: true, max_chars: 10000 },
      },
      {
        id: "good-enough.do.care",
        label: "Wat doe je voor jezelf?",
        help: null,
        required: true,
        required_when: null,
        hidden_when: null,
        input: {
          type: "choice",
          multiple: true,
          options: [
            { id: "walk", label: "Een wandeling" },
            { id: "friend", label: "Een vriend bellen" },
          ],
        },
      },
      {
        id: "good-enough.do.mood",
        label: "Hoe voel je je?",
        help: null,
        required: false,
        required_when: null,
        hidden_when: null,
        input: {
          type: "choice",
          multiple: false,
          options: [
            { id: "calm", label: "Rustig" },
            { id: "tired", label: "Moe" },
          ],
        },
      },
      {
        id: "good-enough.do.confidence",
        label: "Hoe zeker voel je je als ouder?",
        help: null,
        required: false,
        required_when: null,
        hidden_when: null,
        input: { type: "scale", min: 1, max: 10, min_label: "Niet zeker", max_label: "Heel zeker" },
      },
    ],
  },
  answers: {},
  open: true,
  done_at: null,
  due_on: null,
};

export const homeAssignment: TaskView = {
  task: {
    kind: "home_assignment",
    title: "Thuisopdracht: een moment voor jezelf",
    intro_html: "<p>Plan deze week een moment.</p>",
    minutes: 20,
    questions: [
      {
        id: "good-enough.home.how",
        label: "Hoe ging het?",
        help: null,
        required: true,
        required_when: null,
        hidden_when: null,
        input: { type: "text", multiline: true, max_chars: 10000 },
      },
    ],
  },
  answers: {},
  open: false,
  done_at: null,
  due_on: null,
};

export function moduleView(overrides: Partial<ModuleView> = {}): ModuleView {
  return {
    id: "good-enough",
    number: 1,
    title: "Goed genoeg ouder zijn",
    summary: "Wat je eigen problemen doen met opvoeden.",
    minutes: 40,
    optional: false,
    status: "open",
    // Page 1 of the content file is hidden for this parent (an age block), so indices skip.
    pages: [
      { index: 0, title: "Welkom", html: "<p>Fijn dat je er bent.</p>" },
      { index: 2, title: "Goed genoeg", html: "<p>Niemand is perfect.</p>" },
      { index: 3, title: "Voor jezelf zorgen", html: "<p>Jij telt ook.</p>" },
    ],
    pages_read: [],
    do_task: doTask,
    home_assignment: homeAssignment,
    ...overrides,
  };
}

function summary(n: number, id: string, status: ModuleSummary["status"]): ModuleSummary {
  return {
    id,
    number: n,
    title: `Module titel ${n}`,
    summary: `Samenvatting ${n}`,
    minutes: 22,
    home_assignment_minutes: 20,
    optional: false,
    open_since: null,
    status,
    home_assignment: status === "done" ? { state: "open", due_on: "2026-03-17" } : { state: "not_yet" },
    pages_total: 6,
    pages_read: status === "done" ? 6 : status === "in_progress" ? 2 : 0,
  };
}

export const overview: Overview = {
  modules: [
    summary(1, "good-enough", "done"),
    summary(2, "talking", "in_progress"),
    summary(3, "development", "locked"),
    summary(4, "limits", "locked"),
    summary(5, "network", "locked"),
  ],
  next: { kind: "continue_module", module_id: "talking", number: 2, title: "Praten met je kind", page: 2 },
};

/** The optional return check ("Terugblik") as the overview lists it after module 5. */
export function returnSummary(status: ModuleSummary["status"]): ModuleSummary {
  return {
    ...summary(6, "return", status),
    title: "Terugblik",
    minutes: 15,
    home_assignment_minutes: 0,
    optional: true,
    open_since: status === "locked" ? null : "2026-04-20",
    home_assignment: { state: "not_yet" },
  };
}
