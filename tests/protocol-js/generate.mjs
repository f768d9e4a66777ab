// Writes the parts of the test vectors that libsodium makes: a check-in, a reply and a label
// boxed here, which the Rust side must open (crates/protocol/tests/vectors.rs).
// Run after `UPDATE_VECTORS=1 cargo test -p houvast-protocol --test vectors` has written the rest.
import { readFileSync, writeFileSync } from "node:fs";
import { fromB64, sealCheckIn, sealLabel, sealReply, toB64 } from "./houvast.mjs";

const file = new URL("../../crates/protocol/tests/vectors/v2.json", import.meta.url);
const v = JSON.parse(readFileSync(file, "utf8"));
const secret = (name) => fromB64(v.keys[name].secret);
const keys = {
  parent: fromB64(v.keys.parent.public),
  worker: fromB64(v.keys.worker.public),
  recovery: fromB64(v.keys.recovery.public),
};

const place = {
  client_id: v.checkin_from_rust.place.client_id,
  checkin_id: "5a1e0000-0000-4000-8000-00000000c0de",
  contact_point: 3,
};
const checkin = {
  format: 1,
  written_at: "2025-12-01T19:45:00.000Z",
  ratings: { parenting: 8, feeling: 6, confidence: 7 },
  programme_grade: 8,
  progress: { modules_done: 5, do_tasks_done: 5, home_assignments_done: 4, reflection_evenings: 23 },
  talk_about: "Hoe houd ik vol wat ik geleerd heb?\nEn: wie is er voor Noor als het weer slechter gaat?",
  preferred_contact: { ways: ["home_visit", "phone"], times: "na schooltijd, niet op woensdag" },
  shared: [
    { question: "Mijn stappenplan voor lastige momenten", answer: "1. Even weg. 2. Adem. 3. Terug en rustig zeggen wat ik zie." },
    { question: "Wie steunt mij?", answer: "Mijn zus Eva, de buurvrouw." },
  ],
  worried_about_safety: true,
};
const sealed = sealCheckIn(secret("parent"), keys, place, checkin);
v.checkin_from_libsodium = {
  place,
  checkin,
  sealed_for_worker: toB64(sealed.for_worker),
  sealed_for_recovery: toB64(sealed.for_recovery),
};

const reply = {
  format: 1,
  proposed_time: "2025-12-09T10:00:00+01:00",
  way_of_contact: "home_visit",
  message: "Fijn dat je dit deelt. Ik kom dinsdag om tien uur langs; we maken samen een plan voor Noor.",
};
const header = { place, reply_id: "7e910000-0000-4000-8000-00000000b0b0", sent_at: "2025-12-02T08:30:00.000Z" };
const sealedReply = sealReply(secret("worker"), keys, header, reply);
v.reply_from_libsodium = {
  place,
  reply_id: header.reply_id,
  sent_at: header.sent_at,
  reply,
  sealed_for_client: toB64(sealedReply.for_client),
  sealed_for_worker: toB64(sealedReply.for_worker),
};

const label = "Mo (vader van Sam, 9)";
v.label_from_libsodium = { label, sealed: toB64(sealLabel(secret("worker"), label)) };

writeFileSync(file, JSON.stringify(v, null, 2) + "\n");
console.log("wrote checkin_from_libsodium, reply_from_libsodium, label_from_libsodium");
