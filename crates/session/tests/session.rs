//! Every use case of a parent against a real SQLCipher database in a temp dir, the bundled
//! programme, and a clock the test sets (Amsterdam unless a test says otherwise).

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use houvast_core::reflection::ReflectionAnswers;
use houvast_core::reminder::{
    DailyReminder, LocalTime, ReminderKind, ReminderSettings, Toggle, WeeklyReminder,
};
use houvast_core::{
    AnswerKind, AnswerProblem, AnswerValue, Clock, ErrorCode, ErrorDetails, HomeStatus, Language,
    ModuleId, ModuleStatus, NextStep, OptionId, PageIndex, PlanState, ProfileField, ProfileInput,
    Programme, QuestionId, QuestionInput, TaskKind,
};
use houvast_session::{ReminderScreen, Session, SessionError};
use houvast_store::{DatabaseKey, Store};

const AMSTERDAM: Tz = chrono_tz::Europe::Amsterdam;

struct Parent {
    programme: Programme,
    store: Store,
    _dir: tempfile::TempDir,
}

impl Parent {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = DatabaseKey::generate().expect("key");
        let store = Store::open(&dir.path().join(Store::FILE_NAME), &key).expect("store");
        Self {
            programme: Programme::bundled().expect("bundled content"),
            store,
            _dir: dir,
        }
    }

    /// The session at `local` wall-clock time in Amsterdam ("2026-03-10 20:31").
    fn at(&self, local: &str) -> Session<'_> {
        Session::new(&self.programme, &self.store, clock(local, AMSTERDAM))
    }

    fn onboarded(self, ages: &[u8]) -> Self {
        self.at("2026-03-10 12:00")
            .onboard(ProfileInput {
                language: Language::Nl,
                pseudonym: "Sam".into(),
                children_ages: ages.to_vec(),
                role: Default::default(),
            })
            .expect("onboard");
        self
    }
}

fn clock(local: &str, tz: Tz) -> Clock {
    let naive = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").expect("time");
    let now: DateTime<Utc> = tz
        .from_local_datetime(&naive)
        .earliest()
        .expect("local time exists")
        .with_timezone(&Utc);
    Clock::new(now, tz)
}

fn id(s: &str) -> ModuleId {
    ModuleId::new(s).expect("module id")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// A valid, non-empty answer to any question.
fn answer_to(input: &QuestionInput) -> AnswerValue {
    match input {
        QuestionInput::Text { .. } => AnswerValue::Text {
            text: "We hebben samen gekookt.".into(),
        },
        QuestionInput::Choice { options, .. } => AnswerValue::Choice {
            selected: vec![options[0].id.clone()],
        },
        QuestionInput::Scale { min, .. } => AnswerValue::Scale { value: *min },
    }
}

/// Reads every page of a module and does its do-task, at `local` time.
fn finish_module(parent: &Parent, module: &str, local: &str) {
    let s = parent.at(local);
    let view = s.open_module(&id(module)).expect("open");
    for page in &view.pages {
        s.mark_page_read(&id(module), page.index).expect("read");
    }
    for q in &view.do_task.task.questions {
        s.save_answer(&id(module), TaskKind::DoTask, &q.id, &answer_to(&q.input))
            .expect("answer");
    }
    s.complete_task(&id(module), TaskKind::DoTask)
        .expect("do-task done");
}

#[test]
fn onboarding_checks_the_profile_and_ages_grow_with_the_calendar() {
    let parent = Parent::new();
    let s = parent.at("2026-03-10 12:00");
    assert_eq!(s.status().expect("status").profile, None);
    let err = s
        .onboard(ProfileInput {
            language: Language::Nl,
            pseudonym: " ".into(),
            children_ages: vec![6],
            role: Default::default(),
        })
        .expect_err("an empty name is refused");
    assert_eq!(err.code(), ErrorCode::InvalidProfile);
    assert_eq!(
        err.details(),
        Some(ErrorDetails::InvalidProfile {
            field: ProfileField::Pseudonym
        })
    );
    assert!(matches!(
        s.set_language(Language::En),
        Err(SessionError::NotOnboarded)
    ));

    let parent = parent.onboarded(&[6, 11]);
    assert_eq!(
        parent
            .at("2026-03-10 12:00")
            .status()
            .expect("status")
            .children_ages,
        vec![6, 11]
    );
    // A year later, on the day the ages were given, both children are a year older.
    assert_eq!(
        parent
            .at("2027-03-10 09:00")
            .status()
            .expect("status")
            .children_ages,
        vec![7, 12]
    );
    let profile = parent
        .at("2026-03-11 12:00")
        .set_language(Language::En)
        .expect("switch");
    assert_eq!(profile.language, Language::En);
    assert_eq!(profile.pseudonym.as_str(), "Sam");
    assert_eq!(profile.children.len(), 2, "the rest of the profile stays");
}

#[test]
fn the_programme_needs_a_profile_and_opens_in_order() {
    let parent = Parent::new();
    assert_eq!(
        parent
            .at("2026-03-10 12:00")
            .overview()
            .expect_err("no profile")
            .code(),
        ErrorCode::NotOnboarded
    );
    let parent = parent.onboarded(&[6]);
    let s = parent.at("2026-03-10 12:05");
    let overview = s.overview().expect("overview");
    assert_eq!(overview.modules[0].status, ModuleStatus::Open);
    assert_eq!(overview.modules[1].status, ModuleStatus::Locked);
    assert!(matches!(
        overview.next,
        NextStep::StartModule { number: 1, .. }
    ));

    // A locked module is refused before anything is recorded.
    let err = s.open_module(&id("talking")).expect_err("locked");
    assert_eq!(err.code(), ErrorCode::ModuleLocked);
    assert!(parent.store.all_progress().expect("progress").is_empty());
    assert_eq!(
        s.open_module(&id("nope")).expect_err("unknown").code(),
        ErrorCode::UnknownModule
    );

    let view = s.open_module(&id("good-enough")).expect("open");
    assert_eq!(view.status, ModuleStatus::InProgress);
    let first = view.pages[0].index;
    let view = s.mark_page_read(&id("good-enough"), first).expect("read");
    assert_eq!(view.pages_read, vec![first]);
    assert_eq!(
        s.mark_page_read(&id("good-enough"), PageIndex(999))
            .expect_err("no such page")
            .code(),
        ErrorCode::UnknownPage
    );
    match s.overview().expect("overview").next {
        NextStep::ContinueModule { page, .. } => assert_eq!(page.get(), 1),
        other => panic!("expected continue, got {other:?}"),
    }
}

#[test]
fn answers_are_checked_saved_at_the_clock_and_complete_a_task() {
    let parent = Parent::new().onboarded(&[6]);
    let s = parent.at("2026-03-10 20:00");
    let m = id("good-enough");
    let view = s.open_module(&m).expect("open");
    let questions = &view.do_task.task.questions;
    let text_q = questions
        .iter()
        .find(|q| matches!(q.input, QuestionInput::Text { .. }))
        .expect("a text question");

    let err = s
        .save_answer(
            &m,
            TaskKind::DoTask,
            &text_q.id,
            &AnswerValue::Scale { value: 3 },
        )
        .expect_err("wrong kind");
    assert_eq!(
        err.details(),
        Some(ErrorDetails::InvalidAnswer {
            question_id: text_q.id.clone(),
            problem: AnswerProblem::WrongKind {
                expected: AnswerKind::Text
            },
        })
    );
    if let Some(choice_q) = questions
        .iter()
        .find(|q| matches!(q.input, QuestionInput::Choice { .. }))
    {
        let err = s
            .save_answer(
                &m,
                TaskKind::DoTask,
                &choice_q.id,
                &AnswerValue::Choice {
                    selected: vec![OptionId::new("not-an-option").expect("id")],
                },
            )
            .expect_err("unknown option");
        assert_eq!(err.code(), ErrorCode::InvalidAnswer);
    }
    let home_q = &view.home_assignment.task.questions[0];
    assert_eq!(
        s.save_answer(
            &m,
            TaskKind::HomeAssignment,
            &home_q.id,
            &answer_to(&home_q.input)
        )
        .expect_err("home assignment opens after the do-task")
        .code(),
        ErrorCode::TaskNotOpen
    );

    let required: Vec<QuestionId> = questions
        .iter()
        .filter(|q| q.required)
        .map(|q| q.id.clone())
        .collect();
    let err = s
        .complete_task(&m, TaskKind::DoTask)
        .expect_err("nothing answered");
    assert_eq!(
        err.details(),
        Some(ErrorDetails::RequiredMissing {
            question_ids: required
        })
    );

    let saved = s
        .save_answer(&m, TaskKind::DoTask, &text_q.id, &answer_to(&text_q.input))
        .expect("saved");
    assert_eq!(saved.saved_at, s.clock().now);
    let stored = parent.store.answers(&m, TaskKind::DoTask).expect("answers");
    assert_eq!(stored.get(&text_q.id), Some(&answer_to(&text_q.input)));
}

#[test]
fn the_home_assignment_is_due_a_week_later_by_the_parents_calendar() {
    let parent = Parent::new().onboarded(&[6]);
    // 00:30 in Amsterdam is still the day before in UTC: the due date follows the parent's
    // own calendar, not UTC's.
    finish_module(&parent, "good-enough", "2026-03-10 00:30");
    let overview = parent.at("2026-03-10 08:00").overview().expect("overview");
    assert_eq!(
        overview.modules[0].home_assignment,
        HomeStatus::Open {
            due_on: day(2026, 3, 17)
        }
    );
    assert_eq!(overview.modules[0].status, ModuleStatus::Done);
    assert_eq!(overview.modules[1].status, ModuleStatus::Open);
    assert!(matches!(
        overview.next,
        NextStep::WriteHomeAssignment { due_on, .. } if due_on == day(2026, 3, 17)
    ));
}

#[test]
fn plans_are_the_do_task_answers_of_their_module() {
    let parent = Parent::new().onboarded(&[6]);
    let plans = parent.at("2026-03-10 12:00").my_plans().expect("plans");
    assert!(!plans.is_empty());
    assert!(plans.iter().all(|p| p.state == PlanState::NotReached));
    for (i, module) in ["good-enough", "talking", "development", "limits"]
        .into_iter()
        .enumerate()
    {
        finish_module(&parent, module, &format!("2026-03-1{i} 12:00"));
    }
    let s = parent.at("2026-03-15 12:00");
    let plans = s.my_plans().expect("plans");
    let step_plan = plans
        .iter()
        .find(|p| p.module_id == id("limits"))
        .expect("the step plan of module 4");
    assert_eq!(step_plan.state, PlanState::Made);
    assert!(step_plan.editable);
    let part = &step_plan.parts[0];
    let changed = AnswerValue::Text {
        text: "Even naar buiten\nDiep ademhalen".into(),
    };
    s.save_answer(&id("limits"), TaskKind::DoTask, &part.question.id, &changed)
        .expect("plan changed");
    let plans = s.my_plans().expect("plans");
    let step_plan = plans
        .iter()
        .find(|p| p.module_id == id("limits"))
        .expect("step plan");
    assert_eq!(step_plan.parts[0].answer.as_ref(), Some(&changed));
    let module = s.open_module(&id("limits")).expect("module");
    assert_eq!(
        module.do_task.answers.get(&part.question.id),
        Some(&changed),
        "the plan and the do-task are one answer"
    );
}

#[test]
fn a_reflection_belongs_to_its_evening_until_four_in_the_morning() {
    let parent = Parent::new().onboarded(&[6]);
    let answers = ReflectionAnswers {
        went_well: "We lazen samen".into(),
        ..Default::default()
    };
    // 01:30 on the 11th is still the evening of the 10th.
    let late = parent.at("2026-03-11 01:30");
    assert_eq!(late.reflection_today(), day(2026, 3, 10));
    late.save_reflection(day(2026, 3, 10), &answers)
        .expect("saved");
    // At 04:00 that evening is closed and kept as it was.
    let morning = parent.at("2026-03-11 04:00");
    let err = morning
        .save_reflection(day(2026, 3, 10), &answers)
        .expect_err("closed");
    assert_eq!(err.code(), ErrorCode::ReflectionClosed);
    let past = morning
        .reflection_day(Some(day(2026, 3, 10)))
        .expect("read");
    assert!(past.written && !past.editable);
    assert_eq!(past.answers, answers);
    let history = morning.reflection_history(None).expect("history");
    assert_eq!(history.today, day(2026, 3, 11));
    assert_eq!(history.week.evenings, 1);

    let too_long = ReflectionAnswers {
        went_well: "x".repeat(10_001),
        ..Default::default()
    };
    let err = morning
        .save_reflection(day(2026, 3, 11), &too_long)
        .expect_err("too long");
    assert_eq!(err.code(), ErrorCode::InvalidAnswer);
    assert!(matches!(
        err.details(),
        Some(ErrorDetails::ReflectionTooLong { max_chars: 10_000 })
    ));
}

/// Only the daily reflection reminder, at 20:30.
fn reflection_at_half_past_eight() -> ReminderSettings {
    let defaults = ReminderSettings::default();
    ReminderSettings {
        module: WeeklyReminder {
            enabled: false,
            ..defaults.module
        },
        reflection: DailyReminder {
            enabled: true,
            time: LocalTime::parse("20:30").expect("time"),
        },
        home_assignment: Toggle { enabled: false },
        ..defaults
    }
}

#[test]
fn a_reminder_comes_once_at_its_local_time_and_a_pause_holds_it() {
    let parent = Parent::new().onboarded(&[6]);
    let s = parent.at("2026-03-10 12:00");
    s.save_reminder_settings(&reflection_at_half_past_eight())
        .expect("saved");
    assert!(s.reminders_on().expect("on"));

    let before = parent.at("2026-03-10 20:29").take_due().expect("due");
    assert!(before.show.is_empty());
    let next = before.next.expect("a next reminder");
    assert_eq!(next.kind(), ReminderKind::Reflection);
    assert_eq!(next.at, clock("2026-03-10 20:30", AMSTERDAM).now);
    assert!(before.next_text.is_some());

    let due = parent.at("2026-03-10 20:31").take_due().expect("due");
    assert_eq!(due.show.len(), 1);
    assert_eq!(due.show[0].screen, ReminderScreen::Reflection);
    assert_eq!(
        due.show[0].text.body, "Een moment voor jezelf",
        "discreet by default: the topic is never named"
    );
    let again = parent.at("2026-03-10 20:32").take_due().expect("due");
    assert!(again.show.is_empty(), "shown once");

    // A pause of a day holds the next evening's reminder.
    let paused = parent.at("2026-03-11 12:00").snooze(30).expect("paused");
    assert_eq!(
        paused.snoozed_until,
        Some(clock("2026-03-11 12:00", AMSTERDAM).now + Duration::hours(30))
    );
    assert!(parent
        .at("2026-03-11 20:31")
        .take_due()
        .expect("due")
        .show
        .is_empty());
    assert_eq!(
        parent
            .at("2026-03-11 12:00")
            .snooze(7 * 24 + 1)
            .expect_err("too long")
            .code(),
        ErrorCode::InvalidSettings
    );
}

#[test]
fn reminders_follow_the_zone_the_parent_is_in() {
    let parent = Parent::new().onboarded(&[6]);
    parent
        .at("2026-03-10 12:00")
        .save_reminder_settings(&reflection_at_half_past_eight())
        .expect("saved");
    // Flown to New York: 20:30 there, not 20:30 in Amsterdam.
    let new_york = chrono_tz::America::New_York;
    let in_ny =
        |local: &str| Session::new(&parent.programme, &parent.store, clock(local, new_york));
    assert!(in_ny("2026-03-10 15:00")
        .take_due()
        .expect("due")
        .show
        .is_empty());
    let due = in_ny("2026-03-10 20:31").take_due().expect("due");
    assert_eq!(due.show.len(), 1);
}

#[test]
fn nothing_is_due_before_onboarding() {
    let parent = Parent::new();
    let s = parent.at("2026-03-10 20:31");
    let plan = s.take_due().expect("due");
    assert!(plan.show.is_empty() && plan.next.is_none());
    assert!(!s.reminders_on().expect("reminders"));
}

/// Pairs without a network: the answer a server gives, with fresh keys.
/// Returns the worker's key pair, to seal replies with.
fn pair(parent: &Parent, local: &str) -> houvast_protocol::KeyPair {
    use houvast_protocol::{wire::PairResponse, KeyPair, PairingCode};
    let worker = KeyPair::generate();
    let s = parent.at(local);
    let line = format!(
        "http://127.0.0.1:8080/{}",
        PairingCode::generate().display()
    );
    let start = s.start_pairing(&line).expect("invitation");
    s.finish_pairing(
        start,
        PairResponse {
            client_id: uuid::Uuid::new_v4(),
            device_token: "token".into(),
            worker_display_name: "Noor\u{7}de Vries".into(),
            organisation: "GGZ".into(),
            worker_public_key: worker.public_bytes(),
            recovery_public_key: KeyPair::generate().public_bytes(),
        },
    )
    .expect("paired");
    worker
}

#[test]
fn a_checkin_carries_numbers_and_only_what_the_parent_chose_to_share() {
    let parent = Parent::new().onboarded(&[6]);
    let s = parent.at("2026-03-10 12:00");
    assert_eq!(
        s.checkin(1).expect_err("not paired").code(),
        ErrorCode::NotPaired
    );
    for (date, local, text) in [
        (day(2026, 3, 8), "2026-03-08 21:00", "Samen gekookt"),
        (day(2026, 3, 9), "2026-03-09 21:00", "Voorgelezen"),
        (day(2026, 3, 10), "2026-03-10 12:00", "Rustig ontbijt"),
    ] {
        parent
            .at(local)
            .save_reflection(
                date,
                &ReflectionAnswers {
                    went_well: text.into(),
                    noticed_in_myself: String::new(),
                    noticed_in_child: "Hij lachte".into(),
                },
            )
            .expect("reflection");
    }
    pair(&parent, "2026-03-10 12:00");
    let view = s.pairing().expect("read").expect("paired");
    assert_eq!(
        view.worker_name, "Noor de Vries",
        "a control character is not shown"
    );
    assert_eq!(view.safety_number.len(), 12);
    finish_module(&parent, "good-enough", "2026-03-10 13:00");

    let s = parent.at("2026-03-10 14:00");
    let screen = s.checkin(1).expect("contact point 1");
    assert!(!screen.grade_asked);
    assert_eq!(
        (screen.progress.modules_done, screen.progress.do_tasks_done),
        (1, 1)
    );
    assert_eq!(
        screen.progress.reflection_evenings, 3,
        "since the start at the first contact"
    );
    let reflection = screen
        .shareable
        .iter()
        .find(|x| matches!(x.reference, houvast_session::ShareRef::Reflection { .. }))
        .expect("tonight's reflection can be shared");
    assert!(reflection.answer.contains("Rustig ontbijt"));
    let answer = screen
        .shareable
        .iter()
        .find(|x| matches!(x.reference, houvast_session::ShareRef::Answer { .. }))
        .expect("a do-task answer can be shared")
        .clone();

    // Too long is refused while typing; missing parts are named at the preview.
    let mut draft = houvast_session::CheckInDraft {
        talk_about: "x".repeat(1001),
        ..Default::default()
    };
    assert_eq!(
        s.save_checkin_draft(1, &draft)
            .expect_err("too long")
            .code(),
        ErrorCode::CheckInInvalid
    );
    draft.talk_about = "De ochtenden".into();
    draft.parenting = Some(7);
    draft.shared = vec![answer.reference.clone()];
    s.save_checkin_draft(1, &draft).expect("draft");
    let missing = s.preview_checkin(1).expect_err("incomplete");
    assert_eq!(
        missing.details(),
        Some(ErrorDetails::CheckInIncomplete {
            fields: vec![
                "ratings.feeling".into(),
                "ratings.confidence".into(),
                "worried_about_safety".into()
            ]
        })
    );
    draft.feeling = Some(4);
    draft.confidence = Some(6);
    draft.worried_about_safety = Some(true);
    s.save_checkin_draft(1, &draft).expect("draft");
    let preview = s.preview_checkin(1).expect("complete");
    assert!(preview.is_urgent());
    assert_eq!(preview.shared.len(), 1, "only what was chosen");
    assert_eq!(preview.shared[0].question, answer.question);
    assert_eq!(preview.shared[0].answer, answer.answer);

    // A change after the preview is not sent unseen.
    draft.talk_about = "Iets anders".into();
    s.save_checkin_draft(1, &draft).expect("draft");
    assert_eq!(
        s.send_checkin(1, &preview).expect_err("changed").code(),
        ErrorCode::CheckInChanged
    );
    let preview = s.preview_checkin(1).expect("again");
    let contacts = s.send_checkin(1, &preview).expect("queued");
    assert!(matches!(
        contacts.points[0].state,
        houvast_session::ContactState::Waiting { .. }
    ));
    assert_eq!(s.outbox_counts().expect("outbox"), (1, 0, 0));
    assert_eq!(
        s.save_checkin_draft(1, &draft).expect_err("sent").code(),
        ErrorCode::CheckInAlreadySent
    );
    assert_eq!(s.checkin(1).expect("sent").sent, Some(preview));
    assert_eq!(
        s.checkin(2).expect_err("after module 3").code(),
        ErrorCode::ContactPointNotReached
    );
}

#[test]
fn a_due_checkin_brings_its_reminder_only_once_paired() {
    let parent = Parent::new().onboarded(&[6]);
    let s = parent.at("2026-03-10 12:00");
    assert!(s.take_due().expect("due").show.is_empty());
    let unpaired = parent.at("2026-03-12 12:00").take_due().expect("due");
    assert!(
        unpaired
            .show
            .iter()
            .all(|x| x.firing.kind() != ReminderKind::CheckIn),
        "no worker, no check-in reminder"
    );
    pair(&parent, "2026-03-12 12:00");
    let paired = parent.at("2026-03-13 12:00").take_due().expect("due");
    let shown: Vec<_> = paired
        .show
        .iter()
        .filter(|x| x.firing.kind() == ReminderKind::CheckIn)
        .collect();
    assert_eq!(shown.len(), 1, "{:?}", paired.show);
    assert_eq!(shown[0].screen, ReminderScreen::Contacts);
}

/// The bundled content from `content/`, with a page for teenagers only added at the end of
/// module 1: a page that appears when a child turns 12.
fn programme_with_a_teen_page() -> Programme {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content");
    let mut files = vec![(
        "content/programme.toml".to_owned(),
        std::fs::read_to_string(format!("{root}/programme.toml")).expect("programme.toml"),
    )];
    for entry in std::fs::read_dir(format!("{root}/modules")).expect("modules") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let mut text = std::fs::read_to_string(&path).expect("module");
        if name.starts_with("good-enough.") {
            text.push_str("\n# Voor tieners\n\n::: age 12-18\nAlleen voor tieners.\n:::\n");
        }
        files.push((format!("content/modules/{name}"), text));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Programme::parse(&refs).expect("content with a teen page")
}

#[test]
fn a_module_once_done_stays_done_when_a_child_crosses_an_age_band() {
    let mut parent = Parent::new().onboarded(&[11]);
    parent.programme = programme_with_a_teen_page();
    let teen_page = PageIndex(parent.programme.modules[0].page_count() - 1);
    finish_module(&parent, "good-enough", "2026-03-10 20:00");
    let progress = parent.store.all_progress().expect("progress");
    assert!(
        progress[0].completed_at.is_some() && !progress[0].pages_read.contains(&teen_page),
        "done, recorded, and the teen page was never shown"
    );

    // A year later the child is 12 and module 1 has a page that was not read.
    let s = parent.at("2027-03-11 20:00");
    let overview = s.overview().expect("overview");
    let one = &overview.modules[0];
    assert_eq!(one.status, ModuleStatus::Done, "nothing relocks");
    assert_eq!(
        one.pages_total,
        one.pages_read + 1,
        "the new page is there to read"
    );
    assert_eq!(overview.modules[1].status, ModuleStatus::Open);
    s.open_module(&id("talking")).expect("module 2 stays open");
    let view = s.open_module(&id("good-enough")).expect("module 1");
    assert!(view.pages.iter().any(|p| p.index == teen_page));
    assert_eq!(view.status, ModuleStatus::Done);
}

#[test]
fn a_module_done_before_completions_were_recorded_is_recorded_by_the_overview() {
    let parent = Parent::new().onboarded(&[6]);
    // As a database from before completions were stored: pages read and the do-task done,
    // written straight to the store, with no completion recorded.
    let module = &parent.programme.modules[0];
    let at = clock("2026-03-10 20:00", AMSTERDAM).now;
    parent.store.mark_started(&module.id, at).expect("start");
    for page in 0..module.page_count() {
        parent
            .store
            .mark_page_read(&module.id, PageIndex(page), at)
            .expect("read");
    }
    parent
        .store
        .mark_task_done(&module.id, TaskKind::DoTask, at)
        .expect("do-task");
    assert!(parent.store.all_progress().expect("progress")[0]
        .completed_at
        .is_none());

    parent.at("2026-03-11 09:00").overview().expect("overview");
    let recorded = parent.store.all_progress().expect("progress")[0].completed_at;
    assert_eq!(recorded, Some(clock("2026-03-11 09:00", AMSTERDAM).now));
}

#[test]
fn the_day_before_a_proposed_contact_a_reminder_comes_once() {
    use houvast_protocol::wire::{ClientState, ReplyForClient};
    use houvast_protocol::{seal_reply, CheckIn, CheckInPlace, Reply, ReplyHeader, WayOfContact};
    let parent = Parent::new().onboarded(&[6]);
    let worker = pair(&parent, "2026-03-10 12:00");
    let s = parent.at("2026-03-10 12:00");
    let draft = houvast_session::CheckInDraft {
        parenting: Some(7),
        feeling: Some(5),
        confidence: Some(6),
        worried_about_safety: Some(false),
        ..Default::default()
    };
    s.save_checkin_draft(1, &draft).expect("draft");
    let preview = s.preview_checkin(1).expect("preview");
    s.send_checkin(1, &preview).expect("sent");
    let cp = houvast_protocol::ContactPoint::new(1).expect("cp");
    let pairing = parent.store.pairing().expect("read").expect("paired");
    let sent = parent
        .store
        .sent_checkin::<CheckIn>(cp)
        .expect("read")
        .expect("sent");
    let keys = pairing.pinned.keys().clone();
    let sealed = seal_reply(
        &worker,
        &keys,
        &ReplyHeader {
            place: CheckInPlace {
                client_id: pairing.client_id,
                checkin_id: sent.checkin_id,
                contact_point: cp,
            },
            reply_id: uuid::Uuid::new_v4(),
            sent_at: clock("2026-03-10 13:00", AMSTERDAM).now,
        },
        &Reply {
            format: houvast_protocol::REPLY_FORMAT,
            proposed_time: Some(
                DateTime::parse_from_rfc3339("2026-03-12T10:30:00+01:00").expect("time"),
            ),
            way_of_contact: WayOfContact::Phone,
            message: "Tot donderdag.".into(),
        },
    )
    .expect("sealed");
    let state = ClientState {
        worker_public_key: keys.worker.clone(),
        recovery_public_key: keys.recovery.clone(),
        contact_points: Vec::new(),
        replies: vec![ReplyForClient {
            reply_id: uuid::Uuid::new_v4(),
            contact_point: cp,
            sealed: sealed.for_client,
            created_at: clock("2026-03-10 13:00", AMSTERDAM).now,
        }],
    };
    let report = parent
        .at("2026-03-10 13:01")
        .apply_server_state(&state)
        .expect("applied");
    assert_eq!(report.new_replies.len(), 1);

    let take = |local: &str| {
        parent
            .at(local)
            .take_contact_reminders()
            .expect("reminders")
    };
    assert!(
        take("2026-03-11 10:00").is_empty(),
        "more than a day before"
    );
    let due = take("2026-03-11 10:45");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].body, "Een moment voor jezelf", "discreet by default");
    assert!(take("2026-03-11 11:00").is_empty(), "once");
}
