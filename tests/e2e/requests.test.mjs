// An information request's whole path in headless Chromium: a citizen
// signs in and files a request through the form, the head of the state
// body finds it on the desk and signs an answer, and a visitor who is not
// signed in, with JavaScript off, finds it on the public tracker with the
// answer and its timeline, and nothing of the citizen's personal data.
//
// The tests run in order: each goes on from where the one before left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	BASE_URL, accessibilityProblems, clickAndLoad, cspViolations, launchBrowser,
	makeIin, pathOf, recordCspViolations, screenshot, tr, uniqueEmail, watchPage,
} from './helpers.mjs';

const STEP = { timeout: 30000 };
const LANG = 'ru';
const PASSWORD = 'Сұрау-салу-2026';

// A word no other request has, so the tracker's search finds only ours.
const WORD = 'Тұзкөл' + [...randomBytes(6)].map((b) => 'абвгдежзиклмнопрстуфхцчшщэюя'[b % 28]).join('');

const citizen = {
	name: 'Жұмабаева Сәуле Ерланқызы',
	iin: makeIin(),
	email: uniqueEmail('citizen'),
};
const head = { name: 'Тест басшы', email: uniqueEmail('head') };

const filed = {
	subject: `Качество воды в озере ${WORD}`,
	body: 'Прошу предоставить результаты мониторинга качества воды озера за 2025 год.',
	questions: ['Какие пробы отбирались?', 'Превышены ли ПДК?'],
	answer: `Результаты мониторинга по озеру ${WORD}: превышений ПДК не выявлено.`,
};

let browser, holder;
const contexts = [];

// ecoctl as the database owner, as the integration tests run it.
function ecoctl(...args) {
	return execFileSync(process.env.ECOCTL, args, {
		env: { ...process.env, ECO_DSN: process.env.ECO_OWNER_DSN },
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

async function newPage(options = {}) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
	contexts.push(context);
	await recordCspViolations(context);
	const page = await context.newPage();
	page.setDefaultTimeout(10000);
	return { page, watch: watchPage(page) };
}

async function assertClean(page, watch, what) {
	assert.deepEqual(await cspViolations(page), [], `CSP violations ${what}`);
	assert.deepEqual(watch.take(), [], `console errors or failed requests ${what}`);
	assert.deepEqual(await accessibilityProblems(page), [], `accessibility ${what}`);
}

async function signIn(page, email) {
	await page.goto(`${BASE_URL}/${LANG}/account/login`);
	const form = page.locator('main form');
	await form.getByLabel(tr(LANG, 'E-mail'), { exact: true }).fill(email);
	await form.getByLabel(tr(LANG, 'Password'), { exact: true }).fill(PASSWORD);
	await clickAndLoad(page, form.getByRole('button', { name: tr(LANG, 'Sign in'), exact: true }));
	assert.doesNotMatch(pathOf(page), /\/account\/login/, `${email} is signed in`);
}

// The value of a fact ("Status", "Registration number") on a request page.
function fact(page, msgid) {
	return page.locator('dl.facts dt', { hasText: tr(LANG, msgid) }).first()
	    .locator('xpath=following-sibling::dd[1]');
}

let citizenPage, citizenWatch, headPage, headWatch;
let requestPath, regNo;

before(async () => {
	browser = await launchBrowser();
	const holders = await (await fetch(`${BASE_URL}/api/v1/holders`)).json();
	holder = holders.items[0];
	ecoctl('user', 'add', '--email', citizen.email, '--password', PASSWORD,
	    '--name', citizen.name, '--role', 'individual', '--iin', citizen.iin, '--lang', LANG);
	ecoctl('user', 'add', '--email', head.email, '--password', PASSWORD,
	    '--name', head.name, '--role', 'official', '--holder', String(holder.id),
	    '--position', 'head', '--lang', LANG);
	({ page: citizenPage, watch: citizenWatch } = await newPage({ locale: 'ru-RU' }));
	({ page: headPage, watch: headWatch } = await newPage({ locale: 'ru-RU' }));
}, STEP);

after(async () => {
	for (const c of contexts) await c.close().catch(() => {});
	await browser?.close();
});

test('a citizen files a request from the tracker and gets its number and deadlines', STEP, async (t) => {
	const page = citizenPage;
	await signIn(page, citizen.email);
	await page.goto(`${BASE_URL}/${LANG}/requests`);
	await clickAndLoad(page, page.locator('main').getByRole('link', { name: tr(LANG, 'File a request'), exact: true }));
	assert.equal(pathOf(page), `/${LANG}/requests/new`);
	await assertClean(page, citizenWatch, 'on the filing form');

	const form = page.locator('main form');
	await form.getByLabel(tr(LANG, 'State body'), { exact: true }).selectOption(String(holder.id));
	await form.getByLabel(tr(LANG, 'Subject'), { exact: true }).fill(filed.subject);
	await form.getByLabel(tr(LANG, 'What information do you ask for?'), { exact: true }).fill(filed.body);
	await form.getByLabel(tr(LANG, 'Questions, one per line (optional)'), { exact: true })
	    .fill(filed.questions.join('\n'));
	await form.getByLabel(tr(LANG, 'Russian'), { exact: true }).check();
	await form.getByLabel(tr(LANG, 'Publish the request and the answer on the tracker (your name is never published)'),
	    { exact: true }).check();
	const response = await clickAndLoad(page, form.getByRole('button', { name: tr(LANG, 'Send the request'), exact: true }));
	assert.equal(response.status(), 200);
	assert.match(pathOf(page), new RegExp(`^/${LANG}/requests/\\d+`));
	requestPath = pathOf(page).replace(/\?.*$/, '');

	assert.equal((await page.locator('main h1').innerText()).trim(), filed.subject);
	assert.equal((await page.getByRole('status').first().innerText()).trim(),
	    tr(LANG, 'Your request has been registered. Its number and every deadline are below; you will get the answer in the language of the request.'));
	regNo = (await fact(page, 'Registration number').innerText()).trim();
	assert.match(regNo, new RegExp(`^${holder.code.toUpperCase().replace(/_/g, '-')}-\\d{4}-\\d{5}$`));
	assert.equal((await fact(page, 'Status').innerText()).trim(), tr(LANG, 'Registered'));
	// The three deadlines, each with its date and law.
	const rows = page.locator('table.deadlines tbody tr');
	assert.equal(await rows.count(), 3);
	for (const row of await rows.all())
		assert.match(await row.locator('time').getAttribute('datetime'), /^\d{4}-\d{2}-\d{2}$/);
	assert.equal(await page.locator('ol.questions li').count(), 2);
	await screenshot(t, page, 'request-filed');
	await assertClean(page, citizenWatch, 'on the new request');

	// A reload does not file it again: the tracker lists it once.
	await page.reload();
	const found = await (await fetch(`${BASE_URL}/api/v1/requests?q=${encodeURIComponent(WORD)}`)).json();
	assert.equal(found.total, 1, 'filed once');
});

test('the head finds it on the desk and signs an answer', STEP, async (t) => {
	const page = headPage;
	await signIn(page, head.email);
	await page.goto(`${BASE_URL}/${LANG}/requests/desk`);
	const row = page.locator('main table tbody tr', { hasText: regNo });
	assert.equal(await row.count(), 1, 'the request is on the desk');
	await assertClean(page, headWatch, 'on the desk');
	await clickAndLoad(page, row.getByRole('link', { name: regNo, exact: true }));
	assert.equal(pathOf(page), requestPath);

	// The official sees the requester's details; the public never does.
	assert.match(await page.locator('section.private').innerText(), new RegExp(citizen.iin));

	// A registered request gets an executor first: the head takes it.
	const assign = page.locator('section.desk form', {
		has: page.getByRole('button', { name: tr(LANG, 'Assign'), exact: true }),
	});
	await assign.getByLabel(tr(LANG, 'Executor'), { exact: true }).selectOption({ label: head.name });
	await clickAndLoad(page, assign.getByRole('button', { name: tr(LANG, 'Assign'), exact: true }));
	assert.ok((await fact(page, 'Status').innerText()).trim().startsWith(tr(LANG, 'In progress')));

	const answer = page.locator('section.desk form', {
		has: page.getByRole('button', { name: tr(LANG, 'Sign and issue the answer'), exact: true }),
	});
	await answer.getByLabel(tr(LANG, 'Text of the answer'), { exact: true }).fill(filed.answer);
	const answers = answer.getByLabel(tr(LANG, 'Answer'), { exact: true });
	assert.equal(await answers.count(), 2, 'one answer field per question');
	await answers.nth(0).fill('Отобраны пробы воды и донных отложений.');
	await answers.nth(1).fill('Нет.');
	await clickAndLoad(page, answer.getByRole('button', { name: tr(LANG, 'Sign and issue the answer'), exact: true }));
	assert.equal(pathOf(page), `${requestPath}?done=1`);
	assert.equal((await page.getByRole('status').first().innerText()).trim(),
	    tr(LANG, 'Done. The step is recorded in the timeline.'));
	assert.ok((await fact(page, 'Status').innerText()).trim().startsWith(tr(LANG, 'Answered')));
	await screenshot(t, page, 'request-answered');
	await assertClean(page, headWatch, 'after the answer');
});

test('a visitor without JavaScript finds the answer on the public tracker, without personal data', STEP, async (t) => {
	const { page, watch } = await newPage({ locale: 'ru-RU', javaScriptEnabled: false });
	await page.goto(`${BASE_URL}/${LANG}/requests`);
	const search = page.getByRole('search');
	await search.getByLabel(tr(LANG, 'Words'), { exact: true }).fill(WORD);
	await clickAndLoad(page, search.getByRole('button', { name: tr(LANG, 'Search'), exact: true }));
	assert.match(pathOf(page), /[?&]q=/);
	const rows = page.locator('main table.requests tbody tr');
	assert.equal(await rows.count(), 1, 'the search finds our request');
	assert.match(await rows.first().innerText(), new RegExp(tr(LANG, 'Answered')));
	await assertClean(page, watch, 'on the tracker');

	await clickAndLoad(page, rows.first().getByRole('link', { name: regNo, exact: true }));
	assert.equal(pathOf(page), requestPath);
	assert.ok((await fact(page, 'Status').innerText()).trim().startsWith(tr(LANG, 'Answered')));
	assert.equal((await page.getByRole('heading', { name: tr(LANG, 'The answer'), exact: true }).count()), 1);
	assert.ok((await page.locator('main').innerText()).includes(filed.answer), 'the answer is shown');
	assert.match(await page.locator('ol.questions').innerText(), /Нет\./);

	// The timeline: registered, then the answer, within its deadline.
	const timeline = page.locator('ol.timeline li');
	assert.match(await timeline.first().innerText(), new RegExp(tr(LANG, 'Request registered')));
	const issued = timeline.filter({ hasText: tr(LANG, 'Answer issued') });
	assert.equal(await issued.count(), 1);
	assert.match(await issued.innerText(), new RegExp(tr(LANG, 'Within the deadline')));

	const html = await page.content();
	for (const secret of [citizen.name, citizen.iin, citizen.email])
		assert.ok(!html.includes(secret), `the public page does not show ${secret}`);
	assert.equal(await page.locator('section.private').count(), 0);
	assert.equal(await page.locator('section.desk').count(), 0, 'no desk for a visitor');
	await screenshot(t, page, 'request-public');
	await assertClean(page, watch, 'on the public request page');
});
