// The start-up benchmark's signal: the app says its first screen is ready only once that
// screen's own data has come, and hands over its marks in the order they happened.
import { describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn(), open: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn(async () => () => {}) }));

import { render, screen, waitFor } from "@testing-library/svelte";
import App from "./App.svelte";
import { callsOf, mockCommands, overview, profile } from "./test/fixtures";

describe("start-up", () => {
  it("reports ready after the home screen's data arrived, not after the profile alone", async () => {
    let releaseOverview: () => void = () => {};
    const overviewCame = new Promise<void>((resolve) => (releaseOverview = resolve));
    mockCommands({
      app_status: () => ({ profile, children_ages: [7] }),
      programme_overview: async () => {
        await overviewCame;
        return overview;
      },
      contacts: () => {
        throw { code: "internal", message: "not needed here" };
      },
      ui_ready: () => null,
    });
    render(App);
    await screen.findByTestId("home");
    // The home is there, but what it shows is still on its way: not ready yet.
    await new Promise((r) => setTimeout(r, 20));
    expect(callsOf("ui_ready")).toHaveLength(0);

    releaseOverview();
    await waitFor(() => expect(callsOf("ui_ready")).toHaveLength(1));
    const { marks } = callsOf("ui_ready")[0] as { marks: Array<[string, number]> };
    const names = marks.map(([name]) => name);
    expect(names).toContain("app_status");
    expect(names).toContain("settled");
    expect(names.at(-1)).toBe("ui_ready");
    // The page's time origin rides along for the shell (wall clock, not a moment of the page).
    expect(names).toContain("time_origin");
    const times = marks.filter(([name]) => name !== "time_origin").map(([, at]) => at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
