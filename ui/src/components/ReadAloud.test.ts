import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
const listeners = new Map<string, (e: { payload: unknown }) => void>();
vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, cb: (e: { payload: unknown }) => void) => {
    listeners.set(name, cb);
    return () => listeners.delete(name);
  }),
}));

import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import ReadAloud from "./ReadAloud.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { en } from "../lib/i18n/en";
import { nl } from "../lib/i18n/nl";
import { collectBlocks, rangeIn, READ_ALOUD_EVENT } from "../lib/readAloud";
import type { Sentence, SpeechEvent } from "../lib/bindings";
import { callsOf, mockCommands } from "../test/fixtures";

/** A CSS Custom Highlight registry as WebKit has it: the test reads what is painted. */
class FakeHighlight {
  constructor(public range: Range) {}
}
const painted = new Map<string, FakeHighlight>();

function page(): HTMLElement {
  const el = document.createElement("article");
  el.innerHTML = `
    <h1>Goed genoeg</h1>
    <p>Je bent niet alleen. Veel ouders <strong>voelen</strong> dit ook.</p>
    <ul><li><strong>113</strong><span>Bel bijv. 0800-0113.</span></li></ul>
    <label><input type="checkbox"> Een wandeling</label>
    <button type="button">Volgende</button>
    <p role="status">Bewaard</p>
    <textarea>mijn eigen antwoord</textarea>`;
  document.body.append(el);
  return el;
}

/** What houvast-speech returns for page(): block, UTF-16 offsets, text. */
const SENTENCES: Sentence[] = [
  { block: 0, start: 0, end: 11, text: "Goed genoeg" },
  { block: 1, start: 0, end: 20, text: "Je bent niet alleen." },
  { block: 1, start: 21, end: 48, text: "Veel ouders voelen dit ook." },
  { block: 2, start: 0, end: 24, text: "113 Bel bijv. 0800-0113." },
  { block: 3, start: 1, end: 14, text: "Een wandeling" },
];

function emit(event: SpeechEvent): void {
  listeners.get(READ_ALOUD_EVENT)?.({ payload: event });
}

describe("ReadAloud", () => {
  beforeEach(() => {
    i18n.set("nl");
    painted.clear();
    listeners.clear();
    Object.assign(globalThis, { Highlight: FakeHighlight });
    Object.assign(globalThis.CSS ?? ((globalThis as { CSS?: object }).CSS = {}), { highlights: painted });
  });

  afterEach(() => {
    document.body.innerHTML = "";
  });

  it("sends the blocks the parent sees, in Dutch, and not buttons, statuses or their own answers", async () => {
    mockCommands({ read_aloud: () => ({ utterance: 1, sentences: SENTENCES }) });
    render(ReadAloud, { props: { target: page() } });
    await fireEvent.click(screen.getByTestId("read-aloud-toggle"));
    await waitFor(() => expect(callsOf("read_aloud")).toHaveLength(1));
    expect(callsOf("read_aloud")[0]).toEqual({
      language: "nl",
      blocks: [
        "Goed genoeg",
        "Je bent niet alleen. Veel ouders voelen dit ook.",
        "113 Bel bijv. 0800-0113.",
        " Een wandeling",
      ],
    });
  });

  it("highlights the sentence being read and moves with the engine, ignoring other readings", async () => {
    mockCommands({ read_aloud: () => ({ utterance: 4, sentences: SENTENCES }) });
    const target = page();
    render(ReadAloud, { props: { target } });
    await fireEvent.click(screen.getByTestId("read-aloud-toggle"));
    await screen.findByText(nl.speech.reading);

    emit({ kind: "sentence_started", utterance: 4, sentence: 2 });
    await waitFor(() => expect(screen.getByTestId("read-aloud").dataset.sentence).toBe("2"));
    expect(painted.get("houvast-reading")?.range.toString()).toBe("Veel ouders voelen dit ook.");
    expect(target.querySelector("[data-reading]")?.textContent).toContain("Je bent niet alleen.");

    emit({ kind: "sentence_started", utterance: 4, sentence: 3 });
    await waitFor(() => expect(painted.get("houvast-reading")?.range.toString()).toBe("113Bel bijv. 0800-0113."));
    expect(target.querySelectorAll("[data-reading]")).toHaveLength(1);
    expect(target.querySelector("[data-reading]")?.tagName).toBe("LI");

    // An event of an earlier reading (a page the parent left) changes nothing.
    emit({ kind: "sentence_started", utterance: 3, sentence: 0 });
    emit({ kind: "ended", utterance: 3, reason: "stopped" });
    expect(screen.getByTestId("read-aloud").dataset.sentence).toBe("3");

    emit({ kind: "ended", utterance: 4, reason: "done" });
    await screen.findByText(nl.speech.done);
    expect(painted.size).toBe(0);
    expect(target.querySelector("[data-reading]")).toBeNull();
    expect(screen.getByTestId("read-aloud-toggle").textContent).toContain(nl.speech.readPage);
  });

  it("applies events that arrive before the command's answer", async () => {
    let answer: (v: unknown) => void = () => {};
    mockCommands({ read_aloud: () => new Promise((resolve) => (answer = resolve)) });
    render(ReadAloud, { props: { target: page() } });
    await fireEvent.click(screen.getByTestId("read-aloud-toggle"));
    await waitFor(() => expect(callsOf("read_aloud")).toHaveLength(1));
    emit({ kind: "sentence_started", utterance: 9, sentence: 1 });
    answer({ utterance: 9, sentences: SENTENCES });
    await waitFor(() => expect(painted.get("houvast-reading")?.range.toString()).toBe("Je bent niet alleen."));
  });

  it("pauses, goes on and stops with one keyboard-reachable button and a stop button", async () => {
    mockCommands({
      read_aloud: () => ({ utterance: 2, sentences: SENTENCES }),
      pause_reading: () => null,
      resume_reading: () => null,
      stop_reading: () => null,
    });
    render(ReadAloud, { props: { target: page() } });
    const toggle = screen.getByTestId("read-aloud-toggle");
    expect(toggle.tagName).toBe("BUTTON");
    await fireEvent.click(toggle);
    await waitFor(() => expect(toggle.textContent).toContain(nl.speech.pause));
    emit({ kind: "sentence_started", utterance: 2, sentence: 1 });

    await fireEvent.click(toggle);
    expect(callsOf("pause_reading")).toEqual([{ utterance: 2 }]);
    emit({ kind: "paused", utterance: 2, sentence: 1 });
    await waitFor(() => expect(toggle.textContent).toContain(nl.speech.resume));
    expect(screen.getByTestId("read-aloud-message").textContent).toContain(nl.speech.paused);
    // The same button keeps the focus: it changes its words, not its place.
    expect(screen.getByTestId("read-aloud-toggle")).toBe(toggle);

    await fireEvent.click(toggle);
    expect(callsOf("resume_reading")).toEqual([{ utterance: 2 }]);
    emit({ kind: "resumed", utterance: 2, sentence: 1 });
    await waitFor(() => expect(toggle.textContent).toContain(nl.speech.pause));

    await fireEvent.click(screen.getByTestId("read-aloud-stop"));
    expect(callsOf("stop_reading")).toEqual([{ utterance: 2 }]);
    await screen.findByText(nl.speech.stopped);
    expect(painted.size).toBe(0);
    expect(screen.queryByTestId("read-aloud-stop")).toBeNull();
  });

  it("says plainly when this computer has no speech, in the parent's language", async () => {
    mockCommands({
      read_aloud: () => {
        throw { code: "speech_unavailable", message: "no speech engine is available: speech-dispatcher is not installed" };
      },
    });
    i18n.set("en");
    render(ReadAloud, { props: { target: page() } });
    await fireEvent.click(screen.getByTestId("read-aloud-toggle"));
    const message = await screen.findByText(en.speech.unavailable);
    expect(message.getAttribute("role")).toBe("status");
    expect(screen.getByTestId("read-aloud").dataset.state).toBe("idle");
  });

  it("says so when the engine stops halfway", async () => {
    mockCommands({ read_aloud: () => ({ utterance: 5, sentences: SENTENCES }) });
    render(ReadAloud, { props: { target: page() } });
    await fireEvent.click(screen.getByTestId("read-aloud-toggle"));
    await screen.findByText(nl.speech.reading);
    emit({ kind: "ended", utterance: 5, reason: "failed" });
    await screen.findByText(nl.speech.failed);
  });

  it("stops reading when the screen goes away", async () => {
    mockCommands({ read_aloud: () => ({ utterance: 6, sentences: SENTENCES }), stop_reading: () => null });
    const { unmount } = render(ReadAloud, { props: { target: page() } });
    await fireEvent.click(screen.getByTestId("read-aloud-toggle"));
    await screen.findByText(nl.speech.reading);
    unmount();
    expect(callsOf("stop_reading")).toEqual([{ utterance: 6 }]);
    expect(listeners.size).toBe(0);
  });

  it("stops reading when the language changes", async () => {
    mockCommands({ read_aloud: () => ({ utterance: 8, sentences: SENTENCES }), stop_reading: () => null });
    render(ReadAloud, { props: { target: page() } });
    await fireEvent.click(screen.getByTestId("read-aloud-toggle"));
    await screen.findByText(nl.speech.reading);
    i18n.set("en");
    await waitFor(() => expect(callsOf("stop_reading")).toEqual([{ utterance: 8 }]));
    expect(screen.getByTestId("read-aloud-toggle").textContent).toContain(en.speech.readPage);
  });
});

describe("the blocks of a page", () => {
  it("keep the words of two elements apart and map offsets back across them", () => {
    const el = document.createElement("li");
    el.innerHTML = "<strong>Veilig Thuis</strong><span>Bel 0800-2000.</span> <em>Gratis</em>.";
    const [block] = collectBlocks(el);
    expect(block?.text).toBe("Veilig Thuis Bel 0800-2000. Gratis.");
    // "Thuis Bel": the space between the two elements is not in the page, the words are.
    expect(rangeIn(block!, 7, 16)?.toString()).toBe("ThuisBel");
    expect(rangeIn(block!, 13, 27)?.toString()).toBe("Bel 0800-2000.");
    expect(rangeIn(block!, 28, 35)?.toString()).toBe("Gratis.");
  });

  it("give a text node to its nearest block, so nested lists are read once", () => {
    const el = document.createElement("div");
    el.innerHTML = "<ul><li>Eén<ul><li>Twee</li></ul></li></ul><p aria-hidden='true'>Niet</p>";
    expect(collectBlocks(el).map((b) => b.text)).toEqual(["Eén", "Twee"]);
  });
});
