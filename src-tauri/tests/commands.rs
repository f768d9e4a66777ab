//! The app's commands through Tauri's real IPC layer (mock runtime, no window), with a real
//! SQLCipher store in a temp dir and the bundled content.

mod common;

use common::*;

use serde_json::{json, Value};

/// A valid answer for any question the content declares.
fn answer_for(question: &Value) -> Value {
    let input = &question["input"];
    match input["type"].as_str().expect("question type") {
        "text" => json!({ "kind": "text", "text": "We hebben samen gekookt." }),
        "choice" => json!({ "kind": "choice", "selected": [input["options"][0]["id"]] }),
        "scale" => json!({ "kind": "scale", "value": input["min"] }),
        other => panic!("unknown question type {other}"),
    }
}

fn status_of(overview: &Value, id: &str) -> String {
    overview["modules"]
        .as_array()
        .expect("modules")
        .iter()
        .find(|m| m["id"] == id)
        .map(|m| m["status"].as_str().expect("status").to_owned())
        .expect("module listed")
}

#[test]
fn onboarding_is_required_and_validated() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    assert_eq!(
        app.ok("app_status", json!({})),
        json!({ "profile": null, "children_ages": [] })
    );
    assert_eq!(
        app.err_code("programme_overview", json!({})),
        "not_onboarded"
    );

    let empty_name =
        json!({ "input": { "language": "nl", "pseudonym": "  ", "children_ages": [3] } });
    let err = app.err("save_profile", empty_name);
    assert_eq!(err["code"], "invalid_profile");
    assert_eq!(
        err["details"],
        json!({ "kind": "invalid_profile", "field": "pseudonym" })
    );
    let no_children =
        json!({ "input": { "language": "en", "pseudonym": "Sam", "children_ages": [] } });
    let err = app.err("save_profile", no_children);
    assert_eq!(err["code"], "invalid_profile");
    assert_eq!(err["details"]["field"], "children");

    assert_eq!(
        app.err_code("set_language", json!({ "language": "en" })),
        "not_onboarded"
    );
    app.onboard();
    let status = app.ok("app_status", json!({}));
    assert_eq!(status["profile"]["pseudonym"], "Sam");
    assert_eq!(status["profile"]["children"][0]["age_years"], 6);
    assert_eq!(status["children_ages"], json!([6]));

    // The language switch changes the language and keeps the rest.
    let switched = app.ok("set_language", json!({ "language": "en" }));
    assert_eq!(switched["language"], "en");
    let status = app.ok("app_status", json!({}));
    assert_eq!(status["profile"]["language"], "en");
    assert_eq!(status["profile"]["pseudonym"], "Sam");

    // A profile made without a role is the parent's; the role switch changes only the role.
    assert_eq!(status["profile"]["role"], "parent");
    let switched = app.ok("set_role", json!({ "role": "partner" }));
    assert_eq!(switched["role"], "partner");
    assert_eq!(switched["language"], "en");
    let refused = app.refused_args("set_role", json!({ "role": "neighbour" }));
    assert!(refused.contains("role"), "{refused}");
}

#[test]
fn modules_open_in_order_and_the_next_step_follows() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    app.onboard();

    let overview = app.ok("programme_overview", json!({}));
    let ids: Vec<&str> = overview["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "good-enough",
            "talking",
            "development",
            "limits",
            "network",
            "return"
        ]
    );
    assert_eq!(status_of(&overview, "good-enough"), "open");
    // The optional return check: listed last, closed until six weeks after module 5.
    assert_eq!(overview["modules"][5]["optional"], true);
    assert_eq!(status_of(&overview, "return"), "locked");
    assert_eq!(
        app.err_code("open_module", json!({ "moduleId": "return" })),
        "module_locked"
    );
    assert_eq!(status_of(&overview, "talking"), "locked");
    assert_eq!(overview["next"]["kind"], "start_module");
    assert_eq!(overview["next"]["module_id"], "good-enough");

    assert_eq!(
        app.err_code("open_module", json!({ "moduleId": "talking" })),
        "module_locked"
    );
    assert_eq!(
        app.err_code("open_module", json!({ "moduleId": "nope" })),
        "unknown_module"
    );
    let refused = app.refused_args("open_module", json!({ "moduleId": "../etc" }));
    assert!(refused.contains("../etc"), "{refused}");

    let view = app.ok("open_module", json!({ "moduleId": "good-enough" }));
    assert_eq!(view["status"], "in_progress");
    let do_task = view["do_task"]["task"]["questions"]
        .as_array()
        .unwrap()
        .clone();

    // The do-task cannot be finished while required questions are empty; the error names
    // them in content order, so the form can point at each.
    let err = app.err(
        "complete_task",
        json!({ "moduleId": "good-enough", "task": "do_task" }),
    );
    assert_eq!(err["code"], "required_missing");
    let required: Vec<&Value> = do_task
        .iter()
        .filter(|q| q["required"] == true)
        .map(|q| &q["id"])
        .collect();
    assert!(!required.is_empty());
    assert_eq!(
        err["details"]["question_ids"]
            .as_array()
            .unwrap()
            .iter()
            .collect::<Vec<_>>(),
        required
    );
    // The home assignment opens only after the do-task.
    let home_q = &view["home_assignment"]["task"]["questions"][0];
    assert_eq!(
        app.err_code(
            "save_answer",
            json!({ "moduleId": "good-enough", "task": "home_assignment",
                    "questionId": home_q["id"], "value": answer_for(home_q) })
        ),
        "task_not_open"
    );

    for q in &do_task {
        app.ok(
            "save_answer",
            json!({ "moduleId": "good-enough", "task": "do_task",
                    "questionId": q["id"], "value": answer_for(q) }),
        );
    }
    for page in view["pages"].as_array().unwrap() {
        app.ok(
            "mark_page_read",
            json!({ "moduleId": "good-enough", "page": page["index"] }),
        );
    }
    let done = app.ok(
        "complete_task",
        json!({ "moduleId": "good-enough", "task": "do_task" }),
    );
    assert_eq!(done["status"], "done");
    assert!(done["home_assignment"]["open"].as_bool().unwrap());

    let overview = app.ok("programme_overview", json!({}));
    assert_eq!(status_of(&overview, "talking"), "open");
    assert_eq!(status_of(&overview, "development"), "locked");
    assert_eq!(overview["next"]["kind"], "write_home_assignment");
}

#[test]
fn bad_answers_get_a_reason_and_good_ones_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let app = start(dir.path());
        app.onboard();
        let view = app.ok("open_module", json!({ "moduleId": "good-enough" }));
        let questions = view["do_task"]["task"]["questions"].as_array().unwrap();
        let text_q = questions
            .iter()
            .find(|q| q["input"]["type"] == "text")
            .expect("a text question");
        let scale_q = questions.iter().find(|q| q["input"]["type"] == "scale");

        let wrong_kind = json!({ "moduleId": "good-enough", "task": "do_task",
            "questionId": text_q["id"], "value": { "kind": "scale", "value": 3 } });
        let err = app.err("save_answer", wrong_kind);
        assert_eq!(err["code"], "invalid_answer");
        assert_eq!(
            err["details"],
            json!({ "kind": "invalid_answer", "question_id": text_q["id"],
                    "problem": { "problem": "wrong_kind", "expected": "text" } })
        );
        let unknown = json!({ "moduleId": "good-enough", "task": "do_task",
            "questionId": "good-enough.do.nope", "value": { "kind": "text", "text": "x" } });
        assert_eq!(app.err_code("save_answer", unknown), "unknown_question");
        if let Some(q) = scale_q {
            let out_of_range = json!({ "moduleId": "good-enough", "task": "do_task",
                "questionId": q["id"], "value": { "kind": "scale", "value": 99 } });
            assert_eq!(app.err_code("save_answer", out_of_range), "invalid_answer");
        }
        let saved = app.ok(
            "save_answer",
            json!({ "moduleId": "good-enough", "task": "do_task", "questionId": text_q["id"],
                    "value": { "kind": "text", "text": "Half geschreven antwoord" } }),
        );
        assert!(saved["saved_at"].as_str().is_some());
    }
    let app = start(dir.path());
    let view = app.ok("open_module", json!({ "moduleId": "good-enough" }));
    let answers = view["do_task"]["answers"].as_object().unwrap();
    assert!(
        answers
            .values()
            .any(|a| a["text"] == "Half geschreven antwoord"),
        "the answer is back after a restart: {answers:?}"
    );
}

#[test]
fn a_wrong_key_is_reported_and_the_data_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    {
        let app = start(dir.path());
        app.onboard();
    }
    let db = dir.path().join("houvast.db");
    let before = std::fs::read(&db).unwrap();
    let wrong = start_with_key(dir.path(), [9; 32]);
    assert_eq!(wrong.err_code("app_status", json!({})), "wrong_key");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database was not touched"
    );
}

#[test]
fn deleting_everything_leaves_no_file_and_starts_again_at_onboarding() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    app.onboard();
    app.ok("open_module", json!({ "moduleId": "good-enough" }));
    assert!(dir.path().join("houvast.db").exists());

    app.ok("delete_everything", json!({}));
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
    assert_eq!(
        app.ok("app_status", json!({})),
        json!({ "profile": null, "children_ages": [] }),
        "a fresh start"
    );
    assert_eq!(
        app.err_code("programme_overview", json!({})),
        "not_onboarded"
    );
}

#[test]
fn a_parent_can_start_over_when_the_data_cannot_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    {
        let app = start(dir.path());
        app.onboard();
    }
    let wrong = start_with_key(dir.path(), [9; 32]);
    assert_eq!(wrong.err_code("app_status", json!({})), "wrong_key");
    wrong.ok("delete_everything", json!({}));
    assert_eq!(wrong.ok("app_status", json!({}))["profile"], Value::Null);
}
