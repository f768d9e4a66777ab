use crate::common::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;

const CHECKED_IN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");

/// The checked-in `crates/server/openapi.json` is what the code generates
/// (`UPDATE_OPENAPI=1` rewrites it), and the server serves exactly that.
#[tokio::test]
async fn openapi_document_is_in_sync() {
    let generated = houvast_server::openapi::document_json() + "\n";
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(CHECKED_IN, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(CHECKED_IN).unwrap_or_default();
    assert!(checked_in == generated, "crates/server/openapi.json is out of date: run UPDATE_OPENAPI=1 cargo nextest run -p houvast-server openapi");

    let s = TestServer::start(Kind::Sqlite).await.unwrap();
    let (st, served) = s
        .call(&s.http(), Method::GET, "/openapi.json", None, &[])
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(served, serde_json::from_str::<Value>(&generated).unwrap());
}

/// Every documented path and method is routed, and every routed API path is documented.
#[tokio::test]
async fn every_documented_endpoint_exists() {
    let s = TestServer::start(Kind::Sqlite).await.unwrap();
    let doc: Value = serde_json::from_str(&houvast_server::openapi::document_json()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 17, "{}", paths.len());
    for (path, ops) in paths {
        let concrete = path
            .replace("{client_id}", &uuid::Uuid::new_v4().to_string())
            .replace("{checkin_id}", &uuid::Uuid::new_v4().to_string())
            .replace("{number}", "1");
        for method in ops.as_object().unwrap().keys() {
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let (st, v) = s.call(&s.http(), m, &concrete, None, &[]).await;
            assert_ne!(v["code"], "no_such_endpoint", "{method} {path}");
            assert_ne!(st, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        }
    }
}
