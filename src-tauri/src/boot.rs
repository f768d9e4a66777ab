//! The first screen's answers, written into the page itself.
//!
//! At start-up the page would otherwise ask for its status, draw a "loading" frame, get the
//! answer, draw the home screen's frame, ask for the home screen's data and draw again: each
//! round trip waits for the page to finish drawing. Instead, when the web view asks for
//! `index.html`, the shell runs the same commands the first screen runs and puts their answers
//! in a JSON data block (`<script type="application/json">`: data, never run, so the CSP is
//! untouched). The UI takes each answer for the first call of its command during start-up
//! (ui/src/lib/api.ts) and asks over IPC for everything else. The answers are made per request,
//! so a reloaded page gets fresh ones; without them (a dev server, an older page) nothing
//! changes but the speed.

use crate::commands;
use crate::error::IpcError;
use crate::state::AppState;
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::sync::OnceLock;
use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::{App, AppHandle, Assets, Manager, Runtime};

/// The id of the data block; ui/src/lib/api.ts reads it.
pub const BOOT_ELEMENT_ID: &str = "houvast-boot";

/// The app's own assets, with the first screen's answers added to `index.html`.
pub struct WithFirstAnswers<R: Runtime> {
    inner: Box<dyn Assets<R>>,
    app: OnceLock<AppHandle<R>>,
}

impl<R: Runtime> WithFirstAnswers<R> {
    pub fn new(inner: Box<dyn Assets<R>>) -> Self {
        Self {
            inner,
            app: OnceLock::new(),
        }
    }
}

impl<R: Runtime> Assets<R> for WithFirstAnswers<R> {
    fn setup(&self, app: &App<R>) {
        let _ = self.app.set(app.handle().clone());
        self.inner.setup(app);
    }

    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        let _timing = crate::ready::span(|| format!("asset:{}", short_name(key.as_ref())));
        let asset = self.inner.get(key)?;
        if key.as_ref() != "/index.html" {
            return Some(asset);
        }
        let Some(app) = self.app.get() else {
            return Some(asset);
        };
        let Ok(html) = std::str::from_utf8(&asset) else {
            return Some(asset);
        };
        let answers = first_answers(app);
        Some(Cow::Owned(with_answers(html, &answers).into_bytes()))
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        self.inner.iter()
    }

    fn csp_hashes(&self, html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        self.inner.csp_hashes(html_path)
    }
}

/// An asset's file name without the bundler's content hash (Vite's: `-` and 8 characters
/// before the extension), for the start-up marks: `/assets/Loaded--DwhXy5z.css` → `Loaded.css`.
fn short_name(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    match file.rfind('.') {
        Some(dot) if dot >= 9 && file.as_bytes()[dot - 9] == b'-' => {
            format!("{}{}", &file[..dot - 9], &file[dot..])
        }
        _ => file.to_owned(),
    }
}

/// Stands in for the assets while [`WithFirstAnswers`] takes them out of the context.
pub struct NoAssets;

impl<R: Runtime> Assets<R> for NoAssets {
    fn get(&self, _key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        None
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(std::iter::empty())
    }

    fn csp_hashes(&self, _html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

/// What the first screen asks for, answered by the very commands it would call: the status
/// (onboarding, home or the lock screen) and, for a parent who is in, the home screen's data.
fn first_answers<R: Runtime>(app: &AppHandle<R>) -> Map<String, Value> {
    let mut answers = Map::new();
    if app.try_state::<AppState>().is_none() {
        return answers;
    }
    let status = commands::app_status(app.clone(), app.state());
    let in_app = matches!(&status, Ok(s) if s.profile.is_some());
    answers.insert("app_status".into(), answer(status));
    if in_app {
        answers.insert(
            "programme_overview".into(),
            answer(commands::programme_overview(app.clone(), app.state())),
        );
        answers.insert(
            "contacts".into(),
            answer(commands::contacts(app.clone(), app.state())),
        );
        answers.insert(
            "reminder_check".into(),
            answer(commands::reminder_check(app.clone(), app.state())),
        );
    }
    answers
}

/// `{"ok": value}` or `{"err": IpcError}`, as the UI would have received it over IPC.
fn answer<T: Serialize>(result: Result<T, IpcError>) -> Value {
    let (key, value) = match result {
        Ok(value) => ("ok", serde_json::to_value(value)),
        Err(error) => ("err", serde_json::to_value(error)),
    };
    match value {
        Ok(value) => Value::Object(Map::from_iter([(key.to_owned(), value)])),
        // Not expected; the UI then asks over IPC.
        Err(_) => Value::Null,
    }
}

/// `html` with the answers in a data block at the end of its head. Inside a script element
/// only `</script` (and `<!--`) could end or change it, so every `<` in the JSON is written as
/// `\u003c`: a pseudonym like `</script><script>…` stays text.
pub fn with_answers(html: &str, answers: &Map<String, Value>) -> String {
    let json = Value::Object(answers.clone())
        .to_string()
        .replace('<', "\\u003c");
    let block =
        format!(r#"<script type="application/json" id="{BOOT_ELEMENT_ID}">{json}</script>"#);
    match html.find("</head>") {
        Some(at) => format!("{}{block}{}", &html[..at], &html[at..]),
        None => format!("{block}{html}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn asset_marks_name_files_without_their_hash() {
        assert_eq!(short_name("/assets/Loaded--DwhXy5z.css"), "Loaded.css");
        assert_eq!(short_name("/assets/index-BBiqOG6-.js"), "index.js");
        assert_eq!(short_name("/index.html"), "index.html");
    }

    fn block_text(html: &str) -> &str {
        let open = format!(r#"id="{BOOT_ELEMENT_ID}">"#);
        let start = html.find(&open).unwrap() + open.len();
        let end = html[start..].find("</script>").unwrap() + start;
        &html[start..end]
    }

    #[test]
    fn the_answers_go_in_the_head_and_read_back_as_the_same_json() {
        let html = "<!doctype html><html><head><title>x</title></head><body></body></html>";
        let answers = json!({ "app_status": { "ok": { "profile": null } } });
        let out = with_answers(html, answers.as_object().unwrap());
        assert!(out.starts_with("<!doctype html><html><head><title>x</title><script"));
        assert!(out.ends_with("</script></head><body></body></html>"));
        let back: Value = serde_json::from_str(block_text(&out)).unwrap();
        assert_eq!(back, answers);
    }

    #[test]
    fn text_the_parent_wrote_cannot_end_the_block() {
        let pseudonym = "</script><script>alert(1)</script><!--";
        let answers = json!({ "app_status": { "ok": { "profile": { "pseudonym": pseudonym } } } });
        let out = with_answers("<head></head>", answers.as_object().unwrap());
        assert_eq!(out.matches("</script>").count(), 1, "{out}");
        assert!(!out.contains("<!--"));
        let back: Value = serde_json::from_str(block_text(&out)).unwrap();
        assert_eq!(back["app_status"]["ok"]["profile"]["pseudonym"], pseudonym);
    }
}
