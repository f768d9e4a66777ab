// Typed wrappers over the Tauri commands in DEVELOPERS.md. Every rejection becomes an ApiError,
// so screens switch on `code` and never have to guess the shape of what came back.

import { invoke } from "@tauri-apps/api/core";
import type {
  AnswerValue,
  CheckIn,
  CheckInDraft,
  Commands,
  ErrorCode,
  ErrorDetails,
  ExportFormat,
  Language,
  LockKind,
  ModuleId,
  PageIndex,
  ProfileInput,
  QuestionId,
  ReflectionAnswers,
  ReminderSettings,
  Role,
  TaskKind,
  UtteranceId,
  YearMonth,
} from "./bindings";

/** An IpcError from Rust, or `internal` when the rejection was not one (a bug, no Tauri). */
export type ApiErrorCode = ErrorCode | "internal";
export type ApiError = { code: ApiErrorCode; message: string; details?: ErrorDetails | null };

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
  app_locked: true,
  wrong_lock_secret: true,
  lock_wait: true,
  lock_secret_invalid: true,
  not_a_backup: true,
  backup_truncated: true,
  backup_damaged: true,
  backup_wrong_passphrase: true,
  backup_too_new: true,
  backup_passphrase_too_short: true,
  restore_would_replace: true,
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
  no_test_waiting: true,
  not_paired: true,
  already_paired: true,
  invitation_invalid: true,
  plain_http: true,
  check_in_incomplete: true,
  check_in_invalid: true,
  check_in_already_sent: true,
  check_in_changed: true,
  contact_point_not_reached: true,
  key_changed: true,
  seal_failed: true,
  offline: true,
  certificate_invalid: true,
  not_houvast_server: true,
  code_unknown: true,
  code_expired: true,
  code_used: true,
  rate_limited: true,
  server_refused: true,
  server_failed: true,
  export_failed: true,
  speech_unavailable: true,
  speech_failed: true,
  speech_text_invalid: true,
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
    const { code, message, details } = e as { code?: unknown; message?: unknown; details?: unknown };
    const text = typeof message === "string" ? message : "";
    if (isErrorCode(code)) {
      return details && typeof details === "object"
        ? { code, message: text, details: details as ErrorDetails }
        : { code, message: text };
    }
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

/** The argument object and the result of each command, as generated from the Rust side. */
type Args<C extends keyof Commands> = Commands[C]["args"];
type Result<C extends keyof Commands> = Commands[C]["result"];

// The app locked behind the parent's back (the event was missed, or came late): whichever
// command hears it first tells the app, which shows the lock screen.
let onAppLocked: (() => void) | null = null;

/** Calls `handler` whenever a command is refused with `app_locked`; one handler, the app's. */
export function whenAppLocked(handler: (() => void) | null): void {
  onAppLocked = handler;
}

let inFlight = 0;
let idleWaiters: Array<() => void> = [];

/**
 * Answers at hand before anything was drawn: written into the page by the shell (known now)
 * or asked for early (on their way). The first call of each command takes its answer.
 */
const early = new Map<keyof Commands, Known<keyof Commands> | Promise<unknown>>();

/**
 * Sends a command that takes no arguments now, at start-up, so the app answers it while the
 * page draws its first frame; the first `call` of it then waits for this answer instead of
 * asking again.
 */
export function callEarly<C extends keyof Commands>(command: C & NoArgs<C>): void {
  if (early.has(command)) return;
  const answer = call(command, {} as Args<C>);
  // Handled by whoever takes it; until then a failure is not an unhandled rejection.
  answer.catch(() => {});
  early.set(command, answer);
}

/** The id of the block in which the shell puts the first screen's answers (src-tauri/src/boot.rs). */
export const BOOT_ELEMENT_ID = "houvast-boot";

/**
 * Takes the answers the shell wrote into the page for the first screen's commands, each
 * `{ ok: value }` or `{ err: IpcError }`, as early answers. Anything else in the block is
 * left out, and then those commands are asked over IPC as usual.
 */
export function takeBootAnswers(doc: Document = document): void {
  const block = doc.getElementById(BOOT_ELEMENT_ID);
  if (!block) return;
  block.remove();
  let answers: unknown;
  try {
    answers = JSON.parse(block.textContent ?? "");
  } catch {
    return;
  }
  if (typeof answers !== "object" || answers === null) return;
  for (const [command, answer] of Object.entries(answers)) {
    if (typeof answer !== "object" || answer === null) continue;
    const name = command as keyof Commands;
    if ("ok" in answer) early.set(name, { ok: answer.ok });
    else if ("err" in answer) early.set(name, { err: toApiError(answer.err) });
  }
}

/** An answer the page already has: the command's result, or its error. */
export type Known<C extends keyof Commands> = { ok: Result<C> } | { err: ApiError };

/**
 * The shell's answer for `command`, at once, when it wrote one into the page; taken, like the
 * first `call` takes it, so the first screen can be drawn right away instead of after a
 * "loading" frame.
 */
export function takeKnownAnswer<C extends keyof Commands>(command: C): Known<C> | undefined {
  const known = peekKnownAnswer(command);
  if (known) early.delete(command);
  return known;
}

/** Like `takeKnownAnswer`, but the answer stays for the command's first call. */
export function peekKnownAnswer<C extends keyof Commands>(command: C): Known<C> | undefined {
  const known = early.get(command);
  return !known || known instanceof Promise ? undefined : (known as Known<C>);
}

/**
 * Start-up is over: answers nobody took are dropped, so a screen opened later never shows
 * what was true at start-up.
 */
export function forgetEarlyAnswers(): void {
  early.clear();
}

type NoArgs<C extends keyof Commands> = keyof Commands[C]["args"] extends never ? C : never;

async function call<C extends keyof Commands>(command: C, args: Args<C>): Promise<Result<C>> {
  const asked = early.get(command);
  if (asked) {
    early.delete(command);
    if (asked instanceof Promise) return asked as Promise<Result<C>>;
    if ("ok" in asked) return asked.ok as Result<C>;
    throw asked.err;
  }
  inFlight += 1;
  try {
    return await invoke<Result<C>>(command, args);
  } catch (e) {
    const error = toApiError(e);
    if (error.code === "app_locked") onAppLocked?.();
    throw error;
  } finally {
    inFlight -= 1;
    if (inFlight === 0) {
      const waiting = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiting) resolve();
    }
  }
}

/** How many commands are waiting for their answer. */
export function commandsInFlight(): number {
  return inFlight;
}

/** Resolves once no command is waiting for its answer (at once when none is). */
export function whenIdle(): Promise<void> {
  return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
}

export const api = {
  appStatus: () => call("app_status", {}),
  saveProfile: (input: ProfileInput) => call("save_profile", { input }),
  /** Only the language changes; the rest of the profile stays as it is. */
  setLanguage: (language: Language) => call("set_language", { language }),
  setRole: (role: Role) => call("set_role", { role }),
  programmeOverview: () => call("programme_overview", {}),
  openModule: (moduleId: ModuleId) => call("open_module", { moduleId }),
  /** `page` is PageView.index: the page's place in the content file, before age filtering. */
  markPageRead: (moduleId: ModuleId, page: PageIndex) => call("mark_page_read", { moduleId, page }),
  saveAnswer: (moduleId: ModuleId, task: TaskKind, questionId: QuestionId, value: AnswerValue) =>
    call("save_answer", { moduleId, task, questionId, value }),
  completeTask: (moduleId: ModuleId, task: TaskKind) => call("complete_task", { moduleId, task }),
  reflectionDay: (date?: string) => call("reflection_day", { date: date ?? null }),
  saveReflection: (date: string, answers: ReflectionAnswers) => call("save_reflection", { date, answers }),
  reflectionHistory: (month?: YearMonth) => call("reflection_history", { month: month ?? null }),
  reminderSettings: () => call("reminder_settings", {}),
  saveReminderSettings: (settings: ReminderSettings) => call("save_reminder_settings", { settings }),
  /** 0 ends a pause. */
  snoozeReminders: (hours: number) => call("snooze_reminders", { hours }),
  setStartAtLogin: (enabled: boolean) => call("set_start_at_login", { enabled }),
  /** "Check my reminders": the last notification shown, a delivery problem, start at login, the tray. */
  reminderCheck: () => call("reminder_check", {}),
  /** Sends the test notification the way reminders go; a failure is in the view, not thrown. */
  sendTestNotification: () => call("send_test_notification", {}),
  /** no_test_waiting when no test waits for an answer. */
  answerTestNotification: (appeared: boolean) => call("answer_test_notification", { appeared }),
  /** The step plan and network map, built from the do-task answers; edit with saveAnswer. */
  myPlans: () => call("my_plans", {}),
  /** Deletes everything the parent wrote (the key first); the app starts again at onboarding. */
  deleteEverything: () => call("delete_everything", {}),
  /** Pairing and the three contact points; `due` is the number of the check-in to fill in. */
  contacts: () => call("contacts", {}),
  /** `number` is ContactPointView.number (1-3). */
  checkin: (number: number) => call("checkin", { number }),
  /** Resolves to the time it was saved. */
  saveCheckinDraft: (number: number, draft: CheckInDraft) => call("save_checkin_draft", { number, draft }),
  /** Exactly what the worker will see; refused with check_in_incomplete while answers are missing. */
  previewCheckin: (number: number) => call("preview_checkin", { number }),
  /** Sends what the parent saw: check_in_changed when the draft changed since the preview. */
  sendCheckin: (number: number, previewed: CheckIn) => call("send_checkin", { number, previewed }),
  markSafetyNumberChecked: () => call("mark_safety_number_checked", {}),
  /** Resolves to the pairing, or null when there is none. */
  dismissSyncProblem: () => call("dismiss_sync_problem", {}),
  /** Forgets the pairing on this device only, for a server that can no longer be reached. */
  forgetPairing: () => call("forget_pairing", {}),
  /** Over the network: may take seconds. */
  pairWithWorker: (invitation: string) => call("pair_with_worker", { invitation }),
  /** Over the network: the server deletes what it holds, then the app forgets the pairing. */
  unpairWorker: () => call("unpair_worker", {}),
  /** Over the network: fetches states and replies now instead of waiting for the courier. */
  checkForReplies: () => call("check_for_replies", {}),
  /** Whether a lock is set and how long the next try waits; works while locked. */
  lockStatus: () => call("lock_status", {}),
  /** wrong_lock_secret or lock_wait (details `lock_wait`: failures, wait_until) when refused. */
  unlockApp: (secret: string) => call("unlock_app", { secret }),
  /** "Lock now": resolves to whether it locked (false when no lock is set). */
  lockApp: () => call("lock_app", {}),
  /** Sets or changes the lock; lock_secret_invalid names the problem. Takes seconds (Argon2id). */
  setAppLock: (kind: LockKind, secret: string) => call("set_app_lock", { kind, secret }),
  removeAppLock: () => call("remove_app_lock", {}),
  passphraseStrength: (passphrase: string) => call("passphrase_strength", { passphrase }),
  suggestBackupPassphrase: () => call("suggest_backup_passphrase", {}),
  /** Writes an encrypted copy of everything to `path` (from the save dialog). */
  writeBackup: (path: string, passphrase: string) => call("write_backup", { path, passphrase }),
  /** restore_would_replace while data exists and `replace` is false: ask, then call again. */
  restoreBackup: (path: string, passphrase: string, replace: boolean) =>
    call("restore_backup", { path, passphrase, replace }),
  /**
   * Opens the system's save dialog (the parent chooses where) and writes everything they wrote
   * there; resolves to where the file went, or null when they cancelled.
   */
  exportData: (format: ExportFormat) => call("export_data", { format }),
  /** Reads the blocks aloud, sentence by sentence; `read-aloud` events follow (readAloud.ts). */
  readAloud: (language: Language, blocks: string[]) => call("read_aloud", { language, blocks }),
  pauseReading: (utterance: UtteranceId) => call("pause_reading", { utterance }),
  resumeReading: (utterance: UtteranceId) => call("resume_reading", { utterance }),
  stopReading: (utterance: UtteranceId) => call("stop_reading", { utterance }),
  /** Tells the shell the first screen can be used (start-up benchmark; otherwise a no-op). */
  uiReady: (marks: Array<[string, number]>) => call("ui_ready", { marks }),
};
