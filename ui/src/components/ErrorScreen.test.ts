import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import ErrorScreen from "./ErrorScreen.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { nl, type StartupErrorCode } from "../lib/i18n/nl";

const codes = Object.keys(nl.errorScreen.codes) as StartupErrorCode[];

describe("ErrorScreen", () => {
  it.each(codes)("explains %s calmly, says what to do, and never offers a reset", (code) => {
    i18n.set("nl");
    render(ErrorScreen, { props: { error: { code, message: "cause" }, onretry: vi.fn(async () => {}) } });
    const screenEl = screen.getByTestId("error-screen");
    expect(screenEl.dataset.code).toBe(code);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(nl.errorScreen.codes[code].title);
    expect(screenEl.textContent).toContain(nl.errorScreen.codes[code].action);
    const buttons = screen.getAllByRole("button").map((b) => b.textContent?.trim());
    expect(buttons).toEqual([nl.errorScreen.retry]);
    expect(screenEl.textContent).not.toMatch(/reset|wis alles|opnieuw beginnen/i);
  });

  it("tells a parent whose key is missing that the data is untouched", () => {
    i18n.set("en");
    render(ErrorScreen, { props: { error: { code: "key_missing", message: "" }, onretry: vi.fn(async () => {}) } });
    expect(screen.getByText(/Your data is untouched and was not reset/)).toBeTruthy();
    i18n.set("nl");
  });

  it("retries when asked", async () => {
    const onretry = vi.fn(async () => {});
    render(ErrorScreen, { props: { error: { code: "keychain_locked", message: "" }, onretry } });
    await fireEvent.click(screen.getByTestId("error-retry"));
    expect(onretry).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(nl.errorScreen.stillFailing)).toBeTruthy();
  });

  it("sits below a screen's own title as a second-level heading that says what failed", () => {
    i18n.set("nl");
    render(ErrorScreen, {
      props: { error: { code: "internal", message: "" }, onretry: vi.fn(async () => {}), kicker: "Laden lukt niet", level: 2 },
    });
    const section = screen.getByRole("region", { name: nl.errorScreen.codes.internal.title });
    expect(section.textContent).toContain("Laden lukt niet");
    expect(screen.queryByRole("heading", { level: 1 })).toBeNull();
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe(nl.errorScreen.codes.internal.title);
  });
  it.each(["key_missing", "wrong_key", "wrong_key_or_corrupt", "database_corrupt"] as const)(
    "offers to restore a copy beside trying again at start-up for %s",
    async (code) => {
      i18n.set("nl");
      render(ErrorScreen, { props: { error: { code, message: "" }, onretry: vi.fn(async () => {}), onrestored: vi.fn() } });
      expect(screen.getByTestId("error-restore-offer").textContent).toContain(nl.restore.errorOffer);
      expect(screen.getAllByRole("button").map((b) => b.textContent?.trim())).toEqual([nl.errorScreen.retry, nl.restore.title]);
      await fireEvent.click(screen.getByTestId("error-restore"));
      expect(screen.getByTestId("restore-backup")).toBeTruthy();
    },
  );

  it.each(["keychain_locked", "database_too_new", "storage_failed"] as const)(
    "does not offer a restore when the data is only out of reach (%s)",
    (code) => {
      render(ErrorScreen, { props: { error: { code, message: "" }, onretry: vi.fn(async () => {}), onrestored: vi.fn() } });
      expect(screen.queryByTestId("error-restore-offer")).toBeNull();
    },
  );
});
