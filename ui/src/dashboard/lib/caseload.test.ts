// @vitest-environment node
// libsodium checks `instanceof Uint8Array`: jsdom's TextEncoder makes arrays of another realm.
import { describe, expect, it } from "vitest";
import { sealCheckIn, sodium, toB64, type CheckIn } from "../../protocol/houvast.mjs";
import { openRecord, sortCaseload } from "./caseload";
import type { WorkerKeys } from "./session.svelte";
import type { ClientRecord, ContactPointStatus } from "./types";

const worker = sodium.crypto_box_keypair();
const recovery = sodium.crypto_box_keypair();
const me: WorkerKeys = { secretKey: worker.privateKey, publicKey: worker.publicKey, recovery: recovery.publicKey };

function checkIn(cp: 1 | 2 | 3, worried: boolean, modules: number): CheckIn {
  return {
    format: 1,
    written_at: "2026-11-20T19:00:00+01:00",
    ratings: { parenting: 6, feeling: 5, confidence: 7 },
    ...(cp === 3 ? { programme_grade: 8 } : {}),
    progress: { modules_done: modules, do_tasks_done: 0, home_assignments_done: 0, reflection_evenings: 0 },
    talk_about: "slapen",
    preferred_contact: { ways: ["phone"], times: "" },
    shared: [],
    worried_about_safety: worried,
  };
}

const status = (number: 1 | 2 | 3, state: ContactPointStatus["state"]): ContactPointStatus => ({
  number,
  state,
  checkin_received_at: null,
  replied_at: null,
  done_at: null,
});

/** A parent with check-ins at the given contact points, sealed by `sealer` (the parent, unless
 * a test wants a box from someone else). */
function record(pseudonym: string, cps: { cp: 1 | 2 | 3; worried?: boolean }[], sealer = sodium.crypto_box_keypair()) {
  const parent = sealer;
  const clientId = crypto.randomUUID();
  const keys = { parent: parent.publicKey, worker: me.publicKey, recovery: me.recovery };
  const rec: ClientRecord = {
    client: {
      client_id: clientId,
      pseudonym,
      sealed_label: null,
      paired_at: "2026-11-01T10:00:00Z",
      unpaired_at: null,
      client_public_key: toB64(parent.publicKey),
      contact_points: [1, 2, 3].map((n) =>
        status(n as 1 | 2 | 3, cps.some((c) => c.cp === n) ? "checkin_received" : "open"),
      ),
      sealed_pin: null,
    },
    checkins: cps.map(({ cp, worried }) => {
      const id = crypto.randomUUID();
      const sealed = sealCheckIn(parent.privateKey, keys, { client_id: clientId, checkin_id: id, contact_point: cp }, checkIn(cp, !!worried, cp + 1));
      return { checkin_id: id, contact_point: cp, sealed: toB64(sealed.for_worker), received_at: "2026-11-20T19:00:00Z" };
    }),
    replies: [],
  };
  return { rec, parent };
}

describe("opening a record in the browser", () => {
  it("opens every check-in with the pinned key and takes urgency and progress from the content", () => {
    const { rec, parent } = record("P-AAAAAA", [{ cp: 1 }, { cp: 2, worried: true }]);
    const view = openRecord(me, rec, { parent: parent.publicKey, checked_at: null, seen: [] });
    expect(view.checkins.map((c) => c.error)).toEqual([null, null]);
    expect(view.urgent).toBe(true);
    expect(view.modulesDone).toBe(3);
    expect(view.keyState).toBe("not_checked");
    expect(view.newCheckins).toHaveLength(2);
    expect(view.due).toBe(1);
    expect(view.waiting).toBe(true);
  });

  it("is no longer urgent once that contact is done, and nothing is new once seen", () => {
    const { rec, parent } = record("P-AAAAAA", [{ cp: 1, worried: true }]);
    rec.client.contact_points[0] = status(1, "done");
    const seen = rec.checkins.map((c) => c.checkin_id);
    const view = openRecord(me, rec, { parent: parent.publicKey, checked_at: "2026-11-21T10:00:00Z", seen });
    expect(view.urgent).toBe(false);
    expect(view.newCheckins).toEqual([]);
    expect(view.keyState).toBe("checked");
    expect(view.due).toBe(2);
  });

  it("says the key changed when the server presents another key, and opens nothing with it", () => {
    const { rec, parent } = record("P-AAAAAA", [{ cp: 1 }]);
    const pinned = sodium.crypto_box_keypair().publicKey;
    const view = openRecord(me, rec, { parent: pinned, checked_at: "2026-11-21T10:00:00Z", seen: [] });
    expect(view.keyState).toBe("changed");
    expect(view.checkins[0]?.content).toBeNull();
    expect(view.checkins[0]?.error).toBe("box_not_opened");
    expect(view.failed).toBe(true);
    expect(view.urgent).toBe(false);
    // With the parent's real key pinned it opens.
    expect(openRecord(me, rec, { parent: parent.publicKey, checked_at: null, seen: [] }).checkins[0]?.content).not.toBeNull();
  });

  it("shows a record whose pin does not open as a changed key, not as a fresh pin", () => {
    const { rec } = record("P-AAAAAA", [{ cp: 1 }]);
    const view = openRecord(me, rec, null, true);
    expect(view.keyState).toBe("changed");
    expect(view.checkins[0]?.content).toBeNull();
  });

  it("sorts urgent first, then refused boxes, then waiting for a reply, then by pseudonym", () => {
    const quiet = record("P-QQQQQQ", []);
    const waiting = record("P-WWWWWW", [{ cp: 1 }]);
    const urgent = record("P-ZZZZZZ", [{ cp: 1, worried: true }]);
    const views = [quiet, waiting, urgent].map(({ rec, parent }) =>
      openRecord(me, rec, { parent: parent.publicKey, checked_at: null, seen: rec.checkins.map((c) => c.checkin_id) }),
    );
    const forged = record("P-FFFFFF", [{ cp: 1 }]);
    views.push(openRecord(me, forged.rec, { parent: sodium.crypto_box_keypair().publicKey, checked_at: null, seen: [] }));
    expect(sortCaseload(views).map((v) => v.entry.pseudonym)).toEqual(["P-ZZZZZZ", "P-FFFFFF", "P-WWWWWW", "P-QQQQQQ"]);
  });
});
