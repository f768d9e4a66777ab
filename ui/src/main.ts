import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { callEarly, takeBootAnswers } from "./lib/api";
import { mark } from "./lib/startup";

// Every module above is evaluated by now (imports run first).
mark("modules_loaded");

// The first screen's answers: written into the page by the shell, or (without them) asked
// for now, before the page is drawn.
takeBootAnswers();
callEarly("app_status");

const target = document.getElementById("app");
if (!target) throw new Error("#app is missing from index.html");

const app = mount(App, { target });
mark("mounted");
export default app;
