import { mount } from "svelte";
import "./dashboard.css";
import Dashboard from "./Dashboard.svelte";
import { i18n, initialLanguage } from "./i18n/index.svelte";

const target = document.getElementById("dashboard");
if (!target) throw new Error("#dashboard is missing from dashboard.html");

i18n.set(initialLanguage(navigator.languages));
document.title = i18n.t.app.title;

export default mount(Dashboard, { target });
