// English texts of "take your data with you" (the export, issue 12); the keys follow
// export-nl.ts.

import type { exportDataNl } from "./export-nl";

export const exportDataEn: typeof exportDataNl = {
  title: "Take your data with you",
  intro:
    "You can keep everything you wrote in Houvast in one file: your answers, your plans, your reflections and your check-ins with your prevention worker's replies. You choose where the file goes.",
  legend: "What kind of file do you want?",
  html: "To read and print",
  htmlHelp: "A page you open in your browser. You can also print it.",
  json: "For a computer",
  jsonHelp: "For another program or app. It is hard for people to read.",
  notEncrypted:
    "Please note: the file is not encrypted. Anyone who can open the file can read everything in it.",
  save: "Save file…",
  saving: "Choose a place in the window that opens now…",
  savedTitle: "Done. Your file is here:",
  savedWarning:
    "This file is not encrypted. Anyone who can open this folder can read it. Put it in a place only you can reach. Don't need it any more? Then delete it.",
  cancelled: "Nothing was saved.",
  failed: "Saving did not work.",
};
