// Checks crates/protocol/tests/vectors/v2.json with libsodium: the worker's browser and the
// Rust side must compute and accept the same bytes, and refuse the same hostile boxes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  checkKdfParams, checkUsable, compareKeys, deriveWorkerKeys, fromB64, isUrgent, openBox, openCheckIn, openLabel,
  openOwnReply, openReply, safetyNumber, sealBox, sealCheckIn, sealReply, sodium, toB64, unwrapWorkerSecret,
  verifyRecovery, verifySafetyQr, wrapWorkerSecret,
} from "./houvast.mjs";

const v = JSON.parse(readFileSync(new URL("../../crates/protocol/tests/vectors/v2.json", import.meta.url), "utf8"));
const secret = (name) => fromB64(v.keys[name].secret);
const publicKey = (name) => fromB64(v.keys[name].public);
const keysOf = (k) => ({ parent: fromB64(k.parent), worker: fromB64(k.worker), recovery: fromB64(k.recovery) });
const keys = { parent: publicKey("parent"), worker: publicKey("worker"), recovery: publicKey("recovery") };
const refusedWith = (code) => (err) => {
  assert.equal(err.code, code, `${err.code}: ${err.message}`);
  return true;
};

test("the key pairs are the same", () => {
  for (const [name, k] of Object.entries(v.keys)) {
    assert.equal(toB64(sodium.crypto_scalarmult_base(fromB64(k.secret))), k.public, name);
  }
});

test("passphrase gives the same login key and wrapping key", () => {
  const k = v.kdf;
  const { loginKey, wrappingKey } = deriveWorkerKeys(k.passphrase, fromB64(k.salt), k.opslimit, k.memlimit_bytes);
  assert.equal(toB64(loginKey), k.login_key);
  assert.equal(toB64(wrappingKey), k.wrapping_key);
});

test("Argon2id parameters below t=3 and 64 MiB from the server are refused", () => {
  for (const r of v.kdf_refused) {
    assert.throws(() => checkKdfParams(r), refusedWith(r.error));
    assert.throws(() => deriveWorkerKeys("pw", new Uint8Array(16), r.opslimit, r.memlimit_bytes), refusedWith(r.error));
  }
  assert.throws(() => checkKdfParams({ algorithm: "argon2i13", opslimit: 3, memlimit_bytes: 64 << 20 }),
    refusedWith("kdf_algorithm"));
  checkKdfParams({ algorithm: "argon2id13", opslimit: 3, memlimit_bytes: 64 << 20 });
});

test("secret key wrapping is byte for byte the same and pins the recovery key", () => {
  const w = v.wrap;
  const wk = fromB64(w.wrapping_key);
  const pk = fromB64(w.public_key);
  const recovery = fromB64(w.recovery_public_key);
  const wrapped = wrapWorkerSecret(wk, fromB64(w.secret_key), pk, recovery, fromB64(w.nonce));
  assert.equal(toB64(wrapped), w.wrapped);
  const opened = unwrapWorkerSecret(wk, fromB64(w.wrapped), pk);
  assert.equal(toB64(opened.secretKey), w.secret_key);
  verifyRecovery(opened.pinnedRecovery, recovery);
  assert.throws(() => verifyRecovery(opened.pinnedRecovery, publicKey("mallory")), refusedWith("key_changed"));
  assert.throws(() => unwrapWorkerSecret(new Uint8Array(32), fromB64(w.wrapped), pk), refusedWith("unwrap"));
  assert.throws(() => unwrapWorkerSecret(wk, fromB64(w.wrapped), publicKey("mallory")), refusedWith("unwrap"));
});

test("padding is sodium_pad", () => {
  for (const p of v.pad) assert.equal(toB64(sodium.pad(fromB64(p.message), p.block)), p.padded);
});

test("low-order keys are refused, by libsodium itself too", () => {
  for (const weak of v.weak_keys) {
    const pk = fromB64(weak);
    assert.throws(() => sodium.crypto_box_easy(new Uint8Array(256), new Uint8Array(24), pk, secret("parent")));
    assert.throws(() => checkUsable(pk), refusedWith("weak_key"));
    assert.throws(() => sealBox(secret("parent"), pk, new Uint8Array(1)), refusedWith("weak_key"));
  }
});

test("safety numbers: the same 60 digits and QR text as Rust", () => {
  for (const s of v.safety_number) {
    const n = safetyNumber(keysOf(s));
    assert.equal(n.digits, s.digits);
    assert.equal(n.qrPayload, s.qr_payload);
    assert.match(n.digits, /^(\d{5} ){11}\d{5}$/);
    verifySafetyQr(keysOf(s), s.qr_payload);
  }
  // The parent's side with a swapped recovery key shows another number than the worker's.
  assert.throws(() => verifySafetyQr(keysOf(v.safety_number[0]), v.safety_number[2].qr_payload),
    refusedWith("safety_number_mismatch"));
});

test("a key presented after pairing is compared with the pinned one", () => {
  compareKeys(keys, { ...keys });
  assert.throws(() => compareKeys(keys, { ...keys, recovery: publicKey("mallory") }), (err) => {
    assert.equal(err.code, "key_changed");
    assert.deepEqual([err.parent, err.worker, err.recovery], [false, false, true]);
    return true;
  });
  assert.throws(() => compareKeys(keys, { ...keys, worker: publicKey("mallory") }), (err) => err.worker === true);
});

test("a box made with a fixed nonce is byte for byte the one Rust made", () => {
  const b = v.box;
  const sealed = sealBox(secret(b.sender), publicKey(b.recipient), fromB64(b.message), fromB64(b.nonce));
  assert.equal(toB64(sealed), b.sealed);
  assert.equal(toB64(openBox(secret(b.recipient), publicKey(b.sender), fromB64(b.sealed))), b.message);
});

test("check-ins made by Rust and by libsodium open for the worker and the recovery key", () => {
  for (const name of ["checkin_from_rust", "checkin_from_libsodium"]) {
    const c = v[name];
    for (const [who, field] of [["worker", "sealed_for_worker"], ["recovery", "sealed_for_recovery"]]) {
      const got = openCheckIn(secret(who), keys, c.place, fromB64(c[field]));
      assert.deepEqual(got, c.checkin, `${name} ${field}`);
      assert.equal(isUrgent(got), true);
    }
  }
});

test("replies made by Rust and by libsodium open for the parent and in the worker's history", () => {
  for (const name of ["reply_from_rust", "reply_from_libsodium"]) {
    const r = v[name];
    const accepted = new Set();
    const got = openReply(secret("parent"), keys, r.place, fromB64(r.sealed_for_client), accepted);
    assert.deepEqual(got.reply, r.reply, name);
    assert.equal(got.reply_id, r.reply_id);
    assert.equal(Date.parse(got.sent_at), Date.parse(r.sent_at));
    assert.deepEqual(openOwnReply(secret("worker"), keys, r.place, fromB64(r.sealed_for_worker)).reply, r.reply);
    assert.throws(() => openReply(secret("parent"), keys, r.place, fromB64(r.sealed_for_client), accepted),
      refusedWith("replayed_reply"));
  }
});

test("labels made by Rust and by libsodium open", () => {
  for (const name of ["label_from_rust", "label_from_libsodium"]) {
    assert.equal(openLabel(secret("worker"), fromB64(v[name].sealed)), v[name].label);
  }
});

test("hostile server: every case is refused with the same error as in Rust", () => {
  assert.ok(v.hostile.length >= 12);
  for (const h of v.hostile) {
    const k = keysOf(h.keys);
    const sealed = fromB64(h.sealed);
    const me = secret(h.opener);
    const open = {
      checkin: () => openCheckIn(me, k, h.place, sealed),
      reply: () => openReply(me, k, h.place, sealed, new Set()),
      own_reply: () => openOwnReply(me, k, h.place, sealed),
    }[h.open_as];
    assert.throws(open, refusedWith(h.error), h.name);
  }
});

test("the dashboard refuses to seal what the app would refuse to open", () => {
  const place = v.checkin_from_rust.place;
  const header = { place, reply_id: "7e910000-0000-4000-8000-000000000009", sent_at: new Date().toISOString() };
  const reply = { format: 1, proposed_time: null, way_of_contact: "chat", message: "x".repeat(1001) };
  assert.throws(() => sealReply(secret("worker"), keys, header, reply), refusedWith("invalid_field"));
  assert.throws(() => sealReply(secret("worker"), keys, header, { ...reply, message: "ok", way_of_contact: "fax" }),
    refusedWith("content"));
  assert.throws(() => sealReply(secret("parent"), keys, header, { ...reply, message: "ok" }), refusedWith("not_our_key"));
  const checkin = { ...v.checkin_from_rust.checkin, programme_grade: null };
  assert.throws(() => sealCheckIn(secret("parent"), keys, { ...place, contact_point: 3 }, checkin),
    (err) => err.code === "invalid_field" && err.field === "programme_grade");
  assert.throws(() => sealCheckIn(secret("parent"), keys, place, { ...checkin, extra: 1 }), refusedWith("content"));
  // A reply sealed here opens in the parent's app and is refused as a replay the second time.
  const sealed = sealReply(secret("worker"), keys, header, { ...reply, message: "Tot dinsdag!" });
  const accepted = new Set();
  assert.equal(openReply(secret("parent"), keys, place, sealed.for_client, accepted).reply.message, "Tot dinsdag!");
  assert.throws(() => openReply(secret("parent"), keys, place, sealed.for_client, accepted), refusedWith("replayed_reply"));
});
