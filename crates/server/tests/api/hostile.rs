use crate::both_backends;
use crate::common::*;
use houvast_protocol::*;
use houvast_server::ratelimit::{Backoff, Limits, Rate};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

async fn oversized_and_malformed_bodies_get_clear_4xx(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let c = s.client(&w).await;
    let http = s.http();
    let auth = format!("Bearer {}", c.token);
    let url = |p: &str| format!("{}{}", s.url, p);
    let expect = |st: StatusCode, v: &Value, want: StatusCode, code: &str| {
        assert_eq!(st, want, "{v}");
        assert_eq!(v["code"], code, "{v}");
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
    };
    let send = |req: reqwest::RequestBuilder| async move {
        let r = req.send().await.unwrap();
        let st = r.status();
        (
            st,
            serde_json::from_str::<Value>(&r.text().await.unwrap()).unwrap_or(Value::Null),
        )
    };

    let big = "x".repeat(20 * 1024);
    // A refused body is left unread: the connection is closed, and the response says so, so
    // that a client's next request does not go out on it and fail half-way.
    let r = http
        .post(url("/api/v1/client/pair"))
        .header("content-type", "application/json")
        .body(format!("{{\"code\":\"{big}\"}}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.headers().get("connection").map(|v| v.as_bytes()),
        Some(&b"close"[..])
    );
    let st = r.status();
    let v = serde_json::from_str::<Value>(&r.text().await.unwrap()).unwrap_or(Value::Null);
    expect(st, &v, StatusCode::PAYLOAD_TOO_LARGE, "body_too_large");
    let huge = "A".repeat(300 * 1024);
    let id = uuid::Uuid::new_v4();
    let (st, v) = send(
        http.put(url(&format!("/api/v1/client/checkins/{id}")))
            .header("authorization", &auth)
            .header("content-type", "application/json")
            .body(format!(
                "{{\"contact_point\":1,\"sealed_for_worker\":\"{huge}\"}}"
            )),
    )
    .await;
    expect(st, &v, StatusCode::PAYLOAD_TOO_LARGE, "body_too_large");
    let (st, v) = send(
        http.post(url("/api/v1/client/pair"))
            .header("content-type", "application/json")
            .body("{not json"),
    )
    .await;
    expect(st, &v, StatusCode::BAD_REQUEST, "malformed_json");
    let (st, v) = send(
        http.post(url("/api/v1/client/pair"))
            .header("content-type", "text/plain")
            .body("{}"),
    )
    .await;
    expect(
        st,
        &v,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    );

    // Sealed boxes that are not padded, not base64, or too short are refused unread.
    let pk = c.pairing.worker_public_key.clone();
    let good = seal_box(&c.keys, &pk, b"x").unwrap();
    for bad in [
        json!("not base64 !!"),
        json!(b64_encode(&[0u8; 100])),
        json!(b64_encode(&[0u8; 40])),
        json!(12),
    ] {
        let body =
            json!({"contact_point": 1, "sealed_for_worker": bad, "sealed_for_recovery": good});
        let (st, v) = s.submit(&c, uuid::Uuid::new_v4(), &body).await;
        expect(st, &v, StatusCode::BAD_REQUEST, "invalid_body");
    }
    for cp in [json!(0), json!(4), json!("1"), json!(-1), json!(1e30)] {
        let body =
            json!({"contact_point": cp, "sealed_for_worker": good, "sealed_for_recovery": good});
        let (st, v) = s.submit(&c, uuid::Uuid::new_v4(), &body).await;
        expect(st, &v, StatusCode::BAD_REQUEST, "invalid_body");
    }
    let body = json!({"contact_point": 1, "sealed_for_worker": good, "sealed_for_recovery": good, "urgent": true});
    let (st, v) = s.submit(&c, uuid::Uuid::new_v4(), &body).await;
    expect(st, &v, StatusCode::BAD_REQUEST, "invalid_body");
    let (st, v) = send(
        http.put(url("/api/v1/client/checkins/not-a-uuid"))
            .header("authorization", &auth)
            .json(&json!({})),
    )
    .await;
    expect(st, &v, StatusCode::BAD_REQUEST, "invalid_path");
    let (st, v) = s
        .call(
            &w.http,
            Method::POST,
            &format!(
                "/api/v1/worker/clients/{}/contact-points/7/done",
                c.pairing.client_id
            ),
            None,
            &[CSRF],
        )
        .await;
    expect(st, &v, StatusCode::BAD_REQUEST, "invalid_contact_point");
    let (st, v) = s
        .call(&http, Method::GET, "/api/v1/nothing-here", None, &[])
        .await;
    expect(st, &v, StatusCode::NOT_FOUND, "no_such_endpoint");
    let (st, v) = s
        .call(&http, Method::PATCH, "/api/v1/client/pair", None, &[])
        .await;
    expect(st, &v, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    let label = seal_box(&w.keys, &w.keys.public_bytes(), &[b'n'; 900]).unwrap();
    let (st, v) = s
        .call(
            &w.http,
            Method::POST,
            "/api/v1/worker/pairing-codes",
            Some(json!({"sealed_label": label})),
            &[CSRF],
        )
        .await;
    expect(st, &v, StatusCode::BAD_REQUEST, "label_too_long");
}
both_backends!(oversized_and_malformed_bodies_get_clear_4xx);

async fn cookie_requests_from_another_site_are_refused(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let (st, v) = s
        .call(
            &w.http,
            Method::POST,
            "/api/v1/worker/pairing-codes",
            Some(json!({})),
            &[],
        )
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("csrf"))
    );
    let (st, v) = s
        .call(
            &w.http,
            Method::POST,
            "/api/v1/worker/pairing-codes",
            Some(json!({})),
            &[CSRF, ("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("csrf"))
    );
    let origin = s.url.clone();
    let (st, _) = s
        .call(
            &w.http,
            Method::POST,
            "/api/v1/worker/pairing-codes",
            Some(json!({})),
            &[CSRF, ("origin", &origin)],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED);
    // Reading needs no header: SameSite=Strict keeps the cookie off cross-site requests.
    let (st, _) = s
        .call(&w.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    assert_eq!(st, StatusCode::OK);
}
both_backends!(cookie_requests_from_another_site_are_refused);

async fn pairing_and_sign_in_are_rate_limited(kind: Kind) {
    let Some(s) = TestServer::start_with(kind, |c| {
        c.limits = Limits {
            pair_per_ip: Rate::new(5.0, 1.0 / 3600.0),
            sign_in_address: Backoff {
                free: 4,
                first_delay: Duration::from_secs(3600),
                max_delay: Duration::from_secs(3600),
                forget_after: Duration::from_secs(24 * 3600),
            },
            ..Limits::unlimited()
        }
    })
    .await
    else {
        return;
    };
    let mut statuses = Vec::new();
    for _ in 0..7 {
        statuses.push(s.pair(&PairingCode::generate().display()).await.0);
    }
    assert_eq!(&statuses[..5], [StatusCode::NOT_FOUND; 5]);
    assert_eq!(&statuses[5..], [StatusCode::TOO_MANY_REQUESTS; 2]);
    let resp = s.http().post(format!("{}/api/v1/client/pair", s.url))
        .json(&json!({"protocol_version": 1, "code": PairingCode::generate().display(), "public_key": KeyPair::generate().public_bytes()}))
        .send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0);

    let http = s.http();
    let mut codes = Vec::new();
    for _ in 0..5 {
        let body = json!({"email": "x@example.org", "login_key": b64_encode(&[1u8; 32])});
        codes.push(
            s.call(
                &http,
                Method::POST,
                "/api/v1/worker/sign-in",
                Some(body),
                &[CSRF],
            )
            .await
            .0,
        );
    }
    assert_eq!(&codes[..4], [StatusCode::UNAUTHORIZED; 4]);
    assert_eq!(codes[4], StatusCode::TOO_MANY_REQUESTS);
}
both_backends!(pairing_and_sign_in_are_rate_limited);

/// xorshift64*: a seeded generator, so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
    fn string(&mut self) -> String {
        match self.below(6) {
            0 => String::new(),
            1 => "A".repeat(self.below(5000) as usize),
            2 => {
                let n = self.below(64) as usize;
                String::from_utf8_lossy(&self.bytes(n)).into_owned()
            }
            3 => {
                let n = self.below(400) as usize;
                b64_encode(&self.bytes(n))
            }
            4 => PairingCode::generate().display(),
            _ => uuid::Uuid::new_v4().to_string(),
        }
    }
    fn json(&mut self, depth: u32, fields: &[&str]) -> Value {
        match if depth > 3 {
            self.below(4)
        } else {
            self.below(7)
        } {
            0 => Value::Null,
            1 => json!(self.next() as i64),
            2 => json!(self.string()),
            3 => json!(self.below(2) == 0),
            4 => Value::Array(
                (0..self.below(4))
                    .map(|_| self.json(depth + 1, fields))
                    .collect(),
            ),
            _ => {
                let mut m = serde_json::Map::new();
                for _ in 0..self.below(6) {
                    let key = if self.below(3) > 0 && !fields.is_empty() {
                        fields[self.below(fields.len() as u64) as usize].to_string()
                    } else {
                        self.string()
                    };
                    m.insert(key, self.json(depth + 1, fields));
                }
                Value::Object(m)
            }
        }
    }
}

const FIELDS: &[&str] = &[
    "token",
    "salt",
    "login_key",
    "public_key",
    "wrapped_secret_key",
    "email",
    "sealed_label",
    "contact_point",
    "sealed_for_client",
    "sealed_for_worker",
    "sealed_for_recovery",
    "protocol_version",
    "code",
];

/// Random bytes and random JSON at every endpoint in the OpenAPI document, anonymous, as a
/// signed-in worker and as a paired client: only 4xx for a body that cannot be right, and
/// never a 5xx for anything.
async fn random_input_never_gets_a_5xx(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let c = s.client(&w).await;
    let client_id = c.pairing.client_id.to_string();
    let doc: Value = serde_json::from_str(&houvast_server::openapi::document_json()).unwrap();
    let mut rng = Rng(0x5eed_0000_0000_0001 ^ u64::from(std::process::id()));
    let auth = format!("Bearer {}", c.token);
    let anonymous = s.http();
    let mut sent = 0;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            if path.ends_with("/sign-out") || path.ends_with("/pairing") && method == "delete" {
                continue; // would end the very session or pairing the fuzzing uses
            }
            let takes_body = op.get("requestBody").is_some();
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            for round in 0..40 {
                let concrete = path
                    .replace(
                        "{client_id}",
                        &match rng.below(3) {
                            0 => client_id.clone(),
                            1 => uuid::Uuid::new_v4().to_string(),
                            _ => rng.string().replace('/', ""),
                        },
                    )
                    .replace(
                        "{checkin_id}",
                        &if rng.below(2) == 0 {
                            uuid::Uuid::new_v4().to_string()
                        } else {
                            rng.string().replace('/', "")
                        },
                    )
                    .replace("{number}", &(rng.next() as i64 % 6).to_string());
                let concrete: String = concrete
                    .chars()
                    .filter(|ch| ch.is_ascii_graphic())
                    .collect();
                let (http, headers): (&reqwest::Client, Vec<(&str, &str)>) = match round % 3 {
                    0 => (&anonymous, vec![]),
                    1 => (&w.http, vec![CSRF]),
                    _ => (&anonymous, vec![("authorization", auth.as_str())]),
                };
                let mut req = http.request(method.clone(), format!("{}{}", s.url, concrete));
                for (k, v) in &headers {
                    req = req.header(*k, *v);
                }
                // Random JSON may happen to be valid (`{}` is a fine pairing-code request);
                // random bytes are never valid.
                let random_bytes = rng.below(2) == 0;
                req = if !random_bytes {
                    req.header("content-type", "application/json")
                        .body(serde_json::to_vec(&rng.json(0, FIELDS)).unwrap())
                } else {
                    let n = rng.below(3000) as usize;
                    req.header(
                        "content-type",
                        if rng.below(2) == 0 {
                            "application/json"
                        } else {
                            "application/octet-stream"
                        },
                    )
                    .body(rng.bytes(n))
                };
                let resp = req.send().await.unwrap();
                let status = resp.status();
                sent += 1;
                assert!(!status.is_server_error(), "{method} {concrete}: {status}");
                if takes_body && random_bytes {
                    assert!(
                        status.is_client_error(),
                        "{method} {concrete}: {status} for a random body"
                    );
                }
                if status.is_client_error() {
                    let v: Value = resp.json().await.unwrap_or(Value::Null);
                    assert!(
                        v["code"].is_string() && v["message"].is_string(),
                        "{method} {concrete}: {status} without {{code, message}}"
                    );
                }
            }
        }
    }
    assert!(sent > 500, "{sent}");
}
both_backends!(random_input_never_gets_a_5xx);
