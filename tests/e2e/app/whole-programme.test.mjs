// A parent with a child of 6 works through all five modules in the real window: every page
// read, every do-task question answered, "done" pressed. Along the way: only the text for
// ages 4-7 is shown, each module opens only after the one before, and afterwards the step
// plan made in module 4 and the care plan for the child made in module 5 are one tap away in
// the crisis help, with the parent's own words.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import {
  byTestId, click, exists, find, freshDataDir, onboard, openApp, screenshot, startDriver, waitForAttribute,
} from '../lib/harness.mjs';

const MODULES = ['good-enough', 'talking', 'development', 'limits', 'network'];
const CALL = 'Mijn zus Anna';
const CLOSE = 'Oma Jet';
const CARE_WHO = 'Opa Kees, 06-12345678';
let driver;

before(async () => {
  driver = await startDriver({ HOUVAST_DATA_DIR: freshDataDir() });
});
after(async () => {
  await driver?.stop();
});

/** The bands of every age block on the current page, e.g. ["4-7 8-12 12-18"]. */
async function ageBlocks(app) {
  return app.executeScript(
    'return [...document.querySelectorAll("[data-age-bands]")].map((e) => e.dataset.ageBands)',
  );
}

/** Reads page after page up to the do-task; returns the age blocks seen. */
async function readAllPages(app, moduleId) {
  const seen = [];
  for (let i = 0; i < 40; i++) {
    if (await exists(app, 'complete-do_task')) return seen;
    await find(app, 'page-title');
    seen.push(...(await ageBlocks(app)));
    await click(app, 'page-next');
  }
  throw new Error(`${moduleId}: the do-task never came`);
}

/** A text for a question: the plan questions get words the test looks for later. */
function textFor(id) {
  if (id === 'limits.do.call') return CALL;
  if (id === 'network.do.close') return `${CLOSE}\nBuurvrouw`;
  if (id === 'network.do.child-trusted') return CLOSE;
  if (id === 'network.do.care-who') return CARE_WHO;
  return `Mijn antwoord op ${id}`;
}

/** Answers every question of the do-task by its type: text, choice or scale. */
async function fillDoTask(app) {
  const questions = await app.findElements(By.css('.task-form [data-testid^="q-"]:is(textarea, input[type="text"], fieldset)'));
  assert.ok(questions.length > 0, 'the do-task has questions');
  for (const q of questions) {
    const id = (await q.getAttribute('data-testid')).slice(2);
    const tag = await q.getTagName();
    if (tag === 'fieldset') {
      // The first option's label: radio and checkbox inputs may be drawn by their label only.
      const label = await q.findElement(By.css('label'));
      await label.click();
    } else {
      await q.sendKeys(textFor(id));
    }
  }
  await waitForAttribute(app, 'save-state', 'data-state', 'saved');
}

test('a child of 6: all five modules, age blocks for 4-7 only, in order, then the step plan from crisis help', async () => {
  const app = await openApp(driver.url);
  try {
    await onboard(app);

    // Before module 4, My plans explains where the step plan comes from.
    await click(app, 'nav-plans');
    const card = await find(app, 'plan-card-step-plan');
    assert.equal(await card.getAttribute('data-state'), 'not_reached');
    assert.match(await card.getText(), /module 4/);

    const bands = [];
    for (const [n, id] of MODULES.entries()) {
      await click(app, 'nav-programme');
      await waitForAttribute(app, `module-${id}`, 'data-status', 'open');
      for (const later of MODULES.slice(n + 1)) {
        await waitForAttribute(app, `module-${later}`, 'data-status', 'locked');
      }
      await click(app, `open-${id}`);
      await find(app, 'module-reader');
      bands.push(...(await readAllPages(app, id)));
      await fillDoTask(app);
      await click(app, 'complete-do_task');
      await find(app, 'complete-home_assignment');
      await click(app, 'nav-programme');
      await waitForAttribute(app, `module-${id}`, 'data-status', 'done');
    }

    assert.ok(bands.length > 0, 'age blocks for 4-7 are shown');
    const notForAChildOf6 = bands.filter((b) => !b.split(' ').includes('4-7'));
    assert.deepEqual(notForAChildOf6, [], 'no block for 1-4 or 12-18 only is shown');

    // The step plan, one tap from crisis help, in the parent's own words.
    await click(app, 'crisis-button');
    await click(app, 'crisis-step-plan');
    const plan = await find(app, 'step-plan');
    assert.match(await plan.getText(), new RegExp(CALL));
    assert.equal(await exists(app, 'crisis-dialog') && (await app.findElement(byTestId('crisis-dialog')).isDisplayed()), false);

    // The care plan for the child comes first in crisis help, with who takes over at once.
    await click(app, 'crisis-button');
    assert.match(await (await find(app, 'crisis-care-who')).getText(), new RegExp(CARE_WHO));
    await click(app, 'crisis-care-plan');
    assert.match(await (await find(app, 'care-plan')).getText(), new RegExp(CARE_WHO));

    // The network map is a picture with the trusted person marked.
    await click(app, 'plans-back');
    await click(app, 'open-plan-network-map');
    await find(app, 'network-map-picture');
    const trusted = await app.findElements(By.css('[data-testid="map-person"].trusted'));
    assert.equal(trusted.length, 1, 'one trusted person is marked');
    assert.equal(await trusted[0].getText(), CLOSE);
  } catch (e) {
    await screenshot(app, 'whole-programme');
    throw e;
  } finally {
    await app.quit();
  }
});
