import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
const listeners = new Map<string, () => void>();
vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, cb: () => void) => {
    listeners.set(name, cb);
    return () => listeners.delete(name);
  }),
}));

import { fireEvent, render, screen, within } from "@testing-library/svelte";
import Contacts from "./Contacts.svelte";
import type { ContactsView, PairingView } from "../lib/bindings";
import { CONTACTS_CHANGED_EVENT } from "../lib/contactsEvents";
import { i18n } from "../lib/i18n/index.svelte";
import { nl } from "../lib/i18n/nl";
import { navigation } from "../lib/navigation.svelte";
import { callsOf, mockCommands } from "../test/fixtures";
import { contactsView, pairing, point, reply, safetyNumber, unpaired } from "../test/contacts";

const t = nl.contacts;

async function renderContacts() {
  const result = render(Contacts);
  await screen.findByRole("heading", { level: 1, name: t.title });
  await vi.waitFor(() => expect(screen.queryByText(nl.app.loading)).toBeNull());
  return result;
}

async function pairWith(line: string) {
  await fireEvent.input(screen.getByTestId("pair-invitation"), { target: { value: line } });
  await fireEvent.click(screen.getByTestId("pair-submit"));
}

describe("Contacts when not paired", () => {
  beforeEach(() => {
    i18n.set("nl");
    listeners.clear();
  });

  it("says what pairing is for and that the app works without it", async () => {
    mockCommands({ contacts: () => unpaired });
    await renderContacts();
    const page = screen.getByTestId("contacts");
    expect(page.textContent).toContain(t.whyPair);
    expect(page.textContent).toContain(t.withoutPairing);
    expect(screen.getByLabelText(t.invitationLabel)).toBe(screen.getByTestId("pair-invitation"));
    expect(screen.queryByTestId("paired-worker")).toBeNull();
  });

  it("asks for the line before calling the server", async () => {
    mockCommands({ contacts: () => unpaired });
    await renderContacts();
    await pairWith("   ");
    expect(screen.getByTestId("pair-error").textContent).toContain(t.invitationEmpty);
    expect(screen.getByTestId("pair-invitation").getAttribute("aria-invalid")).toBe("true");
    expect(callsOf("pair_with_worker")).toEqual([]);
  });

  it.each([
    ["code_unknown", true],
    ["offline", false],
    ["plain_http", true],
    ["code_expired", true],
    ["certificate_invalid", false],
  ] as const)("shows a plain message when pairing fails with %s", async (code, fieldIsWrong) => {
    mockCommands({
      contacts: () => unpaired,
      pair_with_worker: () => {
        throw { code, message: `technical ${code}` };
      },
    });
    await renderContacts();
    await pairWith(" houvast.ggz.example/7KQ2-M9XD-1FHT ");
    const error = await screen.findByTestId("pair-error");
    expect(error.textContent).toContain(nl.errors[code]);
    expect(error.textContent).toContain(t.pairFailed);
    expect(error.textContent).not.toContain("technical");
    expect(error.getAttribute("role")).toBe("alert");
    expect(screen.getByTestId("pair-invitation").getAttribute("aria-invalid")).toBe(fieldIsWrong ? "true" : null);
    expect(callsOf("pair_with_worker")).toEqual([{ invitation: "houvast.ggz.example/7KQ2-M9XD-1FHT" }]);
    // Nothing half-paired on the screen: the form is still there, the line still in it.
    expect((screen.getByTestId("pair-invitation") as HTMLInputElement).value).toBe(" houvast.ggz.example/7KQ2-M9XD-1FHT ");
    expect(screen.queryByTestId("paired-worker")).toBeNull();
  });

  it("shows that it is busy and cannot be pressed twice while pairing", async () => {
    let finish: (p: PairingView) => void = () => {};
    let view: ContactsView = unpaired;
    mockCommands({
      contacts: () => view,
      pair_with_worker: () => new Promise<PairingView>((resolve) => (finish = resolve)),
    });
    await renderContacts();
    await pairWith("houvast.ggz.example/7KQ2-M9XD-1FHT");
    const button = screen.getByTestId("pair-submit") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toContain(t.pairing);
    await fireEvent.click(button);
    expect(callsOf("pair_with_worker")).toHaveLength(1);
    view = contactsView();
    finish(pairing());
    const worker = await screen.findByTestId("paired-worker");
    expect(worker.textContent).toContain("Anouk de Vries");
    expect(worker.textContent).toContain("GGZ Voorbeeld");
    expect(await screen.findByTestId("contact-point-1")).toBeTruthy();
    expect(screen.queryByTestId("pair-invitation")).toBeNull();
  });
});

describe("Contacts when paired", () => {
  beforeEach(() => {
    i18n.set("nl");
    listeners.clear();
    navigation.go({ screen: "contacts" });
  });

  it("shows the worker and the safety number in 12 groups, and marks it checked", async () => {
    mockCommands({
      contacts: () => contactsView(),
      mark_safety_number_checked: () => pairing({ safety_number_checked: true }),
    });
    await renderContacts();
    expect(screen.getByTestId("paired-worker").textContent).toContain("Anouk de Vries");
    const number = screen.getByTestId("safety-number");
    const groups = within(number).getAllByTestId("safety-group").map((g) => g.textContent);
    expect(groups).toEqual(safetyNumber);
    expect(screen.getByTestId("contacts").textContent).toContain(t.safetyCompare);

    const same = screen.getByTestId("safety-checked");
    expect(same.tagName).toBe("BUTTON");
    expect(same.textContent).toContain(t.safetySame);
    await fireEvent.click(same);
    await vi.waitFor(() => expect(screen.getByTestId("safety-checked").dataset.checked).toBe("true"));
    expect(screen.getByTestId("safety-checked").tagName).not.toBe("BUTTON");
    expect(screen.getByTestId("safety-checked").textContent).toContain(t.safetyChecked);
    expect(callsOf("mark_safety_number_checked")).toEqual([{}]);
  });

  it("says where each contact point stands, in words", async () => {
    const view = contactsView({
      points: [
        point(1, { state: "not_yet" }),
        point(2, { state: "due", since: "2026-03-09" }),
        point(3, { state: "waiting", sent_at: "2026-03-10T12:00:00Z", attempts: 3, last_error: "connection refused" }),
        point(4, { state: "refused", sent_at: "2026-03-10T12:00:00Z", reason: "pseudonym unknown" }),
        point(5, { state: "delivered", sent_at: "2026-03-10T12:00:00Z", delivered_at: "2026-03-10T12:01:00Z" }),
        point(6, { state: "read", sent_at: "2026-03-10T12:00:00Z", read_at: "2026-03-11T08:00:00Z" }),
        point(7, { state: "replied", sent_at: "2026-03-10T12:00:00Z" }),
        point(8, { state: "done", sent_at: "2026-03-10T12:00:00Z", done_at: "2026-03-13" }),
      ],
    });
    mockCommands({ contacts: () => view });
    await renderContacts();
    const expected = [
      ["not_yet", t.state.not_yet],
      ["due", "Je kunt je check-in invullen"],
      ["waiting", "Wacht op verzenden"],
      ["refused", t.state.refused],
      ["delivered", "Verzonden"],
      ["read", "Gelezen door je preventiewerker"],
      ["replied", t.state.replied],
      ["done", "Contact gehad"],
    ];
    expected.forEach(([state, words], i) => {
      const item = screen.getByTestId(`contact-point-${i + 1}`);
      expect(item.dataset.state).toBe(state);
      expect(within(item).getByTestId("contact-state").textContent).toContain(words);
    });
    expect(screen.getByTestId("contact-point-1").textContent).toContain("Voor module 1");
    expect(screen.getByTestId("contact-point-2").textContent).toContain("Na module 3");
    expect(screen.getByTestId("contact-point-3").textContent).toContain(t.waitingText);
    expect(screen.getByTestId("contact-point-3").textContent).toContain("internet");
    expect(screen.getByTestId("contact-point-4").textContent).toContain("pseudonym unknown");
    expect(screen.getByTestId("contact-point-4").textContent).toContain(t.refusedTodo);

    expect(screen.queryByTestId("open-checkin-1")).toBeNull();
    expect(screen.getByTestId("open-checkin-2").textContent).toContain(t.openCheckIn);
    expect(screen.getByTestId("open-checkin-5").textContent).toContain(t.viewCheckIn);
    await fireEvent.click(screen.getByTestId("open-checkin-2"));
    expect(navigation.route).toEqual({ screen: "checkin", number: 2 });
  });

  it("shows a reply's message as text, never as HTML, with the time in the parent's zone", async () => {
    const message = "Tot dan! <b>vet</b> <img src=x onerror=alert(1)>";
    mockCommands({
      contacts: () =>
        contactsView({
          points: [point(1, { state: "replied", sent_at: "2026-03-10T12:00:00Z" }, [reply(message)])],
          due: null,
        }),
    });
    await renderContacts();
    const card = screen.getByTestId("reply");
    const text = within(card).getByTestId("reply-message");
    expect(text.textContent).toBe(message);
    expect(card.querySelector("b, img")).toBeNull();
    expect(within(card).getByTestId("reply-way").textContent).toContain(t.ways.video);
    // 12:30 at +01:00 is 11:30 UTC; shown in whatever zone this machine is in.
    const local = new Date("2026-03-12T11:30:00Z");
    const hhmm = `${String(local.getHours()).padStart(2, "0")}:${String(local.getMinutes()).padStart(2, "0")}`;
    const time = within(card).getByTestId("reply-time").textContent ?? "";
    expect(time).toContain("12 maart 2026");
    expect(time).toContain(hhmm);
  });

  it("checks for news on request and says plainly when there is no internet", async () => {
    let fail = true;
    mockCommands({
      contacts: () => contactsView(),
      check_for_replies: () => {
        if (fail) throw { code: "offline", message: "dns error" };
        return contactsView({ points: [point(1, { state: "read", sent_at: "2026-03-10T12:00:00Z", read_at: "2026-03-11T08:00:00Z" })], due: null });
      },
    });
    await renderContacts();
    await fireEvent.click(screen.getByTestId("check-now"));
    await vi.waitFor(() => expect(screen.getByTestId("check-now-status").textContent).toContain(nl.errors.offline));
    expect(screen.getByTestId("contact-point-1").dataset.state).toBe("due");
    fail = false;
    await fireEvent.click(screen.getByTestId("check-now"));
    await vi.waitFor(() => expect(screen.getByTestId("contact-point-1").dataset.state).toBe("read"));
    expect(screen.getByTestId("check-now-status").textContent).toContain(t.checked);
  });

  it("loads again when the courier says something changed", async () => {
    let view = contactsView();
    mockCommands({ contacts: () => view });
    await renderContacts();
    expect(screen.getByTestId("contact-point-1").dataset.state).toBe("due");
    view = contactsView({ points: [point(1, { state: "delivered", sent_at: "2026-03-10T12:00:00Z", delivered_at: "2026-03-10T12:01:00Z" })] });
    await vi.waitFor(() => expect(listeners.has(CONTACTS_CHANGED_EVENT)).toBe(true));
    listeners.get(CONTACTS_CHANGED_EVENT)?.();
    await vi.waitFor(() => expect(screen.getByTestId("contact-point-1").dataset.state).toBe("delivered"));
  });

  it("explains what unpairing deletes and what the worker keeps, and unpairs only when confirmed", async () => {
    let view = contactsView();
    mockCommands({
      contacts: () => view,
      unpair_worker: () => {
        view = unpaired;
        return null;
      },
    });
    await renderContacts();
    await fireEvent.click(screen.getByTestId("unpair"));
    const dialog = screen.getByRole("alertdialog");
    expect(dialog.textContent).toContain(t.unpairServer);
    expect(dialog.textContent).toContain(t.unpairWorkerKeeps);
    expect(dialog.textContent).toContain("aantekeningen");
    expect(dialog.textContent).toContain("schuilnaam");
    await fireEvent.click(screen.getByTestId("unpair-cancel"));
    expect(callsOf("unpair_worker")).toEqual([]);
    await fireEvent.click(screen.getByTestId("unpair"));
    await fireEvent.click(screen.getByTestId("unpair-confirm"));
    expect(await screen.findByTestId("pair-invitation")).toBeTruthy();
    expect(callsOf("unpair_worker")).toEqual([{}]);
    expect(screen.queryByTestId("paired-worker")).toBeNull();
  });

  it("offers to forget on this device only after unpairing could not reach the server", async () => {
    let view = contactsView();
    let code = "storage_failed";
    mockCommands({
      contacts: () => view,
      unpair_worker: () => {
        throw { code, message: "nope" };
      },
      forget_pairing: () => {
        view = unpaired;
        return null;
      },
    });
    await renderContacts();
    expect(screen.queryByTestId("forget-pairing")).toBeNull();
    await fireEvent.click(screen.getByTestId("unpair"));
    await fireEvent.click(screen.getByTestId("unpair-confirm"));
    await vi.waitFor(() => expect(screen.getByTestId("unpair-status").textContent).toContain(nl.errors.storage_failed));
    expect(screen.queryByTestId("forget-pairing")).toBeNull();

    code = "offline";
    await fireEvent.click(screen.getByTestId("unpair"));
    await fireEvent.click(screen.getByTestId("unpair-confirm"));
    await vi.waitFor(() => expect(screen.getByTestId("unpair-status").textContent).toContain(nl.errors.offline));
    expect(screen.getByTestId("unpair-status").textContent).toContain(t.unpairFailed);
    await fireEvent.click(screen.getByTestId("forget-pairing"));
    expect(screen.getByRole("alertdialog").textContent).toContain(t.forgetText);
    expect(callsOf("forget_pairing")).toEqual([]);
    await fireEvent.click(screen.getByTestId("forget-confirm"));
    expect(await screen.findByTestId("pair-invitation")).toBeTruthy();
    expect(callsOf("forget_pairing")).toEqual([{}]);
  });

  it("warns loudly when a key changed, without a way to wave it away", async () => {
    mockCommands({
      contacts: () =>
        contactsView({
          pairing: pairing({ problem: { kind: "key_changed", worker: true, recovery: false, since: "2026-03-10T12:00:00Z" } }),
        }),
    });
    await renderContacts();
    const banner = screen.getByTestId("sync-problem");
    expect(banner.dataset.kind).toBe("key_changed");
    expect(banner.getAttribute("role")).toBe("alert");
    expect(banner.textContent).toContain(t.keyChangedWorker);
    expect(banner.textContent).toContain(t.keyChangedWhat);
    expect(banner.textContent).toContain(t.keyChangedTodo);
    expect(within(banner).queryByRole("button")).toBeNull();
  });

  it("says a reply could not be checked, and puts the note away when read", async () => {
    mockCommands({
      contacts: () => contactsView({ pairing: pairing({ problem: { kind: "reply_refused", at: "2026-03-11T10:00:00Z" } }) }),
      dismiss_sync_problem: () => pairing(),
    });
    await renderContacts();
    const banner = screen.getByTestId("sync-problem");
    expect(banner.dataset.kind).toBe("reply_refused");
    expect(banner.textContent).toContain(t.replyRefusedTodo);
    expect(banner.textContent).toContain("11 maart 2026");
    await fireEvent.click(screen.getByTestId("sync-problem-dismiss"));
    await vi.waitFor(() => expect(screen.queryByTestId("sync-problem")).toBeNull());
    expect(callsOf("dismiss_sync_problem")).toEqual([{}]);
    expect(screen.getByTestId("paired-worker")).toBeTruthy();
  });
});
