// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p houvast-app bindings`.
// Do not edit by hand.

export type ModuleId = string;

export type QuestionId = string;

export type OptionId = string;

export type PlanId = string;

export type PageIndex = number;

export type PagePosition = number;

export type Pseudonym = string;

export type Language = "nl" | "en";

export type AgeBand = "0-1" | "1-4" | "4-7" | "8-12" | "12-18";

export type Role = "parent" | "partner";

export type Child = { age_years: number, recorded_on: string, };

export type Profile = { language: Language, pseudonym: Pseudonym, children: Array<Child>, 
/**
 * Profiles stored before the role was asked are the parent's.
 */
role: Role, };

export type ProfileInput = { language: Language, pseudonym: string, children_ages: Array<number>, 
/**
 * The parent unless said otherwise (the onboarding screen always says).
 */
role: Role, };

export type ProfileLimits = { max_children: number, max_age: number, max_pseudonym_chars: number, };

export type TaskKind = "do_task" | "home_assignment";

export type AnswerValue = { "kind": "text", text: string, } | { "kind": "choice", selected: Array<OptionId>, } | { "kind": "scale", value: number, };

export type ModuleStatus = "locked" | "open" | "in_progress" | "done";

export type HomeStatus = { "state": "not_yet" } | { "state": "open", due_on: string, } | { "state": "done", done_on: string, };

export type NextStep = { "kind": "start_module", module_id: ModuleId, number: number, title: string, } | { "kind": "continue_module", module_id: ModuleId, number: number, title: string, 
/**
 * Index into `ModuleView.pages` of the first unread page, or `pages.length` when all
 * are read (the do-task is next).
 */
page: PagePosition, } | { "kind": "write_home_assignment", module_id: ModuleId, number: number, title: string, due_on: string, } | { "kind": "finished" } | { "kind": "look_back", module_id: ModuleId, title: string, };

export type ModuleSummary = { id: ModuleId, number: number, title: string, summary: string, 
/**
 * One sitting: the pages and the do-task, as measured by the content check.
 */
minutes: number, 
/**
 * The home assignment, done in the week after the sitting; 0 when there is none.
 */
home_assignment_minutes: number, 
/**
 * An extra outside the fixed order (the return check): never needed to finish.
 */
optional: boolean, 
/**
 * Optional modules: the day it opened (six weeks after the programme was finished).
 */
open_since: string | null, status: ModuleStatus, home_assignment: HomeStatus, 
/**
 * Counted over the pages the parent sees.
 */
pages_total: number, pages_read: number, };

export type Overview = { modules: Array<ModuleSummary>, next: NextStep, };

export type ChoiceOption = { id: OptionId, label: string, };

export type QuestionInput = { "type": "text", multiline: boolean, max_chars: number, } | { "type": "choice", multiple: boolean, options: Array<ChoiceOption>, } | { "type": "scale", min: number, max: number, min_label: string, max_label: string, };

export type Question = { id: QuestionId, label: string, help: string | null, 
/**
 * Required whatever else is answered. False when `required_when` decides.
 */
required: boolean, 
/**
 * Required only while this holds (and the question is not hidden).
 */
required_when: Condition | null, 
/**
 * Not shown, not required and its answer not counted while this holds.
 */
hidden_when: Condition | null, input: QuestionInput, };

export type Condition = { question: QuestionId, any_of: Array<OptionId>, };

export type Task = { kind: TaskKind, title: string, intro_html: string, minutes: number, questions: Array<Question>, };

export type TaskView = { task: Task, answers: { [key in string]?: AnswerValue }, 
/**
 * The do-task is open with its module; the home assignment once the do-task is done.
 */
open: boolean, done_at: string | null, 
/**
 * Home assignment only: the do-task's local date + 7 days.
 */
due_on: string | null, };

export type PageView = { 
/**
 * The page's place in the content file, before age-band filtering.
 */
index: PageIndex, title: string, html: string, };

export type ModuleView = { id: ModuleId, number: number, title: string, summary: string, minutes: number, 
/**
 * An extra outside the fixed order: it has no home assignment.
 */
optional: boolean, status: ModuleStatus, pages: Array<PageView>, 
/**
 * Content-file indices of the shown pages that are read.
 */
pages_read: Array<PageIndex>, do_task: TaskView, home_assignment: TaskView, };

export type AnswerKind = "text" | "choice" | "scale";

export type AnswerProblem = { "problem": "too_long", chars: number, max_chars: number, } | { "problem": "choose_one", chosen: number, } | { "problem": "unknown_option", option: OptionId, } | { "problem": "chosen_twice", option: OptionId, } | { "problem": "out_of_scale", value: number, min: number, max: number, } | { "problem": "wrong_kind", expected: AnswerKind, };

export type ErrorCode = "keychain_locked" | "keychain_unavailable" | "key_missing" | "wrong_key" | "database_corrupt" | "wrong_key_or_corrupt" | "database_too_new" | "storage_failed" | "app_locked" | "wrong_lock_secret" | "lock_wait" | "lock_secret_invalid" | "not_a_backup" | "backup_truncated" | "backup_damaged" | "backup_wrong_passphrase" | "backup_too_new" | "backup_passphrase_too_short" | "restore_would_replace" | "content_invalid" | "not_onboarded" | "invalid_profile" | "unknown_module" | "unknown_page" | "module_locked" | "unknown_question" | "invalid_answer" | "task_not_open" | "required_missing" | "reflection_closed" | "invalid_settings" | "not_paired" | "already_paired" | "invitation_invalid" | "plain_http" | "check_in_incomplete" | "check_in_invalid" | "check_in_already_sent" | "check_in_changed" | "contact_point_not_reached" | "key_changed" | "seal_failed" | "offline" | "certificate_invalid" | "not_houvast_server" | "code_unknown" | "code_expired" | "code_used" | "rate_limited" | "server_refused" | "server_failed" | "start_at_login_failed" | "no_test_waiting" | "export_failed" | "speech_unavailable" | "speech_failed" | "speech_text_invalid";

export type ErrorDetails = { "kind": "required_missing", question_ids: Array<QuestionId>, } | { "kind": "invalid_answer", question_id: QuestionId, problem: AnswerProblem, } | { "kind": "invalid_profile", field: ProfileField, } | { "kind": "reflection_too_long", max_chars: number, } | { "kind": "check_in_incomplete", fields: Array<string>, } | { "kind": "check_in_invalid", field: string, rule: string, } | { "kind": "lock_wait", failures: number | null, wait_until: string | null, } | { "kind": "lock_secret_invalid", problem: LockSecretProblem, } | { "kind": "app_locked", lock: LockKind, } | { "kind": "restore_would_replace", created_at: string, };

export type ProfileField = "pseudonym" | "children" | "child_age";

export type AppStatus = { 
/**
 * `null` until the parent has finished onboarding.
 */
profile: Profile | null, 
/**
 * Each child's age today, in the order of `profile.children`: a child grows a year older
 * on the anniversary of the day the age was given.
 */
children_ages: Array<number>, };

export type SavedAnswer = { saved_at: string, };

export type IpcError = { code: ErrorCode, message: string, 
/**
 * Where the problem is, when the UI can point at it (the missing questions, the field).
 */
details: ErrorDetails | null, };

export type ReflectionAnswers = { 
/**
 * What went well in parenting today?
 */
went_well: string, 
/**
 * How did you notice in yourself that what you said or did had a positive effect?
 */
noticed_in_myself: string, 
/**
 * How did you notice it in your child?
 */
noticed_in_child: string, };

export type ReflectionDay = { date: string, answers: ReflectionAnswers, 
/**
 * Only the reflection day itself ([`reflection_day`]) can be edited.
 */
editable: boolean, 
/**
 * When something was written: the screen says "written on <date>" for a past day.
 */
written: boolean, };

export type YearMonth = { year: number, month: number, };

export type DayCell = { date: string, 
/**
 * Something was written on this day.
 */
written: boolean, today: boolean, 
/**
 * After today: nothing to show, nothing to miss.
 */
future: boolean, };

export type MonthView = { month: YearMonth, 
/**
 * Weeks from Monday to Sunday (the Dutch calendar); `null` pads days of other months.
 */
weeks: Array<[DayCell | null, DayCell | null, DayCell | null, DayCell | null, DayCell | null, DayCell | null, DayCell | null]>, 
/**
 * How many evenings of this month have a reflection.
 */
evenings: number, previous: YearMonth | null, 
/**
 * `null` when `month` is the current month: the future has nothing to look at.
 */
next: YearMonth | null, };

export type WeekSummary = { evenings: number, 
/**
 * Days of this week so far, today included (1 on a Monday, 7 on a Sunday).
 */
days_so_far: number, };

export type ReflectionHistory = { today: string, month: MonthView, week: WeekSummary, };

export type SavedReflection = { saved_at: string, };

export type LocalTime = string;

export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";

export type WeeklyReminder = { enabled: boolean, weekday: Weekday, time: LocalTime, };

export type DailyReminder = { enabled: boolean, time: LocalTime, };

export type Toggle = { enabled: boolean, };

export type QuietHours = { start: LocalTime, end: LocalTime, };

export type ReminderSettings = { module: WeeklyReminder, reflection: DailyReminder, 
/**
 * A nudge in the middle of the week after a module, while its home assignment is open.
 */
home_assignment: Toggle, 
/**
 * A reminder while a check-in for the prevention worker is due.
 */
check_in: Toggle, quiet_hours: QuietHours | null, 
/**
 * When true (the default) a notification says only "a moment for yourself", never what
 * it is about: a shared phone must not reveal an illness.
 */
discreet: boolean, };

export type ReminderSettingsView = { settings: ReminderSettings, 
/**
 * Reminders are paused until then.
 */
snoozed_until: string | null, 
/**
 * Whether the app starts when the parent logs in; `null` where the platform has no such
 * choice (phones) or the choice is not available.
 */
start_at_login: boolean | null, };

export type ReminderScreen = "reflection" | "home" | "contacts" | "reminder_check";

export type ReminderOpened = { screen: ReminderScreen, };

export type NoticeKind = "reminder" | "message" | "test";

export type DeliveryFailure = "unreachable" | "no_service" | "refused";

export type ShownNotice = { at: string, kind: NoticeKind, };

export type DeliveryProblem = { "kind": "not_delivered", cause: DeliveryFailure, since: string, last_at: string, count: number, } | { "kind": "not_seen", at: string, };

export type DeliveryStatus = { last_shown: ShownNotice | null, last_reminder: string | null, problem: DeliveryProblem | null, 
/**
 * A test is waiting for the parent's answer (shown at this moment).
 */
test_waiting: string | null, confirmed_at: string | null, };

export type ReminderCheckView = { delivery: DeliveryStatus, 
/**
 * Whether the app starts when the parent logs in; `null` where the platform has no such
 * choice (phones) or it is not available.
 */
start_at_login: boolean | null, 
/**
 * The app has a tray icon (desktops).
 */
tray: boolean, 
/**
 * At least one reminder is on.
 */
reminders_on: boolean, 
/**
 * Closing the window keeps the app running in the tray, so reminders keep coming: there
 * is a tray icon and a reminder is on.
 */
stays_in_tray: boolean, };

export type PlanKind = "step_plan" | "network_map" | "care_plan";

export type PlanRole = "situation" | "step" | "step_more" | "close" | "further" | "professionals" | "child_trusted" | "child_trusted_knows" | "wish" | "takes_over" | "arrangement";

export type PlanState = "not_reached" | "to_make" | "made";

export type PlanPartView = { role: PlanRole, heading: string, 
/**
 * The do-task question this part is (edit it with `save_answer` on the plan's module).
 */
question: Question, answer: AnswerValue | null, 
/**
 * The answer as lines to show: each non-empty line of a text, the labels of the chosen
 * options, or the number on a scale. Empty when unanswered.
 */
lines: Array<string>, };

export type PlanView = { id: PlanId, kind: PlanKind, title: string, origin: string, module_id: ModuleId, module_number: number, module_title: string, state: PlanState, 
/**
 * The parts can be changed now (the module is open).
 */
editable: boolean, 
/**
 * Empty while the plan is not reached.
 */
parts: Array<PlanPartView>, };

export type WayOfContact = "phone" | "video" | "home_visit" | "at_the_office" | "chat";

export type Score = number;

export type SelfRatings = { 
/**
 * "How is parenting going?"
 */
parenting: Score, 
/**
 * "How are you feeling?"
 */
feeling: Score, 
/**
 * "How confident are you as a parent?"
 */
confidence: Score, };

export type Progress = { modules_done: number, do_tasks_done: number, home_assignments_done: number, 
/**
 * Evenings with a daily reflection since the last contact.
 */
reflection_evenings: number, };

export type PreferredContact = { ways: Array<WayOfContact>, 
/**
 * In the parent's words, e.g. "weekday mornings after 9".
 */
times: string, };

export type SharedItem = { question: string, answer: string, };

export type CheckIn = { 
/**
 * [`CHECKIN_FORMAT`].
 */
format: number, written_at: string, ratings: SelfRatings, 
/**
 * The programme grade (rapportcijfer); asked at contact point 3, where it is required.
 */
programme_grade: Score | null, progress: Progress, 
/**
 * What the parent wants to talk about.
 */
talk_about: string, preferred_contact: PreferredContact, shared: Array<SharedItem>, 
/**
 * "Do you worry about your own or your children's safety?" Yes makes the check-in urgent:
 * the dashboard puts it first after opening it (the server cannot see it).
 */
worried_about_safety: boolean, };

export type Reply = { 
/**
 * [`REPLY_FORMAT`].
 */
format: number, 
/**
 * The proposed moment with the worker's offset (RFC 3339), if any.
 */
proposed_time: string | null, way_of_contact: WayOfContact, message: string, };

export type CheckInDraft = { 
/**
 * "How is parenting going?" 1-10.
 */
parenting: number | null, 
/**
 * "How are you feeling?" 1-10.
 */
feeling: number | null, 
/**
 * "How confident are you as a parent?" 1-10.
 */
confidence: number | null, 
/**
 * The grade for the programme, asked at the last contact.
 */
programme_grade: number | null, talk_about: string, ways: Array<WayOfContact>, times: string, 
/**
 * The parent's own answers and reflections they chose to share, one by one.
 */
shared: Array<ShareRef>, 
/**
 * "Are you worried about your own or your children's safety?"
 */
worried_about_safety: boolean | null, };

export type ShareRef = { "kind": "answer", module_id: ModuleId, task: TaskKind, question_id: QuestionId, } | { "kind": "reflection", date: string, };

export type Shareable = { reference: ShareRef, 
/**
 * Where it comes from: the module's title, or the evening's date.
 */
context: string, question: string, answer: string, };

export type ContactState = { "state": "not_yet" } | { "state": "due", since: string | null, } | { "state": "waiting", sent_at: string, attempts: number, last_error: string | null, } | { "state": "refused", sent_at: string, reason: string, } | { "state": "delivered", sent_at: string, delivered_at: string, } | { "state": "read", sent_at: string, read_at: string, } | { "state": "replied", sent_at: string, } | { "state": "done", sent_at: string | null, done_at: string, };

export type ReplyView = { sent_at: string, reply: Reply, };

export type ContactPointView = { number: number, title: string, 
/**
 * 0: before module 1.
 */
after_module: number, state: ContactState, replies: Array<ReplyView>, };

export type ContactsView = { pairing: PairingView | null, points: Array<ContactPointView>, 
/**
 * The contact point to write a check-in for now (paired, reached, not sent).
 */
due: number | null, };

export type CheckInScreen = { number: number, title: string, 
/**
 * The programme grade is asked at the last contact.
 */
grade_asked: boolean, draft: CheckInDraft, 
/**
 * Filled in by the app: numbers only.
 */
progress: Progress, shareable: Array<Shareable>, 
/**
 * What was sent, once sent: the parent's own copy.
 */
sent: CheckIn | null, state: ContactState, replies: Array<ReplyView>, };

export type PairingView = { worker_name: string, organisation: string, 
/**
 * The server's address as the parent typed it (without the code).
 */
server: string, paired_at: string, 
/**
 * Twelve groups of five digits, to compare with the worker at the first contact.
 */
safety_number: Array<string>, safety_number_checked: boolean, 
/**
 * The last time the app reached the server.
 */
synced_at: string | null, problem: SyncProblem | null, };

export type SyncProblem = { "kind": "key_changed", worker: boolean, recovery: boolean, since: string, } | { "kind": "reply_refused", at: string, };

export type LockKind = "pin" | "passphrase";

export type LockSecretProblem = "not_digits" | "pin_too_short" | "pin_too_easy" | "passphrase_too_short";

export type Strength = "too_short" | "weak" | "fair" | "strong";

export type LockStatus = { 
/**
 * The kind of lock set, `null` when there is none.
 */
kind: LockKind | null, 
/**
 * The parent's language, so the lock screen speaks it (kept beside the locked file with
 * the reminders' times); `null` when not known.
 */
language: Language | null, 
/**
 * Wrong entries in a row since the last right one.
 */
failures: number, 
/**
 * The next try is allowed from this moment; `null` when it is allowed now.
 */
wait_until: string | null, };

export type BackupWritten = { path: string, bytes: bigint, created_at: string, };

export type RestoreDone = { 
/**
 * When the backup was made.
 */
created_at: string, 
/**
 * Whether an app lock was set before: the restored data has none until the parent sets
 * one again.
 */
lock_removed: boolean, };

export type ExportFormat = "html" | "json";

export type ExportSaved = { 
/**
 * The whole path of the file, as the system shows it.
 */
path: string, format: ExportFormat, 
/**
 * The file's size; far below 2^53, so a plain number in TypeScript.
 */
bytes: number, };

export type UtteranceId = number;

export type Sentence = { 
/**
 * Which of the blocks the window sent (0-based).
 */
block: number, 
/**
 * Start and end in the block's text, in UTF-16 code units, without surrounding spaces.
 */
start: number, end: number, 
/**
 * What is spoken: the sentence with its white space collapsed to single spaces.
 */
text: string, };

export type ReadingStarted = { utterance: UtteranceId, sentences: Array<Sentence>, };

export type EndReason = "done" | "stopped" | "failed";

export type SpeechEvent = { "kind": "sentence_started", utterance: UtteranceId, sentence: number, } | { "kind": "sentence_finished", utterance: UtteranceId, sentence: number, } | { "kind": "paused", utterance: UtteranceId, sentence: number, } | { "kind": "resumed", utterance: UtteranceId, sentence: number, } | { "kind": "ended", utterance: UtteranceId, reason: EndReason, };

/** The bounds houvast-core checks a profile against. */
export const PROFILE_LIMITS: ProfileLimits = { max_children: 12, max_age: 18, max_pseudonym_chars: 40 };

/** The app's commands (src-tauri/src/commands.rs): arguments as sent, and the result. */
export type Commands = {
  app_status: { args: {}; result: AppStatus };
  save_profile: { args: { input: ProfileInput }; result: Profile };
  set_language: { args: { language: Language }; result: Profile };
  set_role: { args: { role: Role }; result: Profile };
  programme_overview: { args: {}; result: Overview };
  open_module: { args: { moduleId: ModuleId }; result: ModuleView };
  mark_page_read: { args: { moduleId: ModuleId, page: PageIndex }; result: ModuleView };
  save_answer: { args: { moduleId: ModuleId, task: TaskKind, questionId: QuestionId, value: AnswerValue }; result: SavedAnswer };
  complete_task: { args: { moduleId: ModuleId, task: TaskKind }; result: ModuleView };
  my_plans: { args: {}; result: Array<PlanView> };
  reflection_day: { args: { date: string | null }; result: ReflectionDay };
  save_reflection: { args: { date: string, answers: ReflectionAnswers }; result: SavedReflection };
  reflection_history: { args: { month: YearMonth | null }; result: ReflectionHistory };
  reminder_settings: { args: {}; result: ReminderSettingsView };
  save_reminder_settings: { args: { settings: ReminderSettings }; result: ReminderSettingsView };
  snooze_reminders: { args: { hours: number }; result: ReminderSettingsView };
  set_start_at_login: { args: { enabled: boolean }; result: ReminderSettingsView };
  reminder_check: { args: {}; result: ReminderCheckView };
  send_test_notification: { args: {}; result: ReminderCheckView };
  answer_test_notification: { args: { appeared: boolean }; result: ReminderCheckView };
  ui_ready: { args: { marks: Array<[string, number]> }; result: null };
  contacts: { args: {}; result: ContactsView };
  checkin: { args: { number: number }; result: CheckInScreen };
  save_checkin_draft: { args: { number: number, draft: CheckInDraft }; result: string };
  preview_checkin: { args: { number: number }; result: CheckIn };
  send_checkin: { args: { number: number, previewed: CheckIn }; result: ContactsView };
  mark_safety_number_checked: { args: {}; result: PairingView };
  dismiss_sync_problem: { args: {}; result: PairingView | null };
  lock_status: { args: {}; result: LockStatus };
  lock_app: { args: {}; result: boolean };
  remove_app_lock: { args: {}; result: LockStatus };
  passphrase_strength: { args: { passphrase: string }; result: Strength };
  suggest_backup_passphrase: { args: {}; result: string };
  pause_reading: { args: { utterance: UtteranceId }; result: null };
  resume_reading: { args: { utterance: UtteranceId }; result: null };
  stop_reading: { args: { utterance: UtteranceId }; result: null };
  forget_pairing: { args: {}; result: null };
  read_aloud: { args: { language: Language, blocks: Array<string> }; result: ReadingStarted };
  unlock_app: { args: { secret: string }; result: LockStatus };
  set_app_lock: { args: { kind: LockKind, secret: string }; result: LockStatus };
  write_backup: { args: { path: string, passphrase: string }; result: BackupWritten };
  restore_backup: { args: { path: string, passphrase: string, replace: boolean }; result: RestoreDone };
  delete_everything: { args: {}; result: null };
  pair_with_worker: { args: { invitation: string }; result: PairingView };
  unpair_worker: { args: {}; result: null };
  check_for_replies: { args: {}; result: ContactsView };
  export_data: { args: { format: ExportFormat }; result: ExportSaved | null };
};
