import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { mark } from "./lib/startup";

// Every module above is evaluated by now (imports run first).
mark("modules_loaded");

const target = document.getElementById("app");
if (!target) throw new Error("#app is missing from index.html");

const app = mount(App, { target });
mark("mounted");
export default app;
