// Checks crates/protocol/tests/vectors/v1.json with libsodium: the worker's browser and the
// Rust side must compute the same bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { deriveWorkerKeys, fingerprint, fromB64, open, seal, sodium, toB64, unwrapSecretKey, wrapSecretKey } from "./houvast.mjs";

const v = JSON.parse(readFileSync(new URL("../../crates/protocol/tests/vectors/v1.json", import.meta.url), "utf8"));

test("passphrase gives the same login key and wrapping key", () => {
  const k = v.kdf;
  const { loginKey, wrappingKey } = deriveWorkerKeys(k.passphrase, fromB64(k.salt), k.opslimit, k.memlimit_bytes);
  assert.equal(toB64(loginKey), k.login_key);
  assert.equal(toB64(wrappingKey), k.wrapping_key);
});

test("secret key wrapping is byte for byte the same", () => {
  const w = v.wrap;
  const sk = fromB64(w.secret_key);
  const pk = fromB64(w.public_key);
  assert.equal(toB64(sodium.crypto_scalarmult_base(sk)), w.public_key);
  const wrapped = wrapSecretKey(fromB64(w.wrapping_key), sk, pk, fromB64(w.nonce));
  assert.equal(toB64(wrapped), w.wrapped);
  assert.equal(toB64(unwrapSecretKey(fromB64(w.wrapping_key), fromB64(w.wrapped), pk)), w.secret_key);
  assert.throws(() => unwrapSecretKey(new Uint8Array(32), fromB64(w.wrapped), pk));
});

test("padding is sodium_pad", () => {
  for (const p of v.pad) {
    assert.equal(toB64(sodium.pad(fromB64(p.message), p.block)), p.padded);
  }
});

test("fingerprints match", () => {
  for (const f of v.fingerprint) assert.equal(fingerprint(fromB64(f.public_key)), f.fingerprint);
});

test("sealed boxes made by Rust and by libsodium open", () => {
  for (const s of [v.sealed_from_rust, v.sealed_from_libsodium]) {
    const got = open(fromB64(s.recipient_public_key), fromB64(s.recipient_secret_key), fromB64(s.sealed));
    assert.equal(toB64(got), s.message);
  }
});

test("a check-in opens for the worker and for the recovery key", () => {
  const c = v.checkin;
  for (const [key, field] of [["worker_secret_key", "sealed_for_worker"], ["recovery_secret_key", "sealed_for_recovery"]]) {
    const sk = fromB64(c[key]);
    const plain = open(sodium.crypto_scalarmult_base(sk), sk, fromB64(c[field]));
    const content = JSON.parse(sodium.to_string(plain));
    assert.deepEqual(content, c.content);
    assert.equal(content.checkin_id, c.checkin_id);
    assert.equal(content.contact_point, c.contact_point);
  }
});

test("a reply opens for the client", () => {
  const r = v.reply;
  const sk = fromB64(r.client_secret_key);
  const content = JSON.parse(sodium.to_string(open(sodium.crypto_scalarmult_base(sk), sk, fromB64(r.sealed))));
  assert.deepEqual(content, r.content);
});

test("a wrong key does not open a check-in", () => {
  const sk = sodium.crypto_box_keypair();
  assert.throws(() => open(sk.publicKey, sk.privateKey, fromB64(v.checkin.sealed_for_worker)));
});
