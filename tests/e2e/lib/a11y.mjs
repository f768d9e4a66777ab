// Accessibility and phone-width checks inside the real WebView (issue 14, parts 4 and 5):
// axe-core, horizontal scrolling, the crisis button in view, keyboard reach with a visible
// focus, text at 200 %, touch targets. Each check returns what it found; the test decides.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Key } from 'selenium-webdriver';
import { sleep, windowScreenshot } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The two window sizes every screen is checked at. */
export const DESKTOP = { name: 'desktop', width: 1280, height: 800 };
export const PHONE = { name: 'phone', width: 360, height: 740 };

/** Smallest touch target, in CSS pixels (WCAG 2.5.5, Apple and Android guidelines). */
export const MIN_TARGET = 44;

/**
 * What counts as interactive, and which of those are on screen now. Shared by the keyboard
 * walk and the target measurement, run inside the page (a string: executeScript sends source).
 */
const IN_PAGE = String.raw`
  const SELECTOR = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  function modalDialog() {
    try { return document.querySelector('dialog:modal'); } catch { return document.querySelector('dialog[open]'); }
  }
  function isShown(el) {
    if (el.disabled || el.closest('[inert]')) return false;
    const modal = modalDialog();
    if (modal && !modal.contains(el)) return false;
    if (el.getClientRects().length === 0) return false;
    // WebKit still gives the content of a closed <details> a box.
    const details = el.closest('details:not([open])');
    if (details && !el.closest('summary')) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden';
  }
  function interactive() {
    return [...document.querySelectorAll(SELECTOR)].filter(isShown);
  }
  /**
   * What a parent taps for a radio or checkbox: the label around it (a tap anywhere on it
   * chooses), or the label that draws it when the input itself is visually hidden.
   */
  function drawnBy(el) {
    if (el.type !== 'radio' && el.type !== 'checkbox') return el;
    const around = el.closest('label');
    if (around) return around;
    const r = el.getBoundingClientRect();
    return r.width <= 2 || r.height <= 2 ? el.labels?.[0] ?? el : el;
  }
  function describe(el) {
    const id = el.dataset.testid ? '[data-testid=' + el.dataset.testid + ']' : el.id ? '#' + el.id : '';
    const text = (el.getAttribute('aria-label') || el.textContent || el.value || el.name || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + (el.type && el.tagName === 'INPUT' ? '[' + el.type + ']' : '') + id + (text ? ' "' + text + '"' : '');
  }
  /** What a focus indicator changes: the element, what draws it, its label and next sibling. */
  function ringNodes(el) {
    return [el, drawnBy(el), el.closest('label'), el.parentElement, el.nextElementSibling].filter(Boolean);
  }
  function ring(el) {
    return ringNodes(el).map((n) => {
      const s = getComputedStyle(n);
      const outline = s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? 'none' : s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor;
      return outline + ' | ' + s.boxShadow;
    }).join(' || ');
  }
`;

/** Sets the window's size so that the page's viewport is `size` (no window manager here). */
export async function setViewport(app, size) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const inner = await app.executeScript('return [window.innerWidth, window.innerHeight]');
    if (inner[0] === size.width && inner[1] === size.height) return;
    const rect = await app.manage().window().getRect();
    await app.manage().window().setRect({
      width: rect.width + size.width - inner[0],
      height: rect.height + size.height - inner[1],
    });
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      const now = await app.executeScript('return [window.innerWidth, window.innerHeight]');
      if (now[0] === size.width && now[1] === size.height) return;
      await sleep(50);
    }
  }
  const inner = await app.executeScript('return [window.innerWidth, window.innerHeight]');
  throw new Error(`the viewport is ${inner.join('×')}, wanted ${size.width}×${size.height}`);
}

/** Waits two frames, so layout and Svelte's updates have settled. */
async function settle(app) {
  await app.executeAsyncScript(
    'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));',
  );
}

/**
 * axe-core 4 on the page as it is (WCAG 2.0-2.2 A and AA plus best practices). Returns counts
 * by impact, the serious and critical violations, and whether color-contrast really ran.
 */
export async function axe(app) {
  await app.manage().setTimeouts({ script: 60_000 });
  // Injected through WebDriver: the app's CSP does not apply to it. Kept for the session.
  if (!(await app.executeScript('return typeof window.axe === "object"'))) {
    await app.executeScript(AXE_SOURCE);
  }
  const result = await app.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations', 'incomplete'],
    }).then((r) => done({
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)) })),
      contrast: {
        passed: r.passes.some((p) => p.id === 'color-contrast'),
        violated: r.violations.some((p) => p.id === 'color-contrast'),
        incomplete: r.incomplete.find((p) => p.id === 'color-contrast')?.nodes.length ?? 0,
        inapplicable: r.inapplicable.some((p) => p.id === 'color-contrast'),
      },
      rules: r.passes.length + r.violations.length + r.incomplete.length,
    }), (e) => done({ error: String(e) }));
  `);
  if (result.error) throw new Error(`axe-core failed: ${result.error}`);
  const counts = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const v of result.violations) counts[v.impact] = (counts[v.impact] ?? 0) + 1;
  return {
    counts,
    blocking: result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    others: result.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical'),
    contrast: result.contrast,
    rules: result.rules,
  };
}

/**
 * No horizontal scrolling, and the crisis button inside the viewport and not covered, at the
 * top of the page and scrolled to its end. `crisis: false` when a dialog covers the page.
 */
export async function layout(app, { crisis = true } = {}) {
  return app.executeScript(`
    const check = arguments[0];
    const doc = document.scrollingElement;
    const out = { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, crisis: [] };
    // The widest element sticking out to the right, to say what to fix.
    if (doc.scrollWidth > doc.clientWidth) {
      const wide = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1);
      out.widest = wide.slice(-3).map((e) => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' right=' + Math.round(e.getBoundingClientRect().right));
    }
    if (check) {
      for (const where of ['top', 'end']) {
        window.scrollTo(0, where === 'top' ? 0 : doc.scrollHeight);
        const b = document.querySelector('[data-testid="crisis-button"]');
        if (!b) { out.crisis.push(where + ': no crisis button'); continue; }
        const r = b.getBoundingClientRect();
        const inside = r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.width > 0;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!inside) out.crisis.push(where + ': outside the viewport (' + [r.left, r.top, r.right, r.bottom].map(Math.round).join(',') + ')');
        else if (!hit || !b.contains(hit)) out.crisis.push(where + ': covered by ' + (hit ? hit.tagName.toLowerCase() + '.' + hit.className : 'nothing'));
      }
      window.scrollTo(0, 0);
    }
    return out;
  `, crisis);
}

/**
 * Interactive elements smaller than 44×44 px. A radio or checkbox drawn by its label is
 * measured by the label; a link inside running text is exempt (WCAG 2.5.8's inline exception).
 */
export async function targets(app) {
  return app.executeScript(`${IN_PAGE}
    const small = [];
    let measured = 0;
    const seen = new Set();
    for (const el of interactive()) {
      const target = drawnBy(el);
      if (seen.has(target)) continue;
      seen.add(target);
      const s = getComputedStyle(target);
      if (target.tagName === 'A' && s.display === 'inline') {
        const block = target.parentElement;
        if (block && block.textContent.trim().length > target.textContent.trim().length) continue;
      }
      measured++;
      const r = target.getBoundingClientRect();
      if (r.width < arguments[0] - 0.5 || r.height < arguments[0] - 0.5) {
        small.push(describe(el) + ' ' + Math.round(r.width) + '×' + Math.round(r.height));
      }
    }
    return { measured, small };
  `, MIN_TARGET);
}

/**
 * Presses Tab from the top of the page until focus comes round again, and compares what was
 * reached with every interactive element on screen. A radio group is one Tab stop (arrow keys
 * move inside it). For each stop: :focus-visible must match and the outline or box-shadow of
 * the element (or the label that draws it) must differ from how it looks without focus.
 */
export async function keyboard(app) {
  const count = await app.executeScript(`${IN_PAGE}
    window.__a11y = { rest: new Map(), reached: [], noRing: [], escaped: [] };
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    const els = interactive();
    for (const el of els) window.__a11y.rest.set(el, ring(el));
    window.__a11y.all = els;
    // Start where a parent starts: the top of the document, before the first control. A blur
    // alone would leave the starting point of the Tab order where focus was.
    const start = document.createElement('span');
    start.tabIndex = -1;
    start.id = 'a11y-walk-start';
    (modalDialog() ?? document.body).prepend(start);
    start.focus();
    return els.length;
  `);
  // The first press lands on the first stop; stop once focus is back on it (or left the page).
  const limit = count + 15;
  let wrapped = false;
  let outside = 0;
  for (let i = 0; i < limit; i++) {
    await app.actions({ async: true }).sendKeys(Key.TAB).perform();
    const step = await app.executeScript(`${IN_PAGE}
      const a = window.__a11y;
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement || el.id === 'a11y-walk-start') return 'outside';
      // A date or time field keeps focus while Tab moves between its parts.
      if (el === a.reached[a.reached.length - 1]) return 'inside';
      if (el === a.reached[0]) return 'again';
      if (a.reached.includes(el)) { a.loop = describe(el); return 'loop'; }
      a.reached.push(el);
      const modal = modalDialog();
      if (modal && !modal.contains(el)) a.escaped.push(describe(el));
      // A date or time field's focus sits on one of its parts, inside its shadow tree.
      const parts = el.tagName === 'INPUT' && /^(date|time|datetime-local|month|week)$/.test(el.type);
      if (!parts && !el.matches(':focus-visible')) a.noRing.push(describe(el) + ' (no :focus-visible)');
      else {
        const before = a.rest.get(el);
        if (before !== undefined && before === ring(el)) a.noRing.push(describe(el));
        else if (before === undefined) {
          const nodes = ringNodes(el).map((n) => getComputedStyle(n));
          if (!nodes.some((s) => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none')) a.noRing.push(describe(el));
        }
      }
      return 'new';
    `);
    if (step === 'again') {
      wrapped = true;
      break;
    }
    if (step === 'loop') break;
    // Past the last control focus may leave the page for a moment before it comes round.
    outside = step === 'outside' ? outside + 1 : 0;
    if (outside >= 3) break;
  }
  return app.executeScript(`${IN_PAGE}
    const a = window.__a11y;
    const reachedGroups = new Set(a.reached.filter((e) => e.type === 'radio' && e.name).map((e) => e.form?.id + '/' + e.name));
    const missed = a.all.filter((e) => !a.reached.includes(e))
      .filter((e) => !(e.type === 'radio' && e.name && reachedGroups.has(e.form?.id + '/' + e.name)))
      .map(describe);
    const result = { interactive: a.all.length, stops: a.reached.length, wrapped: arguments[0], missed, noRing: a.noRing, escaped: a.escaped, loop: a.loop ?? null };
    if (document.activeElement) document.activeElement.blur();
    document.getElementById('a11y-walk-start')?.remove();
    window.scrollTo(0, 0);
    delete window.__a11y;
    return result;
  `, wrapped);
}

/**
 * Text at 200 % (the root font size doubled: every size in the app is in rem): no horizontal
 * scrolling, and no element that hides overflowing text (overflow hidden or clip, or an
 * ellipsis) cutting some off.
 */
export async function zoom200(app) {
  await app.executeScript('document.documentElement.style.fontSize = "200%"');
  await settle(app);
  const result = await app.executeScript(`
    const doc = document.scrollingElement;
    const clipped = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('.visually-hidden') || el.getClientRects().length === 0) continue;
      const s = getComputedStyle(el);
      const hides = [s.overflowX, s.overflowY].some((o) => o === 'hidden' || o === 'clip') || s.textOverflow === 'ellipsis';
      if (!hides || !el.textContent.trim()) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
        clipped.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ' + el.scrollWidth + '×' + el.scrollHeight + ' in ' + el.clientWidth + '×' + el.clientHeight);
      }
    }
    return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, clipped };
  `);
  await app.executeScript('document.documentElement.style.fontSize = ""');
  await settle(app);
  return result;
}

/** Saves what the window shows as a PNG under `dir` (the window is the viewport: no frame under Xvfb). */
export async function saveScreenshot(app, dir, name) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  windowScreenshot(file);
  return file;
}

export { settle };
