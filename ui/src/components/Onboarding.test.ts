import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import Onboarding from "./Onboarding.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { en } from "../lib/i18n/en";
import { nl } from "../lib/i18n/nl";
import { callsOf, mockCommands } from "../test/fixtures";

/** The step the form shows, by its title and its "Stap n van 3". */
function expectStep(n: number, title: string): void {
  expect(screen.getByTestId("onboarding").getAttribute("data-step")).toBe(String(n));
  const heading = screen.getByRole("heading", { level: 1 });
  expect(heading.textContent).toBe(title);
  expect(document.getElementById(heading.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
    i18n.t.onboarding.stepOf(n, 3),
  );
}

async function next(): Promise<void> {
  await fireEvent.click(screen.getByTestId("onboarding-next"));
}

/** From the first step to the children, with a name filled in. */
async function toChildren(name = "Sam"): Promise<void> {
  await next();
  await fireEvent.input(screen.getByTestId("pseudonym"), { target: { value: name } });
  await next();
}

describe("Onboarding", () => {
  beforeEach(() => {
    i18n.set("nl");
    mockCommands({ save_profile: () => ({ language: "nl", pseudonym: "Sam", children: [] }) });
  });

  it("starts with the language and the privacy promise, and asks nothing else yet", () => {
    render(Onboarding, { props: { ondone: vi.fn() } });
    expectStep(1, nl.onboarding.title);
    expect((screen.getByTestId("lang-nl") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(nl.onboarding.privacyDevice)).toBeTruthy();
    expect(screen.getByText(nl.onboarding.privacyCheckins)).toBeTruthy();
    expect(screen.getByText(nl.onboarding.privacyNobody)).toBeTruthy();
    expect(screen.queryByTestId("pseudonym")).toBeNull();
    expect(screen.queryByTestId("child-age-0")).toBeNull();
    expect(screen.queryByTestId("onboarding-back")).toBeNull();
  });

  it("asks the name and the role on the second step, with the name's help linked to its field", async () => {
    render(Onboarding, { props: { ondone: vi.fn() } });
    await next();
    expectStep(2, nl.onboarding.aboutTitle);
    expect(screen.getByLabelText(nl.onboarding.pseudonymLabel)).toBe(screen.getByTestId("pseudonym"));
    expect(screen.getByText(nl.onboarding.pseudonymHelp).id).toBe(
      screen.getByTestId("pseudonym").getAttribute("aria-describedby"),
    );
    expect((screen.getByTestId("role-parent") as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByTestId("child-age-0")).toBeNull();
  });

  it("moves focus to each step's title", async () => {
    render(Onboarding, { props: { ondone: vi.fn() } });
    await Promise.resolve();
    expect(document.activeElement?.textContent).toBe(nl.onboarding.title);
    // As after a keyboard user pressed the button.
    screen.getByTestId("onboarding-next").focus();
    await next();
    await tick();
    await Promise.resolve();
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 1 }));
    expect(document.activeElement?.textContent).toBe(nl.onboarding.aboutTitle);
  });

  it("does not go on without a name, and says why next to the field", async () => {
    render(Onboarding, { props: { ondone: vi.fn() } });
    await next();
    expect(screen.queryByTestId("onboarding-errors")).toBeNull();
    await next();
    expectStep(2, nl.onboarding.aboutTitle);
    expect(screen.getAllByText(nl.onboarding.pseudonymEmpty).length).toBe(2);
    expect(screen.getByTestId("pseudonym").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("onboarding-errors").textContent).toContain(nl.onboarding.errorSummary);
    await fireEvent.input(screen.getByTestId("pseudonym"), { target: { value: "Sam" } });
    expect(screen.queryByText(nl.onboarding.pseudonymEmpty)).toBeNull();
    await next();
    expectStep(3, nl.onboarding.childrenTitle);
    // The children's mistakes wait until the parent tries to start.
    expect(screen.queryByTestId("onboarding-errors")).toBeNull();
  });

  it("names a missing age next to the field and does not save", async () => {
    const ondone = vi.fn();
    render(Onboarding, { props: { ondone } });
    await toChildren();
    await fireEvent.click(screen.getByTestId("onboarding-submit"));
    expect(screen.getAllByText(nl.onboarding.ageEmpty(1)).length).toBe(2);
    expect(screen.getByTestId("child-age-0").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("alert").textContent).toContain(nl.onboarding.errorSummary);
    expect(callsOf("save_profile")).toEqual([]);
    expect(ondone).not.toHaveBeenCalled();
  });

  it("refuses an age above 18 and clears the message once fixed", async () => {
    render(Onboarding, { props: { ondone: vi.fn() } });
    await toChildren();
    await fireEvent.input(screen.getByTestId("child-age-0"), { target: { value: "19" } });
    await fireEvent.click(screen.getByTestId("onboarding-submit"));
    expect(screen.getAllByText(nl.onboarding.ageOutOfRange(1)).length).toBeGreaterThan(0);
    await fireEvent.input(screen.getByTestId("child-age-0"), { target: { value: "18" } });
    expect(screen.queryByText(nl.onboarding.ageOutOfRange(1))).toBeNull();
  });

  it("adds and removes children", async () => {
    render(Onboarding, { props: { ondone: vi.fn() } });
    await toChildren();
    await fireEvent.click(screen.getByTestId("add-child"));
    await fireEvent.click(screen.getByTestId("add-child"));
    expect(screen.getByTestId("child-age-2")).toBeTruthy();
    expect(screen.getByLabelText(nl.onboarding.childAgeLabel(3))).toBe(screen.getByTestId("child-age-2"));
    await fireEvent.click(screen.getByTestId("remove-child-1"));
    expect(screen.queryByTestId("child-age-2")).toBeNull();
  });

  it("keeps what was filled in when the parent goes back and on again", async () => {
    render(Onboarding, { props: { ondone: vi.fn() } });
    await next();
    await fireEvent.input(screen.getByTestId("pseudonym"), { target: { value: "Robin" } });
    await fireEvent.click(screen.getByTestId("role-partner"));
    await next();
    await fireEvent.input(screen.getByTestId("child-age-0"), { target: { value: "7" } });
    await fireEvent.click(screen.getByTestId("onboarding-back"));
    expectStep(2, nl.onboarding.aboutTitle);
    expect((screen.getByTestId("pseudonym") as HTMLInputElement).value).toBe("Robin");
    expect((screen.getByTestId("role-partner") as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByTestId("onboarding-back"));
    expectStep(1, nl.onboarding.title);
    await next();
    await next();
    expect((screen.getByTestId("child-age-0") as HTMLInputElement).value).toBe("7");
    await fireEvent.click(screen.getByTestId("onboarding-submit"));
    await vi.waitFor(() =>
      expect(callsOf("save_profile")).toEqual([
        { input: { language: "nl", pseudonym: "Robin", children_ages: [7], role: "partner" } },
      ]),
    );
  });

  it("switches the whole screen to English when English is chosen", async () => {
    render(Onboarding, { props: { ondone: vi.fn() } });
    await fireEvent.click(screen.getByTestId("lang-en"));
    expectStep(1, en.onboarding.title);
    expect(screen.getByTestId("onboarding-next").textContent?.trim()).toBe(en.onboarding.next);
    await toChildren();
    expectStep(3, en.onboarding.childrenTitle);
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
    await toChildren();
    await fireEvent.input(screen.getByTestId("child-age-0"), { target: { value: "5" } });
    await fireEvent.click(screen.getByTestId("onboarding-submit"));
    expect(await screen.findByText(nl.errors.storage_failed)).toBeTruthy();
    expect(screen.queryByText("disk I/O error")).toBeNull();
    // Still on the last step, with everything filled in, to try again.
    expectStep(3, nl.onboarding.childrenTitle);
    expect((screen.getByTestId("child-age-0") as HTMLInputElement).value).toBe("5");
  });
});
