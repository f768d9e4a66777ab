import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import Onboarding from "./Onboarding.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { en } from "../lib/i18n/en";
import { nl } from "../lib/i18n/nl";
import { callsOf, mockCommands } from "../test/fixtures";

describe("Onboarding", () => {
  beforeEach(() => {
    i18n.set("nl");
    mockCommands({ save_profile: () => ({ language: "nl", pseudonym: "Sam", children: [] }) });
  });

  it("preselects Dutch and promises privacy", () => {
    render(Onboarding, { props: { ondone: vi.fn() } });
    expect((screen.getByTestId("lang-nl") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(nl.onboarding.privacyDevice)).toBeTruthy();
    expect(screen.getByText(nl.onboarding.privacyCheckins)).toBeTruthy();
    expect(screen.getByText(nl.onboarding.privacyNobody)).toBeTruthy();
    expect(screen.getByLabelText(nl.onboarding.pseudonymLabel)).toBe(screen.getByTestId("pseudonym"));
    expect(screen.getByText(nl.onboarding.pseudonymHelp).id).toBe(
      screen.getByTestId("pseudonym").getAttribute("aria-describedby"),
    );
  });

  it("names what is missing next to the fields and does not save", async () => {
    const ondone = vi.fn();
    render(Onboarding, { props: { ondone } });
    await fireEvent.click(screen.getByTestId("onboarding-submit"));
    expect(screen.getAllByText(nl.onboarding.pseudonymEmpty).length).toBeGreaterThan(0);
    expect(screen.getAllByText(nl.onboarding.ageEmpty(1)).length).toBeGreaterThan(0);
    expect(screen.getByTestId("pseudonym").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("child-age-0").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("alert").textContent).toContain(nl.onboarding.errorSummary);
    expect(callsOf("save_profile")).toEqual([]);
    expect(ondone).not.toHaveBeenCalled();
  });

  it("refuses an age above 18 and clears the message once fixed", async () => {
    render(Onboarding, { props: { ondone: vi.fn() } });
    await fireEvent.input(screen.getByTestId("pseudonym"), { target: { value: "Sam" } });
    await fireEvent.input(screen.getByTestId("child-age-0"), { target: { value: "19" } });
    await fireEvent.click(screen.getByTestId("onboarding-submit"));
    expect(screen.getAllByText(nl.onboarding.ageOutOfRange(1)).length).toBeGreaterThan(0);
    await fireEvent.input(screen.getByTestId("child-age-0"), { target: { value: "18" } });
    expect(screen.queryByText(nl.onboarding.ageOutOfRange(1))).toBeNull();
  });

  it("adds and removes children", async () => {
    render(Onboarding, { props: { ondone: vi.fn() } });
    await fireEvent.click(screen.getByTestId("add-child"));
    await fireEvent.click(screen.getByTestId("add-child"));
    expect(screen.getByTestId("child-age-2")).toBeTruthy();
    expect(screen.getByLabelText(nl.onboarding.childAgeLabel(3))).toBe(screen.getByTestId("child-age-2"));
    await fireEvent.click(screen.getByTestId("remove-child-1"));
    expect(screen.queryByTestId("child-age-2")).toBeNull();
  });

  it("switches the whole screen to English when English is chosen", async () => {
    render(Onboarding, { props: { ondone: vi.fn() } });
    await fireEvent.click(screen.getByTestId("lang-en"));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(en.onboarding.title);
    await fireEvent.input(screen.getByTestId("pseudonym"), { target: { value: "Sam" } });
    await fireEvent.input(screen.getByTestId("child-age-0"), { target: { value: "2" } });
    await fireEvent.click(screen.getByTestId("onboarding-submit"));
    await vi.waitFor(() =>
      expect(callsOf("save_profile")).toEqual([{ input: { language: "en", pseudonym: "Sam", children_ages: [2], role: "parent" } }]),
    );
  });

  it("shows an error from save_profile translated by its code", async () => {
    mockCommands({
      save_profile: () => {
        throw { code: "storage_failed", message: "disk I/O error" };
      },
    });
    render(Onboarding, { props: { ondone: vi.fn() } });
    await fireEvent.input(screen.getByTestId("pseudonym"), { target: { value: "Sam" } });
    await fireEvent.input(screen.getByTestId("child-age-0"), { target: { value: "5" } });
    await fireEvent.click(screen.getByTestId("onboarding-submit"));
    expect(await screen.findByText(nl.errors.storage_failed)).toBeTruthy();
    expect(screen.queryByText("disk I/O error")).toBeNull();
  });
});
