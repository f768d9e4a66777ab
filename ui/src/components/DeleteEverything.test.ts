import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import DeleteEverything from "./DeleteEverything.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { nl } from "../lib/i18n/nl";
import { callsOf, mockCommands } from "../test/fixtures";

describe("DeleteEverything", () => {
  beforeEach(() => {
    i18n.set("nl");
  });

  it("names what will be lost before anything is deleted, and can be cancelled", async () => {
    mockCommands({ delete_everything: () => null });
    const onerased = vi.fn();
    render(DeleteEverything, { onerased });
    await fireEvent.click(screen.getByTestId("erase-start"));
    const dialog = screen.getByRole("alertdialog");
    for (const item of nl.erase.lost) expect(dialog.textContent).toContain(item);
    expect(dialog.textContent).toContain(nl.erase.noUndo);
    expect(dialog.textContent).toContain(nl.erase.workerKeeps);
    expect(callsOf("delete_everything")).toEqual([]);
    await fireEvent.click(screen.getByTestId("erase-cancel"));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(callsOf("delete_everything")).toEqual([]);
    expect(onerased).not.toHaveBeenCalled();
  });

  it("deletes only after the second, explicit choice", async () => {
    mockCommands({ delete_everything: () => null });
    const onerased = vi.fn();
    render(DeleteEverything, { onerased });
    await fireEvent.click(screen.getByTestId("erase-start"));
    await fireEvent.click(screen.getByTestId("erase-confirm"));
    await vi.waitFor(() => expect(onerased).toHaveBeenCalledOnce());
    expect(callsOf("delete_everything")).toEqual([{}]);
  });

  it("says so when deleting fails, and stays", async () => {
    mockCommands({
      delete_everything: () => {
        throw { code: "keychain_locked", message: "locked" };
      },
    });
    const onerased = vi.fn();
    render(DeleteEverything, { onerased });
    await fireEvent.click(screen.getByTestId("erase-start"));
    await fireEvent.click(screen.getByTestId("erase-confirm"));
    const status = await screen.findByText(new RegExp(nl.erase.failed));
    expect(status.textContent).toContain(nl.errors.keychain_locked);
    expect(onerased).not.toHaveBeenCalled();
  });
});
