// @vitest-environment node
// libsodium checks `instanceof Uint8Array`: jsdom's TextEncoder makes arrays of another realm.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fromB64, openReply, sodium, toB64 } from "../../protocol/houvast.mjs";
import type { ClientView } from "./caseload";
import { sendReply, withOffset } from "./reply";

afterEach(() => vi.unstubAllGlobals());

describe("a reply", () => {
  it("carries the proposed time with the browser's offset", () => {
    expect(withOffset("2030-03-04T10:30", { getTimezoneOffset: () => -60 } as Date)).toBe("2030-03-04T10:30:00+01:00");
    expect(withOffset("2030-03-04T10:30", { getTimezoneOffset: () => 330 } as Date)).toBe("2030-03-04T10:30:00-05:30");
  });

  it("is sealed in the browser so that only the parent's pinned key opens it", async () => {
    const worker = sodium.crypto_box_keypair();
    const parent = sodium.crypto_box_keypair();
    const recovery = sodium.crypto_box_keypair();
    const keys = { parent: parent.publicKey, worker: worker.publicKey, recovery: recovery.publicKey };
    const clientId = crypto.randomUUID();
    const checkinId = crypto.randomUUID();
    const view = {
      entry: { client_id: clientId, client_public_key: toB64(parent.publicKey) },
      keys,
      keyState: "not_checked",
      checkins: [{ checkinId, contactPoint: 2, receivedAt: "", content: {}, error: null }],
    } as unknown as ClientView;
    let sent: { url: string; body: Record<string, string | number> } | null = null;
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      sent = { url, body: JSON.parse(String(init.body)) };
      expect((init.headers as Record<string, string>)["x-houvast-request"]).toBe("1");
      return new Response(JSON.stringify({ reply_id: crypto.randomUUID(), created_at: "" }), { status: 201 });
    });
    const me = { secretKey: worker.privateKey, publicKey: worker.publicKey, recovery: recovery.publicKey };
    await sendReply(me, view, { contactPoint: 2, time: "", way: "video", message: "Tot dinsdag" });
    expect(sent!.url).toBe(`/api/v1/worker/clients/${clientId}/replies`);
    expect(sent!.body.contact_point).toBe(2);
    const place = { client_id: clientId, checkin_id: checkinId, contact_point: 2 as const };
    const opened = openReply(parent.privateKey, keys, place, fromB64(String(sent!.body.sealed_for_client)), new Set());
    expect(opened.reply).toEqual({ format: 1, proposed_time: null, way_of_contact: "video", message: "Tot dinsdag" });
  });

  it("is refused while the parent's key has changed", async () => {
    const view = { keyState: "changed", keys: null, checkins: [] } as unknown as ClientView;
    const me = { secretKey: new Uint8Array(32), publicKey: new Uint8Array(32), recovery: new Uint8Array(32) };
    await expect(sendReply(me, view, { contactPoint: 1, time: "", way: "phone", message: "" })).rejects.toThrow();
  });
});
