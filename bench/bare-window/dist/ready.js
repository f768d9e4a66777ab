// Ready the way the app is ready (ui/src/lib/startup.ts): once the page is drawn; with the
// page's moments, the last being this call.
const nav = performance.getEntriesByType("navigation")[0];
const marks = nav ? [["html_received", nav.responseEnd], ["dom_interactive", nav.domInteractive]] : [];
marks.push(["settled", performance.now()]);
requestAnimationFrame(() =>
  setTimeout(() => {
    marks.push(["time_origin", performance.timeOrigin]);
    marks.push(["ui_ready", performance.now()]);
    window.__TAURI_INTERNALS__.invoke("ui_ready", { marks });
  }, 0),
);
