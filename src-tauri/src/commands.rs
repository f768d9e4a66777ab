//! Every command the UI may call, each a line or two that turns IPC into one use case of
//! houvast-session. The list is written once, in [`commands!`], which makes from it
//!
//! - the `#[tauri::command]` functions,
//! - the invoke handler ([`with_commands`]),
//! - and the TypeScript signature of each command (name, argument names as the UI sends them,
//!   result type) that [`crate::bindings`] writes into the UI's bindings, so a renamed command
//!   or a changed argument fails the UI's type-check.

use crate::error::IpcError;
use crate::reminder::check::{self, ReminderCheckView};
use crate::reminder::{self, start_at_login, ReminderSettingsView};
use crate::state::AppState;
use chrono::NaiveDate;
use chrono::{DateTime, Utc};
use houvast_core::reflection::{ReflectionAnswers, ReflectionDay, YearMonth};
use houvast_core::reminder::ReminderSettings;
use houvast_core::{
    AnswerValue, Language, ModuleId, ModuleView, Overview, PageIndex, PlanView, Profile,
    ProfileInput, QuestionId, Role, TaskKind,
};
use houvast_core::{LockKind, Strength};
use houvast_protocol::CheckIn;
use houvast_session::{
    AppStatus, BackupWritten, CheckInDraft, CheckInScreen, ContactsView, ExportFormat, ExportSaved,
    LockStatus, PairingView, ReflectionHistory, RestoreDone, SavedAnswer, SavedReflection,
};
use houvast_speech::{ReadingStarted, UtteranceId};
use tauri::{AppHandle, Manager, Runtime, State};

/// One command as the bindings describe it.
pub struct CommandSignature {
    pub name: &'static str,
    /// `(name as the UI sends it, TypeScript type)`.
    pub args: Vec<(String, String)>,
    pub result: String,
}

/// Tauri turns the Rust argument `module_id` into the key `moduleId`.
fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

macro_rules! commands {
    (
        $(
            $(#[$doc:meta])*
            fn $name:ident(|$app:ident, $state:ident| $($arg:ident: $ty:ty),*) -> $ret:ty $body:block
        )*
        // Commands that wait for the network: run as async tasks, never on the main thread.
        async {
            $(
                $(#[$adoc:meta])*
                fn $aname:ident(|$aapp:ident, $astate:ident| $($aarg:ident: $aty:ty),*) -> $aret:ty $abody:block
            )*
        }
    ) => {
        $(
            $(#[$doc])*
            #[tauri::command]
            #[allow(unused_variables)]
            pub fn $name<R: Runtime>(
                $app: AppHandle<R>,
                $state: State<'_, AppState>,
                $($arg: $ty),*
            ) -> Result<$ret, IpcError> {
                let _timing = crate::ready::command(stringify!($name));
                $body
            }
        )*

        $(
            $(#[$adoc])*
            #[tauri::command]
            #[allow(unused_variables)]
            pub async fn $aname<R: Runtime>(
                $aapp: AppHandle<R>,
                $astate: State<'_, AppState>,
                $($aarg: $aty),*
            ) -> Result<$aret, IpcError> {
                let _timing = crate::ready::command(stringify!($aname));
                $abody
            }
        )*

        /// Registers every command the UI may call.
        pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
            builder.invoke_handler(tauri::generate_handler![$($name,)* $($aname),*])
        }

        /// The commands' signatures for the TypeScript bindings.
        pub fn signatures(cfg: &ts_rs::Config) -> Vec<CommandSignature> {
            vec![
                $(CommandSignature {
                    name: stringify!($name),
                    args: vec![$((camel_case(stringify!($arg)), <$ty as ts_rs::TS>::name(cfg))),*],
                    result: <$ret as ts_rs::TS>::name(cfg),
                },)*
                $(CommandSignature {
                    name: stringify!($aname),
                    args: vec![$((camel_case(stringify!($aarg)), <$aty as ts_rs::TS>::name(cfg))),*],
                    result: <$aret as ts_rs::TS>::name(cfg),
                },)*
            ]
        }
    };
}

commands! {
    fn app_status(|app, state|) -> AppStatus {
        state.session(|s| s.status())
    }

    /// Onboarding, and changing the profile later.
    fn save_profile(|app, state| input: ProfileInput) -> Profile {
        state.session(|s| s.onboard(input))
    }

    fn set_language(|app, state| language: Language) -> Profile {
        state.session(|s| s.set_language(language))
    }

    /// The parent or the partner: which texts the programme shows.
    fn set_role(|app, state| role: Role) -> Profile {
        state.session(|s| s.set_role(role))
    }

    fn programme_overview(|app, state|) -> Overview {
        state.session(|s| s.overview())
    }

    fn open_module(|app, state| module_id: ModuleId) -> ModuleView {
        state.session(|s| s.open_module(&module_id))
    }

    fn mark_page_read(|app, state| module_id: ModuleId, page: PageIndex) -> ModuleView {
        state.session(|s| s.mark_page_read(&module_id, page))
    }

    fn save_answer(
        |app, state| module_id: ModuleId, task: TaskKind, question_id: QuestionId, value: AnswerValue
    ) -> SavedAnswer {
        state.session(|s| s.save_answer(&module_id, task, &question_id, &value))
    }

    fn complete_task(|app, state| module_id: ModuleId, task: TaskKind) -> ModuleView {
        state.session(|s| s.complete_task(&module_id, task))
    }

    /// The step plan and the network map; a plan is changed with `save_answer`.
    fn my_plans(|app, state|) -> Vec<PlanView> {
        state.session(|s| s.my_plans())
    }

    /// Today's reflection, or another day's (read-only) when `date` is given.
    fn reflection_day(|app, state| date: Option<NaiveDate>) -> ReflectionDay {
        state.session(|s| s.reflection_day(date))
    }

    fn save_reflection(|app, state| date: NaiveDate, answers: ReflectionAnswers) -> SavedReflection {
        let saved = state.session(|s| s.save_reflection(date, &answers))?;
        reminder::refresh(&app); // tonight's reflection reminder is no longer needed
        Ok(saved)
    }

    fn reflection_history(|app, state| month: Option<YearMonth>) -> ReflectionHistory {
        state.session(|s| s.reflection_history(month))
    }

    fn reminder_settings(|app, state|) -> ReminderSettingsView {
        let record = state.session(|s| s.reminder_settings())?;
        Ok(ReminderSettingsView::new(record, start_at_login::get(&app)))
    }

    fn save_reminder_settings(|app, state| settings: ReminderSettings) -> ReminderSettingsView {
        let record = state.session(|s| s.save_reminder_settings(&settings))?;
        reminder::refresh(&app);
        Ok(ReminderSettingsView::new(record, start_at_login::get(&app)))
    }

    /// Pauses every reminder for `hours`; 0 ends a pause.
    fn snooze_reminders(|app, state| hours: u32) -> ReminderSettingsView {
        let record = state.session(|s| s.snooze(hours))?;
        reminder::refresh(&app);
        Ok(ReminderSettingsView::new(record, start_at_login::get(&app)))
    }

    fn set_start_at_login(|app, state| enabled: bool) -> ReminderSettingsView {
        start_at_login::set(&app, enabled)?;
        let record = state.session(|s| s.reminder_settings())?;
        Ok(ReminderSettingsView::new(record, start_at_login::get(&app)))
    }

    /// "Check my reminders": the last notification shown, a problem, start at login, the tray.
    fn reminder_check(|app, state|) -> ReminderCheckView {
        check::view(&app, &state)
    }

    /// Sends the test notification the way reminders go; how it went is in the view.
    fn send_test_notification(|app, state|) -> ReminderCheckView {
        check::send_test(&app, &state)
    }

    /// Whether the test notification appeared; `no_test_waiting` when none was sent.
    fn answer_test_notification(|app, state| appeared: bool) -> ReminderCheckView {
        check::answer(&app, &state, appeared)
    }


    /// The UI's first screen can be used, with its data (the start-up benchmark measures up
    /// to here); `marks` are the page's own start-up moments, `[name, performance.now()]`.
    fn ui_ready(|app, state| marks: Vec<(String, f64)>) -> () {
        crate::ready::ui_ready(&app, &marks);
        Ok(())
    }

    /// The pairing and the three contact points, for the home and contacts screens.
    fn contacts(|app, state|) -> ContactsView {
        state.session(|s| s.contacts())
    }

    fn checkin(|app, state| number: u8) -> CheckInScreen {
        state.session(|s| s.checkin(number))
    }

    fn save_checkin_draft(|app, state| number: u8, draft: CheckInDraft) -> DateTime<Utc> {
        state.session(|s| s.save_checkin_draft(number, &draft))
    }

    /// Exactly what the worker will read.
    fn preview_checkin(|app, state| number: u8) -> CheckIn {
        state.session(|s| s.preview_checkin(number))
    }

    /// Seals the previewed check-in and queues it; the courier delivers it.
    fn send_checkin(|app, state| number: u8, previewed: CheckIn) -> ContactsView {
        let contacts = state.session(|s| s.send_checkin(number, &previewed))?;
        crate::contact::wake(&app);
        reminder::refresh(&app); // the check-in reminder is no longer needed
        Ok(contacts)
    }

    fn mark_safety_number_checked(|app, state|) -> PairingView {
        state.session(|s| s.mark_safety_number_checked())
    }

    fn dismiss_sync_problem(|app, state|) -> Option<PairingView> {
        state.session(|s| s.dismiss_sync_problem())
    }

    /// The app lock's state: set or not, and how long the next try must wait. Works while
    /// locked.
    fn lock_status(|app, state|) -> LockStatus {
        state.lock_status()
    }

    /// Asks for the PIN from now on (the "lock now" button), when a lock is set.
    fn lock_app(|app, state|) -> bool {
        Ok(crate::lock::lock_now(&app, &state))
    }

    /// Removes the app lock; the keychain holds the key itself again.
    fn remove_app_lock(|app, state|) -> LockStatus {
        state.with_vault(|vault, s| vault.remove_lock(s.store()))
    }

    /// How strong a backup passphrase is, while the parent types it.
    fn passphrase_strength(|app, state| passphrase: String) -> Strength {
        Ok(houvast_core::lock::passphrase_strength(&passphrase))
    }

    /// A strong passphrase the parent may use for a backup.
    fn suggest_backup_passphrase(|app, state|) -> String {
        Ok(houvast_session::suggest_passphrase()?)
    }

    /// Pauses the reading `utterance` (nothing happens when another one is current).
    fn pause_reading(|app, state| utterance: UtteranceId) -> () {
        Ok(crate::speech::reader(&app).pause(utterance)?)
    }

    fn resume_reading(|app, state| utterance: UtteranceId) -> () {
        Ok(crate::speech::reader(&app).resume(utterance)?)
    }

    /// Stops the reading `utterance`: the parent pressed stop or left the page.
    fn stop_reading(|app, state| utterance: UtteranceId) -> () {
        Ok(crate::speech::reader(&app).stop(utterance)?)
    }

    /// Forgets the pairing on this device only, for a server that is gone for good.
    fn forget_pairing(|app, state|) -> () {
        state.session(|s| s.forget_pairing())?;
        reminder::refresh(&app);
        Ok(())
    }

    async {
        /// Reads the blocks of text the window shows aloud in `language`, sentence by
        /// sentence; `read-aloud` events say which sentence is being read.
        fn read_aloud(|app, state| language: Language, blocks: Vec<String>) -> ReadingStarted {
            crate::speech::read(&app, language, blocks).await
        }

        /// Opens the app with the PIN or passphrase (Argon2id: off the main thread).
        fn unlock_app(|app, state| secret: String) -> LockStatus {
            blocking(&app, move |state| state.unlock(&secret)).await
        }

        /// Sets or changes the app lock on the open data.
        fn set_app_lock(|app, state| kind: LockKind, secret: String) -> LockStatus {
            let status = blocking(&app, move |state| {
                state.with_vault(|vault, s| vault.set_lock(s.store(), kind, &secret))
            })
            .await?;
            // The reminders' times (and the language) are kept for a start before the PIN.
            reminder::refresh(&app);
            Ok(status)
        }

        /// Writes a backup sealed with `passphrase` to `path`, chosen in the save dialog.
        fn write_backup(|app, state| path: String, passphrase: String) -> BackupWritten {
            blocking(&app, move |state| {
                state.session(|s| s.write_backup(std::path::Path::new(&path), &passphrase))
            })
            .await
        }

        /// Restores the backup at `path`; data in the app is replaced only with `replace`.
        fn restore_backup(|app, state| path: String, passphrase: String, replace: bool) -> RestoreDone {
            let done = blocking(&app, move |state| {
                state.restore(std::path::Path::new(&path), &passphrase, replace)
            })
            .await?;
            reminder::refresh(&app);
            crate::contact::wake(&app);
            Ok(done)
        }

        /// Deletes everything the parent wrote, the key first; the app starts again at
        /// onboarding. When paired, the server is first asked to delete what it holds (for at
        /// most five seconds; the deletion here happens either way).
        fn delete_everything(|app, state|) -> () {
            if let Some(courier) = app.try_state::<houvast_courier::Courier>() {
                courier
                    .unpair_before_erase(state.inner(), std::time::Duration::from_secs(5))
                    .await;
            }
            state.erase_everything()?;
            reminder::refresh(&app);
            Ok(())
        }

        /// Pairs with the invitation line from the worker.
        fn pair_with_worker(|app, state| invitation: String) -> PairingView {
            let view = crate::contact::courier(&app).pair(state.inner(), &invitation).await?;
            reminder::refresh(&app);
            Ok(view)
        }

        /// Undoes the pairing: the server deletes what it holds, then the app forgets it.
        fn unpair_worker(|app, state|) -> () {
            crate::contact::courier(&app).unpair(state.inner()).await?;
            reminder::refresh(&app);
            Ok(())
        }

        /// Delivers what waits (without waiting for its next retry) and fetches replies now;
        /// says why when the server is out of reach.
        fn check_for_replies(|app, state|) -> ContactsView {
            state.session(|s| s.outbox_retry_now())?;
            let courier = crate::contact::courier(&app);
            courier.round(state.inner()).await?;
            state.session(|s| s.contacts())
        }

        /// Asks where to save in the system's save dialog (it waits for the parent), then
        /// writes everything the parent wrote there as HTML or JSON; `null` when they cancelled.
        fn export_data(|app, state| format: ExportFormat) -> Option<ExportSaved> {
            let dialog = state.session(|s| s.export_dialog(format))?;
            let Some(path) = crate::export::choose_file(&app, dialog)? else {
                return Ok(None);
            };
            state.session(|s| s.export_to(&path, format)).map(Some)
        }
    }
}

/// Runs `f` on a thread for blocking work (Argon2id, a whole-database export), so the main
/// thread keeps drawing the window.
async fn blocking<R: Runtime, T: Send + 'static>(
    app: &AppHandle<R>,
    f: impl FnOnce(&AppState) -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || f(app.state::<AppState>().inner()))
        .await
        .map_err(|e| IpcError::new(houvast_core::ErrorCode::StorageFailed, e.to_string()))?
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// Tauri reaches a command only when `build.rs` declares it and the capability grants it:
    /// a command added here and forgotten there would fail only in the real window.
    #[test]
    fn every_command_is_declared_in_build_rs_and_granted_to_the_window() {
        let commands: BTreeSet<String> = super::signatures(&ts_rs::Config::default())
            .into_iter()
            .map(|c| c.name.to_owned())
            .collect();
        let build_rs = include_str!("../build.rs");
        let list = &build_rs[build_rs.find("COMMANDS").expect("COMMANDS")..];
        let list = &list[..list.find("];").expect("end of COMMANDS")];
        let declared: BTreeSet<String> = list
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        assert_eq!(declared, commands, "build.rs COMMANDS");
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json")).expect("json");
        let granted: BTreeSet<String> = capability["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        assert_eq!(granted, commands, "capabilities/main.json");
    }
}
