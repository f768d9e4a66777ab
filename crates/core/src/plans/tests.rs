//! Plans on the content fixture: parsing `[[plans]]` with its errors, and what a parent sees
//! before, while and after making a plan.

use super::*;
use crate::content::tests::{fixture_files, parse_files};
use crate::profile::{Child, Language, Pseudonym};
use crate::programme::testing::{on, pages};
use crate::*;
use chrono::NaiveDate;
use chrono::{TimeZone, Utc};

const PLANS: &str = r#"
[[plans]]
id = "step-plan"
kind = "step_plan"
module = "two"
title = { nl = "Mijn stappenplan", en = "My step plan" }
origin = { nl = "Dit plan maak je in module 2.", en = "You make this plan in module 2." }

[[plans.parts]]
question = "two.do.text"
role = "situation"

[[plans.parts]]
question = "two.do.choice"
role = "step"
heading = { nl = "Rustig worden", en = "Calm down" }
"#;

fn files_with(plans: &str) -> Vec<(String, String)> {
    let mut files = fixture_files(&["one", "two"]);
    files[0].1.push_str(plans);
    files
}

fn programme() -> Programme {
    match parse_files(&files_with(PLANS)) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 10).expect("date")
}

fn profile() -> Profile {
    Profile {
        language: Language::Nl,
        pseudonym: Pseudonym::new("Sam").expect("pseudonym"),
        role: Default::default(),
        children: vec![Child {
            age_years: 6,
            recorded_on: today(),
        }],
    }
}

fn module_one_done() -> Vec<ModuleProgress> {
    let mut row = ModuleProgress::new(ModuleId::new("one").expect("id"));
    row.pages_read = pages(&[0, 1, 2]);
    row.do_task_done_at = Some(Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap());
    vec![row]
}

fn answers(pairs: &[(&str, AnswerValue)]) -> BTreeMap<ModuleId, BTreeMap<QuestionId, AnswerValue>> {
    let mut by_question = BTreeMap::new();
    for (q, v) in pairs {
        by_question.insert(QuestionId::new(*q).expect("qid"), v.clone());
    }
    BTreeMap::from([(ModuleId::new("two").expect("id"), by_question)])
}

#[test]
fn before_its_module_opens_a_plan_says_where_it_comes_from() {
    let plans = on(&programme(), &profile(), &[], today()).plans(&BTreeMap::new());
    assert_eq!(plans.len(), 1);
    let plan = &plans[0];
    assert_eq!(plan.state, PlanState::NotReached);
    assert!(!plan.editable);
    assert!(plan.parts.is_empty(), "nothing to show or change yet");
    assert_eq!(plan.origin, "Dit plan maak je in module 2.");
    assert_eq!((plan.module_number, plan.module_id.as_str()), (2, "two"));
}

#[test]
fn an_open_module_without_answers_has_a_plan_to_make() {
    let plans = on(&programme(), &profile(), &module_one_done(), today()).plans(&BTreeMap::new());
    let plan = &plans[0];
    assert_eq!(plan.state, PlanState::ToMake);
    assert!(plan.editable);
    assert_eq!(plan.parts.len(), 2);
    assert_eq!(
        plan.parts[0].heading, "Wat?",
        "without a heading the question's label"
    );
    assert_eq!(plan.parts[1].heading, "Rustig worden");
    assert!(plan
        .parts
        .iter()
        .all(|p| p.answer.is_none() && p.lines.is_empty()));
}

#[test]
fn answers_show_as_lines_in_the_parents_language() {
    let given = answers(&[
        (
            "two.do.text",
            AnswerValue::Text {
                text: "Bij het eten\n\n- na school \n".into(),
            },
        ),
        (
            "two.do.choice",
            AnswerValue::Choice {
                selected: vec!["b".into(), "a".into()],
            },
        ),
        ("two.do.scale", AnswerValue::Scale { value: 3 }),
    ]);
    let mut english = profile();
    english.language = Language::En;
    let plans = on(&programme(), &english, &module_one_done(), today()).plans(&given);
    let plan = &plans[0];
    assert_eq!(plan.state, PlanState::Made);
    assert_eq!(plan.title, "My step plan");
    assert_eq!(plan.parts[0].lines, ["Bij het eten", "na school"]);
    assert_eq!(
        plan.parts[1].lines,
        ["A", "B"],
        "options in content order, by label"
    );
    assert_eq!(plan.parts[1].heading, "Calm down");
    assert_eq!(plan.parts.len(), 2, "the scale is not part of this plan");
}

#[test]
fn plan_errors_name_their_line_in_programme_toml() {
    let bad = PLANS
        .replace("question = \"two.do.text\"", "question = \"two.do.nope\"")
        .replace("role = \"step\"", "role = \"close\"")
        .replace("module = \"two\"", "module = \"nine\"");
    let errors = parse_files(&files_with(&bad)).expect_err("invalid plans").0;
    let head = fixture_files(&["one", "two"])[0].1.lines().count();
    let messages: Vec<(usize, &str)> = errors
        .iter()
        .map(|e| (e.line - head, e.message.as_str()))
        .collect();
    assert!(
        messages
            .iter()
            .any(|(l, m)| *l == 5 && m.contains("\"nine\"")),
        "{messages:?}"
    );

    let bad = PLANS
        .replace("question = \"two.do.text\"", "question = \"two.do.nope\"")
        .replace("role = \"step\"", "role = \"close\"");
    let errors = parse_files(&files_with(&bad)).expect_err("invalid plans").0;
    let messages: Vec<(usize, &str)> = errors
        .iter()
        .map(|e| (e.line - head, e.message.as_str()))
        .collect();
    assert!(
        messages
            .iter()
            .any(|(l, m)| *l == 10 && m.contains("not a question of the do-task")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|(l, m)| *l == 15 && m.contains("role close does not belong")),
        "{messages:?}"
    );
}

#[test]
fn a_network_map_needs_each_ring_once() {
    let map = PLANS
        .replace("kind = \"step_plan\"", "kind = \"network_map\"")
        .replace("role = \"situation\"", "role = \"close\"")
        .replace("role = \"step\"", "role = \"wish\"");
    let errors = parse_files(&files_with(&map)).expect_err("rings missing").0;
    for ring in ["further", "professionals", "child_trusted"] {
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains(&format!("role {ring} (found 0)"))),
            "{ring}: {errors:?}"
        );
    }
}

#[test]
fn a_care_plan_starts_with_who_takes_over() {
    let care = PLANS
        .replace("kind = \"step_plan\"", "kind = \"care_plan\"")
        .replace("role = \"situation\"", "role = \"arrangement\"")
        .replace("role = \"step\"", "role = \"takes_over\"");
    let errors = parse_files(&files_with(&care))
        .expect_err("takes_over not first")
        .0;
    let head = fixture_files(&["one", "two"])[0].1.lines().count();
    assert!(
        errors.iter().any(|e| e.line - head == 3
            && e.message
                .contains("starts with the one part with role takes_over")),
        "{errors:?}"
    );
    let care = PLANS
        .replace("kind = \"step_plan\"", "kind = \"care_plan\"")
        .replace("role = \"situation\"", "role = \"takes_over\"")
        .replace("role = \"step\"", "role = \"arrangement\"");
    let p = parse_files(&files_with(&care)).expect("a care plan");
    assert_eq!(p.plans[0].kind, PlanKind::CarePlan);
}

#[test]
fn the_bundled_programme_has_the_step_plan_the_network_map_and_the_care_plan() {
    let p = Programme::bundled().expect("bundled content");
    let found: Vec<(&str, PlanKind, &str)> = p
        .plans
        .iter()
        .map(|plan| (plan.id.as_str(), plan.kind, plan.module.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("step-plan", PlanKind::StepPlan, "limits"),
            ("network-map", PlanKind::NetworkMap, "network"),
            ("care-plan", PlanKind::CarePlan, "network"),
        ]
    );
    let step_plan_questions: Vec<&str> = p.plans[0]
        .parts
        .iter()
        .map(|q| q.question.as_str())
        .collect();
    assert_eq!(
        step_plan_questions,
        [
            "limits.do.moment",
            "limits.do.signs",
            "limits.do.calm-first",
            "limits.do.calm-own",
            "limits.do.call",
            "limits.do.say",
            "limits.do.after"
        ]
    );
}
