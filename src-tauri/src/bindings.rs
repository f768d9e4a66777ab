//! TypeScript types for everything that crosses IPC, generated from the Rust types with ts-rs
//! into `ui/src/lib/bindings.ts`. The test below fails when the checked-in file drifts;
//! `UPDATE_BINDINGS=1 cargo test -p houvast-app bindings` rewrites it.

use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),*]
    };
}

/// The whole bindings file.
pub fn typescript() -> String {
    use houvast_core::*;
    let cfg = &Config::default();
    let decls = declarations![cfg;
        ModuleId, QuestionId, Pseudonym, Language, AgeBand, Child, Profile, ProfileInput, TaskKind, AnswerValue,
        ModuleStatus, HomeStatus, NextStep, ModuleSummary, Overview, ChoiceOption,
        QuestionInput, Question, Task, TaskView, PageView, ModuleView,
        crate::profile::AppStatus, crate::programme::SavedAnswer,
        crate::error::ErrorCode, crate::error::IpcError,
        reflection::ReflectionAnswers, reflection::ReflectionDay, reflection::YearMonth,
        reflection::DayCell, reflection::MonthView, reflection::WeekSummary,
        crate::reflection::ReflectionHistory, crate::reflection::SavedReflection,
        reminder::LocalTime, reminder::Weekday, reminder::WeeklyReminder, reminder::DailyReminder,
        reminder::Toggle, reminder::QuietHours, reminder::ReminderSettings,
        crate::reminder::ReminderSettingsView, crate::reminder::ReminderScreen,
        crate::reminder::ReminderOpened,
        PlanKind, PlanRole, PlanState, PlanPartView, PlanView,
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p houvast-app bindings`.\n\
         // Do not edit by hand.\n\n",
    );
    for d in decls {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn bindings_match_the_checked_in_file() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
        let generated = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write bindings");
            return;
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == generated,
            "ui/src/lib/bindings.ts is out of date with the Rust types: \
             run `UPDATE_BINDINGS=1 cargo test -p houvast-app bindings` and commit the result"
        );
    }
}
