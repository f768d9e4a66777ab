// English texts of "read aloud", typed by the Dutch ones.

import type { speechNl } from "./speech-nl";

export const speechEn: typeof speechNl = {
  region: "Read aloud",
  readPage: "Read aloud",
  pause: "Pause",
  resume: "Go on reading",
  stop: "Stop",
  starting: "One moment, reading aloud is starting…",
  reading: "Reading aloud. The sentence you hear is yellow.",
  paused: "Reading aloud is paused.",
  stopped: "Reading aloud has stopped.",
  done: "Finished reading aloud.",
  unavailable:
    "Reading aloud does not work on this computer. No speech is installed. Ask someone you trust to install 'speech-dispatcher' and 'espeak-ng'.",
  failed: "Reading aloud stopped unexpectedly. Please try again.",
  nothingToRead: "There is nothing here to read aloud.",
};
