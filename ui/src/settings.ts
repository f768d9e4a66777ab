// The settings screen's parts, as one chunk (see screens.ts).
export { default as SettingsReminders } from "./components/SettingsReminders.svelte";
export { default as RoleSwitch } from "./components/RoleSwitch.svelte";
export { default as AppLockSettings } from "./components/AppLockSettings.svelte";
export { default as BackupSettings } from "./components/BackupSettings.svelte";
export { default as RestoreBackup } from "./components/RestoreBackup.svelte";
export { default as ExportData } from "./components/ExportData.svelte";
export { default as DeleteEverything } from "./components/DeleteEverything.svelte";
