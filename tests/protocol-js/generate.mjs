// Writes the part of the test vectors that libsodium makes: a sealed box the Rust side must open.
import { readFileSync, writeFileSync } from "node:fs";
import { fromB64, toB64, seal, sodium } from "./houvast.mjs";

const file = new URL("../../crates/protocol/tests/vectors/v1.json", import.meta.url);
const v = JSON.parse(readFileSync(file, "utf8"));
const sk = fromB64(v.sealed_from_rust.recipient_secret_key);
const pk = sodium.crypto_scalarmult_base(sk);
const message = sodium.from_string("Geseald door libsodium in een browser. ✓");
v.sealed_from_libsodium = {
  recipient_secret_key: toB64(sk),
  recipient_public_key: toB64(pk),
  message: toB64(message),
  sealed: toB64(seal(pk, message)),
};
writeFileSync(file, JSON.stringify(v, null, 2) + "\n");
console.log("wrote sealed_from_libsodium");
