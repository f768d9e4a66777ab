#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
//! Test vectors for protocol version 2. `UPDATE_VECTORS=1 cargo test -p houvast-protocol
//! --test vectors` rewrites the parts Rust makes (boxes with random nonces change each time);
//! the parts libsodium made (`*_from_libsodium`) are written by `tests/protocol-js/generate.mjs`
//! and only checked here. `tests/protocol-js` checks the same file with libsodium, including
//! the `hostile` cases, which both sides must refuse with the same error code.

use houvast_protocol::*;
use serde_json::{json, Value};
use std::path::PathBuf;
use uuid::Uuid;

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/v2.json")
}

fn b(v: &Value) -> Vec<u8> {
    b64_decode(v.as_str().expect("string")).expect("base64")
}

fn key32(v: &Value) -> [u8; 32] {
    b(v).try_into().expect("32 bytes")
}

fn pk(v: &Value) -> PublicKeyBytes {
    PublicKeyBytes(key32(v))
}

fn sealed(v: &Value) -> Sealed {
    Sealed::from_bytes(b(v)).unwrap()
}

fn uuid(v: &Value) -> Uuid {
    serde_json::from_value(v.clone()).unwrap()
}

fn place(v: &Value) -> CheckInPlace {
    CheckInPlace {
        client_id: uuid(&v["client_id"]),
        checkin_id: uuid(&v["checkin_id"]),
        contact_point: ContactPoint::new(v["contact_point"].as_i64().unwrap()).unwrap(),
    }
}

fn place_json(p: &CheckInPlace) -> Value {
    json!({"client_id": p.client_id, "checkin_id": p.checkin_id, "contact_point": p.contact_point})
}

const PASSPHRASE: &str = "Correct horse, battery staple — Houvast ✓";

struct Cast {
    parent: KeyPair,
    worker: KeyPair,
    recovery: KeyPair,
    /// A second parent in the same worker's caseload.
    other_parent: KeyPair,
    /// Keys the server made to impersonate someone.
    mallory: KeyPair,
}

fn cast() -> Cast {
    Cast {
        worker: KeyPair::from_secret_bytes([0x11; 32]),
        recovery: KeyPair::from_secret_bytes([0x22; 32]),
        parent: KeyPair::from_secret_bytes([0x33; 32]),
        other_parent: KeyPair::from_secret_bytes([0x44; 32]),
        mallory: KeyPair::from_secret_bytes([0x66; 32]),
    }
}

impl Cast {
    fn keys(&self) -> KeySet {
        KeySet {
            parent: self.parent.public_bytes(),
            worker: self.worker.public_bytes(),
            recovery: self.recovery.public_bytes(),
        }
    }
    fn by_name(&self, name: &str) -> &KeyPair {
        match name {
            "parent" => &self.parent,
            "worker" => &self.worker,
            "recovery" => &self.recovery,
            "other_parent" => &self.other_parent,
            _ => &self.mallory,
        }
    }
}

fn sk(k: &KeyPair) -> String {
    b64_encode(&k.secret.to_bytes())
}

fn the_place() -> CheckInPlace {
    CheckInPlace {
        client_id: Uuid::from_u128(0x0c11_e470_0000_4000_8000_0000_0000_0001),
        checkin_id: Uuid::from_u128(0x0123_4567_89ab_4def_8123_4567_89ab_cdef),
        contact_point: ContactPoint::new(2).unwrap(),
    }
}

fn the_reply() -> Reply {
    Reply {
        format: REPLY_FORMAT,
        proposed_time: chrono::DateTime::parse_from_rfc3339("2025-11-04T14:30:00+01:00").ok(),
        way_of_contact: WayOfContact::Phone,
        message: "Dank je. Ik bel je dinsdag om half drie.".into(),
    }
}

fn reply_header(place: CheckInPlace, n: u128) -> ReplyHeader {
    ReplyHeader {
        place,
        reply_id: Uuid::from_u128(0x7e91_0000_0000_4000_8000_0000_0000_0000 + n),
        sent_at: chrono::DateTime::from_timestamp(1_762_000_000 + n as i64, 0).unwrap(),
    }
}

/// Boxes the server could present, each with who opens it, as what, and the error that must
/// refuse it.
fn hostile(c: &Cast) -> Vec<Value> {
    let keys = c.keys();
    let place = the_place();
    let mut checkin = CheckIn::example(place.contact_point);
    checkin.worried_about_safety = true;
    let genuine = seal_checkin(&c.parent, &keys, &place, &checkin).unwrap();
    let reply = seal_reply(&c.worker, &keys, &reply_header(place, 1), &the_reply()).unwrap();
    let other_keys = KeySet {
        parent: c.other_parent.public_bytes(),
        ..keys.clone()
    };
    let other_place = CheckInPlace {
        client_id: Uuid::from_u128(0x0c11_e470_0000_4000_8000_0000_0000_0002),
        ..place
    };
    let other_parents = seal_checkin(&c.other_parent, &other_keys, &other_place, &checkin).unwrap();
    // The server makes its own "worker" and "recovery" keys and gets the parent to seal to them.
    let fake_keys = KeySet {
        worker: c.mallory.public_bytes(),
        ..keys.clone()
    };
    let to_fake_worker = seal_checkin(&c.parent, &fake_keys, &place, &checkin).unwrap();
    let fake_recovery = KeySet {
        recovery: c.mallory.public_bytes(),
        ..keys.clone()
    };
    let to_fake_recovery = seal_checkin(&c.parent, &fake_recovery, &place, &checkin).unwrap();
    // The server forges a reply with its own key, claiming the worker's key inside.
    let forged = {
        let letter = ReplyLetter {
            protocol: 2,
            kind: "reply".into(),
            sender: keys.worker.clone(),
            recipient: keys.parent.clone(),
            client_id: place.client_id,
            checkin_id: place.checkin_id,
            contact_point: place.contact_point,
            reply_id: Uuid::from_u128(99),
            sent_at: chrono::DateTime::from_timestamp(1_762_000_100, 0).unwrap(),
            reply: Reply {
                message: "Kom morgen om 8 uur naar het bureau, neem je paspoort mee.".into(),
                ..the_reply()
            },
        };
        seal_box(
            &c.mallory,
            &keys.parent,
            &serde_json::to_vec(&letter).unwrap(),
        )
        .unwrap()
    };
    let moved_cp = CheckInPlace {
        contact_point: ContactPoint::new(3).unwrap(),
        ..place
    };
    let other_checkin = CheckInPlace {
        checkin_id: Uuid::from_u128(0x0123_4567_89ab_4def_8123_4567_89ab_0000),
        ..place
    };
    let case = |name: &str,
                what: &str,
                opener: &str,
                keys: &KeySet,
                place: &CheckInPlace,
                sealed: &Sealed,
                error: &str| {
        json!({
            "name": name, "open_as": what, "opener": opener,
            "keys": {"parent": keys.parent.to_b64(), "worker": keys.worker.to_b64(), "recovery": keys.recovery.to_b64()},
            "place": place_json(place),
            "sealed": b64_encode(sealed.as_bytes()),
            "error": error,
        })
    };
    vec![
        case("check-in sealed to a worker key the server swapped in: the real worker cannot open it",
            "checkin", "worker", &keys, &place, &to_fake_worker.for_worker, "box_not_opened"),
        case("check-in sealed to a recovery key the server swapped in: the real recovery key cannot open it",
            "checkin", "recovery", &keys, &place, &to_fake_recovery.for_recovery, "box_not_opened"),
        case("reply forged by the server with its own key",
            "reply", "parent", &keys, &place, &forged, "box_not_opened"),
        case("a parent's check-in planted in the worker's own reply history",
            "own_reply", "worker", &keys, &place, &genuine.for_worker, "box_not_opened"),
        case("the parent's own check-in reflected back to them as the worker's reply (the shared key is the same both ways)",
            "reply", "parent", &keys, &place, &genuine.for_worker, "wrong_kind"),
        case("the worker's reply reflected back to the worker as the parent's check-in",
            "checkin", "worker", &keys, &place, &reply.for_client, "wrong_kind"),
        case("parent A's check-in shown under parent B, with B's pinned key",
            "checkin", "worker", &other_keys, &other_place, &genuine.for_worker, "box_not_opened"),
        case("parent B's check-in shown under parent A, with B's key presented as A's",
            "checkin", "worker", &other_keys, &place, &other_parents.for_worker, "wrong_client"),
        case("check-in moved to another contact point",
            "checkin", "worker", &keys, &moved_cp, &genuine.for_worker, "wrong_contact_point"),
        case("check-in shown as another check-in of the same contact point",
            "checkin", "worker", &keys, &other_checkin, &genuine.for_worker, "wrong_checkin"),
        case("reply moved to another contact point",
            "reply", "parent", &keys, &moved_cp, &reply.for_client, "wrong_contact_point"),
        case("reply moved to another client's state",
            "reply", "parent", &keys, &other_place, &reply.for_client, "wrong_client"),
    ]
}

fn regenerate(old: Option<&Value>) -> Value {
    let c = cast();
    let keys = c.keys();
    let salt = Salt([7u8; 16]);
    let wk = derive_worker_keys(PASSPHRASE, &salt, KDF_OPSLIMIT, KDF_MEMLIMIT_BYTES).unwrap();
    let nonce = [0x44; 24];
    let wrapped =
        wrap_worker_secret_with_nonce(&wk.wrapping_key, &c.worker, &keys.recovery, nonce).unwrap();
    let mut ad = b"houvast/v2/worker-secret-key".to_vec();
    ad.extend_from_slice(&keys.worker.0);

    let message = "Hallo, dit is een bericht van ouder naar werker. ✓".as_bytes();
    let box_nonce = [0x55; 24];
    let boxed = seal_box_with_nonce(&c.parent, &keys.worker, message, box_nonce).unwrap();

    let place = the_place();
    let mut checkin = CheckIn::example(place.contact_point);
    checkin.worried_about_safety = true;
    let sealed_checkin = seal_checkin(&c.parent, &keys, &place, &checkin).unwrap();
    let header = reply_header(place, 1);
    let sealed_reply = seal_reply(&c.worker, &keys, &header, &the_reply()).unwrap();
    let label = "Sanne (moeder van Tim en Noor)";
    let sealed_label = seal_label(&c.worker, label).unwrap();

    let pads: Vec<Value> = [(0usize, 4usize), (3, 4), (4, 4), (5, 256), (256, 256)]
        .iter()
        .map(|&(len, block)| {
            let msg: Vec<u8> = (0..len).map(|i| i as u8).collect();
            json!({"message": b64_encode(&msg), "block": block, "padded": b64_encode(&pad(&msg, block))})
        })
        .collect();
    let sets = [
        keys.clone(),
        KeySet {
            parent: c.other_parent.public_bytes(),
            ..keys.clone()
        },
        KeySet {
            recovery: c.mallory.public_bytes(),
            ..keys.clone()
        },
    ];
    let safety_numbers: Vec<Value> = sets
        .iter()
        .map(|k| {
            let n = k.safety_number();
            json!({"parent": k.parent.to_b64(), "worker": k.worker.to_b64(), "recovery": k.recovery.to_b64(),
                   "digits": n.digits(), "qr_payload": n.qr_payload()})
        })
        .collect();
    let mut one = [0u8; 32];
    one[0] = 1;
    let keep = |name: &str| {
        old.and_then(|o| o.get(name))
            .cloned()
            .unwrap_or(Value::Null)
    };

    json!({
        "protocol_version": PROTOCOL_VERSION,
        "encoding": "all binary values are base64 URL-safe without padding (libsodium base64_variants.URLSAFE_NO_PADDING)",
        "keys": {
            "parent": {"secret": sk(&c.parent), "public": keys.parent.to_b64()},
            "worker": {"secret": sk(&c.worker), "public": keys.worker.to_b64()},
            "recovery": {"secret": sk(&c.recovery), "public": keys.recovery.to_b64()},
            "other_parent": {"secret": sk(&c.other_parent), "public": c.other_parent.public_bytes().to_b64()},
            "mallory": {"secret": sk(&c.mallory), "public": c.mallory.public_bytes().to_b64()},
        },
        "kdf": {
            "passphrase": PASSPHRASE,
            "salt": salt.to_b64(),
            "opslimit": KDF_OPSLIMIT,
            "memlimit_bytes": KDF_MEMLIMIT_BYTES,
            "output_bytes": 64,
            "login_key": wk.login_key.to_b64(),
            "wrapping_key": b64_encode(&wk.wrapping_key.0),
        },
        "kdf_refused": [
            {"opslimit": 1, "memlimit_bytes": 8192, "error": "kdf_too_weak"},
            {"opslimit": 2, "memlimit_bytes": KDF_MEMLIMIT_BYTES, "error": "kdf_too_weak"},
            {"opslimit": 3, "memlimit_bytes": KDF_MEMLIMIT_BYTES - 1024, "error": "kdf_too_weak"},
            {"opslimit": 3, "memlimit_bytes": 2u64 * 1024 * 1024 * 1024, "error": "kdf_too_costly"},
            {"opslimit": 17, "memlimit_bytes": KDF_MEMLIMIT_BYTES, "error": "kdf_too_costly"},
        ],
        "wrap": {
            "wrapping_key": b64_encode(&wk.wrapping_key.0),
            "secret_key": sk(&c.worker),
            "public_key": keys.worker.to_b64(),
            "recovery_public_key": keys.recovery.to_b64(),
            "nonce": b64_encode(&nonce),
            "associated_data": b64_encode(&ad),
            "wrapped": wrapped.to_b64(),
        },
        "pad": pads,
        "weak_keys": [b64_encode(&[0u8; 32]), b64_encode(&one)],
        "safety_number": safety_numbers,
        "box": {
            "sender": "parent",
            "recipient": "worker",
            "nonce": b64_encode(&box_nonce),
            "message": b64_encode(message),
            "sealed": b64_encode(boxed.as_bytes()),
        },
        "checkin_from_rust": {
            "place": place_json(&place),
            "checkin": serde_json::to_value(&checkin).unwrap(),
            "sealed_for_worker": b64_encode(sealed_checkin.for_worker.as_bytes()),
            "sealed_for_recovery": b64_encode(sealed_checkin.for_recovery.as_bytes()),
        },
        "checkin_from_libsodium": keep("checkin_from_libsodium"),
        "reply_from_rust": {
            "place": place_json(&place),
            "reply_id": header.reply_id,
            "sent_at": header.sent_at,
            "reply": serde_json::to_value(the_reply()).unwrap(),
            "sealed_for_client": b64_encode(sealed_reply.for_client.as_bytes()),
            "sealed_for_worker": b64_encode(sealed_reply.for_worker.as_bytes()),
        },
        "reply_from_libsodium": keep("reply_from_libsodium"),
        "label_from_rust": {"label": label, "sealed": b64_encode(sealed_label.as_bytes())},
        "label_from_libsodium": keep("label_from_libsodium"),
        "hostile": hostile(&c),
    })
}

/// Regenerates at most once per run, so the tests running in parallel read one file.
fn load() -> Value {
    static ONCE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    ONCE.get_or_init(load_or_update).clone()
}

fn load_or_update() -> Value {
    let old: Option<Value> = std::fs::read_to_string(path())
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        let fresh = regenerate(old.as_ref());
        std::fs::write(path(), serde_json::to_string_pretty(&fresh).unwrap() + "\n").unwrap();
    }
    serde_json::from_str(&std::fs::read_to_string(path()).unwrap()).unwrap()
}

#[test]
fn keys_passphrase_wrapping_and_padding() {
    let v = load();
    let c = cast();
    for (name, k) in v["keys"].as_object().unwrap() {
        let pair = KeyPair::from_secret_bytes(key32(&k["secret"]));
        assert_eq!(pair.public_bytes(), pk(&k["public"]), "{name}");
        assert_eq!(
            pair.public_bytes(),
            c.by_name(name).public_bytes(),
            "{name}"
        );
    }

    let kdf = &v["kdf"];
    let params = wire::KdfParams {
        algorithm: "argon2id13".into(),
        opslimit: kdf["opslimit"].as_u64().unwrap() as u32,
        memlimit_bytes: kdf["memlimit_bytes"].as_u64().unwrap() as u32,
        salt: Salt(b(&kdf["salt"]).try_into().unwrap()),
    };
    assert_eq!(params.check(), Ok(()));
    let keys = derive_worker_keys(
        kdf["passphrase"].as_str().unwrap(),
        &params.salt,
        params.opslimit,
        params.memlimit_bytes,
    )
    .unwrap();
    assert_eq!(keys.login_key.0.to_vec(), b(&kdf["login_key"]));
    assert_eq!(keys.wrapping_key.0.to_vec(), b(&kdf["wrapping_key"]));
    for r in v["kdf_refused"].as_array().unwrap() {
        let params = wire::KdfParams {
            opslimit: r["opslimit"].as_u64().unwrap() as u32,
            memlimit_bytes: r["memlimit_bytes"]
                .as_u64()
                .unwrap()
                .min(u64::from(u32::MAX)) as u32,
            ..params.clone()
        };
        assert_eq!(
            params.check().unwrap_err().code(),
            r["error"].as_str().unwrap()
        );
    }
    let wrong_algorithm = wire::KdfParams {
        algorithm: "argon2i13".into(),
        ..params.clone()
    };
    assert_eq!(wrong_algorithm.check().unwrap_err().code(), "kdf_algorithm");

    let w = &v["wrap"];
    let worker = KeyPair::from_secret_bytes(key32(&w["secret_key"]));
    let wk = WrappingKey(key32(&w["wrapping_key"]));
    let nonce: [u8; 24] = b(&w["nonce"]).try_into().unwrap();
    let recovery = pk(&w["recovery_public_key"]);
    let wrapped = wrap_worker_secret_with_nonce(&wk, &worker, &recovery, nonce).unwrap();
    assert_eq!(wrapped.0.to_vec(), b(&w["wrapped"]));
    let opened = unwrap_worker_secret(&wk, &wrapped, &worker.public_bytes()).unwrap();
    assert_eq!(opened.keys.secret.to_bytes(), worker.secret.to_bytes());
    assert_eq!(opened.verify_recovery(&recovery), Ok(()));
    assert_eq!(
        opened
            .verify_recovery(&c.mallory.public_bytes())
            .unwrap_err()
            .code(),
        "key_changed"
    );
    assert_eq!(
        unwrap_worker_secret(&WrappingKey([0; 32]), &wrapped, &worker.public_bytes()).err(),
        Some(ProtocolError::Unwrap)
    );

    for p in v["pad"].as_array().unwrap() {
        let block = p["block"].as_u64().unwrap() as usize;
        assert_eq!(pad(&b(&p["message"]), block), b(&p["padded"]));
    }
    for weak in v["weak_keys"].as_array().unwrap() {
        assert_eq!(pk(weak).check_usable(), Err(ProtocolError::WeakKey));
        assert_eq!(
            seal_box(&c.parent, &pk(weak), b"x").err(),
            Some(ProtocolError::WeakKey)
        );
    }
}

#[test]
fn safety_numbers_match_on_both_sides() {
    let v = load();
    let mut seen = Vec::new();
    for s in v["safety_number"].as_array().unwrap() {
        let set = KeySet {
            parent: pk(&s["parent"]),
            worker: pk(&s["worker"]),
            recovery: pk(&s["recovery"]),
        };
        let n = set.safety_number();
        assert_eq!(n.digits(), s["digits"].as_str().unwrap());
        assert_eq!(n.qr_payload(), s["qr_payload"].as_str().unwrap());
        assert_eq!(
            n.verify_qr_payload(s["qr_payload"].as_str().unwrap()),
            Ok(())
        );
        seen.push(n);
    }
    // A swapped parent key or recovery key gives another number.
    assert_ne!(seen[0], seen[1]);
    assert_ne!(seen[0], seen[2]);
    assert_eq!(
        seen[0].verify_qr_payload(&seen[2].qr_payload()),
        Err(ProtocolError::SafetyNumberMismatch)
    );
}

#[test]
fn boxes_made_by_rust_and_by_libsodium_open() {
    let v = load();
    let c = cast();
    let keys = c.keys();

    let bx = &v["box"];
    let nonce: [u8; 24] = b(&bx["nonce"]).try_into().unwrap();
    let again = seal_box_with_nonce(&c.parent, &keys.worker, &b(&bx["message"]), nonce).unwrap();
    assert_eq!(again.as_bytes(), &b(&bx["sealed"])[..]);
    assert_eq!(
        &open_box(&c.worker, &keys.parent, &sealed(&bx["sealed"])).unwrap()[..],
        &b(&bx["message"])[..]
    );

    for name in ["checkin_from_rust", "checkin_from_libsodium"] {
        let ci = &v[name];
        assert!(
            !ci.is_null(),
            "{name} missing: run tests/protocol-js/generate.mjs"
        );
        let expected: CheckIn = serde_json::from_value(ci["checkin"].clone()).unwrap();
        let at = place(&ci["place"]);
        for (me, field) in [
            (&c.worker, "sealed_for_worker"),
            (&c.recovery, "sealed_for_recovery"),
        ] {
            let got = open_checkin(me, &keys, &at, &sealed(&ci[field])).unwrap();
            assert_eq!(got, expected, "{name} {field}");
            assert!(got.is_urgent(), "the safety answer travels: {name}");
        }
    }

    for name in ["reply_from_rust", "reply_from_libsodium"] {
        let r = &v[name];
        assert!(
            !r.is_null(),
            "{name} missing: run tests/protocol-js/generate.mjs"
        );
        let expected: Reply = serde_json::from_value(r["reply"].clone()).unwrap();
        let at = place(&r["place"]);
        let mut ledger = ReplyLedger::default();
        let got = open_reply(
            &c.parent,
            &keys,
            &at,
            &sealed(&r["sealed_for_client"]),
            &mut ledger,
        )
        .unwrap();
        assert_eq!(got.reply, expected, "{name}");
        assert_eq!(got.reply_id, uuid(&r["reply_id"]));
        assert_eq!(
            got.sent_at,
            serde_json::from_value::<chrono::DateTime<chrono::Utc>>(r["sent_at"].clone()).unwrap()
        );
        let own = open_own_reply(&c.worker, &keys, &at, &sealed(&r["sealed_for_worker"])).unwrap();
        assert_eq!(own.reply, expected, "{name} (worker's copy)");
        // The same reply delivered again as new is a replay.
        assert_eq!(
            open_reply(
                &c.parent,
                &keys,
                &at,
                &sealed(&r["sealed_for_client"]),
                &mut ledger
            ),
            Err(ProtocolError::ReplayedReply),
            "{name}"
        );
    }

    for name in ["label_from_rust", "label_from_libsodium"] {
        let l = &v[name];
        assert!(
            !l.is_null(),
            "{name} missing: run tests/protocol-js/generate.mjs"
        );
        assert_eq!(
            open_label(&c.worker, &sealed(&l["sealed"])).unwrap(),
            l["label"].as_str().unwrap()
        );
    }
}

#[test]
fn hostile_server_boxes_are_refused_with_the_named_error() {
    let v = load();
    let c = cast();
    let cases = v["hostile"].as_array().unwrap();
    assert!(cases.len() >= 12);
    for h in cases {
        let name = h["name"].as_str().unwrap();
        let keys = KeySet {
            parent: pk(&h["keys"]["parent"]),
            worker: pk(&h["keys"]["worker"]),
            recovery: pk(&h["keys"]["recovery"]),
        };
        let me = c.by_name(h["opener"].as_str().unwrap());
        let at = place(&h["place"]);
        let s = sealed(&h["sealed"]);
        let result = match h["open_as"].as_str().unwrap() {
            "checkin" => open_checkin(me, &keys, &at, &s).map(|_| ()),
            "reply" => open_reply(me, &keys, &at, &s, &mut ReplyLedger::default()).map(|_| ()),
            "own_reply" => open_own_reply(me, &keys, &at, &s).map(|_| ()),
            other => panic!("unknown open_as {other}"),
        };
        assert_eq!(
            result.map_err(|e| e.code()),
            Err(h["error"].as_str().unwrap()),
            "{name}"
        );
    }
}
