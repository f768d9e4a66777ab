import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn(), open: vi.fn() }));

import { save } from "@tauri-apps/plugin-dialog";
import { fireEvent, render, screen } from "@testing-library/svelte";
import BackupSettings from "./BackupSettings.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { en } from "../lib/i18n/en";
import { nl } from "../lib/i18n/nl";
import { navigation } from "../lib/navigation.svelte";
import { callsOf, mockCommands } from "../test/fixtures";

const SUGGESTION = "k7mqa-2xpr9-ab3cd-ef4gh";
const PATH = "/home/sam/houvast-kopie-2026-11-29.houvast";

function commands() {
  return mockCommands({
    passphrase_strength: (args) => {
      const p = (args as { passphrase: string }).passphrase;
      return p.length < 10 ? "too_short" : p === SUGGESTION ? "strong" : "weak";
    },
    suggest_backup_passphrase: () => SUGGESTION,
    write_backup: (args) => ({ path: (args as { path: string }).path, bytes: 12 * 1024 + 300, created_at: "2026-11-29T20:00:00Z" }),
  });
}

async function fill(passphrase: string, confirm: string) {
  await fireEvent.input(screen.getByTestId("backup-passphrase"), { target: { value: passphrase } });
  await fireEvent.input(screen.getByTestId("backup-confirm"), { target: { value: confirm } });
}

describe("BackupSettings", () => {
  beforeEach(() => {
    i18n.set("nl");
    vi.mocked(save).mockReset();
  });
  afterEach(() => navigation.go({ screen: "home" }));

  it("says in words how strong the passphrase is while it is typed", async () => {
    commands();
    render(BackupSettings);
    expect(screen.getByLabelText(nl.backup.passphraseLabel)).toBe(screen.getByTestId("backup-passphrase"));
    expect(screen.getByLabelText(nl.backup.confirmLabel)).toBe(screen.getByTestId("backup-confirm"));
    const hint = screen.getByTestId("backup-strength");
    await fireEvent.input(screen.getByTestId("backup-passphrase"), { target: { value: "kort" } });
    await vi.waitFor(() => expect(hint.dataset.strength).toBe("too_short"));
    expect(hint.textContent).toContain(nl.backup.strength.too_short);
    await fireEvent.input(screen.getByTestId("backup-passphrase"), { target: { value: "wachtwoord1" } });
    await vi.waitFor(() => expect(hint.textContent).toContain(nl.backup.strength.weak));
  });

  it("suggests a strong passphrase in the field and says to write it down apart from the file", async () => {
    commands();
    i18n.set("en");
    render(BackupSettings);
    await fireEvent.click(screen.getByTestId("backup-suggest"));
    await vi.waitFor(() =>
      expect((screen.getByTestId("backup-passphrase") as HTMLInputElement).value).toBe(SUGGESTION),
    );
    expect((screen.getByTestId("backup-passphrase") as HTMLInputElement).type).toBe("text");
    expect(screen.getByTestId("backup-suggested").textContent).toBe(
      "Write it down on paper. Keep the paper apart from the backup file.",
    );
    await vi.waitFor(() => expect(screen.getByTestId("backup-strength").textContent).toContain(en.backup.strength.strong));
  });

  it("saves a copy where the parent chose and says where, how big, and that it is locked", async () => {
    commands();
    vi.mocked(save).mockResolvedValue(PATH);
    render(BackupSettings);
    await fireEvent.click(screen.getByTestId("backup-suggest"));
    await vi.waitFor(() => expect((screen.getByTestId("backup-passphrase") as HTMLInputElement).value).toBe(SUGGESTION));
    await fireEvent.input(screen.getByTestId("backup-confirm"), { target: { value: SUGGESTION } });
    await fireEvent.click(screen.getByTestId("backup-save"));
    const saved = await screen.findByTestId("backup-saved");
    expect(saved.textContent).toContain(`Opgeslagen: ${PATH} (12 KB).`);
    expect(saved.textContent).toContain(nl.backup.savedLocked);
    expect(vi.mocked(save).mock.calls[0]?.[0]?.defaultPath).toMatch(/^houvast-kopie-\d{4}-\d{2}-\d{2}\.houvast$/);
    expect(callsOf("write_backup")).toEqual([{ path: PATH, passphrase: SUGGESTION }]);
  });

  it("writes nothing when the save dialog is closed", async () => {
    commands();
    vi.mocked(save).mockResolvedValue(null);
    render(BackupSettings);
    await fill("een lange zin met woorden", "een lange zin met woorden");
    await fireEvent.click(screen.getByTestId("backup-save"));
    await vi.waitFor(() => expect(vi.mocked(save)).toHaveBeenCalledOnce());
    expect(callsOf("write_backup")).toEqual([]);
    expect(screen.queryByTestId("backup-saved")).toBeNull();
  });

  it("refuses two different passphrases, and a short one, before any dialog", async () => {
    commands();
    render(BackupSettings);
    await fill("een lange zin met woorden", "een lange zin met woorde");
    await fireEvent.click(screen.getByTestId("backup-save"));
    expect(screen.getByTestId("backup-status").textContent).toContain(nl.backup.mismatch);
    await fill("kort", "kort");
    await vi.waitFor(() => expect(screen.getByTestId("backup-strength").dataset.strength).toBe("too_short"));
    await fireEvent.click(screen.getByTestId("backup-save"));
    expect(screen.getByTestId("backup-status").textContent).toContain(nl.errors.backup_passphrase_too_short);
    expect(vi.mocked(save)).not.toHaveBeenCalled();
    expect(callsOf("write_backup")).toEqual([]);
  });

  it("says so when writing fails", async () => {
    mockCommands({
      passphrase_strength: () => "strong",
      write_backup: () => {
        throw { code: "storage_failed", message: "disk full" };
      },
    });
    vi.mocked(save).mockResolvedValue(PATH);
    render(BackupSettings);
    await fill(SUGGESTION, SUGGESTION);
    await fireEvent.click(screen.getByTestId("backup-save"));
    await vi.waitFor(() => expect(screen.getByTestId("backup-status").textContent).toContain(nl.backup.failed));
    expect(screen.getByTestId("backup-status").textContent).toContain(nl.errors.storage_failed);
  });

  it("opens with its title focused when a module's 'keep a copy' led here", async () => {
    commands();
    navigation.go({ screen: "settings", section: "backup" });
    render(BackupSettings);
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe(nl.backup.title));
  });
});
