// Sealing a reply in the browser: to the parent's pinned key and a copy to the worker's own.

import { sealReply, toB64, type Reply } from "../../protocol/houvast.mjs";
import { api } from "./api";
import type { ClientView } from "./caseload";
import type { WorkerKeys } from "./session.svelte";
import type { ReplyDraft } from "./state.svelte";

/** "2026-12-01T10:00" from a datetime-local field → RFC 3339 with this browser's offset. */
export function withOffset(local: string, at: Date = new Date(local)): string {
  const minutes = -at.getTimezoneOffset();
  const sign = minutes >= 0 ? "+" : "-";
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.length === 16 ? `${local}:00` : local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function replyFromDraft(draft: ReplyDraft): Reply {
  return {
    format: 1,
    proposed_time: draft.time ? withOffset(draft.time) : null,
    way_of_contact: draft.way,
    message: draft.message,
  };
}

export async function sendReply(me: WorkerKeys, view: ClientView, draft: ReplyDraft): Promise<void> {
  const checkin = view.checkins.find((c) => c.contactPoint === draft.contactPoint && c.content);
  if (!checkin || !view.keys || view.keyState === "changed" || view.keyState === "unpaired") {
    throw new Error("no opened check-in at this contact point, or the key changed");
  }
  const place = { client_id: view.entry.client_id, checkin_id: checkin.checkinId, contact_point: draft.contactPoint };
  const sealed = sealReply(
    me.secretKey,
    view.keys,
    { place, reply_id: crypto.randomUUID(), sent_at: new Date().toISOString() },
    replyFromDraft(draft),
  );
  await api("POST", `/api/v1/worker/clients/${view.entry.client_id}/replies`, {
    contact_point: draft.contactPoint,
    sealed_for_client: toB64(sealed.for_client),
    sealed_for_worker: toB64(sealed.for_worker),
  });
}
