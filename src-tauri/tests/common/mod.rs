//! The command-test harness every test file shares: the app's real commands through Tauri's
//! IPC layer (mock runtime, no window), with a real SQLCipher store in a temp dir and the
//! bundled content.
#![allow(dead_code)] // each test file uses its own part of the harness

use houvast_app::state::{AppState, KeySource};
use houvast_store::DatabaseKey;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

pub const KEY: [u8; 32] = [7; 32];

pub struct TestApp {
    pub app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
}

pub fn start(dir: &std::path::Path) -> TestApp {
    start_with_key(dir, KEY)
}

pub fn start_with_key(dir: &std::path::Path, key: [u8; 32]) -> TestApp {
    let app = houvast_app::with_commands(mock_builder())
        .manage(AppState::new(
            dir.to_path_buf(),
            KeySource::Fixed(DatabaseKey::from_bytes(key)),
        ))
        .build(mock_context(noop_assets()))
        .expect("app builds");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window builds");
    TestApp { app, window }
}

impl TestApp {
    pub fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request)
            .map(|body| body.deserialize::<Value>().expect("json response"))
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args.clone())
            .unwrap_or_else(|e| panic!("{cmd}({args}) failed: {e}"))
    }

    /// The IPC error of a refused call, checked to have a code and a message.
    pub fn err(&self, cmd: &str, args: Value) -> Value {
        let err = self
            .call(cmd, args.clone())
            .expect_err(&format!("{cmd}({args}) should fail"));
        assert!(
            err["message"].as_str().is_some_and(|m| !m.is_empty()),
            "no message: {err}"
        );
        assert!(err["code"].is_string(), "no code: {err}");
        err
    }

    pub fn err_code(&self, cmd: &str, args: Value) -> String {
        self.err(cmd, args)["code"]
            .as_str()
            .expect("error has a code")
            .to_owned()
    }

    /// Arguments that do not parse into the command's types are refused by the IPC layer
    /// before any use case runs, with a message that names the argument.
    pub fn refused_args(&self, cmd: &str, args: Value) -> String {
        let err = self
            .call(cmd, args.clone())
            .expect_err(&format!("{cmd}({args}) should be refused"));
        let message = err.as_str().unwrap_or_default().to_owned();
        assert!(
            message.contains("invalid args"),
            "{cmd}({args}): expected an argument error, got {err}"
        );
        message
    }

    pub fn onboard(&self) {
        self.ok(
            "save_profile",
            json!({ "input": { "language": "nl", "pseudonym": "Sam", "children_ages": [6] } }),
        );
    }
}
