//! The programme rules on the content fixture of `content::tests`: three modules of three
//! pages; page 0 has text for everyone plus blocks for 0-1/1-4 and for 4-7/8-12/12-18, page 1 has only a
//! 12-18 block (it disappears for younger children), page 2 is for everyone.

use super::testing::{noon, on, pages};
use super::*;
use crate::answer::{AnswerValue, TaskKind};
use crate::content::tests::fixture;
use crate::content::Programme;
use crate::content::MAX_TEXT_CHARS;
use crate::error::ErrorCode;
use crate::ids::{ModuleId, PageIndex, PagePosition, QuestionId};
use crate::profile::Profile;
use crate::profile::{Child, Language, Pseudonym, Role};
use crate::progress::ModuleProgress;
use crate::*;
use chrono::Days;
use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

const TODAY: (i32, u32, u32) = (2026, 3, 10);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

/// Noon on `date` in the test zone, so local dates are stable.
fn at(date: NaiveDate) -> DateTime<Utc> {
    noon(date)
}

fn profile(ages: &[u8]) -> Profile {
    Profile {
        language: Language::Nl,
        pseudonym: Pseudonym::new("Sam").expect("pseudonym"),
        role: Default::default(),
        children: ages
            .iter()
            .map(|&age_years| Child {
                age_years,
                recorded_on: today(),
            })
            .collect(),
    }
}

fn id(s: &str) -> ModuleId {
    ModuleId::new(s).expect("module id")
}

fn qid(s: &str) -> QuestionId {
    QuestionId::new(s).expect("question id")
}

fn programme() -> Programme {
    fixture(&["one", "two", "three"])
}

fn row(module: &str, page_list: &[u16], do_done: Option<NaiveDate>) -> ModuleProgress {
    ModuleProgress {
        module_id: id(module),
        pages_read: pages(page_list),
        started_at: Some(at(today())),
        do_task_done_at: do_done.map(at),
        home_assignment_done_at: None,
        completed_at: None,
    }
}

fn done(module: &str, on: NaiveDate) -> ModuleProgress {
    row(module, &[0, 1, 2], Some(on))
}

fn statuses(o: &Overview) -> Vec<ModuleStatus> {
    o.modules.iter().map(|m| m.status).collect()
}

use ModuleStatus::{Done, InProgress, Locked, Open};

#[test]
fn only_the_first_module_is_open_at_the_start() {
    let p = programme();
    let o = on(&p, &profile(&[6]), &[], today()).overview();
    assert_eq!(statuses(&o), vec![Open, Locked, Locked]);
    assert_eq!(
        o.next,
        NextStep::StartModule {
            module_id: id("one"),
            number: 1,
            title: "Module one".into()
        }
    );
    assert!(o
        .modules
        .iter()
        .all(|m| m.home_assignment == HomeStatus::NotYet));
    assert!(on(&p, &profile(&[6]), &[], today()).is_open(&id("one")));
    assert!(!on(&p, &profile(&[6]), &[], today()).is_open(&id("two")));
    assert!(!on(&p, &profile(&[6]), &[], today()).is_open(&id("nope")));
}

#[test]
fn a_module_is_done_when_its_pages_are_read_and_its_do_task_is_done() {
    let p = programme();
    let teen = profile(&[13]);
    // Do-task done but page 1 unread: still in progress, the next module stays locked.
    let progress = [row("one", &[0, 2], Some(today()))];
    assert_eq!(
        statuses(&on(&p, &teen, &progress, today()).overview()),
        vec![InProgress, Locked, Locked]
    );
    // All pages read but no do-task: in progress.
    let progress = [row("one", &[0, 1, 2], None)];
    assert_eq!(
        statuses(&on(&p, &teen, &progress, today()).overview()),
        vec![InProgress, Locked, Locked]
    );
    // Both: done, and the next module opens.
    let progress = [done("one", today())];
    assert_eq!(
        statuses(&on(&p, &teen, &progress, today()).overview()),
        vec![Done, Open, Locked]
    );
    // Progress rows for later modules do not open them early.
    let progress = [
        row("one", &[0], None),
        done("two", today()),
        done("three", today()),
    ];
    assert_eq!(
        statuses(&on(&p, &teen, &progress, today()).overview()),
        vec![InProgress, Locked, Locked]
    );
}

#[test]
fn started_without_reading_is_in_progress_and_untouched_is_open() {
    let p = programme();
    let mut r = ModuleProgress::new(id("one"));
    assert_eq!(
        statuses(&on(&p, &profile(&[6]), &[r.clone()], today()).overview())[0],
        Open
    );
    r.started_at = Some(at(today()));
    assert_eq!(
        statuses(&on(&p, &profile(&[6]), &[r], today()).overview())[0],
        InProgress
    );
}

#[test]
fn pages_only_for_other_ages_are_not_shown_or_counted() {
    let p = programme();
    let school_child = profile(&[6]);
    // Page 1 is for teenagers only: for a 6-year-old, pages 0 and 2 are the module.
    let progress = [row("one", &[0, 2], Some(today()))];
    let o = on(&p, &school_child, &progress, today()).overview();
    assert_eq!(statuses(&o), vec![Done, Open, Locked]);
    assert_eq!((o.modules[0].pages_total, o.modules[0].pages_read), (2, 2));
    assert_eq!((o.modules[1].pages_total, o.modules[1].pages_read), (2, 0));

    let empty = BTreeMap::new();
    let view = on(&p, &school_child, &progress, today())
        .module_view(&id("one"), &empty, &empty)
        .expect("view");
    let indices: Vec<u16> = view.pages.iter().map(|pg| pg.index.get()).collect();
    assert_eq!(indices, vec![0, 2]);
    assert_eq!(view.pages_read, vec![PageIndex(0), PageIndex(2)]);
    assert!(view.pages[0].html.contains("grotere"));
    assert!(!view.pages[0].html.contains("kleine"));

    let toddler_and_teen = profile(&[2, 15]);
    let view = on(&p, &toddler_and_teen, &progress, today())
        .module_view(&id("one"), &empty, &empty)
        .expect("view");
    assert_eq!(view.pages.len(), 3);
    assert!(view.pages[0].html.contains("kleine") && view.pages[0].html.contains("grotere"));
    assert_eq!(
        view.pages[1].html,
        "<div class=\"age-block\" data-age-bands=\"12-18\">\n<p>Alleen voor tieners.</p>\n</div>\n",
        "an age block names its bands in the HTML"
    );
    assert_eq!(
        view.status, InProgress,
        "the teenager's page is not read yet"
    );
}

#[test]
fn a_child_growing_into_a_new_band_brings_its_pages() {
    let p = programme();
    let mut parent = profile(&[11]);
    parent.children[0].recorded_on = day(2025, 6, 1);
    let progress = [row("one", &[0], None)];
    let before = on(&p, &parent, &progress, day(2026, 5, 31)).overview();
    assert_eq!(before.modules[0].pages_total, 2);
    let after = on(&p, &parent, &progress, day(2026, 6, 1)).overview();
    assert_eq!(after.modules[0].pages_total, 3);
    assert_eq!(
        after.next,
        NextStep::ContinueModule {
            module_id: id("one"),
            number: 1,
            title: "Module one".into(),
            page: PagePosition(1)
        }
    );
}

#[test]
fn continue_points_at_the_first_unread_shown_page_or_past_the_last() {
    let p = programme();
    let child = profile(&[6]);
    let next = |pages: &[u16]| {
        on(&p, &child, &[row("one", pages, None)], today())
            .overview()
            .next
    };
    let page = |n| NextStep::ContinueModule {
        module_id: id("one"),
        number: 1,
        title: "Module one".into(),
        page: PagePosition(n),
    };
    assert_eq!(next(&[]), page(0));
    assert_eq!(
        next(&[0]),
        page(1),
        "index 1 of the shown pages is content page 2"
    );
    assert_eq!(next(&[2]), page(0));
    assert_eq!(next(&[0, 2]), page(2), "all read: the do-task is next");
}

#[test]
fn the_home_assignment_is_due_a_week_after_the_do_task() {
    let p = programme();
    let child = profile(&[6]);
    let d = day(2026, 3, 2);
    let progress = [done("one", d)];
    let o = on(&p, &child, &progress, today()).overview();
    assert_eq!(
        o.modules[0].home_assignment,
        HomeStatus::Open {
            due_on: day(2026, 3, 9)
        }
    );

    let mut finished = done("one", d);
    finished.home_assignment_done_at = Some(at(day(2026, 3, 5)));
    let o = on(&p, &child, &[finished], today()).overview();
    assert_eq!(
        o.modules[0].home_assignment,
        HomeStatus::Done {
            done_on: day(2026, 3, 5)
        }
    );

    // The do-task done but pages unread: the home assignment is open anyway.
    let o = on(&p, &child, &[row("one", &[], Some(d))], today()).overview();
    assert_eq!(
        o.modules[0].home_assignment,
        HomeStatus::Open {
            due_on: day(2026, 3, 9)
        }
    );
}

#[test]
fn the_next_step_after_a_module_is_its_home_assignment_until_it_is_due() {
    let p = programme();
    let child = profile(&[6]);
    let d = today();
    let progress = [done("one", d)];
    let due = d.checked_add_days(Days::new(7)).expect("date");
    let write_one = NextStep::WriteHomeAssignment {
        module_id: id("one"),
        number: 1,
        title: "Module one".into(),
        due_on: due,
    };
    assert_eq!(on(&p, &child, &progress, d).overview().next, write_one);
    assert_eq!(
        on(&p, &child, &progress, due).overview().next,
        write_one,
        "due day included"
    );
    // Past due: the home assignment does not block; the next module is next.
    let later = due.checked_add_days(Days::new(1)).expect("date");
    assert_eq!(
        on(&p, &child, &progress, later).overview().next,
        NextStep::StartModule {
            module_id: id("two"),
            number: 2,
            title: "Module two".into()
        }
    );
    // A module in progress comes before the home assignment.
    let progress = [done("one", d), row("two", &[0], None)];
    assert!(matches!(
        on(&p, &child, &progress, d).overview().next,
        NextStep::ContinueModule { number: 2, .. }
    ));
}

#[test]
fn after_the_last_module_open_home_assignments_come_before_finished() {
    let p = programme();
    let child = profile(&[6]);
    let long_ago = day(2026, 1, 1);
    let mut one = done("one", long_ago);
    let two = done("two", day(2026, 1, 8));
    let mut three = done("three", day(2026, 1, 15));
    three.home_assignment_done_at = Some(at(day(2026, 1, 16)));
    let o = on(
        &p,
        &child,
        &[one.clone(), two.clone(), three.clone()],
        today(),
    )
    .overview();
    assert_eq!(
        o.next,
        NextStep::WriteHomeAssignment {
            module_id: id("one"),
            number: 1,
            title: "Module one".into(),
            due_on: day(2026, 1, 8),
        },
        "the earliest open home assignment"
    );
    one.home_assignment_done_at = Some(at(day(2026, 1, 2)));
    let o = on(&p, &child, &[one.clone(), two, three.clone()], today()).overview();
    assert!(matches!(
        o.next,
        NextStep::WriteHomeAssignment { number: 2, .. }
    ));
    let mut two = done("two", day(2026, 1, 8));
    two.home_assignment_done_at = Some(at(day(2026, 1, 9)));
    let o = on(&p, &child, &[one, two, three], today()).overview();
    assert_eq!(o.next, NextStep::Finished);
    assert_eq!(statuses(&o), vec![Done, Done, Done]);
}

#[test]
fn titles_follow_the_parents_language() {
    let p = programme();
    let mut parent = profile(&[6]);
    parent.language = Language::En;
    let o = on(&p, &parent, &[], today()).overview();
    assert_eq!(o.modules[0].title, p.modules[0].text(Language::En).title);
}

#[test]
fn module_view_refuses_unknown_and_locked_modules() {
    let p = programme();
    let e = BTreeMap::new();
    let child = profile(&[6]);
    assert_eq!(
        on(&p, &child, &[], today()).module_view(&id("nope"), &e, &e),
        Err(ProgrammeError::UnknownModule(id("nope")))
    );
    assert_eq!(
        on(&p, &child, &[], today()).module_view(&id("two"), &e, &e),
        Err(ProgrammeError::ModuleLocked(id("two")))
    );
}

#[test]
fn module_view_shows_tasks_with_answers_and_their_state() {
    let p = programme();
    let child = profile(&[6]);
    let mut do_answers = BTreeMap::new();
    do_answers.insert(
        qid("one.do.text"),
        AnswerValue::Text {
            text: "wandelen".into(),
        },
    );
    do_answers.insert(
        qid("old.question"),
        AnswerValue::Text { text: "weg".into() },
    );
    let empty = BTreeMap::new();

    let v = on(&p, &child, &[], today())
        .module_view(&id("one"), &do_answers, &empty)
        .expect("view");
    assert_eq!(v.status, Open);
    assert!(v.do_task.open);
    assert_eq!(
        v.do_task.answers.len(),
        1,
        "answers to unknown questions are left out"
    );
    assert_eq!((v.do_task.done_at, v.do_task.due_on), (None, None));
    assert!(!v.home_assignment.open);
    assert_eq!(v.home_assignment.due_on, None);

    let d = day(2026, 3, 8);
    let v = on(&p, &child, &[row("one", &[], Some(d))], today())
        .module_view(&id("one"), &do_answers, &empty)
        .expect("view");
    assert_eq!(v.do_task.done_at, Some(at(d)));
    assert!(v.home_assignment.open);
    assert_eq!(v.home_assignment.due_on, Some(day(2026, 3, 15)));
}

#[test]
fn answers_are_checked_against_their_question() {
    let p = programme();
    let m = id("one");
    let ok = |kind, q: &str, v: AnswerValue| p.check_answer(&m, kind, &qid(q), &v);
    let text = |s: &str| AnswerValue::Text { text: s.into() };
    let choice = |ids: &[&str]| AnswerValue::Choice {
        selected: ids
            .iter()
            .map(|s| OptionId::new(*s).expect("option id"))
            .collect(),
    };

    assert_eq!(ok(TaskKind::DoTask, "one.do.text", text("iets")), Ok(()));
    assert_eq!(
        ok(TaskKind::DoTask, "one.do.text", text(&"x".repeat(10_000))),
        Ok(())
    );
    assert!(matches!(
        ok(TaskKind::DoTask, "one.do.text", text(&"é".repeat(10_001))),
        Err(ProgrammeError::InvalidAnswer { .. })
    ));
    assert!(matches!(
        ok(
            TaskKind::DoTask,
            "one.do.text",
            AnswerValue::Scale { value: 3 }
        ),
        Err(ProgrammeError::InvalidAnswer {
            problem: AnswerProblem::WrongKind {
                expected: AnswerKind::Text
            },
            ..
        })
    ));
    assert_eq!(
        ok(TaskKind::DoTask, "one.do.choice", choice(&["a", "b"])),
        Ok(())
    );
    assert_eq!(ok(TaskKind::DoTask, "one.do.choice", choice(&[])), Ok(()));
    assert!(ok(TaskKind::DoTask, "one.do.choice", choice(&["z"])).is_err());
    assert!(ok(TaskKind::DoTask, "one.do.choice", choice(&["a", "a"])).is_err());
    assert_eq!(
        ok(
            TaskKind::DoTask,
            "one.do.scale",
            AnswerValue::Scale { value: 1 }
        ),
        Ok(())
    );
    assert_eq!(
        ok(
            TaskKind::DoTask,
            "one.do.scale",
            AnswerValue::Scale { value: 10 }
        ),
        Ok(())
    );
    assert!(ok(
        TaskKind::DoTask,
        "one.do.scale",
        AnswerValue::Scale { value: 0 }
    )
    .is_err());
    assert!(ok(
        TaskKind::DoTask,
        "one.do.scale",
        AnswerValue::Scale { value: 11 }
    )
    .is_err());
    assert_eq!(
        ok(TaskKind::HomeAssignment, "one.do.text", text("x")),
        Err(ProgrammeError::UnknownQuestion {
            module: m.clone(),
            task: TaskKind::HomeAssignment,
            question: qid("one.do.text"),
        })
    );
    assert_eq!(
        p.check_answer(&id("nope"), TaskKind::DoTask, &qid("a"), &text("x")),
        Err(ProgrammeError::UnknownModule(id("nope")))
    );
}

#[test]
fn a_single_choice_takes_exactly_one_option() {
    let q = Question {
        id: qid("x.one"),
        label: "Kies".into(),
        help: None,
        required: true,
        required_when: None,
        hidden_when: None,
        also_after_not_yet: false,
        input: QuestionInput::Choice {
            multiple: false,
            options: vec![
                ChoiceOption {
                    id: "a".into(),
                    label: "A".into(),
                },
                ChoiceOption {
                    id: "b".into(),
                    label: "B".into(),
                },
            ],
        },
    };
    let pick = |ids: &[&str]| AnswerValue::Choice {
        selected: ids
            .iter()
            .map(|s| OptionId::new(*s).expect("option id"))
            .collect(),
    };
    assert_eq!(q.validate(&pick(&["b"])), Ok(()));
    assert!(q.validate(&pick(&[])).is_err());
    assert!(q.validate(&pick(&["a", "b"])).is_err());
}

#[test]
fn a_task_is_done_only_with_every_required_answer() {
    let p = programme();
    let child = profile(&[6]);
    let m = id("one");
    let mut answers = BTreeMap::new();
    let check = |kind, progress: &[ModuleProgress], answers: &BTreeMap<QuestionId, AnswerValue>| {
        on(&p, &child, progress, today()).check_can_complete(&m, kind, answers)
    };
    assert_eq!(
        check(TaskKind::DoTask, &[], &answers),
        Err(ProgrammeError::RequiredMissing {
            question_ids: vec![qid("one.do.text"), qid("one.do.choice")]
        })
    );
    answers.insert(qid("one.do.text"), AnswerValue::Text { text: "  ".into() });
    answers.insert(
        qid("one.do.choice"),
        AnswerValue::Choice {
            selected: vec!["a".into()],
        },
    );
    assert_eq!(
        check(TaskKind::DoTask, &[], &answers),
        Err(ProgrammeError::RequiredMissing {
            question_ids: vec![qid("one.do.text")]
        }),
        "blank text is no answer"
    );
    answers.insert(
        qid("one.do.text"),
        AnswerValue::Text {
            text: "wandelen".into(),
        },
    );
    assert_eq!(
        check(TaskKind::DoTask, &[], &answers),
        Ok(()),
        "the optional scale may stay empty"
    );

    // The home assignment opens with the do-task done; a locked module's tasks are closed.
    let home = BTreeMap::from([(
        qid("one.home.how"),
        AnswerValue::Text {
            text: "goed".into(),
        },
    )]);
    assert_eq!(
        check(TaskKind::HomeAssignment, &[], &home),
        Err(ProgrammeError::TaskNotOpen {
            module: m.clone(),
            task: TaskKind::HomeAssignment
        })
    );
    assert_eq!(
        check(
            TaskKind::HomeAssignment,
            &[row("one", &[], Some(today()))],
            &home
        ),
        Ok(())
    );
    assert_eq!(
        on(&p, &child, &[], today()).check_can_complete(&id("two"), TaskKind::DoTask, &answers),
        Err(ProgrammeError::TaskNotOpen {
            module: id("two"),
            task: TaskKind::DoTask
        })
    );
}

#[test]
fn page_checks_know_shown_pages_only() {
    let p = programme();
    let child = profile(&[6]);
    assert_eq!(
        on(&p, &child, &[], today()).check_page(&id("one"), PageIndex(2)),
        Ok(())
    );
    assert_eq!(
        on(&p, &child, &[], today()).check_page(&id("one"), PageIndex(1)),
        Err(ProgrammeError::UnknownPage {
            module: id("one"),
            page: PageIndex(1)
        })
    );
    assert_eq!(
        on(&p, &profile(&[14]), &[], today()).check_page(&id("one"), PageIndex(1)),
        Ok(())
    );
    assert_eq!(
        on(&p, &child, &[], today()).check_page(&id("two"), PageIndex(0)),
        Err(ProgrammeError::ModuleLocked(id("two")))
    );
}

#[test]
fn errors_have_stable_codes() {
    let m = id("one");
    let q = qid("one.do.text");
    let cases = [
        (
            ProgrammeError::UnknownModule(m.clone()),
            ErrorCode::UnknownModule,
        ),
        (
            ProgrammeError::ModuleLocked(m.clone()),
            ErrorCode::ModuleLocked,
        ),
        (
            ProgrammeError::UnknownPage {
                module: m.clone(),
                page: PageIndex(9),
            },
            ErrorCode::UnknownPage,
        ),
        (
            ProgrammeError::UnknownQuestion {
                module: m.clone(),
                task: TaskKind::DoTask,
                question: q.clone(),
            },
            ErrorCode::UnknownQuestion,
        ),
        (
            ProgrammeError::InvalidAnswer {
                question: q.clone(),
                problem: AnswerProblem::ChooseOne { chosen: 2 },
            },
            ErrorCode::InvalidAnswer,
        ),
        (
            ProgrammeError::TaskNotOpen {
                module: m,
                task: TaskKind::HomeAssignment,
            },
            ErrorCode::TaskNotOpen,
        ),
        (
            ProgrammeError::RequiredMissing {
                question_ids: vec![q],
            },
            ErrorCode::RequiredMissing,
        ),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code);
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn views_serialise_to_the_ipc_shapes() {
    let to = |v: &dyn erased::Ser| v.json();
    assert_eq!(to(&ModuleStatus::InProgress), json!("in_progress"));
    assert_eq!(to(&HomeStatus::NotYet), json!({ "state": "not_yet" }));
    assert_eq!(
        to(&HomeStatus::Open {
            due_on: day(2026, 3, 9)
        }),
        json!({ "state": "open", "due_on": "2026-03-09" })
    );
    assert_eq!(to(&NextStep::Finished), json!({ "kind": "finished" }));
    assert_eq!(
        to(&NextStep::ContinueModule {
            module_id: id("one"),
            number: 1,
            title: "T".into(),
            page: PagePosition(2)
        }),
        json!({ "kind": "continue_module", "module_id": "one", "number": 1, "title": "T", "page": 2 })
    );
    assert_eq!(
        to(&QuestionInput::Text {
            multiline: true,
            max_chars: MAX_TEXT_CHARS
        }),
        json!({ "type": "text", "multiline": true, "max_chars": 10000 })
    );

    let p = programme();
    let answers = BTreeMap::from([(qid("one.do.scale"), AnswerValue::Scale { value: 7 })]);
    let v = on(&p, &profile(&[6]), &[], today())
        .module_view(&id("one"), &answers, &BTreeMap::new())
        .expect("view");
    let j = to(&v);
    assert_eq!(j["status"], json!("open"));
    assert_eq!(j["pages"][1]["index"], json!(2));
    assert_eq!(
        j["do_task"]["answers"],
        json!({ "one.do.scale": { "kind": "scale", "value": 7 } })
    );
    assert_eq!(j["do_task"]["task"]["kind"], json!("do_task"));
    assert_eq!(j["do_task"]["done_at"], json!(null));
    assert_eq!(j["do_task"]["task"]["questions"][0]["help"], json!(null));
    assert_eq!(
        j["do_task"]["task"]["questions"][2]["input"],
        json!({ "type": "scale", "min": 1, "max": 10, "min_label": "laag", "max_label": "hoog" })
    );
}

#[test]
fn typescript_types_match_the_spec() {
    let cfg = ts_rs::Config::new();
    let task_view = <TaskView as ts_rs::TS>::inline(&cfg);
    for field in [
        "task: Task,",
        "answers: { [key in string]?: AnswerValue },",
        "open: boolean,",
        "done_at: string | null,",
        "due_on: string | null,",
    ] {
        assert!(task_view.contains(field), "{field} in {task_view}");
    }
    assert_eq!(<HomeStatus as ts_rs::TS>::inline(&cfg), "{ \"state\": \"not_yet\" } | { \"state\": \"open\", due_on: string, } | { \"state\": \"done\", done_on: string, }");
    assert_eq!(
        <ModuleStatus as ts_rs::TS>::inline(&cfg),
        "\"locked\" | \"open\" | \"in_progress\" | \"done\""
    );
}

/// `serde_json::to_value` behind a trait object, so one closure serves every view type.
mod erased {
    pub trait Ser {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).expect("serialise")
        }
    }
}

fn arb_row(module: &'static str) -> impl Strategy<Value = Option<ModuleProgress>> {
    proptest::option::of((
        proptest::collection::btree_set(0u16..4, 0..4),
        any::<bool>(),
        proptest::option::of(0u64..30),
        proptest::option::of(0u64..30),
    ))
    .prop_map(move |row| {
        row.map(|(pages_read, started, do_days, home_days)| {
            let start = day(2026, 1, 1);
            let when = |d: u64| at(start.checked_add_days(Days::new(d)).expect("date"));
            ModuleProgress {
                module_id: id(module),
                pages_read: pages_read.into_iter().map(PageIndex).collect(),
                started_at: started.then(|| when(0)),
                do_task_done_at: do_days.map(when),
                home_assignment_done_at: home_days.map(when),
                completed_at: None,
            }
        })
    })
}

fn arb_situation() -> impl Strategy<Value = (Vec<ModuleProgress>, Vec<u8>, u64)> {
    (
        (arb_row("one"), arb_row("two"), arb_row("three")),
        proptest::collection::vec(0u8..=18, 1..4),
        0u64..60,
    )
        .prop_map(|((a, b, c), ages, days)| (a.into_iter().chain(b).chain(c).collect(), ages, days))
}

proptest! {
    #[test]
    fn a_module_is_never_open_unless_all_earlier_ones_are_done((progress, ages, days) in arb_situation()) {
        let p = programme();
        let today = day(2026, 1, 1).checked_add_days(Days::new(days)).expect("date");
        let o = on(&p, &profile(&ages), &progress, today).overview();
        prop_assert_ne!(o.modules[0].status, Locked);
        for (i, m) in o.modules.iter().enumerate() {
            let earlier_done = o.modules[..i].iter().all(|e| e.status == Done);
            prop_assert_eq!(m.status != Locked, earlier_done);
            prop_assert!(m.pages_read <= m.pages_total);
            if m.status == Done {
                prop_assert_eq!(m.pages_read, m.pages_total);
            }
            if m.status == Locked {
                prop_assert_eq!(&m.home_assignment, &HomeStatus::NotYet);
            }
        }
    }

    #[test]
    fn the_next_step_never_points_at_a_locked_module((progress, ages, days) in arb_situation()) {
        let p = programme();
        let parent = profile(&ages);
        let today = day(2026, 1, 1).checked_add_days(Days::new(days)).expect("date");
        let o = on(&p, &parent, &progress, today).overview();
        let target = match &o.next {
            NextStep::StartModule { module_id, .. }
            | NextStep::ContinueModule { module_id, .. }
            | NextStep::WriteHomeAssignment { module_id, .. }
            | NextStep::LookBack { module_id, .. } => Some(module_id.clone()),
            NextStep::Finished => None,
        };
        match target {
            Some(m) => {
                prop_assert!(on(&p, &parent, &progress, today).is_open(&m));
                let e = BTreeMap::new();
                let view = on(&p, &parent, &progress, today).module_view(&m, &e, &e);
                prop_assert!(view.is_ok());
                if let (NextStep::ContinueModule { page, .. }, Ok(view)) = (&o.next, view) {
                    prop_assert!(usize::from(page.get()) <= view.pages.len());
                    if let Some(shown) = view.pages.get(usize::from(page.get())) {
                        prop_assert!(!view.pages_read.contains(&shown.index));
                    }
                }
            }
            None => {
                let all_done = o.modules.iter().all(|m| {
                    m.status == Done && matches!(m.home_assignment, HomeStatus::Done { .. })
                });
                prop_assert!(all_done);
            }
        }
    }

    #[test]
    fn the_view_agrees_with_the_overview((progress, ages, days) in arb_situation()) {
        let p = programme();
        let parent = profile(&ages);
        let today = day(2026, 1, 1).checked_add_days(Days::new(days)).expect("date");
        let o = on(&p, &parent, &progress, today).overview();
        let e = BTreeMap::new();
        for m in &o.modules {
            match on(&p, &parent, &progress, today).module_view(&m.id, &e, &e) {
                Ok(v) => {
                    prop_assert_eq!(v.status, m.status);
                    prop_assert_eq!(v.pages.len(), usize::from(m.pages_total));
                    prop_assert_eq!(v.pages_read.len(), usize::from(m.pages_read));
                    prop_assert_eq!(v.home_assignment.open, !matches!(m.home_assignment, HomeStatus::NotYet));
                }
                Err(e) => prop_assert_eq!((m.status, e.code()), (Locked, ErrorCode::ModuleLocked)),
            }
        }
    }
}

#[test]
fn module_one_is_tailored_to_every_age_band() {
    let p = Programme::bundled().expect("bundled content");
    let e = BTreeMap::new();
    for (age, only_for_this_band) in [
        (2, "1 tot 4 jaar"),
        (7, "4 tot 12 jaar"),
        (15, "Een tiener"),
    ] {
        let view = on(&p, &profile(&[age]), &[], today())
            .module_view(&id("good-enough"), &e, &e)
            .expect("module 1 is open");
        let html: String = view.pages.iter().map(|pg| pg.html.as_str()).collect();
        assert!(html.contains(only_for_this_band), "age {age}");
        assert_eq!(view.pages.len(), 9, "every page but the partner's page");
    }
}

/// A partner reading the bundled modules reads about their partner's illness, not their own:
/// the summary, the do-task and the pages (role blocks) all have the partner's words.
#[test]
fn a_partner_reads_the_bundled_modules_as_the_partner() {
    let p = Programme::bundled().expect("bundled content");
    let e = BTreeMap::new();
    let mut partner = profile(&[7]);
    partner.role = Role::Partner;
    let parent = profile(&[7]);
    let all_pages: Vec<u16> = (0..p.modules[0].page_count()).collect();
    let done_one = [row("good-enough", &all_pages, Some(today()))];
    let view = |who: &Profile, module: &str| {
        on(&p, who, &done_one, today())
            .module_view(&id(module), &e, &e)
            .expect("open module")
    };

    let theirs = view(&partner, "talking");
    let own = view(&parent, "talking");
    assert!(
        theirs.summary.contains("met je partner aan de hand"),
        "{}",
        theirs.summary
    );
    assert!(
        own.summary.contains("met jou aan de hand"),
        "{}",
        own.summary
    );
    let words = "talking.do.words";
    assert_eq!(
        label_of(&theirs.do_task.task, words),
        "Wat wil je je kind vertellen over de ziekte of verslaving van je partner?"
    );
    assert_eq!(
        label_of(&own.do_task.task, words),
        "Wat wil je je kind vertellen over je ziekte of verslaving?"
    );
    assert!(theirs.do_task.task.intro_html.contains("van je partner"));
    assert!(theirs
        .home_assignment
        .task
        .intro_html
        .contains("van je partner"));
    let html = |v: &ModuleView| v.pages.iter().map(|pg| pg.html.clone()).collect::<String>();
    assert!(html(&theirs).contains("Als je partner drinkt of gebruikt"));
    assert!(!html(&theirs).contains("Praat met je kind als je nuchter bent"));
    assert!(html(&own).contains("Praat met je kind als je nuchter bent"));

    let first = view(&partner, "good-enough");
    assert!(first.summary.contains("de problemen van je partner"));
    let pages = html(&first);
    assert!(pages.contains("Het is niet jouw schuld dat je partner ziek is."));
    assert!(!pages.contains("Het is niet jouw schuld dat je ziek bent."));
    assert!(pages.contains("Als je partner drinkt of gebruikt"));
}

mod optional {
    use super::*;
    use crate::content::tests::fixture_with_extra;

    /// Modules one and two done (two on 9 March 2026) with their home assignments written.
    fn finished() -> Vec<ModuleProgress> {
        let mut one = done("one", day(2026, 3, 2));
        one.home_assignment_done_at = Some(at(day(2026, 3, 8)));
        let mut two = done("two", day(2026, 3, 9));
        two.home_assignment_done_at = Some(at(day(2026, 3, 15)));
        vec![one, two]
    }

    #[test]
    fn the_return_module_opens_on_day_42_not_41() {
        let p = fixture_with_extra(&["one", "two"]);
        let parent = profile(&[6]);
        let progress = finished();
        // 9 March + 42 days = 20 April.
        let o = on(&p, &parent, &progress, day(2026, 4, 19)).overview();
        assert_eq!(statuses(&o), vec![Done, Done, Locked]);
        let extra = &o.modules[2];
        assert!(extra.optional && extra.open_since.is_none());
        assert_eq!(o.next, NextStep::Finished);
        assert!(!on(&p, &parent, &progress, day(2026, 4, 19)).is_open(&id("extra")));
        let e = BTreeMap::new();
        assert_eq!(
            on(&p, &parent, &progress, day(2026, 4, 19)).module_view(&id("extra"), &e, &e),
            Err(ProgrammeError::ModuleLocked(id("extra")))
        );

        let o = on(&p, &parent, &progress, day(2026, 4, 20)).overview();
        assert_eq!(statuses(&o), vec![Done, Done, Open]);
        assert_eq!(o.modules[2].open_since, Some(day(2026, 4, 20)));
        assert_eq!(
            o.next,
            NextStep::LookBack {
                module_id: id("extra"),
                title: "Module extra".to_owned(),
            }
        );
        let view = on(&p, &parent, &progress, day(2026, 4, 20))
            .module_view(&id("extra"), &e, &e)
            .expect("open");
        assert!(view.optional && !view.home_assignment.open);
    }

    #[test]
    fn the_optional_module_never_blocks_finished() {
        let p = fixture_with_extra(&["one", "two"]);
        let parent = profile(&[6]);
        let progress = finished();
        assert_eq!(
            on(&p, &parent, &progress, day(2026, 3, 20)).finished_on(),
            Some(day(2026, 3, 9))
        );
        assert_eq!(
            on(&p, &parent, &progress, day(2026, 3, 20)).overview().next,
            NextStep::Finished
        );
        // Started but not done: still an offer, never "continue module 3".
        let mut started = progress.clone();
        started.push(row("extra", &[0], None));
        let o = on(&p, &parent, &started, day(2026, 5, 1)).overview();
        assert_eq!(o.modules[2].status, InProgress);
        assert!(matches!(o.next, NextStep::LookBack { .. }));
        // Done: finished, and the do-task opens no home assignment.
        let mut all = progress;
        all.push(done("extra", day(2026, 5, 1)));
        let o = on(&p, &parent, &all, day(2026, 5, 2)).overview();
        assert_eq!(statuses(&o), vec![Done, Done, Done]);
        assert_eq!(o.modules[2].home_assignment, HomeStatus::NotYet);
        assert_eq!(o.next, NextStep::Finished);
        assert_eq!(
            on(&p, &parent, &all, day(2026, 5, 2))
                .check_task_open(&id("extra"), TaskKind::HomeAssignment),
            Err(ProgrammeError::TaskNotOpen {
                module: id("extra"),
                task: TaskKind::HomeAssignment
            })
        );
    }

    #[test]
    fn an_open_home_assignment_still_comes_before_the_offer() {
        let p = fixture_with_extra(&["one", "two"]);
        let parent = profile(&[6]);
        let mut progress = finished();
        progress[1].home_assignment_done_at = None;
        let o = on(&p, &parent, &progress, day(2026, 4, 20)).overview();
        assert!(matches!(o.next, NextStep::WriteHomeAssignment { .. }));
        assert_eq!(o.modules[2].status, Open);
    }
}

/// The fixture with its do-task scale question (after the choice a/b) given `condition`.
fn with_condition_on_scale(condition: &str) -> Programme {
    let mut files = crate::content::tests::fixture_files(&["one"]);
    for (path, text) in &mut files {
        if path.contains("one.") {
            *text = text.replace(
                "label = \"Hoe?\"\nrequired = false\n",
                &format!("label = \"Hoe?\"\n{condition}\n"),
            );
        }
    }
    match crate::content::tests::parse_files(&files) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_conditional_question_is_required_only_when_its_condition_holds() {
    let child = profile(&[6]);
    let chose = |option: &str| {
        BTreeMap::from([
            (qid("one.do.text"), AnswerValue::Text { text: "ja".into() }),
            (
                qid("one.do.choice"),
                AnswerValue::Choice {
                    selected: vec![option.into()],
                },
            ),
        ])
    };
    let m = id("one");

    let p = with_condition_on_scale(
        "required_when = { question = \"one.do.choice\", any_of = [\"a\"] }",
    );
    let check =
        |answers| on(&p, &child, &[], today()).check_can_complete(&m, TaskKind::DoTask, &answers);
    assert_eq!(
        check(chose("a")),
        Err(ProgrammeError::RequiredMissing {
            question_ids: vec![qid("one.do.scale")]
        })
    );
    assert_eq!(check(chose("b")), Ok(()), "not required after b");

    let p =
        with_condition_on_scale("hidden_when = { question = \"one.do.choice\", any_of = [\"b\"] }");
    let check =
        |answers| on(&p, &child, &[], today()).check_can_complete(&m, TaskKind::DoTask, &answers);
    assert_eq!(
        check(chose("a")),
        Err(ProgrammeError::RequiredMissing {
            question_ids: vec![qid("one.do.scale")]
        }),
        "shown, and required as before"
    );
    assert_eq!(check(chose("b")), Ok(()), "hidden after b, so not required");
}

#[test]
fn a_recorded_completion_stays_done_when_a_child_grows_into_a_new_age_band() {
    let p = programme();
    // 11 today: page 1 (12-18 only) is not shown, so pages 0 and 2 and the do-task finish it.
    let child = profile(&[11]);
    let birthday = today().checked_add_days(Days::new(365)).expect("date");
    let mut one = row("one", &[0, 2], Some(today()));
    let two = row("two", &[0], None);

    let before = [one.clone(), two.clone()];
    let now = on(&p, &child, &before, today());
    assert_eq!(statuses(&now.overview())[..2], [Done, InProgress]);
    assert_eq!(now.unrecorded_completions(), vec![id("one")]);

    // A year later the child is 12: page 1 appears. Without a recorded completion module one
    // would be "in progress" again and module two locked.
    let later = on(&p, &child, &before, birthday);
    assert_eq!(statuses(&later.overview())[..2], [InProgress, Locked]);

    one.completed_at = Some(at(today()));
    let progress = [one, two];
    let later = on(&p, &child, &progress, birthday);
    let overview = later.overview();
    assert_eq!(
        statuses(&overview)[..2],
        [Done, InProgress],
        "nothing relocks"
    );
    assert_eq!(
        (
            overview.modules[0].pages_read,
            overview.modules[0].pages_total
        ),
        (2, 3),
        "the new page is there to read"
    );
    assert!(later.unrecorded_completions().is_empty());
    assert!(later.check_open(&id("two")).is_ok());
}

fn label_of(task: &crate::content::Task, question: &str) -> String {
    task.question(&qid(question))
        .expect("question")
        .label
        .clone()
}

#[test]
fn the_partners_module_view_and_overview_use_the_partners_words() {
    let p = crate::content::tests::parse_files(&crate::content::tests::partner_files())
        .expect("fixture with partner words");
    let empty = BTreeMap::new();
    let mut partner = profile(&[6]);
    partner.role = Role::Partner;
    let parent = profile(&[6]);

    let view = on(&p, &partner, &[], today())
        .module_view(&id("one"), &empty, &empty)
        .expect("view");
    assert_eq!(view.summary, "Samenvatting voor de partner.");
    assert_eq!(
        view.do_task.task.intro_html,
        "<p>Doe dit als partner.</p>\n"
    );
    assert_eq!(
        label_of(&view.do_task.task, "one.do.text"),
        "Wat, als partner?"
    );
    let o = on(&p, &partner, &[], today()).overview();
    assert_eq!(o.modules[0].summary, "Samenvatting voor de partner.");

    let view = on(&p, &parent, &[], today())
        .module_view(&id("one"), &empty, &empty)
        .expect("view");
    assert_eq!(view.summary, "Samenvatting.");
    assert_eq!(view.do_task.task.intro_html, "<p>Doe dit.</p>\n");
    assert_eq!(label_of(&view.do_task.task, "one.do.text"), "Wat?");
}
