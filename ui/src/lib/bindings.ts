// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p houvast-app bindings`.
// Do not edit by hand.

export type ModuleId = string;

export type QuestionId = string;

export type Pseudonym = string;

export type Language = "nl" | "en";

export type AgeBand = "1-4" | "4-12" | "12-18";

export type Child = { age_years: number, recorded_on: string, };

export type Profile = { language: Language, pseudonym: Pseudonym, children: Array<Child>, };

export type ProfileInput = { language: Language, pseudonym: string, children_ages: Array<number>, };

export type TaskKind = "do_task" | "home_assignment";

export type AnswerValue = { "kind": "text", text: string, } | { "kind": "choice", selected: Array<string>, } | { "kind": "scale", value: number, };

export type ModuleStatus = "locked" | "open" | "in_progress" | "done";

export type HomeStatus = { "state": "not_yet" } | { "state": "open", due_on: string, } | { "state": "done", done_on: string, };

export type NextStep = { "kind": "start_module", module_id: ModuleId, number: number, title: string, } | { "kind": "continue_module", module_id: ModuleId, number: number, title: string, 
/**
 * Index into `ModuleView.pages` of the first unread page, or `pages.length` when all
 * are read (the do-task is next).
 */
page: number, } | { "kind": "write_home_assignment", module_id: ModuleId, number: number, title: string, due_on: string, } | { "kind": "finished" } | { "kind": "look_back", module_id: ModuleId, title: string, };

export type ModuleSummary = { id: ModuleId, number: number, title: string, summary: string, minutes: number, 
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

export type ChoiceOption = { id: string, label: string, };

export type QuestionInput = { "type": "text", multiline: boolean, max_chars: number, } | { "type": "choice", multiple: boolean, options: Array<ChoiceOption>, } | { "type": "scale", min: number, max: number, min_label: string, max_label: string, };

export type Question = { id: QuestionId, label: string, help: string | null, required: boolean, input: QuestionInput, };

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
 * Index of the page in the content file, before age-band filtering.
 */
index: number, title: string, html: string, };

export type ModuleView = { id: ModuleId, number: number, title: string, summary: string, minutes: number, 
/**
 * An extra outside the fixed order: it has no home assignment.
 */
optional: boolean, status: ModuleStatus, pages: Array<PageView>, 
/**
 * Content-file indices of the shown pages that are read.
 */
pages_read: Array<number>, do_task: TaskView, home_assignment: TaskView, };

export type AppStatus = { 
/**
 * `null` until the parent has finished onboarding.
 */
profile: Profile | null, };

export type SavedAnswer = { saved_at: string, };

export type ErrorCode = "keychain_locked" | "keychain_unavailable" | "key_missing" | "wrong_key" | "database_corrupt" | "wrong_key_or_corrupt" | "database_too_new" | "storage_failed" | "content_invalid" | "not_onboarded" | "invalid_profile" | "unknown_module" | "unknown_page" | "module_locked" | "unknown_question" | "invalid_answer" | "task_not_open" | "required_missing" | "reflection_closed" | "invalid_settings" | "start_at_login_failed";

export type IpcError = { code: ErrorCode, message: string, };

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
 * choice (phones).
 */
start_at_login: boolean | null, };

export type ReminderScreen = "reflection" | "home";

export type ReminderOpened = { screen: ReminderScreen, };

export type PlanKind = "step_plan" | "network_map";

export type PlanRole = "situation" | "step" | "step_more" | "close" | "further" | "professionals" | "child_trusted" | "child_trusted_knows" | "wish";

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

export type PlanView = { id: string, kind: PlanKind, title: string, origin: string, module_id: ModuleId, module_number: number, module_title: string, state: PlanState, 
/**
 * The parts can be changed now (the module is open).
 */
editable: boolean, 
/**
 * Empty while the plan is not reached.
 */
parts: Array<PlanPartView>, };
