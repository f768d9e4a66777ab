// Dutch texts of "read aloud" (issue 14). Kept apart from nl.ts so the screens of other
// features do not collide; nl.ts includes them.

export const speechNl = {
  /** The region with the buttons, for screen readers. */
  region: "Voorlezen",
  readPage: "Lees voor",
  pause: "Pauzeer",
  resume: "Verder lezen",
  stop: "Stop",
  starting: "Even geduld, het voorlezen start…",
  reading: "Bezig met voorlezen. De zin die je hoort, is geel.",
  paused: "Voorlezen staat op pauze.",
  stopped: "Voorlezen is gestopt.",
  done: "Klaar met voorlezen.",
  unavailable:
    "Voorlezen werkt niet op deze computer. Er is geen spraak geïnstalleerd. Vraag iemand die je vertrouwt om 'speech-dispatcher' en 'espeak-ng' te installeren.",
  failed: "Voorlezen stopte onverwacht. Probeer het nog eens.",
  nothingToRead: "Er is hier niets om voor te lezen.",
};
