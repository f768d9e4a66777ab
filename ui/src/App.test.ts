import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { tick } from "svelte";
import App from "./App.svelte";
import { fetchAllScreens } from "./screens";
import { i18n } from "./lib/i18n/index.svelte";
import { navigation, type Route } from "./lib/navigation.svelte";
import { en } from "./lib/i18n/en";
import { nl } from "./lib/i18n/nl";
import type { ProfileInput } from "./lib/bindings";
import { callsOf, mockCommands, moduleView, overview, profile } from "./test/fixtures";
import { checkInScreen, contactsView } from "./test/contacts";

// The app loads screens other than the first one lazily; loaded here up front, opening one
// in a test waits for its data only, as it does in the app once start-up is over.
await fetchAllScreens();

function happyPath(withProfile = true) {
  mockCommands({
    app_status: () => ({ profile: withProfile ? profile : null, children_ages: withProfile ? [6] : [] }),
    programme_overview: () => overview,
    open_module: () => moduleView(),
    mark_page_read: () => moduleView({ pages_read: [0] }),
    save_profile: (args) => {
      const input = (args as { input: ProfileInput }).input;
      return {
        language: input.language,
        role: input.role,
        pseudonym: input.pseudonym,
        children: input.children_ages.map((a) => ({ age_years: a, recorded_on: "2026-03-10" })),
      };
    },
    set_language: (args) => ({ ...profile, language: (args as { language: "nl" | "en" }).language }),
  });
}

async function expectCrisisHelp() {
  const button = screen.getByTestId("crisis-button");
  await fireEvent.click(button);
  const dialog = screen.getByTestId("crisis-dialog");
  expect(dialog.hasAttribute("open")).toBe(true);
  const text = dialog.textContent ?? "";
  for (const number of ["112", "113", "0800-0113", "0800-2000", "0800-0432", "113.nl", "kindertelefoon.nl"]) {
    expect(text).toContain(number);
  }
  // A psychiatric crisis that is not about suicide: the GP and the huisartsenpost.
  expect(within(dialog).getByTestId("crisis-line-gp").textContent).toMatch(/huisartsenpost/);
  // 113 is free too: no line may suggest that only 0800-0113 is.
  expect(within(dialog).getByTestId("crisis-line-suicide").textContent).toMatch(/gratis|free/);
  expect(dialog.querySelector("#crisis-nobody")?.textContent).toMatch(
    /niemand houdt in deze app in de gaten|nobody keeps an eye on how you are doing in this app/i,
  );
  expect(within(dialog).getAllByRole("link").map((a) => a.getAttribute("href"))).toEqual([
    "tel:112",
    "tel:113",
    "tel:08000113",
    "tel:08002000",
    "tel:08000432",
  ]);
  // Nothing in it loads or links to a web site.
  expect(dialog.querySelector("a[href^='http'], iframe, img")).toBeNull();
  await fireEvent.click(within(dialog).getByRole("button", { name: /Sluiten|Close/ }));
  expect(dialog.hasAttribute("open")).toBe(false);
}

// Every screen of the app, one route each: a screen added to `Route` without a line here is a
// type error, so no screen can be added without checking that it offers crisis help.
const everyScreen: { [S in Route["screen"]]: Extract<Route, { screen: S }> } = {
  home: { screen: "home" },
  programme: { screen: "programme" },
  module: { screen: "module", moduleId: "good-enough" },
  reflection: { screen: "reflection" },
  "reflection-history": { screen: "reflection-history" },
  settings: { screen: "settings" },
  "reminder-check": { screen: "reminder-check" },
  plans: { screen: "plans" },
  contacts: { screen: "contacts" },
  checkin: { screen: "checkin", number: 1 },
};

describe("App", () => {
  beforeEach(() => {
    i18n.set("nl");
    navigation.go({ screen: "home" });
  });

  it("starts with onboarding when there is no profile, with crisis help", async () => {
    happyPath(false);
    render(App);
    expect(await screen.findByTestId("onboarding")).toBeTruthy();
    expect(screen.queryByTestId("nav-home")).toBeNull();
    await expectCrisisHelp();
  });

  it("shows the home screen with the pseudonym, one next step and crisis help", async () => {
    happyPath();
    render(App);
    const home = await screen.findByTestId("home");
    expect(within(home).getByRole("heading", { level: 1 }).textContent).toBe("Hallo Sam");
    const next = await screen.findByTestId("next-step");
    expect(next.textContent).toContain("Ga verder met module 2: Praten met je kind");
    expect(document.documentElement.lang).toBe("nl");
    await expectCrisisHelp();
  });

  it("shows crisis help on the programme overview and the module reader", async () => {
    happyPath();
    render(App);
    await screen.findByTestId("home");
    await fireEvent.click(screen.getByTestId("nav-programme"));
    await screen.findByTestId("module-good-enough");
    await expectCrisisHelp();
    await fireEvent.click(screen.getByTestId("open-good-enough"));
    await screen.findByTestId("module-reader");
    await expectCrisisHelp();
  });

  it.each(Object.values(everyScreen))("offers crisis help on the screen $screen", async (route) => {
    // Only the start is mocked: crisis help must not depend on a screen's data loading.
    happyPath();
    render(App);
    await screen.findByTestId("home");
    navigation.go(route);
    await tick();
    await expectCrisisHelp();
  });

  it("shows the error screen with crisis help when the data cannot be opened", async () => {
    mockCommands({
      app_status: () => {
        throw { code: "keychain_locked", message: "the keychain is locked" };
      },
    });
    render(App);
    const error = await screen.findByTestId("error-screen");
    expect(error.dataset.code).toBe("keychain_locked");
    await expectCrisisHelp();
  });

  it("follows the language of the profile, also on <html lang>", async () => {
    mockCommands({
      app_status: () => ({ profile: { ...profile, language: "en" }, children_ages: [6] }),
      programme_overview: () => overview,
    });
    render(App);
    await screen.findByTestId("home");
    expect(document.documentElement.lang).toBe("en");
    expect(screen.getByTestId("crisis-button").textContent).toContain(en.crisis.button);
  });

  it("switches language from the home screen without re-saving the profile", async () => {
    happyPath();
    render(App);
    await screen.findByTestId("home");
    await fireEvent.click(screen.getByTestId("lang-en"));
    await vi.waitFor(() => expect(document.documentElement.lang).toBe("en"));
    expect(callsOf("set_language")).toEqual([{ language: "en" }]);
    expect(callsOf("save_profile")).toEqual([]);
    expect(screen.getByTestId("crisis-button").textContent).toContain(en.crisis.button);
  });

  it("onboards a parent and lands on the home screen", async () => {
    happyPath(false);
    render(App);
    await screen.findByTestId("onboarding");
    expect((screen.getByTestId("lang-nl") as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByTestId("onboarding-next"));
    await fireEvent.input(await screen.findByTestId("pseudonym"), { target: { value: "Robin" } });
    expect((screen.getByTestId("role-parent") as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByTestId("role-partner"));
    await fireEvent.click(screen.getByTestId("onboarding-next"));
    await fireEvent.input(await screen.findByTestId("child-age-0"), { target: { value: "4" } });
    await fireEvent.click(screen.getByTestId("add-child"));
    await fireEvent.input(screen.getByTestId("child-age-1"), { target: { value: "13" } });
    await fireEvent.click(screen.getByTestId("onboarding-submit"));
    expect(await screen.findByTestId("home")).toBeTruthy();
    expect(callsOf("save_profile")).toEqual([
      { input: { language: "nl", pseudonym: "Robin", children_ages: [4, 13], role: "partner" } },
    ]);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Hallo Robin");
    expect(screen.getByTestId("nav-home")).toBeTruthy();
    expect(nl.home.greeting("Robin")).toBe("Hallo Robin");
  });

  it("changes the role in the settings, and only the role", async () => {
    mockCommands({
      app_status: () => ({ profile, children_ages: [6] }),
      programme_overview: () => overview,
      reminder_settings: () => {
        throw { code: "internal", message: "not needed here" };
      },
      set_role: (args) => ({ ...profile, role: (args as { role: "parent" | "partner" }).role }),
    });
    render(App);
    await screen.findByTestId("home");
    navigation.go({ screen: "settings" });
    const switcher = await screen.findByTestId("role-switch");
    expect((within(switcher).getByTestId("role-parent") as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(within(switcher).getByTestId("role-partner"));
    await vi.waitFor(() => expect(callsOf("set_role")).toEqual([{ role: "partner" }]));
    await vi.waitFor(() =>
      expect((within(screen.getByTestId("role-switch")).getByTestId("role-partner") as HTMLInputElement).checked).toBe(true),
    );
    expect(callsOf("save_profile")).toEqual([]);
  });

  it("deletes everything from the settings and starts again at the first steps", async () => {
    happyPath();
    mockCommands({
      app_status: () => ({ profile, children_ages: [6] }),
      programme_overview: () => overview,
      reminder_settings: () => ({
        settings: {
          module: { enabled: true, weekday: "monday", time: "19:30" },
          reflection: { enabled: false, time: "20:30" },
          home_assignment: { enabled: true },
          check_in: { enabled: true },
          quiet_hours: null,
          discreet: true,
        },
        snoozed_until: null,
        start_at_login: null,
      }),
      delete_everything: () => null,
    });
    render(App);
    await screen.findByTestId("home");
    navigation.go({ screen: "settings" });
    await fireEvent.click(await screen.findByTestId("erase-start"));
    await fireEvent.click(screen.getByTestId("erase-confirm"));
    await screen.findByTestId("onboarding");
    expect(callsOf("delete_everything")).toEqual([{}]);
  });

  it("leads from a ready check-in on the home screen to the form, and to Contact from the menu", async () => {
    mockCommands({
      app_status: () => ({ profile, children_ages: [6] }),
      programme_overview: () => overview,
      contacts: () => contactsView(),
      checkin: () => checkInScreen({ number: 1, title: "Kennismaken" }),
    });
    render(App);
    const card = await screen.findByTestId("home-checkin-due");
    expect(card.textContent).toContain(nl.homeCheckIn.dueTitle);
    // The rest of the home screen is still there.
    expect(await screen.findByTestId("next-step")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("home-open-checkin"));
    expect(await screen.findByTestId("checkin-form")).toBeTruthy();
    expect(callsOf("checkin")).toEqual([{ number: 1 }]);
    expect(screen.getByTestId("nav-contacts").getAttribute("aria-current")).toBe("page");
    await expectCrisisHelp();
    await fireEvent.click(screen.getByTestId("nav-contacts"));
    expect(await screen.findByTestId("contact-point-1")).toBeTruthy();
    expect(screen.getByTestId("paired-worker")).toBeTruthy();
  });
});
