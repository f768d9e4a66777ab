// Protocol version 2 as a browser computes it with libsodium: what the worker's dashboard runs.
// The same rules as crates/protocol (Rust); tests/protocol-js/vectors.test.mjs proves both
// compute and accept the same bytes. See crates/protocol/README.md for the design.
import _sodium from "libsodium-wrappers-sumo";

await _sodium.ready;
export const sodium = _sodium;

const V = sodium.base64_variants.URLSAFE_NO_PADDING;
export const fromB64 = (s) => sodium.from_base64(s, V);
export const toB64 = (b) => sodium.to_base64(b, V);

export const PROTOCOL_VERSION = 2;
export const LETTER_PROTOCOL = 2;
export const PAD_BLOCK = 256;
export const BOX_OVERHEAD = 40; // nonce (24) + Poly1305 tag (16)
export const MAX_PLAINTEXT = 64 * 1024;
export const CHECKIN_FORMAT = 1;
export const REPLY_FORMAT = 1;
export const LIMITS = Object.freeze({
  talkAboutChars: 1000,
  contactTimesChars: 200,
  sharedItems: 10,
  questionChars: 200,
  answerChars: 1000,
  replyMessageChars: 1000,
  labelChars: 100,
  modules: 5,
  reflectionEvenings: 366,
});
export const WAYS_OF_CONTACT = Object.freeze(["phone", "video", "home_visit", "at_the_office", "chat"]);
export const KDF = Object.freeze({
  algorithm: "argon2id13",
  opslimit: 3,
  memlimitBytes: 64 * 1024 * 1024,
  minOpslimit: 3,
  minMemlimitBytes: 64 * 1024 * 1024,
  maxOpslimit: 16,
  maxMemlimitBytes: 1024 * 1024 * 1024,
});
export const QR_PREFIX = "HOUVAST:SN:2:";

/** Every refusal carries the same `code` as ProtocolError::code() in Rust. */
export class ProtocolError extends Error {
  constructor(code, message, details = {}) {
    super(message);
    this.name = "ProtocolError";
    this.code = code;
    Object.assign(this, details);
  }
}

const fail = (code, message, details) => {
  throw new ProtocolError(code, message, details);
};

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---- passphrase ----

/** Refuses Argon2id parameters from the server below t=3 / 64 MiB (or absurdly high). */
export function checkKdfParams({ algorithm = KDF.algorithm, opslimit, memlimit_bytes }) {
  if (algorithm !== KDF.algorithm) fail("kdf_algorithm", `key derivation algorithm ${algorithm} is not supported`);
  if (!Number.isInteger(opslimit) || !Number.isInteger(memlimit_bytes)) fail("kdf_too_weak", "parameters must be integers");
  if (opslimit < KDF.minOpslimit || memlimit_bytes < KDF.minMemlimitBytes) {
    fail("kdf_too_weak", `Argon2id t=${opslimit}, ${memlimit_bytes} bytes is below the minimum of t=3 and 64 MiB`);
  }
  if (opslimit > KDF.maxOpslimit || memlimit_bytes > KDF.maxMemlimitBytes) {
    fail("kdf_too_costly", `Argon2id t=${opslimit}, ${memlimit_bytes} bytes is more than this browser will spend`);
  }
}

/** Passphrase → { loginKey, wrappingKey }: Argon2id, 64 bytes, split in two halves. */
export function deriveWorkerKeys(passphrase, salt, opslimit, memlimitBytes) {
  checkKdfParams({ opslimit, memlimit_bytes: memlimitBytes });
  const okm = sodium.crypto_pwhash(64, enc.encode(passphrase), salt, opslimit, memlimitBytes,
    sodium.crypto_pwhash_ALG_ARGON2ID13);
  return { loginKey: okm.slice(0, 32), wrappingKey: okm.slice(32) };
}

const WRAP_AD = enc.encode("houvast/v2/worker-secret-key");

/** Wraps the worker's secret key with the recovery key it pins (at activation). */
export function wrapWorkerSecret(wrappingKey, secretKey, publicKey, recoveryPublicKey,
  nonce = sodium.randombytes_buf(24)) {
  checkUsable(recoveryPublicKey);
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(concat(secretKey, recoveryPublicKey),
    concat(WRAP_AD, publicKey), null, nonce, wrappingKey);
  return concat(nonce, ct);
}

/** → { secretKey, publicKey, pinnedRecovery }; the public key is the one the server stores. */
export function unwrapWorkerSecret(wrappingKey, wrapped, publicKey) {
  let plain;
  try {
    plain = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, wrapped.slice(24),
      concat(WRAP_AD, publicKey), wrapped.slice(0, 24), wrappingKey);
  } catch {
    fail("unwrap", "the wrapped key could not be opened (wrong passphrase or tampered)");
  }
  if (plain.length !== 64) fail("unwrap", "the wrapped key has the wrong length");
  const secretKey = plain.slice(0, 32);
  if (!sodium.memcmp(sodium.crypto_scalarmult_base(secretKey), publicKey)) {
    fail("unwrap", "the wrapped key does not belong to this public key");
  }
  return { secretKey, publicKey, pinnedRecovery: plain.slice(32) };
}

/** The recovery key the server presents now must be the one pinned at activation. */
export function verifyRecovery(pinnedRecovery, presented) {
  if (!sameKey(pinnedRecovery, presented)) {
    fail("key_changed", "the organisation's recovery key changed since activation",
      { parent: false, worker: false, recovery: true });
  }
}

// ---- keys ----

const sameKey = (a, b) => a.length === b.length && sodium.memcmp(a, b);

/** libsodium refuses a peer key whose shared secret is all zeros (a low-order point). */
export function checkUsable(publicKey) {
  try {
    sodium.crypto_scalarmult(new Uint8Array(32).fill(0x5a), publicKey);
  } catch {
    fail("weak_key", "this public key is unusable (a low-order point)");
  }
}

/** Compares the pinned key set with the one presented now, by role, in constant time. */
export function compareKeys(pinned, presented) {
  const changed = {
    parent: !sameKey(pinned.parent, presented.parent),
    worker: !sameKey(pinned.worker, presented.worker),
    recovery: !sameKey(pinned.recovery, presented.recovery),
  };
  if (changed.parent || changed.worker || changed.recovery) {
    fail("key_changed", "a key changed since pairing: compare the new safety number before anything is sent", changed);
  }
}

// ---- safety number ----

/** 12 groups of 5 digits from SHA-512("houvast/v2/safety-number" ‖ parent ‖ worker ‖ recovery). */
export function safetyNumber({ parent, worker, recovery }) {
  const digest = sodium.crypto_hash_sha512(concat(enc.encode("houvast/v2/safety-number"), parent, worker, recovery));
  const groups = [];
  for (let i = 0; i < 12; i++) {
    let value = 0n;
    for (const byte of digest.slice(5 * i, 5 * i + 5)) value = (value << 8n) | BigInt(byte);
    groups.push((value % 100000n).toString().padStart(5, "0"));
  }
  return { groups, digits: groups.join(" "), qrPayload: QR_PREFIX + groups.join("") };
}

/** Compares with the other side's scanned QR code. */
export function verifySafetyQr(keys, payload) {
  const ours = enc.encode(safetyNumber(keys).groups.join(""));
  const text = String(payload).trim();
  const theirs = enc.encode(text.startsWith(QR_PREFIX) ? text.slice(QR_PREFIX.length) : "");
  if (!sameKey(ours, theirs)) fail("safety_number_mismatch", "the safety numbers differ");
}

// ---- boxes ----

function checkSealedSize(sealed) {
  const body = sealed.length - BOX_OVERHEAD;
  if (body <= 0 || body % PAD_BLOCK !== 0 || sealed.length > MAX_PLAINTEXT + BOX_OVERHEAD) {
    fail("sealed_size", `box has an invalid size (${sealed.length} bytes)`);
  }
}

/** nonce ‖ crypto_box_easy(sodium_pad(message, 256), nonce, recipient, sender). */
export function sealBox(senderSecretKey, recipientPublicKey, message, nonce = sodium.randombytes_buf(24)) {
  const padded = sodium.pad(message, PAD_BLOCK);
  if (padded.length > MAX_PLAINTEXT) fail("too_large", `the content is ${message.length} bytes, too much for a box`);
  checkUsable(recipientPublicKey);
  return concat(nonce, sodium.crypto_box_easy(padded, nonce, recipientPublicKey, senderSecretKey));
}

export function openBox(mySecretKey, senderPublicKey, sealed) {
  checkSealedSize(sealed);
  checkUsable(senderPublicKey);
  let padded;
  try {
    padded = sodium.crypto_box_open_easy(sealed.slice(24), sealed.slice(0, 24), senderPublicKey, mySecretKey);
  } catch {
    fail("box_not_opened", "the box was not made by the expected sender for this key, or it was changed");
  }
  try {
    return sodium.unpad(padded, PAD_BLOCK);
  } catch {
    fail("padding", "the padding inside the box is invalid");
  }
}

// ---- content ----

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Mirrors serde's deny_unknown_fields: every required key present, nothing else. */
function shape(value, what, required, optional = []) {
  if (!isObject(value)) fail("content", `${what} is not an object`);
  for (const k of required) if (!(k in value)) fail("content", `${what}: missing field ${k}`);
  for (const k of Object.keys(value)) {
    if (!required.includes(k) && !optional.includes(k)) fail("content", `${what}: unknown field ${k}`);
  }
}

const invalid = (field, rule) => fail("invalid_field", `${field}: ${rule}`, { field });

function text(value, field, maxChars, { nonEmpty = false } = {}) {
  if (typeof value !== "string") fail("content", `${field} is not a string`);
  if (nonEmpty && value.trim() === "") invalid(field, "must not be empty");
  if ([...value].length > maxChars) invalid(field, "the text is too long");
  if (/[^\P{Cc}\n\t]/u.test(value)) invalid(field, "control characters other than line breaks and tabs are not allowed");
}

function integer(value, field, min, max) {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail("content", `${field} must be a whole number from ${min} to ${max}`);
  }
}

const score = (value, field) => integer(value, field, 1, 10);

function timestamp(value, field) {
  if (typeof value !== "string" || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) {
    fail("content", `${field} is not an RFC 3339 time`);
  }
}

function way(value, field) {
  if (!WAYS_OF_CONTACT.includes(value)) fail("content", `${field}: unknown way of contact`);
}

/** The same rules as CheckIn::validate in Rust; `contactPoint` is 1, 2 or 3. */
export function validateCheckIn(c, contactPoint) {
  shape(c, "check-in", ["format", "written_at", "ratings", "progress", "talk_about", "preferred_contact",
    "shared", "worried_about_safety"], ["programme_grade"]);
  if (c.format !== CHECKIN_FORMAT) {
    fail("unsupported_format", `check-in format ${c.format} is not supported`, { found: c.format });
  }
  timestamp(c.written_at, "written_at");
  shape(c.ratings, "ratings", ["parenting", "feeling", "confidence"]);
  for (const k of ["parenting", "feeling", "confidence"]) score(c.ratings[k], `ratings.${k}`);
  if (c.programme_grade !== undefined && c.programme_grade !== null) score(c.programme_grade, "programme_grade");
  if (contactPoint === 3 && (c.programme_grade === undefined || c.programme_grade === null)) {
    invalid("programme_grade", "the programme grade is asked at contact point 3");
  }
  shape(c.progress, "progress", ["modules_done", "do_tasks_done", "home_assignments_done", "reflection_evenings"]);
  for (const k of ["modules_done", "do_tasks_done", "home_assignments_done"]) {
    integer(c.progress[k], `progress.${k}`, 0, 255);
    if (c.progress[k] > LIMITS.modules) invalid(`progress.${k}`, "the programme has five modules");
  }
  integer(c.progress.reflection_evenings, "progress.reflection_evenings", 0, 65535);
  if (c.progress.reflection_evenings > LIMITS.reflectionEvenings) {
    invalid("progress.reflection_evenings", "at most 366 evenings");
  }
  text(c.talk_about, "talk_about", LIMITS.talkAboutChars);
  shape(c.preferred_contact, "preferred_contact", ["ways", "times"]);
  if (!Array.isArray(c.preferred_contact.ways)) fail("content", "preferred_contact.ways is not a list");
  c.preferred_contact.ways.forEach((w, i) => {
    way(w, "preferred_contact.ways");
    if (c.preferred_contact.ways.indexOf(w) !== i) invalid("preferred_contact.ways", "each way of contact at most once");
  });
  text(c.preferred_contact.times, "preferred_contact.times", LIMITS.contactTimesChars);
  if (!Array.isArray(c.shared)) fail("content", "shared is not a list");
  if (c.shared.length > LIMITS.sharedItems) invalid("shared", "at most 10 shared items");
  for (const item of c.shared) {
    shape(item, "shared item", ["question", "answer"]);
    text(item.question, "shared.question", LIMITS.questionChars, { nonEmpty: true });
    text(item.answer, "shared.answer", LIMITS.answerChars, { nonEmpty: true });
  }
  if (typeof c.worried_about_safety !== "boolean") fail("content", "worried_about_safety is not true or false");
}

/** "Yes" to the safety question: the dashboard lists this check-in first. */
export const isUrgent = (checkin) => checkin.worried_about_safety === true;

export function validateReply(r) {
  shape(r, "reply", ["format", "way_of_contact", "message"], ["proposed_time"]);
  if (r.format !== REPLY_FORMAT) fail("unsupported_format", `reply format ${r.format} is not supported`, { found: r.format });
  if (r.proposed_time !== undefined && r.proposed_time !== null) timestamp(r.proposed_time, "proposed_time");
  way(r.way_of_contact, "way_of_contact");
  text(r.message, "message", LIMITS.replyMessageChars);
}

// ---- letters ----

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseLetter(plain, kind) {
  let letter;
  try {
    letter = JSON.parse(dec.decode(plain));
  } catch {
    fail("content", "the content of the box is not JSON");
  }
  if (!isObject(letter) || typeof letter.protocol !== "number") fail("content", "no protocol version");
  if (letter.protocol !== LETTER_PROTOCOL) {
    fail("unsupported_version", `protocol version ${letter.protocol} inside the box is not supported`);
  }
  if (letter.kind !== kind) {
    fail("wrong_kind", `the box holds a ${String(letter.kind).slice(0, 20)}, not a ${kind}`, { found: letter.kind });
  }
  return letter;
}

function checkHeader(letter, expectedSender, expectedRecipient) {
  if (typeof letter.sender !== "string" || typeof letter.recipient !== "string") fail("content", "no sender or recipient");
  if (!sameKey(fromB64(letter.sender), expectedSender)) fail("wrong_sender", "the box names another sender");
  if (!sameKey(fromB64(letter.recipient), expectedRecipient)) fail("wrong_recipient", "the box was addressed to another recipient");
}

function checkPlace(letter, place) {
  for (const k of ["client_id", "checkin_id"]) {
    if (typeof letter[k] !== "string" || !UUID.test(letter[k])) fail("content", `${k} is not a UUID`);
  }
  integer(letter.contact_point, "contact_point", 1, 3);
  if (letter.client_id !== place.client_id.toLowerCase()) fail("wrong_client", "the box belongs to another parent");
  if (letter.contact_point !== place.contact_point) {
    fail("wrong_contact_point", `the box belongs to contact point ${letter.contact_point}, not ${place.contact_point}`,
      { expected: place.contact_point, found: letter.contact_point });
  }
  if (letter.checkin_id !== place.checkin_id.toLowerCase()) fail("wrong_checkin", "the box belongs to another check-in");
}

const json = (value) => enc.encode(JSON.stringify(value));
const myPublic = (secretKey) => sodium.crypto_scalarmult_base(secretKey);

/**
 * The parent's side (also used by tests): seals a check-in from the device key to the pinned
 * worker and recovery keys. `keys` = { parent, worker, recovery } (Uint8Array each),
 * `place` = { client_id, checkin_id, contact_point }.
 */
export function sealCheckIn(parentSecretKey, keys, place, checkin) {
  if (!sameKey(myPublic(parentSecretKey), keys.parent)) fail("not_our_key", "this is not the parent's key");
  validateCheckIn(checkin, place.contact_point);
  const sealFor = (recipient) => sealBox(parentSecretKey, recipient, json({
    protocol: LETTER_PROTOCOL, kind: "checkin", sender: toB64(keys.parent), recipient: toB64(recipient),
    client_id: place.client_id, checkin_id: place.checkin_id, contact_point: place.contact_point, checkin,
  }));
  return { for_worker: sealFor(keys.worker), for_recovery: sealFor(keys.recovery) };
}

/** The worker (or the recovery key's holder) opens a check-in delivered as `place`. */
export function openCheckIn(mySecretKey, keys, place, sealed) {
  const me = myPublic(mySecretKey);
  if (!sameKey(me, keys.worker) && !sameKey(me, keys.recovery)) fail("not_our_key", "not one of this message's keys");
  const letter = parseLetter(openBox(mySecretKey, keys.parent, sealed), "checkin");
  shape(letter, "letter", ["protocol", "kind", "sender", "recipient", "client_id", "checkin_id", "contact_point", "checkin"]);
  checkHeader(letter, keys.parent, me);
  checkPlace(letter, place);
  validateCheckIn(letter.checkin, place.contact_point);
  return letter.checkin;
}

/**
 * The worker's reply: `header` = { place, reply_id (a fresh UUID), sent_at (RFC 3339) }.
 * Returns the box for the parent and the worker's own copy for the history.
 */
export function sealReply(workerSecretKey, keys, header, reply) {
  if (!sameKey(myPublic(workerSecretKey), keys.worker)) fail("not_our_key", "this is not the worker's key");
  validateReply(reply);
  const letter = json({
    protocol: LETTER_PROTOCOL, kind: "reply", sender: toB64(keys.worker), recipient: toB64(keys.parent),
    client_id: header.place.client_id, checkin_id: header.place.checkin_id,
    contact_point: header.place.contact_point, reply_id: header.reply_id, sent_at: header.sent_at, reply,
  });
  return { for_client: sealBox(workerSecretKey, keys.parent, letter), for_worker: sealBox(workerSecretKey, keys.worker, letter) };
}

function openReplyLetter(mySecretKey, sender, keys, place, sealed) {
  const letter = parseLetter(openBox(mySecretKey, sender, sealed), "reply");
  shape(letter, "letter", ["protocol", "kind", "sender", "recipient", "client_id", "checkin_id", "contact_point",
    "reply_id", "sent_at", "reply"]);
  checkHeader(letter, keys.worker, keys.parent);
  checkPlace(letter, place);
  if (typeof letter.reply_id !== "string" || !UUID.test(letter.reply_id)) fail("content", "reply_id is not a UUID");
  timestamp(letter.sent_at, "sent_at");
  validateReply(letter.reply);
  return { reply_id: letter.reply_id, sent_at: letter.sent_at, place, reply: letter.reply };
}

/** The parent's side: `accepted` is a Set of reply ids accepted before; a replay is refused. */
export function openReply(parentSecretKey, keys, place, sealed, accepted) {
  if (!sameKey(myPublic(parentSecretKey), keys.parent)) fail("not_our_key", "this is not the parent's key");
  const opened = openReplyLetter(parentSecretKey, keys.worker, keys, place, sealed);
  if (accepted.has(opened.reply_id)) fail("replayed_reply", "this reply was received before");
  accepted.add(opened.reply_id);
  return opened;
}

/** The dashboard opens its own copy of a reply from the history. */
export function openOwnReply(workerSecretKey, keys, place, sealed) {
  if (!sameKey(myPublic(workerSecretKey), keys.worker)) fail("not_our_key", "this is not the worker's key");
  return openReplyLetter(workerSecretKey, keys.worker, keys, place, sealed);
}

/** The worker's own label for a parent, boxed from the worker to themself. */
export function sealLabel(workerSecretKey, label) {
  text(label, "label", LIMITS.labelChars);
  if (/\p{Cc}/u.test(label)) invalid("label", "no control characters");
  const me = toB64(myPublic(workerSecretKey));
  return sealBox(workerSecretKey, myPublic(workerSecretKey),
    json({ protocol: LETTER_PROTOCOL, kind: "label", sender: me, recipient: me, label }));
}

export function openLabel(workerSecretKey, sealed) {
  const me = myPublic(workerSecretKey);
  const letter = parseLetter(openBox(workerSecretKey, me, sealed), "label");
  shape(letter, "letter", ["protocol", "kind", "sender", "recipient", "label"]);
  checkHeader(letter, me, me);
  text(letter.label, "label", LIMITS.labelChars);
  return letter.label;
}

/**
 * The dashboard's own record for one parent, boxed from the worker to themself and kept on the
 * server: the parent's key pinned at the first opening, when the safety number was compared
 * (or null), and which check-ins the worker has seen. Bound to the parent's client id, so the
 * server cannot hand one parent's record out as another's.
 */
export function sealPin(workerSecretKey, clientId, pin) {
  checkPin(pin);
  const me = toB64(myPublic(workerSecretKey));
  return sealBox(workerSecretKey, myPublic(workerSecretKey), json({
    protocol: LETTER_PROTOCOL, kind: "pin", sender: me, recipient: me, client_id: clientId.toLowerCase(),
    pin: { parent: toB64(pin.parent), checked_at: pin.checked_at, seen: pin.seen },
  }));
}

export function openPin(workerSecretKey, clientId, sealed) {
  const me = myPublic(workerSecretKey);
  const letter = parseLetter(openBox(workerSecretKey, me, sealed), "pin");
  shape(letter, "letter", ["protocol", "kind", "sender", "recipient", "client_id", "pin"]);
  checkHeader(letter, me, me);
  if (letter.client_id !== clientId.toLowerCase()) fail("wrong_client", "this record belongs to another parent");
  shape(letter.pin, "pin", ["parent", "checked_at", "seen"]);
  if (typeof letter.pin.parent !== "string") fail("content", "pin.parent is not a key");
  const pin = { parent: fromB64(letter.pin.parent), checked_at: letter.pin.checked_at, seen: letter.pin.seen };
  checkPin(pin);
  return pin;
}

function checkPin(pin) {
  if (!(pin.parent instanceof Uint8Array) || pin.parent.length !== 32) fail("content", "pin.parent is not a 32-byte key");
  if (pin.checked_at !== null) timestamp(pin.checked_at, "pin.checked_at");
  if (!Array.isArray(pin.seen) || pin.seen.length > 3 || !pin.seen.every((id) => typeof id === "string" && UUID.test(id))) {
    fail("content", "pin.seen is not a list of at most three check-in ids");
  }
}
