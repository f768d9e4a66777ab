// Read aloud in the page: which text is read (the blocks the parent sees, in order), where each
// sentence is in the page (a DOM Range, from the offsets houvast-speech returns), and the
// highlight of the sentence being read. The highlight is a CSS Custom Highlight: it paints the
// words without changing the DOM, so a screen reader hears nothing move. The block holding the
// sentence also gets `data-reading` (the style where that API is missing, and for tests).

import { listen } from "@tauri-apps/api/event";
import type { SpeechEvent } from "./bindings";

export const READ_ALOUD_EVENT = "read-aloud";
export const HIGHLIGHT_NAME = "houvast-reading";

/** Elements whose text is one block: a heading, a paragraph, a list item, a question's label. */
const BLOCK = "h1,h2,h3,h4,h5,h6,p,li,label,legend,blockquote,dt,dd,th,td,figcaption,summary";
/** Never read: controls, hidden text, live statuses (they change while reading) and the
 *  read-aloud controls themselves. */
const SKIP =
  "button,textarea,input,select,option,script,style,svg,[hidden],[aria-hidden='true'],[role='status'],[role='alert'],[aria-live],[data-speech-skip]";

/** One block: its element, its text as sent, and where each text node starts in it. */
export type TextBlock = { element: Element; text: string; nodes: { node: Text; start: number }[] };

/** The blocks under `root`, in reading order. A text node belongs to its nearest block. */
export function collectBlocks(root: Element): TextBlock[] {
  const blocks = new Map<Element, TextBlock>();
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let lastParent: Element | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const node = n as Text;
    const parent = node.parentElement;
    const skipped = parent?.closest(SKIP);
    if (!parent || (skipped && root.contains(skipped))) continue;
    const nearest = parent.closest(BLOCK);
    const element = nearest && root.contains(nearest) ? nearest : parent;
    let block = blocks.get(element);
    if (!node.data.trim()) {
      // Spaces between elements count inside a block; they never start one.
      if (block && !/\s$/.test(block.text)) add(block, node);
      lastParent = parent;
      continue;
    }
    if (!block) {
      block = { element, text: "", nodes: [] };
      blocks.set(element, block);
    } else if (lastParent !== parent && !/\s$/.test(block.text) && !/^[\s.,;:!?)]/.test(node.data)) {
      // "<strong>113</strong><span>Bel ...</span>": keep the words of two elements apart.
      block.text += " ";
    }
    add(block, node);
    lastParent = parent;
  }
  return [...blocks.values()];
}

function add(block: TextBlock, node: Text): void {
  block.nodes.push({ node, start: block.text.length });
  block.text += node.data;
}

/** The Range of `[start, end)` in a block (UTF-16 offsets, as JavaScript counts). */
export function rangeIn(block: TextBlock, start: number, end: number): Range | null {
  const a = position(block, start, false);
  const b = position(block, end, true);
  if (!a || !b) return null;
  const range = block.element.ownerDocument.createRange();
  range.setStart(a[0], a[1]);
  range.setEnd(b[0], b[1]);
  return range;
}

/** The text node and offset of `offset`; one in a space added between elements goes to the
 *  next node (a start) or the one before (an end). */
function position(block: TextBlock, offset: number, isEnd: boolean): [Text, number] | null {
  const nodes = block.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const { node, start: from } = nodes[i]!;
    const to = from + node.data.length;
    if (isEnd ? offset <= to : offset < to) {
      if (offset >= from) return [node, offset - from];
      const before = nodes[i - 1];
      return isEnd && before ? [before.node, before.node.data.length] : [node, 0];
    }
  }
  const last = nodes[nodes.length - 1];
  return last ? [last.node, last.node.data.length] : null;
}

type HighlightRegistry = { set(name: string, h: unknown): void; delete(name: string): void };

function registry(): HighlightRegistry | null {
  const css = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  const ctor = (globalThis as { Highlight?: unknown }).Highlight;
  return css?.highlights && typeof ctor === "function" ? css.highlights : null;
}

/** Paints the sentence being read, or nothing (`null`). One highlight in the whole app. */
export function showReading(block: TextBlock | null, range: Range | null): void {
  for (const el of document.querySelectorAll("[data-reading]")) el.removeAttribute("data-reading");
  const highlights = registry();
  if (highlights) {
    if (range) {
      const Ctor = (globalThis as unknown as { Highlight: new (r: Range) => unknown }).Highlight;
      highlights.set(HIGHLIGHT_NAME, new Ctor(range));
    } else {
      highlights.delete(HIGHLIGHT_NAME);
    }
  }
  if (block) {
    block.element.setAttribute("data-reading", "");
    (block.element as HTMLElement).scrollIntoView?.({ block: "nearest" });
  }
}

/** Calls `handler` for every read-aloud event until the returned function is called. */
export async function followReadAloud(handler: (event: SpeechEvent) => void): Promise<() => void> {
  try {
    return await listen<SpeechEvent>(READ_ALOUD_EVENT, (e) => handler(e.payload));
  } catch {
    // Outside Tauri (the UI in a plain browser) there is no engine to hear from.
    return () => {};
  }
}
