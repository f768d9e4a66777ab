import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn(), open: vi.fn() }));

import { open, save } from "@tauri-apps/plugin-dialog";
import { chooseBackupFile, chooseBackupSavePath, formatSize, localDate } from "./files";

describe("picking a backup file", () => {
  afterEach(() => {
    vi.mocked(save).mockReset();
    vi.mocked(open).mockReset();
    delete window.__HOUVAST_E2E_FILE__;
  });

  it("asks the save dialog for a .houvast file with the suggested name", async () => {
    vi.mocked(save).mockResolvedValue("/home/sam/houvast-kopie-2026-11-29.houvast");
    expect(await chooseBackupSavePath("houvast-kopie-2026-11-29.houvast")).toBe(
      "/home/sam/houvast-kopie-2026-11-29.houvast",
    );
    expect(vi.mocked(save)).toHaveBeenCalledWith({
      defaultPath: "houvast-kopie-2026-11-29.houvast",
      filters: [{ name: "Houvast", extensions: ["houvast"] }],
    });
  });

  it("returns null when the parent closes the dialog", async () => {
    vi.mocked(save).mockResolvedValue(null);
    vi.mocked(open).mockResolvedValue(null);
    expect(await chooseBackupSavePath("x.houvast")).toBeNull();
    expect(await chooseBackupFile()).toBeNull();
  });

  it("opens one file, never a folder or several", async () => {
    vi.mocked(open).mockResolvedValue("/media/usb/houvast-kopie.houvast");
    expect(await chooseBackupFile()).toBe("/media/usb/houvast-kopie.houvast");
    expect(vi.mocked(open)).toHaveBeenCalledWith(
      expect.objectContaining({ multiple: false, directory: false, filters: [{ name: "Houvast", extensions: ["houvast"] }] }),
    );
  });

  it("takes the end-to-end test's path once instead of a dialog", async () => {
    window.__HOUVAST_E2E_FILE__ = "/tmp/e2e/copy.houvast";
    expect(await chooseBackupSavePath("x.houvast")).toBe("/tmp/e2e/copy.houvast");
    expect(vi.mocked(save)).not.toHaveBeenCalled();
    vi.mocked(open).mockResolvedValue("/chosen/in/dialog.houvast");
    expect(await chooseBackupFile()).toBe("/chosen/in/dialog.houvast");
  });
});

describe("file sizes and names", () => {
  it("reads as bytes, KB or MB in the parent's language", () => {
    expect(formatSize(850, "nl-NL")).toBe("850 bytes");
    expect(formatSize(12 * 1024 + 100, "en-GB")).toBe("12 KB");
    expect(formatSize(BigInt(Math.round(3.4 * 1024 * 1024)), "nl-NL")).toBe("3,4 MB");
    expect(formatSize(Math.round(3.4 * 1024 * 1024), "en-GB")).toBe("3.4 MB");
  });

  it("dates a file name by the local day", () => {
    expect(localDate(new Date(2026, 10, 29, 23, 30))).toBe("2026-11-29");
    expect(localDate(new Date(2026, 0, 5, 0, 5))).toBe("2026-01-05");
  });
});
