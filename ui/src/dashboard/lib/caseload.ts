// Opening a caseload in the browser: every check-in is opened and verified here with the
// parent's key as the dashboard pinned it, never with whatever key the server presents now.
// Urgency, progress and "new" come from the opened check-ins, not from a server field.

import {
  compareKeys,
  fromB64,
  isUrgent,
  openCheckIn,
  openLabel,
  openOwnReply,
  openPin,
  sealPin,
  toB64,
  type CheckIn,
  type KeySet,
  type OpenedReply,
  type Pin,
} from "../../protocol/houvast.mjs";
import { api } from "./api";
import type { WorkerKeys } from "./session.svelte";
import type { CaseloadEntry, ClientRecord } from "./types";

export type KeyState = "checked" | "not_checked" | "changed" | "unpaired";

export interface OpenedCheckIn {
  checkinId: string;
  contactPoint: 1 | 2 | 3;
  receivedAt: string;
  /** Null when the box was refused; `error` then holds the protocol's error code. */
  content: CheckIn | null;
  error: string | null;
}

export interface ClientView {
  entry: CaseloadEntry;
  label: string | null;
  pin: Pin | null;
  keyState: KeyState;
  /** The key set check-ins are opened with and replies sealed to (the pinned parent key). */
  keys: KeySet | null;
  checkins: OpenedCheckIn[];
  replies: OpenedReply[];
  urgent: boolean;
  newCheckins: string[];
  modulesDone: number | null;
  due: 1 | 2 | 3 | null;
  waiting: boolean;
  failed: boolean;
}

const errorCode = (e: unknown) => (e as { code?: string }).code ?? "box_not_opened";

/** Opens one record with the worker's keys and the pin (null: the parent's key is not
 * pinned yet, and is pinned now from the presented key). */
export function openRecord(me: WorkerKeys, record: ClientRecord, pin: Pin | null, pinFailed = false): ClientView {
  const entry = record.client;
  const presented = entry.client_public_key ? fromB64(entry.client_public_key) : null;
  const pinnedParent = pin?.parent ?? (pinFailed ? null : presented);
  const keys: KeySet | null = pinnedParent ? { parent: pinnedParent, worker: me.publicKey, recovery: me.recovery } : null;
  let keyState: KeyState;
  if (entry.unpaired_at || !presented) keyState = "unpaired";
  else if (pinFailed || !keys) keyState = "changed";
  else {
    try {
      compareKeys(keys, { parent: presented, worker: me.publicKey, recovery: me.recovery });
      keyState = pin?.checked_at ? "checked" : "not_checked";
    } catch {
      keyState = "changed";
    }
  }
  const checkins = record.checkins.map((c): OpenedCheckIn => {
    const place = { client_id: entry.client_id, checkin_id: c.checkin_id, contact_point: c.contact_point };
    if (!keys) return { checkinId: c.checkin_id, contactPoint: c.contact_point, receivedAt: c.received_at, content: null, error: "no_key" };
    try {
      const content = openCheckIn(me.secretKey, keys, place, fromB64(c.sealed));
      return { checkinId: c.checkin_id, contactPoint: c.contact_point, receivedAt: c.received_at, content, error: null };
    } catch (e) {
      return { checkinId: c.checkin_id, contactPoint: c.contact_point, receivedAt: c.received_at, content: null, error: errorCode(e) };
    }
  });
  const replies: OpenedReply[] = [];
  if (keys) {
    for (const r of record.replies) {
      const checkin = checkins.find((c) => c.contactPoint === r.contact_point);
      if (!checkin) continue;
      const place = { client_id: entry.client_id, checkin_id: checkin.checkinId, contact_point: r.contact_point };
      try {
        replies.push(openOwnReply(me.secretKey, keys, place, fromB64(r.sealed_for_worker)));
      } catch {
        // A reply of ours that does not open is not shown; the check-in stays as it is.
      }
    }
  }
  let label: string | null = null;
  if (entry.sealed_label) {
    try {
      label = openLabel(me.secretKey, fromB64(entry.sealed_label));
    } catch {
      label = null;
    }
  }
  const done = (n: number) => entry.contact_points.find((p) => p.number === n)?.state === "done";
  const opened = checkins.filter((c) => c.content !== null);
  const latest = opened.reduce<OpenedCheckIn | null>((a, c) => (a && a.contactPoint > c.contactPoint ? a : c), null);
  const dueStatus = entry.contact_points.find((p) => p.state !== "done");
  return {
    entry,
    label,
    pin,
    keyState,
    keys,
    checkins,
    replies,
    urgent: opened.some((c) => c.content && isUrgent(c.content) && !done(c.contactPoint)),
    newCheckins: opened.map((c) => c.checkinId).filter((id) => !(pin?.seen ?? []).includes(id)),
    modulesDone: latest?.content?.progress.modules_done ?? null,
    due: dueStatus ? dueStatus.number : null,
    waiting: entry.contact_points.some((p) => p.state === "checkin_received"),
    failed: checkins.some((c) => c.error !== null),
  };
}

/** Urgent first, then a check-in waiting for a reply, then new, then by pseudonym. */
export function sortCaseload(views: ClientView[]): ClientView[] {
  const rank = (v: ClientView) =>
    v.entry.unpaired_at ? 9 : v.urgent ? 0 : v.failed || v.keyState === "changed" ? 1 : v.waiting ? 2 : v.newCheckins.length ? 3 : 4;
  return [...views].sort((a, b) => rank(a) - rank(b) || a.entry.pseudonym.localeCompare(b.entry.pseudonym));
}

export async function storePin(me: WorkerKeys, clientId: string, pin: Pin): Promise<void> {
  await api<void>("PUT", `/api/v1/worker/clients/${clientId}/pin`, { sealed_pin: toB64(sealPin(me.secretKey, clientId, pin)) });
}

/** The pin stored for this parent, or a new one from the presented key (stored at once). */
async function pinFor(me: WorkerKeys, entry: CaseloadEntry): Promise<{ pin: Pin | null; failed: boolean }> {
  if (entry.sealed_pin) {
    try {
      return { pin: openPin(me.secretKey, entry.client_id, fromB64(entry.sealed_pin)), failed: false };
    } catch {
      return { pin: null, failed: true };
    }
  }
  if (!entry.client_public_key || entry.unpaired_at) return { pin: null, failed: false };
  const pin: Pin = { parent: fromB64(entry.client_public_key), checked_at: null, seen: [] };
  await storePin(me, entry.client_id, pin);
  return { pin, failed: false };
}

async function openWithPin(me: WorkerKeys, record: ClientRecord): Promise<ClientView> {
  const { pin, failed } = await pinFor(me, record.client);
  return openRecord(me, record, pin, failed);
}

export async function loadClient(me: WorkerKeys, clientId: string): Promise<ClientView> {
  return openWithPin(me, await api<ClientRecord>("GET", `/api/v1/worker/clients/${clientId}`));
}

/** The whole caseload, every paired parent's record in one answer, every box opened here. */
export async function loadCaseload(me: WorkerKeys): Promise<ClientView[]> {
  const [{ clients }, { records }] = await Promise.all([
    api<{ clients: CaseloadEntry[] }>("GET", "/api/v1/worker/clients"),
    api<{ records: ClientRecord[] }>("GET", "/api/v1/worker/clients/records"),
  ]);
  const paired = await Promise.all(records.map((record) => openWithPin(me, record)));
  const unpaired = clients
    .filter((entry) => !records.some((r) => r.client.client_id === entry.client_id))
    .map((entry) => openRecord(me, { client: entry, checkins: [], replies: [] }, null));
  return sortCaseload([...paired, ...unpaired]);
}

/** Marks the opened check-ins as seen (stored in the pin) when the worker opens the parent. */
export async function markSeen(me: WorkerKeys, view: ClientView): Promise<ClientView> {
  if (!view.pin || view.newCheckins.length === 0) return view;
  const pin: Pin = { ...view.pin, seen: [...new Set([...view.pin.seen, ...view.newCheckins])].slice(-3) };
  await storePin(me, view.entry.client_id, pin);
  return { ...view, pin, newCheckins: [] };
}
