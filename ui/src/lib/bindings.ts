// Written by hand until ts-rs generates this file from the Rust types
// (`UPDATE_BINDINGS=1 cargo test -p houvast-app bindings`). Keep only the generated names here.

export type Language = "nl" | "en";

export type AgeBand = "1-4" | "4-12" | "12-18";

export type Child = { age_years: number; recorded_on: string };

export type Profile = { language: Language; pseudonym: string; children: Child[] };

export type ProfileInput = { language: Language; pseudonym: string; children_ages: number[] };

export type TaskKind = "do_task" | "home_assignment";

export type AnswerValue =
  | { kind: "text"; text: string }
  | { kind: "choice"; selected: string[] }
  | { kind: "scale"; value: number };

export type ModuleStatus = "locked" | "open" | "in_progress" | "done";

export type HomeStatus =
  | { state: "not_yet" }
  | { state: "open"; due_on: string }
  | { state: "done"; done_on: string };

export type NextStep =
  | { kind: "start_module"; module_id: string; number: number; title: string }
  | { kind: "continue_module"; module_id: string; number: number; title: string; page: number }
  | { kind: "write_home_assignment"; module_id: string; number: number; title: string; due_on: string }
  | { kind: "finished" };

export type ModuleSummary = {
  id: string;
  number: number;
  title: string;
  summary: string;
  minutes: number;
  status: ModuleStatus;
  home_assignment: HomeStatus;
  pages_total: number;
  pages_read: number;
};

export type Overview = { modules: ModuleSummary[]; next: NextStep };

export type ChoiceOption = { id: string; label: string };

export type QuestionInput =
  | { type: "text"; multiline: boolean; max_chars: number }
  | { type: "choice"; multiple: boolean; options: ChoiceOption[] }
  | { type: "scale"; min: number; max: number; min_label: string; max_label: string };

export type Question = {
  id: string;
  label: string;
  help: string | null;
  required: boolean;
  input: QuestionInput;
};

export type Task = {
  kind: TaskKind;
  title: string;
  intro_html: string;
  minutes: number;
  questions: Question[];
};

export type TaskView = {
  task: Task;
  answers: { [key in string]?: AnswerValue };
  open: boolean;
  done_at: string | null;
  due_on: string | null;
};

export type PageView = { index: number; title: string; html: string };

export type ModuleView = {
  id: string;
  number: number;
  title: string;
  summary: string;
  minutes: number;
  status: ModuleStatus;
  pages: PageView[];
  pages_read: number[];
  do_task: TaskView;
  home_assignment: TaskView;
};

export type AppStatus = { profile: Profile | null };

export type SavedAnswer = { saved_at: string };

export type ErrorCode =
  | "keychain_locked"
  | "keychain_unavailable"
  | "key_missing"
  | "wrong_key_or_corrupt"
  | "database_too_new"
  | "storage_failed"
  | "content_invalid"
  | "not_onboarded"
  | "invalid_profile"
  | "unknown_module"
  | "module_locked"
  | "unknown_question"
  | "invalid_answer"
  | "task_not_open"
  | "required_missing";

export type IpcError = { code: ErrorCode; message: string };
