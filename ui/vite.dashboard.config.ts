import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The prevention worker's dashboard: its own entry, built to dist-dashboard and embedded in
// the server binary (crates/server/build.rs). Served from the server's root under a strict
// CSP: every script, style and worker a file of this origin, nothing inline, no data: URLs.
export default defineConfig({
  base: "/",
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: "dist-dashboard",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1024,
    rollupOptions: { input: "dashboard.html" },
  },
  worker: { format: "es" },
});
