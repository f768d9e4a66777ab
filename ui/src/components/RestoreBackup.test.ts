import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn(), open: vi.fn() }));

import { open } from "@tauri-apps/plugin-dialog";
import { fireEvent, render, screen } from "@testing-library/svelte";
import RestoreBackup from "./RestoreBackup.svelte";
import { formatDateTime, i18n } from "../lib/i18n/index.svelte";
import { en } from "../lib/i18n/en";
import { nl } from "../lib/i18n/nl";
import type { ErrorCode } from "../lib/bindings";
import { callsOf, mockCommands } from "../test/fixtures";

const FILE = "/media/usb/houvast-kopie-2026-11-01.houvast";
const CREATED = "2026-11-01T19:30:00Z";

async function chooseAndRestore(passphrase = "k7mqa-2xpr9-ab3cd-ef4gh") {
  vi.mocked(open).mockResolvedValue(FILE);
  await fireEvent.click(screen.getByTestId("restore-choose"));
  await screen.findByTestId("restore-path");
  await fireEvent.input(screen.getByTestId("restore-passphrase"), { target: { value: passphrase } });
  await fireEvent.click(screen.getByTestId("restore-submit"));
}

describe("RestoreBackup", () => {
  beforeEach(() => {
    i18n.set("nl");
    vi.mocked(open).mockReset();
  });

  it("restores the chosen file with its passphrase, says from when, and reloads the app", async () => {
    mockCommands({ restore_backup: () => ({ created_at: CREATED, lock_removed: false }) });
    const onrestored = vi.fn();
    render(RestoreBackup, { onrestored });
    expect(screen.getByLabelText(nl.restore.passphraseLabel)).toBe(screen.getByTestId("restore-passphrase"));
    await chooseAndRestore("mijn zin");
    await vi.waitFor(() => expect(onrestored).toHaveBeenCalledWith({ created_at: CREATED, lock_removed: false }));
    expect(callsOf("restore_backup")).toEqual([{ path: FILE, passphrase: "mijn zin", replace: false }]);
    const done = screen.getByTestId("restore-done");
    expect(done.textContent).toContain(nl.restore.done(formatDateTime(CREATED, "nl")));
    expect(done.textContent).not.toContain(nl.restore.lockRemoved);
  });

  it("says the app lock was removed when it was", async () => {
    mockCommands({ restore_backup: () => ({ created_at: CREATED, lock_removed: true }) });
    render(RestoreBackup, { onrestored: vi.fn() });
    await chooseAndRestore();
    expect((await screen.findByTestId("restore-done")).textContent).toContain(nl.restore.lockRemoved);
  });

  it("asks before it replaces data in the app, naming the copy's date, and only then replaces", async () => {
    mockCommands({
      restore_backup: (args) => {
        if (!(args as { replace: boolean }).replace) {
          throw { code: "restore_would_replace", message: "data exists", details: { kind: "restore_would_replace", created_at: CREATED } };
        }
        return { created_at: CREATED, lock_removed: false };
      },
    });
    const onrestored = vi.fn();
    render(RestoreBackup, { onrestored });
    await chooseAndRestore("zin");
    const ask = await screen.findByRole("alertdialog");
    expect(ask.textContent).toContain(nl.restore.replaceText(formatDateTime(CREATED, "nl")));
    expect(onrestored).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId("restore-replace-yes"));
    await vi.waitFor(() => expect(onrestored).toHaveBeenCalledOnce());
    expect(callsOf("restore_backup")).toEqual([
      { path: FILE, passphrase: "zin", replace: false },
      { path: FILE, passphrase: "zin", replace: true },
    ]);
  });

  it("replaces nothing when the parent says no", async () => {
    mockCommands({
      restore_backup: () => {
        throw { code: "restore_would_replace", message: "", details: { kind: "restore_would_replace", created_at: CREATED } };
      },
    });
    const onrestored = vi.fn();
    render(RestoreBackup, { onrestored });
    await chooseAndRestore();
    await fireEvent.click(await screen.findByTestId("restore-replace-no"));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(callsOf("restore_backup")).toEqual([{ path: FILE, passphrase: "k7mqa-2xpr9-ab3cd-ef4gh", replace: false }]);
    expect(onrestored).not.toHaveBeenCalled();
  });

  const own: [ErrorCode, string][] = [
    ["backup_wrong_passphrase", "This passphrase does not open this copy. Check capitals and spaces."],
    ["backup_damaged", "This file is damaged or not complete. Try another copy."],
    ["backup_truncated", "This file is damaged or not complete. Try another copy."],
    ["not_a_backup", "This is not a Houvast copy."],
    ["backup_too_new", "This copy was made with a newer version of Houvast. Update the app first."],
  ];
  it.each(own)("explains %s in its own words and keeps the file chosen", async (code, text) => {
    i18n.set("en");
    mockCommands({
      restore_backup: () => {
        throw { code, message: "cause" };
      },
    });
    const onrestored = vi.fn();
    render(RestoreBackup, { onrestored });
    await chooseAndRestore();
    const error = await screen.findByTestId("restore-error");
    expect(error.textContent).toBe(text);
    expect(en.errors[code]).toBe(text);
    expect(error.dataset.code).toBe(code);
    expect(screen.getByTestId("restore-path").textContent).toBe(FILE);
    expect(onrestored).not.toHaveBeenCalled();
  });

  it("asks for a file and a passphrase before it tries", async () => {
    mockCommands({});
    render(RestoreBackup, { onrestored: vi.fn() });
    await fireEvent.click(screen.getByTestId("restore-submit"));
    expect(screen.getByTestId("restore-error").textContent).toBe(nl.restore.noFile);
    vi.mocked(open).mockResolvedValue(FILE);
    await fireEvent.click(screen.getByTestId("restore-choose"));
    await screen.findByTestId("restore-path");
    await fireEvent.click(screen.getByTestId("restore-submit"));
    expect(screen.getByTestId("restore-error").textContent).toBe(nl.restore.empty);
    expect(callsOf("restore_backup")).toEqual([]);
  });

  it("keeps the earlier choice when the dialog is closed", async () => {
    mockCommands({});
    render(RestoreBackup, { onrestored: vi.fn() });
    vi.mocked(open).mockResolvedValue(FILE);
    await fireEvent.click(screen.getByTestId("restore-choose"));
    await screen.findByTestId("restore-path");
    vi.mocked(open).mockResolvedValue(null);
    await fireEvent.click(screen.getByTestId("restore-choose"));
    expect(screen.getByTestId("restore-path").textContent).toBe(FILE);
  });
});
