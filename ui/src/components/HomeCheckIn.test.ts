import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn(async () => () => {}) }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import HomeCheckIn from "./HomeCheckIn.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { nl } from "../lib/i18n/nl";
import { navigation } from "../lib/navigation.svelte";
import { callsOf, mockCommands } from "../test/fixtures";
import { contactsView, point, reply, unpaired } from "../test/contacts";

describe("HomeCheckIn", () => {
  beforeEach(() => {
    i18n.set("nl");
    navigation.go({ screen: "home" });
  });

  it("says the check-in is ready and opens it", async () => {
    mockCommands({
      contacts: () =>
        contactsView({ points: [point(1, { state: "done", sent_at: null, done_at: "2026-03-01" }), point(2, { state: "due", since: null })], due: 2 }),
    });
    render(HomeCheckIn);
    const card = await screen.findByTestId("home-checkin-due");
    expect(card.textContent).toContain(nl.homeCheckIn.dueTitle);
    await fireEvent.click(screen.getByTestId("home-open-checkin"));
    expect(navigation.route).toEqual({ screen: "checkin", number: 2 });
  });

  it("shows the time the worker proposed in the latest reply", async () => {
    mockCommands({
      contacts: () =>
        contactsView({
          points: [point(1, { state: "replied", sent_at: "2026-03-10T12:00:00Z" }, [reply("Tot dan")])],
          due: null,
        }),
    });
    render(HomeCheckIn);
    const card = await screen.findByTestId("home-reply");
    expect(card.textContent).toContain("12 maart 2026");
    expect(card.textContent).toContain(nl.contacts.ways.video);
    expect(screen.queryByTestId("home-checkin-due")).toBeNull();
    await fireEvent.click(screen.getByTestId("home-open-contacts"));
    expect(navigation.route).toEqual({ screen: "contacts" });
  });

  it("shows nothing when nothing is due, not paired, or the app cannot tell", async () => {
    mockCommands({ contacts: () => unpaired });
    const { unmount } = render(HomeCheckIn);
    await vi.waitFor(() => expect(callsOf("contacts")).toHaveLength(1));
    await Promise.resolve();
    expect(document.body.textContent?.trim()).toBe("");
    unmount();

    mockCommands({
      contacts: () => {
        throw { code: "storage_failed", message: "disk" };
      },
    });
    render(HomeCheckIn);
    await vi.waitFor(() => expect(callsOf("contacts")).toHaveLength(2));
    await Promise.resolve();
    expect(screen.queryByTestId("error-screen")).toBeNull();
    expect(screen.queryByTestId("home-checkin-due")).toBeNull();
  });
});
