import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn(async () => () => {}) }));

import { fireEvent, render, screen, within } from "@testing-library/svelte";
import CheckInScreen from "./CheckInScreen.svelte";
import type { CheckIn, CheckInScreen as Screen } from "../lib/bindings";
import { i18n } from "../lib/i18n/index.svelte";
import { nl } from "../lib/i18n/nl";
import { navigation } from "../lib/navigation.svelte";
import { callsOf, mockCommands } from "../test/fixtures";
import { checkInScreen, contactsView, reply, sentCheckIn } from "../test/contacts";

const t = nl.checkin;

type DraftCall = { number: number; draft: Screen["draft"] };

function commands(view: Screen, more: Record<string, (args: Record<string, unknown> | undefined) => unknown> = {}) {
  return mockCommands({
    checkin: () => view,
    save_checkin_draft: () => "2026-03-10T12:00:00Z",
    ...more,
  });
}

async function renderScreen(number = 2) {
  const result = render(CheckInScreen, { props: { number } });
  await vi.waitFor(() => expect(screen.queryByText(nl.app.loading)).toBeNull());
  return result;
}

function lastDraft(): Screen["draft"] {
  return (callsOf("save_checkin_draft").at(-1) as DraftCall).draft;
}

describe("Check-in form", () => {
  beforeEach(() => {
    i18n.set("nl");
    navigation.go({ screen: "checkin", number: 2 });
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows the title and the numbers the app fills in itself", async () => {
    commands(checkInScreen());
    await renderScreen();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Halverwege");
    expect(callsOf("checkin")).toEqual([{ number: 2 }]);
    const progress = screen.getByTestId("checkin-progress");
    expect(progress.textContent).toContain("Modules af: 3 van 5");
    expect(progress.textContent).toContain("Doe-opdrachten af: 2 van 5");
    expect(progress.textContent).toContain("Thuisopdrachten af: 1 van 5");
    expect(progress.textContent).toContain(t.reflectionEvenings(9));
    expect(screen.getByTestId("checkin-form").textContent).toContain(t.progressAuto);
  });

  it("asks three 1-10 ratings as radio groups, and the grade only when asked", async () => {
    commands(checkInScreen());
    const { unmount } = await renderScreen();
    for (const [key, label] of [
      ["parenting", t.parenting],
      ["feeling", t.feeling],
      ["confidence", t.confidence],
    ]) {
      const group = screen.getByRole("radiogroup", { name: label });
      const radios = within(group).getAllByRole("radio");
      expect(radios.map((r) => r.getAttribute("data-testid"))).toEqual(
        Array.from({ length: 10 }, (_, i) => `rating-${key}-${i + 1}`),
      );
      expect(within(group).getByLabelText("7")).toBe(radios[6]);
    }
    expect(screen.queryByRole("radiogroup", { name: t.grade })).toBeNull();
    unmount();

    commands(checkInScreen({ grade_asked: true }));
    await renderScreen();
    expect(screen.getByRole("radiogroup", { name: t.grade })).toBeTruthy();
    expect(screen.getByTestId("rating-grade-8")).toBeTruthy();
  });

  it("saves the draft as the parent goes: clicks at once, typing after a pause", async () => {
    commands(checkInScreen());
    await renderScreen();
    await fireEvent.click(screen.getByTestId("rating-parenting-6"));
    await vi.advanceTimersByTimeAsync(0);
    expect(callsOf("save_checkin_draft")).toHaveLength(1);
    expect(callsOf("save_checkin_draft")[0]).toMatchObject({ number: 2, draft: { parenting: 6, feeling: null } });

    await fireEvent.click(screen.getByTestId("checkin-way-video"));
    await fireEvent.click(screen.getByTestId("checkin-way-phone"));
    await vi.advanceTimersByTimeAsync(0);
    expect(lastDraft().ways).toEqual(["phone", "video"]);

    const talk = screen.getByTestId("checkin-talk-about");
    expect(talk.getAttribute("maxlength")).toBe("1000");
    expect(screen.getByTestId("checkin-times").getAttribute("maxlength")).toBe("200");
    const before = callsOf("save_checkin_draft").length;
    await fireEvent.input(talk, { target: { value: "Het slapengaan" } });
    expect(screen.getByTestId("save-state").dataset.state).toBe("saving");
    expect(callsOf("save_checkin_draft")).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(700);
    expect(callsOf("save_checkin_draft")).toHaveLength(before + 1);
    expect(lastDraft()).toMatchObject({ parenting: 6, talk_about: "Het slapengaan", ways: ["phone", "video"] });
    expect(screen.getByTestId("save-state").dataset.state).toBe("saved");
  });

  it("shares nothing by default and each item only when ticked, at most ten", async () => {
    const many = Array.from({ length: 11 }, (_, i) => ({
      reference: { kind: "reflection" as const, date: `2026-02-${String(i + 1).padStart(2, "0")}` },
      context: `Reflectie ${i + 1}`,
      question: "Wat ging er goed?",
      answer: `Antwoord ${i + 1}`,
    }));
    commands(checkInScreen({ shareable: many }));
    await renderScreen();
    const boxes = many.map((_, i) => screen.getByTestId(`share-${i + 1}`) as HTMLInputElement);
    expect(boxes.every((b) => !b.checked)).toBe(true);
    expect(screen.getByText("Antwoord 3")).toBeTruthy();
    await fireEvent.click(boxes[2]!);
    await vi.advanceTimersByTimeAsync(0);
    expect(lastDraft().shared).toEqual([{ kind: "reflection", date: "2026-02-03" }]);
    for (const box of [boxes[1]!, ...boxes.slice(3)]) await fireEvent.click(box);
    await vi.advanceTimersByTimeAsync(0);
    expect(lastDraft().shared).toHaveLength(10);
    expect(boxes[0]!.checked).toBe(false);
    expect(boxes[0]!.disabled).toBe(true);
    await fireEvent.click(boxes[2]!);
    await vi.advanceTimersByTimeAsync(0);
    expect(lastDraft().shared).toHaveLength(9);
    expect(boxes[0]!.disabled).toBe(false);
  });

  it("shows crisis help at once when the parent answers yes to the safety question", async () => {
    commands(checkInScreen());
    await renderScreen();
    expect(screen.queryByTestId("crisis-inline")).toBeNull();
    await fireEvent.click(screen.getByTestId("safety-yes"));
    const help = screen.getByTestId("crisis-inline");
    const text = help.textContent ?? "";
    for (const n of ["112", "113", "0800-0113", "0800-2000", "0800-0432", "113.nl", "huisartsenpost"]) {
      expect(text).toContain(n);
    }
    expect(text).toContain(t.crisisUrgent);
    expect(within(help).getAllByRole("link").map((a) => a.getAttribute("href"))).toEqual([
      "tel:112",
      "tel:113",
      "tel:08000113",
      "tel:08002000",
      "tel:08000432",
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(lastDraft().worried_about_safety).toBe(true);
    await fireEvent.click(screen.getByTestId("safety-no"));
    expect(screen.queryByTestId("crisis-inline")).toBeNull();
    await vi.advanceTimersByTimeAsync(0);
    expect(lastDraft().worried_about_safety).toBe(false);
  });

  it("points at the missing answers when the preview is refused as incomplete", async () => {
    commands(checkInScreen({ grade_asked: true }), {
      preview_checkin: () => {
        throw {
          code: "check_in_incomplete",
          message: "missing",
          details: { kind: "check_in_incomplete", fields: ["ratings.feeling", "programme_grade", "worried_about_safety"] },
        };
      },
    });
    await renderScreen();
    await fireEvent.click(screen.getByTestId("checkin-preview-open"));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.queryByTestId("checkin-preview")).toBeNull();
    const invalid = (name: string) => screen.getByRole("radiogroup", { name }).getAttribute("aria-invalid");
    expect(invalid(t.feeling)).toBe("true");
    expect(invalid(t.grade)).toBe("true");
    expect(invalid(t.safetyLegend)).toBe("true");
    expect(invalid(t.parenting)).toBeNull();
    expect(screen.getAllByText(t.missing)).toHaveLength(3);
    const summary = screen.getByTestId("checkin-problems");
    expect(summary.textContent).toContain(t.missingSummary);
    expect(within(summary).getAllByRole("link").map((a) => a.getAttribute("href"))).toEqual([
      "#checkin-feeling",
      "#checkin-grade",
      "#checkin-safety",
    ]);
    await fireEvent.click(screen.getByTestId("rating-feeling-5"));
    expect(invalid(t.feeling)).toBeNull();
    expect(screen.getAllByText(t.missing)).toHaveLength(2);
  });

  it("previews exactly the check-in the app returns and sends that same one", async () => {
    const previewed: CheckIn = structuredClone(sentCheckIn);
    commands(checkInScreen(), {
      preview_checkin: () => previewed,
      send_checkin: () => contactsView({ due: null }),
    });
    await renderScreen();
    await fireEvent.click(screen.getByTestId("rating-parenting-2"));
    await fireEvent.click(screen.getByTestId("checkin-preview-open"));
    await vi.advanceTimersByTimeAsync(0);
    // The draft was saved before the preview was asked for.
    const { invoke } = await import("@tauri-apps/api/core");
    const order = vi.mocked(invoke).mock.calls.map(([c]) => c).filter((c) => c !== "checkin");
    expect(order).toEqual(["save_checkin_draft", "preview_checkin"]);
    expect(callsOf("preview_checkin")).toEqual([{ number: 2 }]);

    const preview = screen.getByTestId("checkin-preview");
    expect(screen.queryByTestId("checkin-form")).toBeNull();
    const field = (id: string) => within(preview).getByTestId(id).textContent ?? "";
    // What the app returned, not what the form holds (parenting 2 in the form, 6 returned).
    expect(field("summary-parenting")).toBe("6 van 10");
    expect(field("summary-feeling")).toBe("4 van 10");
    expect(field("summary-confidence")).toBe("7 van 10");
    expect(within(preview).queryByTestId("summary-grade")).toBeNull();
    for (const line of ["Modules af: 3 van 5", "Doe-opdrachten af: 2 van 5", "Thuisopdrachten af: 1 van 5", t.reflectionEvenings(9)]) {
      expect(field("summary-progress")).toContain(line);
    }
    expect(field("summary-talk-about").trim()).toBe("Het slapengaan\nis lastig");
    expect(field("summary-ways").trim()).toBe("Bellen, Huisbezoek");
    expect(field("summary-times").trim()).toBe("Dinsdagochtend");
    const shared = within(preview).getAllByTestId("summary-shared-item");
    expect(shared.map((s) => [...s.querySelectorAll("p")].map((p) => p.textContent))).toEqual([
      ["Wat ging er goed?", "Samen gelachen"],
    ]);
    expect(field("summary-urgent")).toBe(t.urgent);
    expect(field("summary-safety").trim()).toBe(t.yes);
    expect(field("summary-written-at")).toContain("10 maart 2026");

    await fireEvent.click(screen.getByTestId("checkin-send"));
    await vi.advanceTimersByTimeAsync(0);
    expect(callsOf("send_checkin")).toEqual([{ number: 2, previewed: sentCheckIn }]);
    expect((callsOf("send_checkin")[0] as { previewed: CheckIn }).previewed).toBe(previewed);
    expect(navigation.route).toEqual({ screen: "contacts" });
  });

  it("names the field the app found wrong", async () => {
    commands(checkInScreen(), {
      preview_checkin: () => {
        throw {
          code: "check_in_invalid",
          message: "too long",
          details: { kind: "check_in_invalid", field: "talk_about", rule: "too_long" },
        };
      },
    });
    await renderScreen();
    await fireEvent.click(screen.getByTestId("checkin-preview-open"));
    await vi.advanceTimersByTimeAsync(0);
    const summary = screen.getByTestId("checkin-problems");
    expect(summary.textContent).toContain(t.fields.talk_about);
    expect(within(summary).getByRole("link").getAttribute("href")).toBe("#checkin-talk-about");
    expect(screen.getByTestId("checkin-talk-about").getAttribute("aria-invalid")).toBe("true");
  });

  it("goes back to the form to change something, and asks for a new preview", async () => {
    commands(checkInScreen(), { preview_checkin: () => sentCheckIn });
    await renderScreen();
    await fireEvent.click(screen.getByTestId("checkin-preview-open"));
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.click(screen.getByTestId("checkin-edit"));
    expect(screen.getByTestId("checkin-form")).toBeTruthy();
    await vi.advanceTimersByTimeAsync(0);
    expect(document.activeElement).toBe(screen.getByTestId("checkin-preview-open"));
    expect(callsOf("send_checkin")).toEqual([]);
  });

  it("says so and shows the new preview when the check-in changed before sending", async () => {
    const newer: CheckIn = { ...sentCheckIn, ratings: { ...sentCheckIn.ratings, feeling: 8 }, worried_about_safety: false };
    let previews = 0;
    let sends = 0;
    commands(checkInScreen(), {
      preview_checkin: () => (++previews === 1 ? sentCheckIn : newer),
      send_checkin: () => {
        if (++sends === 1) throw { code: "check_in_changed", message: "changed" };
        return contactsView({ due: null });
      },
    });
    await renderScreen();
    await fireEvent.click(screen.getByTestId("checkin-preview-open"));
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.click(screen.getByTestId("checkin-send"));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId("checkin-changed").textContent).toContain(t.changed);
    expect(within(screen.getByTestId("checkin-preview")).getByTestId("summary-feeling").textContent).toBe("8 van 10");
    expect(within(screen.getByTestId("checkin-preview")).queryByTestId("summary-urgent")).toBeNull();
    expect(navigation.route).toEqual({ screen: "checkin", number: 2 });
    await fireEvent.click(screen.getByTestId("checkin-send"));
    await vi.advanceTimersByTimeAsync(0);
    expect(callsOf("send_checkin").at(-1)).toEqual({ number: 2, previewed: newer });
    expect(navigation.route).toEqual({ screen: "contacts" });
  });

  it("shows a sent check-in read-only, with where it stands and the replies", async () => {
    commands(
      checkInScreen({
        sent: sentCheckIn,
        state: { state: "replied", sent_at: "2026-03-10T12:00:00Z" },
        replies: [reply("Zullen we <i>bellen</i>?")],
      }),
    );
    await renderScreen();
    expect(screen.queryByTestId("checkin-form")).toBeNull();
    expect(screen.queryByRole("radio")).toBeNull();
    expect(screen.queryByRole("textbox")).toBeNull();
    const sent = screen.getByTestId("checkin-sent");
    expect(within(sent).getByTestId("summary-parenting").textContent).toBe("6 van 10");
    expect(screen.getByTestId("contact-state").textContent).toContain(nl.contacts.state.replied);
    expect(screen.getByTestId("reply-message").textContent).toBe("Zullen we <i>bellen</i>?");
  });
});
