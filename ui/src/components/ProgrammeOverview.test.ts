import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen, within } from "@testing-library/svelte";
import ProgrammeOverview from "./ProgrammeOverview.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { navigation } from "../lib/navigation.svelte";
import { nl } from "../lib/i18n/nl";
import { mockCommands, overview, returnSummary } from "../test/fixtures";

describe("ProgrammeOverview", () => {
  beforeEach(() => {
    i18n.set("nl");
    mockCommands({ programme_overview: () => overview });
  });

  it("lists the five modules in order with their state in words and a shape", async () => {
    render(ProgrammeOverview);
    await screen.findByTestId("module-good-enough");
    const cards = screen.getAllByRole("article");
    expect(cards.map((c) => c.dataset.testid)).toEqual([
      "module-good-enough",
      "module-talking",
      "module-development",
      "module-limits",
      "module-network",
    ]);
    expect(cards.map((c) => c.dataset.status)).toEqual(["done", "in_progress", "locked", "locked", "locked"]);
    for (const card of cards) {
      const status = card.dataset.status as keyof typeof nl.programme.status;
      expect(card.textContent).toContain(nl.programme.status[status]);
      expect(card.querySelector(".badge svg")).not.toBeNull();
      // The sitting and the home assignment of the week after, each with its own minutes.
      expect(card.textContent).toContain(nl.programme.minutes(22));
      expect(card.textContent).toContain(nl.programme.homeMinutes(20));
    }
    expect(cards[0]!.textContent).toContain("Thuisopdracht: het liefst vóór");
    expect(within(cards[2]!).getByRole("button").textContent?.trim()).toBe(nl.programme.open.locked);
    expect(cards[2]!.textContent).toContain(nl.programme.lockedHint);
  });

  it("opens a module from its card", async () => {
    render(ProgrammeOverview);
    await fireEvent.click(await screen.findByTestId("open-talking"));
    expect(navigation.route).toEqual({ screen: "module", moduleId: "talking" });
  });

  it("lists the look back after module 5 as an extra, closed until six weeks after the end", async () => {
    mockCommands({
      programme_overview: () => ({ ...overview, modules: [...overview.modules, returnSummary("locked")] }),
    });
    render(ProgrammeOverview);
    const card = await screen.findByTestId("module-return");
    expect(screen.getAllByRole("article").at(-1)).toBe(card);
    expect(card.textContent).toContain(nl.programme.optionalTitle("Terugblik"));
    expect(card.textContent).toContain(nl.programme.optionalLockedHint);
    expect(card.textContent).not.toContain("Module 6");
    expect(card.textContent).not.toContain("Thuisopdracht");
    expect(card.textContent).not.toContain("thuisopdracht");
    expect(within(card).queryByRole("button")).toBeNull();
  });

  it("opens the look back once it is open", async () => {
    mockCommands({
      programme_overview: () => ({ ...overview, modules: [...overview.modules, returnSummary("open")] }),
    });
    render(ProgrammeOverview);
    await fireEvent.click(await screen.findByTestId("open-return"));
    expect(navigation.route).toEqual({ screen: "module", moduleId: "return" });
  });

  it("says what failed with the error screen below the title, and loads again on try again", async () => {
    let fail = true;
    mockCommands({
      programme_overview: () => {
        if (fail) throw { code: "storage_failed", message: "disk full" };
        return overview;
      },
    });
    render(ProgrammeOverview);
    const error = await screen.findByTestId("error-screen");
    expect(error.dataset.code).toBe("storage_failed");
    expect(error.textContent).toContain(nl.home.loadFailed);
    expect(error.textContent).toContain(nl.errorScreen.codes.storage_failed.text);
    expect(screen.getAllByRole("heading", { level: 1 }).map((h) => h.textContent)).toEqual([nl.programme.title]);
    expect(within(error).getByRole("heading", { level: 2 }).textContent).toBe(nl.errorScreen.codes.storage_failed.title);

    fail = false;
    await fireEvent.click(screen.getByTestId("error-retry"));
    expect(await screen.findByTestId("module-good-enough")).toBeTruthy();
    expect(screen.queryByTestId("error-screen")).toBeNull();
  });
});
