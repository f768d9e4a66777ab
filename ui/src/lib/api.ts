// Typed wrappers over the Tauri commands in DEVELOPERS.md. Every rejection becomes an ApiError,
// so screens switch on `code` and never have to guess the shape of what came back.

import { invoke } from "@tauri-apps/api/core";
import type {
  AnswerValue,
  AppStatus,
  ErrorCode,
  IpcError,
  ModuleView,
  Overview,
  PlanView,
  Profile,
  ProfileInput,
  SavedAnswer,
  TaskKind,
  ReflectionAnswers,
  ReflectionDay,
  ReflectionHistory,
  ReminderSettings,
  ReminderSettingsView,
  SavedReflection,
  YearMonth,
} from "./bindings";

/** An IpcError from Rust, or `internal` when the rejection was not one (a bug, no Tauri). */
export type ApiErrorCode = ErrorCode | "internal";
export type ApiError = { code: ApiErrorCode; message: string };

// A Record keyed by ErrorCode: adding a code on the Rust side without adding it here is a
// type error once the bindings are regenerated.
const KNOWN_CODES: Record<ErrorCode, true> = {
  keychain_locked: true,
  keychain_unavailable: true,
  key_missing: true,
  wrong_key: true,
  database_corrupt: true,
  wrong_key_or_corrupt: true,
  database_too_new: true,
  storage_failed: true,
  content_invalid: true,
  not_onboarded: true,
  invalid_profile: true,
  unknown_module: true,
  unknown_page: true,
  module_locked: true,
  unknown_question: true,
  invalid_answer: true,
  task_not_open: true,
  required_missing: true,
  reflection_closed: true,
  invalid_settings: true,
  start_at_login_failed: true,
};

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.prototype.hasOwnProperty.call(KNOWN_CODES, code);
}

export function isApiError(e: unknown): e is ApiError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as ApiError).code === "string" &&
    typeof (e as ApiError).message === "string" &&
    ((e as ApiError).code === "internal" || isErrorCode((e as ApiError).code))
  );
}

/** Turns whatever `invoke` rejected with into an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (typeof e === "object" && e !== null) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    const text = typeof message === "string" ? message : "";
    if (isErrorCode(code)) return { code, message: text } satisfies IpcError;
    if (code === "internal") return { code, message: text };
    if (e instanceof Error) return { code: "internal", message: e.message };
    if (text) return { code: "internal", message: text };
    try {
      return { code: "internal", message: JSON.stringify(e) };
    } catch {
      return { code: "internal", message: String(e) };
    }
  }
  if (typeof e === "string") return { code: "internal", message: e };
  return { code: "internal", message: String(e) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toApiError(e);
  }
}

export const api = {
  appStatus: () => call<AppStatus>("app_status"),
  saveProfile: (input: ProfileInput) => call<Profile>("save_profile", { input }),
  programmeOverview: () => call<Overview>("programme_overview"),
  openModule: (moduleId: string) => call<ModuleView>("open_module", { moduleId }),
  /** `page` is PageView.index: the page's place in the content file, before age filtering. */
  markPageRead: (moduleId: string, page: number) =>
    call<ModuleView>("mark_page_read", { moduleId, page }),
  saveAnswer: (moduleId: string, task: TaskKind, questionId: string, value: AnswerValue) =>
    call<SavedAnswer>("save_answer", { moduleId, task, questionId, value }),
  completeTask: (moduleId: string, task: TaskKind) =>
    call<ModuleView>("complete_task", { moduleId, task }),
  reflectionDay: (date?: string) => call<ReflectionDay>("reflection_day", { date: date ?? null }),
  saveReflection: (date: string, answers: ReflectionAnswers) =>
    call<SavedReflection>("save_reflection", { date, answers }),
  reflectionHistory: (month?: YearMonth) =>
    call<ReflectionHistory>("reflection_history", { month: month ?? null }),
  reminderSettings: () => call<ReminderSettingsView>("reminder_settings"),
  saveReminderSettings: (settings: ReminderSettings) =>
    call<ReminderSettingsView>("save_reminder_settings", { settings }),
  /** 0 ends a pause. */
  snoozeReminders: (hours: number) => call<ReminderSettingsView>("snooze_reminders", { hours }),
  setStartAtLogin: (enabled: boolean) => call<ReminderSettingsView>("set_start_at_login", { enabled }),
  /** The step plan and network map, built from the do-task answers; edit with saveAnswer. */
  myPlans: () => call<PlanView[]>("my_plans"),
  /** Tells the shell the first screen can be used (start-up benchmark; otherwise a no-op). */
  uiReady: () => call<null>("ui_ready"),
};
