#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
//! Test vectors for protocol version 1. `UPDATE_VECTORS=1 cargo test -p houvast-protocol
//! --test vectors` rewrites the parts Rust makes (sealed boxes are randomised, so they change);
//! the part libsodium made (`sealed_from_libsodium`) is written by
//! `tests/protocol-js/generate.mjs` and only checked here. `tests/protocol-js` checks the same
//! file with libsodium.

use houvast_protocol::*;
use serde_json::{json, Value};
use std::path::PathBuf;
use uuid::Uuid;

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/v1.json")
}

fn b(v: &Value) -> Vec<u8> {
    b64_decode(v.as_str().expect("string")).expect("base64")
}

fn key32(v: &Value) -> [u8; 32] {
    b(v).try_into().expect("32 bytes")
}

const PASSPHRASE: &str = "Correct horse, battery staple — Houvast ✓";

fn regenerate(old: Option<&Value>) -> Value {
    let salt = Salt([7u8; 16]);
    let keys = derive_worker_keys(PASSPHRASE, &salt, KDF_OPSLIMIT, KDF_MEMLIMIT_BYTES).unwrap();
    let worker = KeyPair::from_secret_bytes([0x11; 32]);
    let recovery = KeyPair::from_secret_bytes([0x22; 32]);
    let client = KeyPair::from_secret_bytes([0x33; 32]);
    let nonce = [0x44; 24];
    let wrapped = wrap_secret_key_with_nonce(
        &keys.wrapping_key,
        &worker.secret,
        &worker.public_bytes(),
        nonce,
    )
    .unwrap();
    let mut ad = b"houvast/v1/worker-secret-key".to_vec();
    ad.extend_from_slice(&worker.public_bytes().0);

    let message = "Hallo, dit is een verzegeld bericht. ✓".as_bytes();
    let sealed_msg = seal(&worker.public_bytes(), message).unwrap();

    let mut content = CheckInContent::example(2);
    content.checkin_id = Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
    content.urgent = true;
    let (for_worker, for_recovery) =
        seal_checkin(&content, &worker.public_bytes(), &recovery.public_bytes()).unwrap();

    let reply = ReplyContent {
        format: 1,
        contact_point: 2,
        proposed_time: chrono::DateTime::parse_from_rfc3339("2025-11-04T14:30:00+01:00").ok(),
        way_of_contact: WayOfContact::Phone,
        message: "Dank je. Ik bel je dinsdag om half drie.".into(),
    };
    let (reply_for_client, _) =
        seal_reply(&reply, &client.public_bytes(), &worker.public_bytes()).unwrap();

    let pads: Vec<Value> = [(0usize, 4usize), (3, 4), (4, 4), (5, 256), (256, 256)]
        .iter()
        .map(|&(len, block)| {
            let msg: Vec<u8> = (0..len).map(|i| i as u8).collect();
            json!({"message": b64_encode(&msg), "block": block, "padded": b64_encode(&pad(&msg, block))})
        })
        .collect();
    let fingerprints: Vec<Value> = [&worker, &recovery, &client]
        .iter()
        .map(|k| json!({"public_key": k.public_bytes().to_b64(), "fingerprint": fingerprint(&k.public_bytes())}))
        .collect();

    json!({
        "protocol_version": PROTOCOL_VERSION,
        "encoding": "all binary values are base64 URL-safe without padding (libsodium base64_variants.URLSAFE_NO_PADDING)",
        "kdf": {
            "passphrase": PASSPHRASE,
            "salt": salt.to_b64(),
            "opslimit": KDF_OPSLIMIT,
            "memlimit_bytes": KDF_MEMLIMIT_BYTES,
            "output_bytes": 64,
            "login_key": keys.login_key.to_b64(),
            "wrapping_key": b64_encode(&keys.wrapping_key.0),
        },
        "wrap": {
            "wrapping_key": b64_encode(&keys.wrapping_key.0),
            "secret_key": b64_encode(&worker.secret.to_bytes()),
            "public_key": worker.public_bytes().to_b64(),
            "nonce": b64_encode(&nonce),
            "associated_data": b64_encode(&ad),
            "wrapped": wrapped.to_b64(),
        },
        "pad": pads,
        "fingerprint": fingerprints,
        "sealed_from_rust": {
            "recipient_secret_key": b64_encode(&worker.secret.to_bytes()),
            "recipient_public_key": worker.public_bytes().to_b64(),
            "message": b64_encode(message),
            "sealed": b64_encode(sealed_msg.as_bytes()),
        },
        "sealed_from_libsodium": old.and_then(|o| o.get("sealed_from_libsodium")).cloned().unwrap_or(Value::Null),
        "checkin": {
            "worker_secret_key": b64_encode(&worker.secret.to_bytes()),
            "recovery_secret_key": b64_encode(&recovery.secret.to_bytes()),
            "checkin_id": content.checkin_id,
            "contact_point": 2,
            "content": serde_json::to_value(&content).unwrap(),
            "sealed_for_worker": b64_encode(for_worker.as_bytes()),
            "sealed_for_recovery": b64_encode(for_recovery.as_bytes()),
        },
        "reply": {
            "client_secret_key": b64_encode(&client.secret.to_bytes()),
            "contact_point": 2,
            "content": serde_json::to_value(&reply).unwrap(),
            "sealed": b64_encode(reply_for_client.as_bytes()),
        },
    })
}

#[test]
fn vectors_hold() {
    let old: Option<Value> = std::fs::read_to_string(path())
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        let fresh = regenerate(old.as_ref());
        std::fs::write(path(), serde_json::to_string_pretty(&fresh).unwrap() + "\n").unwrap();
    }
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path()).unwrap()).unwrap();

    // Passphrase → login key ‖ wrapping key.
    let kdf = &v["kdf"];
    let salt = Salt(b(&kdf["salt"]).try_into().unwrap());
    let keys = derive_worker_keys(
        kdf["passphrase"].as_str().unwrap(),
        &salt,
        kdf["opslimit"].as_u64().unwrap() as u32,
        kdf["memlimit_bytes"].as_u64().unwrap() as u32,
    )
    .unwrap();
    assert_eq!(keys.login_key.0.to_vec(), b(&kdf["login_key"]));
    assert_eq!(keys.wrapping_key.0.to_vec(), b(&kdf["wrapping_key"]));

    // Wrapping the worker's secret key.
    let w = &v["wrap"];
    let worker = KeyPair::from_secret_bytes(key32(&w["secret_key"]));
    assert_eq!(worker.public_bytes().0.to_vec(), b(&w["public_key"]));
    let wk = WrappingKey(key32(&w["wrapping_key"]));
    let nonce: [u8; 24] = b(&w["nonce"]).try_into().unwrap();
    let wrapped =
        wrap_secret_key_with_nonce(&wk, &worker.secret, &worker.public_bytes(), nonce).unwrap();
    assert_eq!(wrapped.0.to_vec(), b(&w["wrapped"]));
    let unwrapped = unwrap_secret_key(&wk, &wrapped, &worker.public_bytes()).unwrap();
    assert_eq!(unwrapped.to_bytes(), worker.secret.to_bytes());
    let wrong = WrappingKey([0; 32]);
    assert_eq!(
        unwrap_secret_key(&wrong, &wrapped, &worker.public_bytes()).err(),
        Some(ProtocolError::Unwrap)
    );

    for p in v["pad"].as_array().unwrap() {
        let block = p["block"].as_u64().unwrap() as usize;
        assert_eq!(pad(&b(&p["message"]), block), b(&p["padded"]));
    }
    for f in v["fingerprint"].as_array().unwrap() {
        let pk = PublicKeyBytes(key32(&f["public_key"]));
        assert_eq!(fingerprint(&pk), f["fingerprint"].as_str().unwrap());
    }

    for name in ["sealed_from_rust", "sealed_from_libsodium"] {
        let s = &v[name];
        assert!(
            !s.is_null(),
            "{name} missing: run tests/protocol-js/generate.mjs"
        );
        let kp = KeyPair::from_secret_bytes(key32(&s["recipient_secret_key"]));
        let sealed = Sealed::from_bytes(b(&s["sealed"])).unwrap();
        assert_eq!(
            &open(&kp.secret, &sealed).unwrap()[..],
            &b(&s["message"])[..],
            "{name}"
        );
    }

    let c = &v["checkin"];
    let id: Uuid = serde_json::from_value(c["checkin_id"].clone()).unwrap();
    let expected: CheckInContent = serde_json::from_value(c["content"].clone()).unwrap();
    for (key, field) in [
        ("worker_secret_key", "sealed_for_worker"),
        ("recovery_secret_key", "sealed_for_recovery"),
    ] {
        let kp = KeyPair::from_secret_bytes(key32(&c[key]));
        let sealed = Sealed::from_bytes(b(&c[field])).unwrap();
        assert_eq!(open_checkin(&kp.secret, &sealed, id, 2).unwrap(), expected);
    }

    let r = &v["reply"];
    let client = KeyPair::from_secret_bytes(key32(&r["client_secret_key"]));
    let expected: ReplyContent = serde_json::from_value(r["content"].clone()).unwrap();
    let sealed = Sealed::from_bytes(b(&r["sealed"])).unwrap();
    assert_eq!(open_reply(&client.secret, &sealed, 2).unwrap(), expected);
}
