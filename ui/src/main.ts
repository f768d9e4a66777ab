import { mount } from "svelte";
// The app's font (app.css), regular and bold; index.html preloads the Latin files.
import "@fontsource/atkinson-hyperlegible/400.css";
import "@fontsource/atkinson-hyperlegible/700.css";
import "./app.css";
import App from "./App.svelte";
import { callEarly, peekKnownAnswer, takeBootAnswers } from "./lib/api";
import { i18n } from "./lib/i18n/index.svelte";
import { mark, startInLanguage } from "./lib/startup";

// Every module above is evaluated by now (imports run first).
mark("modules_loaded");

// The first screen's answers: written into the page by the shell, or (without them) asked
// for now, before the page is drawn.
takeBootAnswers();
callEarly("app_status");

const target = document.getElementById("app");
if (!target) throw new Error("#app is missing from index.html");

// A parent who reads English gets English words in the first frame: they are a chunk of their
// own (only Dutch is in this one), loaded first. Not a top-level await: that would make Rollup
// split the first screen's code into more files, each a request of its own.
const status = peekKnownAnswer("app_status");
const language = status && "ok" in status ? status.ok.profile?.language : undefined;
startInLanguage(language, i18n, () => {
  mount(App, { target });
  mark("mounted");
});
