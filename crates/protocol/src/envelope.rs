//! The envelope of protocol version 2: padding plus an authenticated libsodium box between
//! static keys.
//!
//! `box = nonce(24) ‖ crypto_box_easy(sodium_pad(json, 256), nonce, recipient_pk, sender_sk)`,
//! i.e. X25519 between the sender's and the recipient's long-term keys, HSalsa20, then
//! XSalsa20-Poly1305 with the tag first. Only the holder of one of the two secret keys can make
//! a box that opens, so a check-in is authenticated by the parent's device key and a reply by
//! the worker's key. The JSON inside (a *letter*) names its kind, sender, recipient, client,
//! check-in and contact point; every one is checked on opening, because the shared key of two
//! parties is the same in both directions and a box must not be usable in another place.
//! Padding hides lengths to 256 bytes.

use crate::content::{CheckIn, Reply};
use crate::keys::check_shared_secret;
use crate::{ContactPoint, KeyPair, KeySet, ProtocolError, PublicKeyBytes, Sealed};
use chrono::{DateTime, Utc};
use crypto_box::aead::Aead;
use crypto_box::SalsaBox;
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;
use zeroize::Zeroizing;

/// Plaintext is padded to a multiple of this many bytes before sealing.
pub const PAD_BLOCK: usize = 256;
/// Nonce (24) plus Poly1305 tag (16).
pub const BOX_OVERHEAD: usize = 40;
/// The version inside every letter.
pub const LETTER_PROTOCOL: u64 = 2;
pub const MAX_LABEL_CHARS: usize = 100;
/// The largest box a label makes (100 four-byte characters and the letter around them fit in
/// three padding blocks), so the server can refuse bigger ones unread.
pub const MAX_LABEL_SEALED: usize = 3 * PAD_BLOCK + BOX_OVERHEAD;

/// `sodium_pad`: ISO/IEC 7816-4 padding (0x80 then zeros) to a multiple of `block`; always adds
/// at least one byte.
pub fn pad(message: &[u8], block: usize) -> Vec<u8> {
    let padded_len = message.len() + (block - message.len() % block);
    let mut out = Vec::with_capacity(padded_len);
    out.extend_from_slice(message);
    out.push(0x80);
    out.resize(padded_len, 0);
    out
}

/// `sodium_unpad`.
pub fn unpad(padded: &[u8], block: usize) -> Result<&[u8], ProtocolError> {
    if padded.is_empty() || !padded.len().is_multiple_of(block) {
        return Err(ProtocolError::Padding);
    }
    let tail_start = padded.len() - block;
    let end = padded
        .iter()
        .rposition(|&b| b != 0)
        .filter(|&i| i >= tail_start && padded[i] == 0x80)
        .ok_or(ProtocolError::Padding)?;
    Ok(&padded[..end])
}

/// Pads and boxes `message` from `sender` to `recipient` with a random nonce.
pub fn seal_box(
    sender: &KeyPair,
    recipient: &PublicKeyBytes,
    message: &[u8],
) -> Result<Sealed, ProtocolError> {
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut nonce);
    seal_box_with_nonce(sender, recipient, message, nonce)
}

/// Deterministic boxing, for test vectors only: a nonce must never be used twice with a pair
/// of keys.
pub fn seal_box_with_nonce(
    sender: &KeyPair,
    recipient: &PublicKeyBytes,
    message: &[u8],
    nonce: [u8; 24],
) -> Result<Sealed, ProtocolError> {
    let padded = Zeroizing::new(pad(message, PAD_BLOCK));
    if padded.len() > Sealed::MAX_PLAINTEXT {
        return Err(ProtocolError::TooLarge {
            size: message.len(),
            max: Sealed::MAX_PLAINTEXT - 1,
        });
    }
    check_shared_secret(&sender.secret, recipient)?;
    let ciphertext = SalsaBox::new(&recipient.to_key(), &sender.secret)
        .encrypt(&nonce.into(), padded.as_slice())
        .map_err(|_| ProtocolError::Open)?;
    let mut out = Vec::with_capacity(24 + ciphertext.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ciphertext);
    Sealed::from_bytes(out)
}

/// Opens and unpads a box that `sender` made for `me`.
pub fn open_box(
    me: &KeyPair,
    sender: &PublicKeyBytes,
    sealed: &Sealed,
) -> Result<Zeroizing<Vec<u8>>, ProtocolError> {
    check_shared_secret(&me.secret, sender)?;
    let bytes = sealed.as_bytes();
    let (nonce, ciphertext) = bytes.split_at(24);
    let nonce: [u8; 24] = nonce.try_into().map_err(|_| ProtocolError::Open)?;
    let padded = Zeroizing::new(
        SalsaBox::new(&sender.to_key(), &me.secret)
            .decrypt(&nonce.into(), ciphertext)
            .map_err(|_| ProtocolError::Open)?,
    );
    Ok(Zeroizing::new(unpad(&padded, PAD_BLOCK)?.to_vec()))
}

/// Where a check-in belongs. The app makes the check-in id; the client id is the one the server
/// gave at pairing and shows the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckInPlace {
    pub client_id: Uuid,
    pub checkin_id: Uuid,
    pub contact_point: ContactPoint,
}

/// What is sealed for one recipient of a check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckInLetter {
    pub protocol: u64,
    pub kind: String,
    pub sender: PublicKeyBytes,
    pub recipient: PublicKeyBytes,
    pub client_id: Uuid,
    pub checkin_id: Uuid,
    pub contact_point: ContactPoint,
    pub checkin: CheckIn,
}

/// What is sealed for a reply (the same letter to the parent and, as a copy, to the worker).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyLetter {
    pub protocol: u64,
    pub kind: String,
    pub sender: PublicKeyBytes,
    pub recipient: PublicKeyBytes,
    pub client_id: Uuid,
    pub checkin_id: Uuid,
    pub contact_point: ContactPoint,
    /// Made by the worker's dashboard; the app refuses a reply id it accepted before.
    pub reply_id: Uuid,
    pub sent_at: DateTime<Utc>,
    pub reply: Reply,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelLetter {
    protocol: u64,
    kind: String,
    sender: PublicKeyBytes,
    recipient: PublicKeyBytes,
    label: String,
}

const CHECKIN: &str = "checkin";
const REPLY: &str = "reply";
const LABEL: &str = "label";

fn to_json<T: Serialize>(letter: &T) -> Result<Zeroizing<Vec<u8>>, ProtocolError> {
    serde_json::to_vec(letter)
        .map(Zeroizing::new)
        .map_err(content_error)
}

/// serde's message without the quoted value it may contain: an error can end up in a log, and
/// the value is a piece of what the parent wrote.
fn content_error(e: serde_json::Error) -> ProtocolError {
    let message = e.to_string();
    let shape: String = message
        .split('"')
        .next()
        .unwrap_or("")
        .chars()
        .take(120)
        .collect();
    ProtocolError::Content(shape.trim_end().to_string())
}

/// Reads the version and kind first, so a box of another kind or version is named as such
/// rather than reported as a shape error.
fn parse_letter<T: serde::de::DeserializeOwned>(
    plain: &[u8],
    kind: &'static str,
) -> Result<T, ProtocolError> {
    let value: Value = serde_json::from_slice(plain).map_err(content_error)?;
    match value.get("protocol").and_then(Value::as_u64) {
        Some(LETTER_PROTOCOL) => {}
        Some(other) => return Err(ProtocolError::UnsupportedVersion(other)),
        None => return Err(ProtocolError::Content("no protocol version".into())),
    }
    match value.get("kind").and_then(Value::as_str) {
        Some(k) if k == kind => {}
        found => {
            return Err(ProtocolError::WrongKind {
                expected: kind,
                found: found
                    .unwrap_or("box without a kind")
                    .chars()
                    .take(20)
                    .collect(),
            })
        }
    }
    serde_json::from_value(value).map_err(content_error)
}

fn check_header(
    sender: &PublicKeyBytes,
    recipient: &PublicKeyBytes,
    expected_sender: &PublicKeyBytes,
    expected_recipient: &PublicKeyBytes,
) -> Result<(), ProtocolError> {
    if !sender.ct_equals(expected_sender) {
        return Err(ProtocolError::WrongSender);
    }
    if !recipient.ct_equals(expected_recipient) {
        return Err(ProtocolError::WrongRecipient);
    }
    Ok(())
}

fn check_place(
    client_id: Uuid,
    checkin_id: Uuid,
    contact_point: ContactPoint,
    expected: &CheckInPlace,
) -> Result<(), ProtocolError> {
    if client_id != expected.client_id {
        return Err(ProtocolError::WrongClient);
    }
    if contact_point != expected.contact_point {
        return Err(ProtocolError::WrongContactPoint {
            expected: expected.contact_point.number(),
            found: contact_point.number(),
        });
    }
    if checkin_id != expected.checkin_id {
        return Err(ProtocolError::WrongCheckIn);
    }
    Ok(())
}

/// A check-in boxed for the worker and for the organisation's recovery key.
#[derive(Debug, Clone)]
pub struct SealedCheckIn {
    pub for_worker: Sealed,
    pub for_recovery: Sealed,
}

/// The app seals a check-in from the parent's device key to the *pinned* worker and recovery
/// keys.
pub fn seal_checkin(
    parent: &KeyPair,
    keys: &KeySet,
    place: &CheckInPlace,
    checkin: &CheckIn,
) -> Result<SealedCheckIn, ProtocolError> {
    if !parent.public_bytes().ct_equals(&keys.parent) {
        return Err(ProtocolError::NotOurKey);
    }
    checkin.validate(place.contact_point)?;
    let seal_for = |recipient: &PublicKeyBytes| {
        let letter = CheckInLetter {
            protocol: LETTER_PROTOCOL,
            kind: CHECKIN.into(),
            sender: keys.parent.clone(),
            recipient: recipient.clone(),
            client_id: place.client_id,
            checkin_id: place.checkin_id,
            contact_point: place.contact_point,
            checkin: checkin.clone(),
        };
        seal_box(parent, recipient, &to_json(&letter)?)
    };
    Ok(SealedCheckIn {
        for_worker: seal_for(&keys.worker)?,
        for_recovery: seal_for(&keys.recovery)?,
    })
}

/// The worker (or the holder of the recovery key) opens a check-in delivered as `place`,
/// from the pinned parent key. Returns the check-in only when every check passes.
pub fn open_checkin(
    me: &KeyPair,
    keys: &KeySet,
    place: &CheckInPlace,
    sealed: &Sealed,
) -> Result<CheckIn, ProtocolError> {
    let mine = me.public_bytes();
    if !mine.ct_equals(&keys.worker) && !mine.ct_equals(&keys.recovery) {
        return Err(ProtocolError::NotOurKey);
    }
    let plain = open_box(me, &keys.parent, sealed)?;
    let letter: CheckInLetter = parse_letter(&plain, CHECKIN)?;
    check_header(&letter.sender, &letter.recipient, &keys.parent, &mine)?;
    check_place(
        letter.client_id,
        letter.checkin_id,
        letter.contact_point,
        place,
    )?;
    letter.checkin.validate(place.contact_point)?;
    Ok(letter.checkin)
}

/// How the dashboard addresses a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyHeader {
    /// The check-in this reply answers.
    pub place: CheckInPlace,
    /// A fresh id per reply.
    pub reply_id: Uuid,
    pub sent_at: DateTime<Utc>,
}

/// A reply boxed from the worker to the parent, and a copy from the worker to themself for the
/// dashboard's history (which only the worker can make, so the server cannot plant one).
#[derive(Debug, Clone)]
pub struct SealedReply {
    pub for_client: Sealed,
    pub for_worker: Sealed,
}

/// A reply that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedReply {
    pub reply_id: Uuid,
    pub sent_at: DateTime<Utc>,
    pub place: CheckInPlace,
    pub reply: Reply,
}

pub fn seal_reply(
    worker: &KeyPair,
    keys: &KeySet,
    header: &ReplyHeader,
    reply: &Reply,
) -> Result<SealedReply, ProtocolError> {
    if !worker.public_bytes().ct_equals(&keys.worker) {
        return Err(ProtocolError::NotOurKey);
    }
    reply.validate()?;
    let letter = ReplyLetter {
        protocol: LETTER_PROTOCOL,
        kind: REPLY.into(),
        sender: keys.worker.clone(),
        recipient: keys.parent.clone(),
        client_id: header.place.client_id,
        checkin_id: header.place.checkin_id,
        contact_point: header.place.contact_point,
        reply_id: header.reply_id,
        sent_at: header.sent_at,
        reply: reply.clone(),
    };
    let json = to_json(&letter)?;
    Ok(SealedReply {
        for_client: seal_box(worker, &keys.parent, &json)?,
        for_worker: seal_box(worker, &keys.worker, &json)?,
    })
}

fn open_reply_letter(
    me: &KeyPair,
    sender: &PublicKeyBytes,
    keys: &KeySet,
    place: &CheckInPlace,
    sealed: &Sealed,
) -> Result<OpenedReply, ProtocolError> {
    let plain = open_box(me, sender, sealed)?;
    let letter: ReplyLetter = parse_letter(&plain, REPLY)?;
    check_header(
        &letter.sender,
        &letter.recipient,
        &keys.worker,
        &keys.parent,
    )?;
    check_place(
        letter.client_id,
        letter.checkin_id,
        letter.contact_point,
        place,
    )?;
    letter.reply.validate()?;
    Ok(OpenedReply {
        reply_id: letter.reply_id,
        sent_at: letter.sent_at,
        place: *place,
        reply: letter.reply,
    })
}

/// The replies the app has accepted, by the id the worker gave them. Stored by the app with its
/// replies, in the same transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyLedger {
    accepted: Vec<Uuid>,
}

impl ReplyLedger {
    /// The ledger of the replies the app stored.
    pub fn with_accepted(ids: impl IntoIterator<Item = Uuid>) -> Self {
        Self {
            accepted: ids.into_iter().collect(),
        }
    }

    pub fn has_accepted(&self, reply_id: Uuid) -> bool {
        self.accepted.contains(&reply_id)
    }
}

/// The app opens a reply the server delivered for the check-in at `place` (the app knows which
/// check-in it sent for the contact point the server names). A reply whose id the ledger holds
/// is a replay and refused; an accepted reply is added to the ledger. The app skips replies it
/// already processed by the server's reply id before calling this, so `ReplayedReply` always
/// means the server delivered an old reply as a new one.
pub fn open_reply(
    parent: &KeyPair,
    keys: &KeySet,
    place: &CheckInPlace,
    sealed: &Sealed,
    ledger: &mut ReplyLedger,
) -> Result<OpenedReply, ProtocolError> {
    if !parent.public_bytes().ct_equals(&keys.parent) {
        return Err(ProtocolError::NotOurKey);
    }
    let opened = open_reply_letter(parent, &keys.worker, keys, place, sealed)?;
    if ledger.has_accepted(opened.reply_id) {
        return Err(ProtocolError::ReplayedReply);
    }
    ledger.accepted.push(opened.reply_id);
    Ok(opened)
}

/// The dashboard opens its own copy of a reply it sent (from its history on the server).
pub fn open_own_reply(
    worker: &KeyPair,
    keys: &KeySet,
    place: &CheckInPlace,
    sealed: &Sealed,
) -> Result<OpenedReply, ProtocolError> {
    if !worker.public_bytes().ct_equals(&keys.worker) {
        return Err(ProtocolError::NotOurKey);
    }
    open_reply_letter(worker, &keys.worker, keys, place, sealed)
}

/// The worker's own label for a parent (e.g. their name), boxed from the worker to themself.
pub fn seal_label(worker: &KeyPair, label: &str) -> Result<Sealed, ProtocolError> {
    if label.chars().count() > MAX_LABEL_CHARS || label.chars().any(char::is_control) {
        return Err(ProtocolError::InvalidField {
            field: "label",
            rule: "a label has at most 100 characters and no control characters",
        });
    }
    let me = worker.public_bytes();
    let letter = LabelLetter {
        protocol: LETTER_PROTOCOL,
        kind: LABEL.into(),
        sender: me.clone(),
        recipient: me.clone(),
        label: label.into(),
    };
    seal_box(worker, &me, &to_json(&letter)?)
}

pub fn open_label(worker: &KeyPair, sealed: &Sealed) -> Result<String, ProtocolError> {
    let me = worker.public_bytes();
    let plain = open_box(worker, &me, sealed)?;
    let letter: LabelLetter = parse_letter(&plain, LABEL)?;
    check_header(&letter.sender, &letter.recipient, &me, &me)?;
    Ok(letter.label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pad_matches_libsodium_layout() {
        assert_eq!(pad(b"", 4), vec![0x80, 0, 0, 0]);
        assert_eq!(pad(b"abc", 4), vec![b'a', b'b', b'c', 0x80]);
        assert_eq!(pad(b"abcd", 4), vec![b'a', b'b', b'c', b'd', 0x80, 0, 0, 0]);
        assert_eq!(unpad(&[0x80, 0, 0, 0], 4).unwrap(), b"");
        assert_eq!(unpad(&[1, 2, 0, 0], 4), Err(ProtocolError::Padding));
        assert_eq!(unpad(&[0, 0, 0, 0], 4), Err(ProtocolError::Padding));
    }

    proptest! {
        #[test]
        fn pad_round_trips(message in proptest::collection::vec(any::<u8>(), 0..1000)) {
            let padded = pad(&message, PAD_BLOCK);
            prop_assert_eq!(padded.len() % PAD_BLOCK, 0);
            prop_assert_eq!(unpad(&padded, PAD_BLOCK).unwrap(), &message[..]);
        }
    }

    #[test]
    fn a_box_opens_only_between_its_two_keys() {
        let alice = KeyPair::generate();
        let bob = KeyPair::generate();
        let mallory = KeyPair::generate();
        let sealed = seal_box(&alice, &bob.public_bytes(), b"hello").unwrap();
        assert_eq!(sealed.as_bytes().len(), PAD_BLOCK + BOX_OVERHEAD);
        assert_eq!(
            &open_box(&bob, &alice.public_bytes(), &sealed).unwrap()[..],
            b"hello"
        );
        // Mallory knows Bob's public key but cannot make a box that opens as Alice's.
        let forged = seal_box(&mallory, &bob.public_bytes(), b"hello").unwrap();
        assert_eq!(
            open_box(&bob, &alice.public_bytes(), &forged),
            Err(ProtocolError::Open)
        );
        assert_eq!(
            open_box(&mallory, &alice.public_bytes(), &sealed),
            Err(ProtocolError::Open)
        );
        assert_eq!(
            seal_box(&alice, &PublicKeyBytes([0; 32]), b"x").err(),
            Some(ProtocolError::WeakKey)
        );
    }

    #[test]
    fn a_shape_error_does_not_repeat_what_the_parent_wrote() {
        let me = KeyPair::generate();
        let letter = br#"{"protocol":2,"kind":"label","sender":1,"recipient":2,"label":"x","secret":"Mijn geheim"}"#;
        let err = parse_letter::<LabelLetter>(letter, LABEL).unwrap_err();
        assert!(matches!(err, ProtocolError::Content(_)), "{err}");
        let letter = br#"{"protocol":2,"kind":"label","sender":"Mijn geheim"}"#;
        let err = parse_letter::<LabelLetter>(letter, LABEL).unwrap_err();
        assert!(!err.to_string().contains("geheim"), "{err}");
        assert!(open_label(&me, &seal_box(&me, &me.public_bytes(), letter).unwrap()).is_err());
    }

    #[test]
    fn labels_round_trip_and_are_bounded() {
        let worker = KeyPair::generate();
        let sealed = seal_label(&worker, "Sanne (moeder van Tim)").unwrap();
        assert_eq!(
            open_label(&worker, &sealed).unwrap(),
            "Sanne (moeder van Tim)"
        );
        assert!(seal_label(&worker, &"x".repeat(101)).is_err());
        let largest = seal_label(&worker, &"😀".repeat(MAX_LABEL_CHARS)).unwrap();
        assert!(largest.as_bytes().len() <= MAX_LABEL_SEALED);
        let quotes = seal_label(&worker, &"\"".repeat(MAX_LABEL_CHARS)).unwrap();
        assert!(quotes.as_bytes().len() <= MAX_LABEL_SEALED);
        let other = KeyPair::generate();
        assert_eq!(open_label(&other, &sealed), Err(ProtocolError::Open));
    }
}
