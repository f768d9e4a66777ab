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
        ModuleId, QuestionId, OptionId, PlanId, PageIndex, PagePosition,
        Pseudonym, Language, AgeBand, Role, Child, Profile, ProfileInput, ProfileLimits, TaskKind,
        AnswerValue, ModuleStatus, HomeStatus, NextStep, ModuleSummary, Overview, ChoiceOption,
        QuestionInput, Question, Condition, Task, TaskView, PageView, ModuleView,
        AnswerKind, AnswerProblem, ErrorCode, ErrorDetails, ProfileField,
        houvast_session::AppStatus, houvast_session::SavedAnswer, crate::error::IpcError,
        reflection::ReflectionAnswers, reflection::ReflectionDay, reflection::YearMonth,
        reflection::DayCell, reflection::MonthView, reflection::WeekSummary,
        houvast_session::ReflectionHistory, houvast_session::SavedReflection,
        reminder::LocalTime, reminder::Weekday, reminder::WeeklyReminder, reminder::DailyReminder,
        reminder::Toggle, reminder::QuietHours, reminder::ReminderSettings,
        crate::reminder::ReminderSettingsView, houvast_session::ReminderScreen,
        crate::reminder::ReminderOpened,
        reminder::NoticeKind, reminder::DeliveryFailure, reminder::ShownNotice,
        reminder::DeliveryProblem, reminder::DeliveryStatus, crate::reminder::check::ReminderCheckView,
        PlanKind, PlanRole, PlanState, PlanPartView, PlanView,
        houvast_protocol::WayOfContact, houvast_protocol::Score, houvast_protocol::SelfRatings, houvast_protocol::Progress,
        houvast_protocol::PreferredContact, houvast_protocol::SharedItem, houvast_protocol::CheckIn,
        houvast_protocol::Reply, houvast_session::CheckInDraft, houvast_session::ShareRef,
        houvast_session::Shareable, houvast_session::ContactState, houvast_session::ReplyView,
        houvast_session::ContactPointView, houvast_session::ContactsView,
        houvast_session::CheckInScreen, houvast_session::PairingView, houvast_session::SyncProblem,
        LockKind, LockSecretProblem, Strength, houvast_session::LockStatus,
        houvast_session::BackupWritten, houvast_session::RestoreDone,
        houvast_session::ExportFormat, houvast_session::ExportSaved,
        houvast_speech::UtteranceId, houvast_speech::Sentence, houvast_speech::ReadingStarted,
        houvast_speech::EndReason, houvast_speech::SpeechEvent,
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p houvast-app bindings`.\n\
         // Do not edit by hand.\n\n",
    );
    for d in decls {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.push_str(&profile_limits());
    out.push_str(&commands(cfg));
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The onboarding form's bounds as a value, so the UI says them before sending.
fn profile_limits() -> String {
    let l = houvast_core::ProfileLimits::VALUES;
    format!(
        "/** The bounds houvast-core checks a profile against. */\n\
         export const PROFILE_LIMITS: ProfileLimits = {{ max_children: {}, max_age: {}, max_pseudonym_chars: {} }};\n\n",
        l.max_children, l.max_age, l.max_pseudonym_chars
    )
}

/// Every command the UI may call: its argument object and its result.
fn commands(cfg: &Config) -> String {
    let mut out = String::from(
        "/** The app's commands (src-tauri/src/commands.rs): arguments as sent, and the result. */\n\
         export type Commands = {\n",
    );
    for c in crate::commands::signatures(cfg) {
        let args: Vec<String> = c.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        let args = if args.is_empty() {
            "{}".to_owned()
        } else {
            format!("{{ {} }}", args.join(", "))
        };
        out.push_str(&format!(
            "  {}: {{ args: {args}; result: {} }};\n",
            c.name, c.result
        ));
    }
    out.push_str("};\n");
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
