//! The export of everything a parent wrote, against a real SQLCipher database in a temp dir and
//! the bundled programme: each kind of text comes out in both formats, escaped in the HTML, in
//! the parent's language, in the shape `docs/export.schema.json` promises, and only in the file
//! the parent chose.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use houvast_core::reflection::ReflectionAnswers;
use houvast_core::{
    AnswerValue, Clock, ErrorCode, Language, ModuleId, ProfileInput, Programme, QuestionId,
    QuestionInput, TaskKind,
};
use houvast_protocol::wire::{ClientState, PairResponse, ReplyForClient};
use houvast_protocol::{
    seal_reply, CheckIn, CheckInPlace, ContactPoint, KeyPair, PairingCode, Reply, ReplyHeader,
    WayOfContact, REPLY_FORMAT,
};
use houvast_session::{CheckInDraft, ExportFormat, Session, ShareRef};
use houvast_store::{DatabaseKey, Store};
use serde_json::Value;

const AMSTERDAM: Tz = chrono_tz::Europe::Amsterdam;

/// An answer that would run as a script if it were not escaped.
const HOSTILE: &str = "<script>alert('x')</script> Tom & Jerry \"quoted\"";

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
        Session::new(&self.programme, &self.store, clock(local))
    }
}

fn clock(local: &str) -> Clock {
    let naive = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").expect("time");
    let now: DateTime<Utc> = AMSTERDAM
        .from_local_datetime(&naive)
        .earliest()
        .expect("local time exists")
        .with_timezone(&Utc);
    Clock::new(now, AMSTERDAM)
}

fn id(s: &str) -> ModuleId {
    ModuleId::new(s).expect("module id")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Answers every do-task question of `module` (texts carry `marker`), reads every page and
/// marks the do-task done, so the next module opens.
fn do_module(parent: &Parent, module: &str, marker: &str, local: &str) {
    let s = parent.at(local);
    let view = s.open_module(&id(module)).expect("open");
    for page in &view.pages {
        s.mark_page_read(&id(module), page.index).expect("read");
    }
    for q in &view.do_task.task.questions {
        let value = match &q.input {
            QuestionInput::Text { .. } => AnswerValue::Text {
                text: format!("{marker} {}", q.id.as_str()),
            },
            QuestionInput::Choice { options, .. } => AnswerValue::Choice {
                selected: vec![options[0].id.clone()],
            },
            QuestionInput::Scale { max, .. } => AnswerValue::Scale { value: *max },
        };
        s.save_answer(&id(module), TaskKind::DoTask, &q.id, &value)
            .expect("answer");
    }
    s.complete_task(&id(module), TaskKind::DoTask)
        .expect("do-task done");
}

/// A parent who did modules 1-4 (answers marked ANSWER-ONE ... in modules 1, 2 and 4, one of
/// them hostile HTML), wrote reflections on three evenings, sent check-in 1 and got a reply.
fn parent_with_everything() -> Parent {
    let parent = Parent::new();
    parent
        .at("2026-03-01 12:00")
        .onboard(ProfileInput {
            language: Language::Nl,
            pseudonym: "Sam & Co".into(),
            children_ages: vec![6, 11],
            role: Default::default(),
        })
        .expect("onboard");
    let worker = pair(&parent, "2026-03-01 12:00");

    do_module(&parent, "good-enough", "ANSWER-ONE", "2026-03-02 20:00");
    parent
        .at("2026-03-02 20:10")
        .save_answer(
            &id("good-enough"),
            TaskKind::DoTask,
            &first_text_question(&parent, TaskKind::DoTask),
            &AnswerValue::Text {
                text: format!("ANSWER-HOSTILE {HOSTILE}"),
            },
        )
        .expect("hostile answer");
    reflect(
        &parent,
        day(2026, 3, 2),
        "2026-03-02 21:00",
        "REFLECTION-MONDAY",
    );

    // Check-in 1, sharing Monday's reflection, and the worker's reply.
    let s = parent.at("2026-03-03 09:00");
    s.save_checkin_draft(
        1,
        &CheckInDraft {
            parenting: Some(7),
            feeling: Some(5),
            confidence: Some(6),
            talk_about: "CHECKIN-TALK de ochtenden".into(),
            ways: vec![WayOfContact::Phone, WayOfContact::HomeVisit],
            times: "CHECKIN-TIMES dinsdagochtend".into(),
            shared: vec![ShareRef::Reflection {
                date: day(2026, 3, 2),
            }],
            worried_about_safety: Some(false),
            ..Default::default()
        },
    )
    .expect("draft");
    let preview = s.preview_checkin(1).expect("preview");
    s.send_checkin(1, &preview).expect("sent");
    reply(
        &parent,
        &worker,
        "REPLY-MESSAGE Tot donderdag.",
        "2026-03-04 10:00",
    );

    reflect(
        &parent,
        day(2026, 3, 5),
        "2026-03-05 21:00",
        "REFLECTION-THURSDAY",
    );
    parent
        .at("2026-03-09 20:00")
        .save_answer(
            &id("good-enough"),
            TaskKind::HomeAssignment,
            &first_text_question(&parent, TaskKind::HomeAssignment),
            &AnswerValue::Text {
                text: "ANSWER-HOME samen naar het park".into(),
            },
        )
        .expect("home assignment answer");
    do_module(&parent, "talking", "ANSWER-TWO", "2026-03-10 20:00");
    do_module(&parent, "development", "ANSWER-THREE", "2026-03-11 20:00");
    do_module(&parent, "limits", "PLAN-STEP", "2026-03-12 20:00");
    // Half past one at night still belongs to the evening before.
    reflect(
        &parent,
        day(2026, 3, 12),
        "2026-03-13 01:30",
        "REFLECTION-LATE",
    );
    parent
}

fn reflect(parent: &Parent, date: NaiveDate, local: &str, text: &str) {
    parent
        .at(local)
        .save_reflection(
            date,
            &ReflectionAnswers {
                went_well: text.into(),
                noticed_in_myself: String::new(),
                noticed_in_child: format!("{text}-CHILD"),
            },
        )
        .expect("reflection");
}

/// The first question of module 1's `task` that takes a text.
fn first_text_question(parent: &Parent, task: TaskKind) -> QuestionId {
    parent.programme.modules[0]
        .text(Language::Nl)
        .task(task)
        .questions
        .iter()
        .find(|q| matches!(q.input, QuestionInput::Text { .. }))
        .expect("a text question")
        .id
        .clone()
}

fn pair(parent: &Parent, local: &str) -> KeyPair {
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
            worker_display_name: "Noor de Vries".into(),
            organisation: "GGZ".into(),
            worker_public_key: worker.public_bytes(),
            recovery_public_key: KeyPair::generate().public_bytes(),
        },
    )
    .expect("paired");
    worker
}

/// The worker's reply to check-in 1, sealed as the dashboard does and taken in by the app.
fn reply(parent: &Parent, worker: &KeyPair, message: &str, local: &str) {
    let cp = ContactPoint::new(1).expect("cp");
    let pairing = parent.store.pairing().expect("read").expect("paired");
    let sent = parent
        .store
        .sent_checkin::<CheckIn>(cp)
        .expect("read")
        .expect("sent");
    let keys = pairing.pinned.keys().clone();
    let at = clock(local).now;
    let sealed = seal_reply(
        worker,
        &keys,
        &ReplyHeader {
            place: CheckInPlace {
                client_id: pairing.client_id,
                checkin_id: sent.checkin_id,
                contact_point: cp,
            },
            reply_id: uuid::Uuid::new_v4(),
            sent_at: at,
        },
        &Reply {
            format: REPLY_FORMAT,
            proposed_time: Some(
                DateTime::parse_from_rfc3339("2026-03-12T10:30:00+01:00").expect("time"),
            ),
            way_of_contact: WayOfContact::Phone,
            message: message.into(),
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
            created_at: at,
        }],
    };
    let report = parent
        .at(local)
        .apply_server_state(&state)
        .expect("applied");
    assert_eq!(report.new_replies.len(), 1);
}

const MARKERS: [&str; 12] = [
    "ANSWER-ONE",
    "ANSWER-HOME",
    "ANSWER-TWO",
    "PLAN-STEP",
    "REFLECTION-MONDAY",
    "REFLECTION-THURSDAY",
    "REFLECTION-LATE",
    "REFLECTION-LATE-CHILD",
    "CHECKIN-TALK",
    "CHECKIN-TIMES",
    "REPLY-MESSAGE",
    "Sam &",
];

#[test]
fn the_html_export_holds_everything_the_parent_wrote_escaped_and_in_dutch() {
    let parent = parent_with_everything();
    let html = parent
        .at("2026-03-14 10:00")
        .export(ExportFormat::Html)
        .expect("html");
    for marker in MARKERS {
        let marker = marker.replace('&', "&amp;");
        assert!(html.contains(&marker), "{marker} is missing from the HTML");
    }

    // What a parent (or a worker) wrote is text, never markup.
    assert!(!html.contains("<script"), "no script in the file");
    assert!(html.contains(
        "ANSWER-HOSTILE &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Tom &amp; Jerry &quot;quoted&quot;"
    ));
    assert!(!html.contains("Tom & Jerry"));
    assert!(html.contains("Sam &amp; Co"));

    // Self-contained and printable: nothing loaded from anywhere, A4, a page per section.
    for remote in ["http://", "https://", "src=", "<link", "@import", "url("] {
        assert!(!html.contains(remote), "{remote} in a self-contained file");
    }
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("break-before: page"));
    assert!(html.contains("default-src 'none'"));

    // In Dutch: the page, the fixed words and the programme's own texts.
    assert!(html.contains("<html lang=\"nl\">"));
    assert!(html.contains("<h1>Wat ik schreef in Houvast</h1>"));
    assert!(html.contains("Gemaakt op zaterdag 14 maart 2026"));
    assert!(html.contains("dit bestand is niet versleuteld"));
    assert!(html.contains("Goed genoeg ouder zijn"), "a module title");
    assert!(html.contains("Mijn stappenplan voor moeilijke momenten"));
    assert!(
        html.contains("donderdag 5 maart 2026"),
        "a reflection's evening"
    );
    assert!(html.contains("6 en 11 jaar"));
    assert!(html.contains("Bellen, Huisbezoek"), "the ways, in words");
    assert!(
        html.contains("<dt>Avond van 2026-03-02</dt>"),
        "the reflection shared in the check-in"
    );
    assert!(html.contains("Modules klaar: 1\nDoe-opdrachten klaar: 1"));
    assert!(
        html.contains("donderdag 12 maart 2026 om 10:30"),
        "the proposed time in the parent's zone"
    );
    assert!(!html.contains("What I wrote"));

    // The question texts come along, so the file reads on its own.
    let module = &parent.programme.modules[0];
    let label = &module.text(Language::Nl).do_task.questions[0].label;
    assert!(!label.is_empty());
    assert!(
        html.contains(&html_escaped(label)),
        "the question {label:?}"
    );
}

fn html_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn in_english_the_export_speaks_english() {
    let parent = parent_with_everything();
    let s = parent.at("2026-03-14 10:00");
    s.set_language(Language::En).expect("english");
    let html = s.export(ExportFormat::Html).expect("html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<h1>What I wrote in Houvast</h1>"));
    assert!(html.contains("Made on Saturday 14 March 2026"));
    assert!(html.contains("this file is not encrypted"));
    assert!(html.contains("My step plan for difficult moments"));
    assert!(html.contains("Phone call, Home visit"));
    assert!(html.contains("6 and 11 years"));
    assert!(!html.contains("Wat ik schreef"));
    assert!(!html.contains("Goed genoeg ouder zijn"));
    for marker in MARKERS {
        let marker = marker.replace('&', "&amp;");
        assert!(html.contains(&marker), "{marker} is missing in English");
    }
    let json: Value =
        serde_json::from_str(&s.export(ExportFormat::Json).expect("json")).expect("valid JSON");
    assert_eq!(json["language"], "en");
    assert_eq!(
        json["plans"][0]["title"],
        "My step plan for difficult moments"
    );
}

#[test]
fn the_json_export_holds_everything_in_the_documented_shape() {
    let parent = parent_with_everything();
    let text = parent
        .at("2026-03-14 10:00")
        .export(ExportFormat::Json)
        .expect("json");
    let json: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(json["format"], "houvast-export");
    assert_eq!(json["version"], 1);
    assert_eq!(json["language"], "nl");
    assert_eq!(json["created_at"], "2026-03-14T09:00:00Z");
    assert_eq!(json["time_zone"], "Europe/Amsterdam");
    assert_eq!(json["profile"]["pseudonym"], "Sam & Co");
    assert_eq!(json["profile"]["children_ages"], serde_json::json!([6, 11]));
    for marker in MARKERS {
        assert!(text.contains(marker), "{marker} is missing from the JSON");
    }
    assert!(text.contains(&serde_json::to_string(HOSTILE).expect("json string")[1..]));

    let modules = json["modules"].as_array().expect("modules");
    assert_eq!(
        modules.iter().map(|m| m["id"].as_str()).collect::<Vec<_>>(),
        [
            Some("good-enough"),
            Some("talking"),
            Some("development"),
            Some("limits")
        ],
        "the modules the parent worked in, in order"
    );
    let one = &modules[0];
    assert_eq!(one["tasks"][0]["kind"], "do_task");
    assert_eq!(one["tasks"][1]["kind"], "home_assignment");
    assert_eq!(
        one["tasks"][1]["answers"][0]["answer"],
        serde_json::json!({ "kind": "text", "text": "ANSWER-HOME samen naar het park" })
    );
    let hostile = one["tasks"][0]["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| {
            a["answer"]["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("ANSWER-HOSTILE"))
        })
        .expect("the hostile answer, as written");
    assert_eq!(
        hostile["question_id"],
        first_text_question(&parent, TaskKind::DoTask).as_str()
    );
    assert_eq!(
        hostile["answer"]["text"],
        format!("ANSWER-HOSTILE {HOSTILE}")
    );
    let first = &one["tasks"][0]["answers"][0];
    assert!(first["question"].as_str().is_some_and(|q| !q.is_empty()));

    let plan = &json["plans"][0];
    assert_eq!(plan["kind"], "step_plan");
    assert_eq!(plan["parts"][0]["role"], "situation");
    assert!(plan["parts"][0]["lines"][0]
        .as_str()
        .is_some_and(|l| l.starts_with("PLAN-STEP")));

    let dates: Vec<&str> = json["reflections"]
        .as_array()
        .expect("reflections")
        .iter()
        .filter_map(|r| r["date"].as_str())
        .collect();
    assert_eq!(
        dates,
        ["2026-03-02", "2026-03-05", "2026-03-12"],
        "every evening, oldest first; 01:30 still belongs to the evening before"
    );

    let contact = &json["check_ins"][0];
    assert_eq!(contact["contact_point"], 1);
    assert_eq!(contact["sent"]["parenting"], 7);
    assert_eq!(
        contact["sent"]["preferred_ways"],
        serde_json::json!(["phone", "home_visit"])
    );
    assert_eq!(contact["sent"]["worried_about_safety"], false);
    assert_eq!(contact["sent"]["modules_done"], 1, "as it was when sent");
    assert_eq!(
        contact["sent"]["shared"][0]["question"],
        "Avond van 2026-03-02"
    );
    assert!(contact["sent"]["shared"][0]["answer"]
        .as_str()
        .is_some_and(|a| a.contains("REFLECTION-MONDAY")));
    assert_eq!(contact["replies"][0]["way_of_contact"], "phone");
    assert_eq!(
        contact["replies"][0]["proposed_time"],
        "2026-03-12T10:30:00+01:00"
    );

    let schema_file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/export.schema.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_file).expect("the schema file"))
            .expect("docs/export.schema.json is JSON");
    let mut problems = Vec::new();
    conforms(&schema, &schema, &json, "$", &mut problems);
    assert_eq!(
        problems,
        Vec::<String>::new(),
        "the export against its schema"
    );

    // The check itself can fail: a missing field, a wrong type and an unknown field are seen.
    let mut broken = json.clone();
    broken.as_object_mut().expect("object").remove("format");
    broken["check_ins"][0]["sent"]["parenting"] = "zeven".into();
    broken["profile"]["real_name"] = "Sam Jansen".into();
    let mut problems = Vec::new();
    conforms(&schema, &schema, &broken, "$", &mut problems);
    assert_eq!(problems.len(), 3, "{problems:?}");
}

/// Checks `value` against the parts of JSON Schema the export's schema uses: `$ref` into
/// `$defs`, `type`, `required`, `properties`, `items`, `oneOf`/`anyOf`, `const` and `enum`.
/// Every property the export writes must be declared, and every required one present.
fn conforms(root: &Value, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/$defs/");
        return conforms(root, &root["$defs"][name], value, at, problems);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema[key].as_array() {
            let fits = options.iter().any(|option| {
                let mut inner = Vec::new();
                conforms(root, option, value, at, &mut inner);
                inner.is_empty()
            });
            if !fits {
                problems.push(format!("{at}: fits none of {key}"));
            }
            return;
        }
    }
    if let Some(expected) = schema.get("const") {
        if expected != value {
            problems.push(format!("{at}: {value} is not {expected}"));
        }
    }
    if let Some(allowed) = schema["enum"].as_array() {
        if !allowed.contains(value) {
            problems.push(format!("{at}: {value} is not one of {allowed:?}"));
        }
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let type_of = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let fits = types.is_empty()
        || types.contains(&type_of)
        || (type_of == "integer" && types.contains(&"number"));
    if !fits {
        problems.push(format!("{at}: a {type_of}, not {types:?}"));
        return;
    }
    if let Value::Object(fields) = value {
        for name in schema["required"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap_or_default();
            if !fields.contains_key(name) {
                problems.push(format!("{at}: {name} is required"));
            }
        }
        for (name, field) in fields {
            match schema["properties"].get(name) {
                Some(inner) => conforms(root, inner, field, &format!("{at}.{name}"), problems),
                None => problems.push(format!("{at}.{name} is not in the schema")),
            }
        }
    }
    if let (Value::Array(items), Some(inner)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            conforms(root, inner, item, &format!("{at}[{i}]"), problems);
        }
    }
}

#[test]
fn the_export_goes_only_to_the_chosen_file() {
    let parent = parent_with_everything();
    let s = parent.at("2026-03-14 10:00");
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("mijn-houvast.html");
    std::fs::write(&path, "an older export").expect("an older file");

    let saved = s.export_to(&path, ExportFormat::Html).expect("saved");
    assert_eq!(saved.path, path.display().to_string());
    let written = std::fs::read_to_string(&path).expect("read back");
    assert_eq!(written, s.export(ExportFormat::Html).expect("html"));
    assert_eq!(saved.bytes, written.len() as u64);
    let names: Vec<String> = std::fs::read_dir(folder.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["mijn-houvast.html"],
        "no temporary file left beside it"
    );

    let json_path = folder.path().join("mijn-houvast.json");
    s.export_to(&json_path, ExportFormat::Json).expect("json");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).expect("read")).expect("json");
    assert_eq!(json["format"], "houvast-export");

    // A folder that is not there: a clear error, and nothing written anywhere.
    let missing = folder.path().join("not-there").join("export.html");
    let err = s
        .export_to(&missing, ExportFormat::Html)
        .expect_err("no such folder");
    assert_eq!(err.code(), ErrorCode::ExportFailed);
    // A folder chosen as the file: refused, the folder left as it was.
    let err = s
        .export_to(folder.path(), ExportFormat::Html)
        .expect_err("a folder");
    assert_eq!(err.code(), ErrorCode::ExportFailed);
    let mut names: Vec<String> = std::fs::read_dir(folder.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["mijn-houvast.html", "mijn-houvast.json"]);
}

#[test]
fn a_new_parent_gets_a_short_export_and_no_parent_gets_none() {
    let parent = Parent::new();
    let s = parent.at("2026-03-01 12:00");
    assert_eq!(
        s.export(ExportFormat::Html).expect_err("nobody yet").code(),
        ErrorCode::NotOnboarded
    );
    s.onboard(ProfileInput {
        language: Language::Nl,
        pseudonym: "Sam".into(),
        children_ages: vec![3],
        role: houvast_core::Role::Partner,
    })
    .expect("onboard");
    let html = s.export(ExportFormat::Html).expect("html");
    assert!(html.contains("partner van een ouder"));
    assert!(html.contains("Je hebt nog geen plan gemaakt."));
    assert!(html.contains("Je hebt nog geen reflecties geschreven."));
    assert!(html.contains("Je hebt nog geen check-in gestuurd."));
    let json: Value =
        serde_json::from_str(&s.export(ExportFormat::Json).expect("json")).expect("json");
    assert_eq!(json["modules"], serde_json::json!([]));
    assert_eq!(json["check_ins"], serde_json::json!([]));
    assert_eq!(json["profile"]["role"], "partner");
    let dialog = s.export_dialog(ExportFormat::Json).expect("dialog");
    assert_eq!(dialog.file_name, "houvast-2026-03-01.json");
}
