import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import ExportData from "./ExportData.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { en } from "../lib/i18n/en";
import { nl } from "../lib/i18n/nl";
import { callsOf, mockCommands } from "../test/fixtures";

describe("ExportData", () => {
  beforeEach(() => {
    i18n.set("nl");
  });

  it("explains both kinds of file and warns before saving that it is not encrypted", () => {
    mockCommands({});
    render(ExportData);
    const section = screen.getByTestId("export-data");
    for (const text of [nl.exportData.html, nl.exportData.htmlHelp, nl.exportData.json, nl.exportData.jsonHelp]) {
      expect(section.textContent).toContain(text);
    }
    expect(section.textContent).toContain(nl.exportData.notEncrypted);
    expect(screen.getByTestId<HTMLInputElement>("export-format-html").checked).toBe(true);
    expect(callsOf("export_data")).toEqual([]);
  });

  it("saves the chosen kind and says where the file went and that anyone there can read it", async () => {
    mockCommands({
      export_data: () => ({ path: "/home/sam/Documenten/houvast-2026-03-14.json", format: "json", bytes: 1234 }),
    });
    render(ExportData);
    await fireEvent.click(screen.getByTestId("export-format-json"));
    await fireEvent.click(screen.getByTestId("export-save"));
    const path = await screen.findByTestId("export-path");
    expect(path.textContent).toBe("/home/sam/Documenten/houvast-2026-03-14.json");
    const status = screen.getByTestId("export-status");
    expect(status.textContent).toContain(nl.exportData.savedTitle);
    expect(status.textContent).toContain(nl.exportData.savedWarning);
    expect(callsOf("export_data")).toEqual([{ format: "json" }]);
  });

  it("says nothing was saved when the parent closes the dialog", async () => {
    mockCommands({ export_data: () => null });
    render(ExportData);
    await fireEvent.click(screen.getByTestId("export-save"));
    await screen.findByText(nl.exportData.cancelled);
    expect(screen.queryByTestId("export-path")).toBeNull();
    expect(callsOf("export_data")).toEqual([{ format: "html" }]);
  });

  it("says plainly when saving fails, and can try again", async () => {
    mockCommands({
      export_data: () => {
        throw { code: "export_failed", message: "/read-only/houvast.html: permission denied" };
      },
    });
    render(ExportData);
    await fireEvent.click(screen.getByTestId("export-save"));
    const status = await screen.findByText(new RegExp(nl.exportData.failed));
    expect(status.textContent).toContain(nl.errors.export_failed);
    expect(screen.getByTestId<HTMLButtonElement>("export-save").disabled).toBe(false);
  });

  it("speaks English when the parent chose English", () => {
    mockCommands({});
    i18n.set("en");
    render(ExportData);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe(en.exportData.title);
    expect(screen.getByTestId("export-data").textContent).toContain(en.exportData.notEncrypted);
  });
});
