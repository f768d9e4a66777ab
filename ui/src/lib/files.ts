// Picking a backup file: the one place the app opens the system's save and open dialogs.
//
// TEST-ONLY HOOK: WebDriver cannot drive a native dialog, so the end-to-end test
// (tests/e2e/app/backup-lock.test.mjs) puts a path in `window.__HOUVAST_E2E_FILE__` with
// executeScript. When it holds a string, the next pick returns that path instead of opening a
// dialog, and the hook is cleared: one path for one pick. Only script running inside the
// window can set it, and such script could call the commands directly anyway.

import { open, save } from "@tauri-apps/plugin-dialog";

declare global {
  interface Window {
    __HOUVAST_E2E_FILE__?: string;
  }
}

/** The file type a backup has; the dialogs show only these. */
export const BACKUP_EXTENSION = "houvast";
const filters = [{ name: "Houvast", extensions: [BACKUP_EXTENSION] }];

function takeTestPath(): string | null {
  const path = window.__HOUVAST_E2E_FILE__;
  if (typeof path !== "string" || path === "") return null;
  delete window.__HOUVAST_E2E_FILE__;
  return path;
}

/** Where to save a new backup; null when the parent closed the dialog. */
export async function chooseBackupSavePath(defaultName: string): Promise<string | null> {
  const testPath = takeTestPath();
  if (testPath !== null) return testPath;
  return await save({ defaultPath: defaultName, filters });
}

/** Which backup to restore; null when the parent closed the dialog. */
export async function chooseBackupFile(): Promise<string | null> {
  const testPath = takeTestPath();
  if (testPath !== null) return testPath;
  const chosen = await open({ multiple: false, directory: false, filters });
  return typeof chosen === "string" ? chosen : null;
}

/** "2026-11-29": today's local date, for the suggested file name. */
export function localDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A file size a parent can read: "850 bytes", "12 KB", "3.4 MB" (in the language's digits). */
export function formatSize(bytes: number | bigint, locale: string): string {
  const n = Number(bytes);
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  if (n < 1024) return `${number(n, 0)} bytes`;
  if (n < 1024 * 1024) return `${number(n / 1024, 0)} KB`;
  return `${number(n / (1024 * 1024), 1)} MB`;
}
