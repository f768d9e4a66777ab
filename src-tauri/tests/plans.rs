//! "My plans" through Tauri's real IPC layer (mock runtime) with a real encrypted store: a plan
//! explains itself before its module, and changing it edits the do-task's own answers.

mod common;

use common::*;

use serde_json::{json, Value};

impl TestApp {
    /// Reads every page of a module, answers its do-task and marks it done.
    fn finish_module(&self, id: &str) {
        let view = self.ok("open_module", json!({ "moduleId": id }));
        for page in view["pages"].as_array().expect("pages") {
            self.ok(
                "mark_page_read",
                json!({ "moduleId": id, "page": page["index"] }),
            );
        }
        for q in view["do_task"]["task"]["questions"]
            .as_array()
            .expect("questions")
        {
            let input = &q["input"];
            let value = match input["type"].as_str().expect("type") {
                "text" => json!({ "kind": "text", "text": "Iets" }),
                "choice" => json!({ "kind": "choice", "selected": [input["options"][0]["id"]] }),
                _ => json!({ "kind": "scale", "value": input["min"] }),
            };
            self.ok(
                "save_answer",
                json!({ "moduleId": id, "task": "do_task", "questionId": q["id"], "value": value }),
            );
        }
        self.ok(
            "complete_task",
            json!({ "moduleId": id, "task": "do_task" }),
        );
    }
}

fn plan<'a>(plans: &'a Value, id: &str) -> &'a Value {
    plans
        .as_array()
        .expect("plans")
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no plan {id} in {plans}"))
}

#[test]
fn plans_explain_where_they_come_from_before_their_module() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    let not_yet = app
        .call("my_plans", json!({}))
        .expect_err("needs a profile");
    assert_eq!(not_yet["code"], "not_onboarded");
    app.ok(
        "save_profile",
        json!({ "input": { "language": "nl", "pseudonym": "Sam", "children_ages": [6] } }),
    );

    let plans = app.ok("my_plans", json!({}));
    for (id, module, number) in [("step-plan", "limits", 4), ("network-map", "network", 5)] {
        let p = plan(&plans, id);
        assert_eq!(p["state"], "not_reached");
        assert_eq!(p["editable"], false);
        assert_eq!(p["module_id"], module);
        assert_eq!(p["module_number"], number);
        assert!(
            p["origin"]
                .as_str()
                .unwrap()
                .contains(&format!("module {number}")),
            "{p}"
        );
        assert_eq!(p["parts"], json!([]));
    }
}

#[test]
fn changing_a_plan_changes_the_do_task_answer() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    app.ok(
        "save_profile",
        json!({ "input": { "language": "en", "pseudonym": "Sam", "children_ages": [6] } }),
    );
    for id in ["good-enough", "talking", "development"] {
        app.finish_module(id);
    }
    let step_plan = plan(&app.ok("my_plans", json!({})), "step-plan").clone();
    assert_eq!(step_plan["state"], "to_make");
    assert_eq!(step_plan["editable"], true);
    assert_eq!(step_plan["title"], "My step plan for difficult moments");

    // What "My plans" saves is the do-task answer of module 4 (the same call the module makes).
    app.ok(
        "save_answer",
        json!({ "moduleId": "limits", "task": "do_task", "questionId": "limits.do.call",
                "value": { "kind": "text", "text": "my sister\nthe neighbour" } }),
    );
    let plans = app.ok("my_plans", json!({}));
    let step_plan = plan(&plans, "step-plan");
    assert_eq!(step_plan["state"], "made");
    let call = step_plan["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["question"]["id"] == "limits.do.call")
        .expect("the call step");
    assert_eq!(call["lines"], json!(["my sister", "the neighbour"]));
    assert_eq!(call["role"], "step");

    let module = app.ok("open_module", json!({ "moduleId": "limits" }));
    assert_eq!(
        module["do_task"]["answers"]["limits.do.call"]["text"],
        "my sister\nthe neighbour"
    );
    assert_eq!(plan(&plans, "network-map")["state"], "not_reached");
}
