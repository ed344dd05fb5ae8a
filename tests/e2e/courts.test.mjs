// The court registry in headless Chromium, as a visitor who is not signed
// in and has JavaScript off: a Kazakh word found in its suffixed form,
// the case opened from the results, its timeline followed through the
// instances (the dates as precise as the source), and the same case in
// Russian through the language switch.  The case is one of the twelve
// real cases the demo loads (sql/demo/court_cases.json).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	BASE_URL, accessibilityProblems, clickAndLoad, cspViolations, launchBrowser,
	pathOf, recordCspViolations, screenshot, tr, watchPage,
} from './helpers.mjs';

const STEP = { timeout: 30000 };

let browser, page, watch, context;

before(async () => {
	browser = await launchBrowser();
	context = await browser.newContext({ viewport: { width: 1280, height: 900 },
	    locale: 'kk-KZ', javaScriptEnabled: false });
	await recordCspViolations(context);
	page = await context.newPage();
	page.setDefaultTimeout(10000);
	watch = watchPage(page);
}, STEP);

after(async () => {
	await context?.close().catch(() => {});
	await browser?.close();
});

async function assertClean(what) {
	assert.deepEqual(await cspViolations(page), [], `CSP violations ${what}`);
	assert.deepEqual(watch.take(), [], `console errors or failed requests ${what}`);
	assert.deepEqual(await accessibilityProblems(page), [], `accessibility ${what}`);
}

test('a Kazakh word finds a case by its suffixed form, highlighted', STEP, async (t) => {
	await page.goto(`${BASE_URL}/kk/courts`);
	const search = page.getByRole('search');
	// "полигон" is in the oil-waste case as "полигоны", "полигонды", ...
	await search.getByLabel(tr('kk', 'Words'), { exact: true }).fill('полигон');
	await search.getByLabel(tr('kk', 'Category'), { exact: true })
	    .selectOption({ label: tr('kk', 'Waste') });
	await clickAndLoad(page, search.getByRole('button', { name: tr('kk', 'Search'), exact: true }));
	assert.match(pathOf(page), /[?&]q=/);
	const results = page.locator('main ol.results > li');
	assert.ok(await results.count() >= 1, 'at least the real case');
	const hit = results.filter({ hasText: 'мұнайы бар қалдықтар' }).first();
	assert.ok(await hit.locator('mark').count() >= 1, 'the word marked');
	assert.match((await hit.locator('mark').first().innerText()).toLowerCase(), /^полигон/);
	await screenshot(t, page, 'courts-search');
	await assertClean('on the search page');
	await clickAndLoad(page, hit.getByRole('link').first());
	assert.match(pathOf(page), /^\/kk\/courts\/\d+$/);
});

test('the case page tells the story and follows the timeline through the instances', STEP, async (t) => {
	assert.match(await page.locator('main h1').innerText(), /полигон/i);
	const events = page.locator('ol.timeline > li');
	const n = await events.count();
	assert.ok(n >= 3, `a timeline of several events (${n})`);
	// Day-precise dates are machine-readable and never go back in time.
	const days = [];
	for (const e of await events.all()) {
		const time = e.locator('time');
		if (await time.count() > 0)
			days.push(await time.getAttribute('datetime'));
	}
	assert.ok(days.length >= 2, 'dated events');
	assert.deepEqual([...days].sort(), days, 'in order');
	const text = await page.locator('ol.timeline').innerText();
	for (const instance of ['First instance', 'Appeal'])
		assert.ok(text.includes(tr('kk', instance)), instance);
	assert.ok(await page.locator('ol.claims > li').count() >= 1, 'the claims with their outcomes');
	await screenshot(t, page, 'courts-case');
	await assertClean('on the case page');
});

test('the same case in Russian through the language switch', STEP, async () => {
	const path = pathOf(page);
	await clickAndLoad(page, page.locator('header').getByRole('link', { name: 'Русский' }));
	assert.equal(pathOf(page), path.replace(/^\/kk\//, '/ru/'));
	assert.equal(await page.locator('main h1').getAttribute('lang'), 'ru');
	assert.ok((await page.locator('ol.timeline').innerText()).includes(tr('ru', 'First instance')));
	await assertClean('on the Russian case page');
});
