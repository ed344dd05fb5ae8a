// A person's path through the portal in headless Chromium: the home page
// in Kazakh, the switch to Russian, registration, signing out and in, a
// phone screen, the same forms with JavaScript off, and the accessibility
// basics of every page on the way.
//
// The tests run in order and share one signed-in browser context: each
// goes on from where the one before left the person.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	BASE_URL, LANGS, accessibilityProblems, clickAndLoad, cspViolations,
	launchBrowser, makeIin, pathOf, recordCspViolations, screenshot, tr,
	uniqueEmail, watchPage, wrongIin,
} from './helpers.mjs';

const SECTIONS = [
	['requests', 'Environmental information requests'],
	['hearings', 'Public hearings'],
	['courts', 'Court cases'],
	['prtr', 'Pollutant release and transfer register'],
	['fund', 'Fund catalogue'],
];

// Letters only Kazakh writes; a Russian page shows none of them outside
// the language switch.
const KAZAKH_ONLY = /[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/;
// An English word of three letters or more; translated pages have none.
const LATIN_WORD = /\b[A-Za-z]{3,}\b/;

const person = {
	name: 'Сейтқали Әйгерім Нұрланқызы',
	iin: makeIin(),
	email: uniqueEmail('person'),
	password: 'Тұз-және-бұрыш-2024',
};

// Each test is a few page loads; a hung one fails instead of waiting for
// script/test's 20-minute limit.
const STEP = { timeout: 30000 };

let browser, context, page, watch;

before(async () => {
	browser = await launchBrowser();
	// The browser's language is one the portal does not speak, so "/"
	// must fall back to the default, Kazakh.
	context = await browser.newContext({
		viewport: { width: 1280, height: 900 },
		locale: 'de-DE',
	});
	await recordCspViolations(context);
	page = await context.newPage();
	page.setDefaultTimeout(10000);
	watch = watchPage(page);
}, STEP);

after(async () => {
	await browser?.close();
});

// Nothing went wrong behind the scenes since the last check.
async function assertClean(what) {
	const csp = await cspViolations(page);
	assert.deepEqual(csp, [], `CSP violations ${what}`);
	assert.deepEqual(watch.take(), [], `console errors or failed requests ${what}`);
}

function header(p = page) {
	return p.locator('header.site-header');
}

// The header's account links: a signed-in page shows "My account" and
// the "Sign out" button, a signed-out one "Sign in" and "Register".
async function assertSignedIn(lang, yes, p = page) {
	const nav = header(p).getByRole('navigation', { name: tr(lang, 'Account'), exact: true });
	const signIn = nav.getByRole('link', { name: tr(lang, 'Sign in'), exact: true });
	const signOut = nav.getByRole('button', { name: tr(lang, 'Sign out'), exact: true });
	assert.equal(await signIn.count(), yes ? 0 : 1, `"${tr(lang, 'Sign in')}" link in the header`);
	assert.equal(await signOut.count(), yes ? 1 : 0, `"${tr(lang, 'Sign out')}" button in the header`);
}

// The text of the page that is in its language: all of it but the brand
// name and the language switch, which are the same on every page.
async function translatedText(p = page) {
	const parts = [
		header(p).locator('.brand-sub'), header(p).locator('.account-nav'),
		p.locator('main'), p.locator('footer'),
	];
	let text = '';
	for (const part of parts) text += (await part.innerText()) + '\n';
	return text;
}

async function htmlLang(p = page) {
	return p.locator('html').getAttribute('lang');
}

async function a11y(p = page) {
	assert.deepEqual(await accessibilityProblems(p), [], `accessibility of ${pathOf(p)}`);
}

test('home: "/" opens /kk/ in Kazakh with the sections, the account links and the stylesheet', STEP, async (t) => {
	const cssResponse = page.waitForResponse((r) => new URL(r.url()).pathname === '/static/css/site.css')
	    .catch(() => null);
	const response = await page.goto(BASE_URL + '/');
	assert.equal(pathOf(page), '/kk/');
	assert.equal(response.status(), 200);
	assert.match(response.headers()['content-security-policy'] || '', /default-src 'self'/,
	    'the page carries its Content-Security-Policy');
	assert.equal(await htmlLang(), 'kk');

	const h1 = page.locator('main h1');
	assert.equal((await h1.innerText()).trim(), tr('kk', 'State Environmental Information Fund'));
	assert.match(await page.title(), new RegExp(tr('kk', 'ecogosfond')));

	for (const [slug, title] of SECTIONS) {
		const link = page.locator(`main a[href="/kk/${slug}"]`);
		assert.equal(await link.count(), 1, `one link to /kk/${slug}`);
		assert.equal((await link.innerText()).trim(), tr('kk', title));
	}
	// The header in Kazakh: "Кіру" (sign in) and "Тіркелу" (register).
	assert.equal(await header().getByRole('link', { name: 'Кіру', exact: true })
	    .getAttribute('href'), '/kk/account/login');
	assert.equal(await header().getByRole('link', { name: 'Тіркелу', exact: true })
	    .getAttribute('href'), '/kk/account/register');

	// site.css arrived and applies: the header is the brand's green, not
	// transparent (a blocked or missing stylesheet leaves it so).
	const css = await cssResponse;
	assert.ok(css, 'the page asked for /static/css/site.css');
	assert.equal(css.status(), 200);
	assert.match(css.headers()['content-type'] || '', /^text\/css/);
	const headerBg = await header().evaluate((el) => getComputedStyle(el).backgroundColor);
	assert.notEqual(headerBg, 'rgba(0, 0, 0, 0)', 'the header has a background');
	assert.equal(headerBg, 'rgb(11, 110, 79)', 'the header background is --brand');
	assert.equal(await page.locator('main .card').count(), 5);
	assert.notEqual(await page.locator('main .card').first()
	    .evaluate((el) => getComputedStyle(el).borderTopStyle), 'none', 'the cards are styled');

	assert.doesNotMatch(await translatedText(), LATIN_WORD,
	    'no untranslated English on the Kazakh home page');

	await screenshot(t, page, 'home');
	await assertClean('on the home page');
});

test('language: "Русский" in the header switches to /ru/, and "/" remembers it', STEP, async () => {
	await clickAndLoad(page, header().getByRole('link', { name: 'Русский', exact: true }));
	assert.equal(pathOf(page), '/ru/');
	assert.equal(await htmlLang(), 'ru');
	assert.equal((await page.locator('main h1').innerText()).trim(),
	    tr('ru', 'State Environmental Information Fund'));
	assert.equal(await header().locator('.lang-switch a[aria-current]').innerText(), 'Русский');
	const text = await translatedText();
	assert.match(text, /[А-Яа-яЁё]{3}/);
	assert.doesNotMatch(text, KAZAKH_ONLY, 'no Kazakh on the Russian home page');
	assert.doesNotMatch(text, LATIN_WORD, 'no untranslated English on the Russian home page');
	for (const [slug, title] of SECTIONS)
		assert.equal((await page.locator(`main a[href="/ru/${slug}"]`).innerText()).trim(), tr('ru', title));

	await page.goto(BASE_URL + '/');
	assert.equal(pathOf(page), '/ru/', 'the language cookie wins over the browser language');
	assert.equal(await htmlLang(), 'ru');
	await assertClean('after switching to Russian');
});

test('registration: a wrong IIN is refused beside the field, a right one opens the account', STEP, async (t) => {
	await clickAndLoad(page, header().getByRole('link', { name: tr('ru', 'Register'), exact: true }));
	assert.equal(pathOf(page), '/ru/account/register');
	assert.equal((await page.locator('main h1').innerText()).trim(), tr('ru', 'Create an account'));
	await a11y();

	const form = page.locator('main form');
	const fill = async (iin) => {
		await form.getByLabel(tr('ru', 'Full name'), { exact: true }).fill(person.name);
		await form.getByLabel(tr('ru', 'IIN'), { exact: true }).fill(iin);
		await form.getByLabel(tr('ru', 'E-mail'), { exact: true }).fill(person.email);
		await form.getByLabel(tr('ru', 'Password'), { exact: true }).fill(person.password);
		await form.getByLabel(tr('ru', 'Repeat the password'), { exact: true }).fill(person.password);
		await form.getByRole('checkbox').check();
	};
	const submit = form.getByRole('button', { name: tr('ru', 'Create an account'), exact: true });

	// A mistyped check digit: the form comes back with the error next to
	// the IIN, what was typed kept, the passwords not.
	await fill(wrongIin(person.iin));
	watch.expect(400);
	const refused = await clickAndLoad(page, submit);
	assert.equal(refused.status(), 400);
	assert.equal(pathOf(page), '/ru/account/register');
	const iinField = page.locator('main .field').filter({ has: page.locator('#iin') });
	assert.match(await iinField.getAttribute('class'), /\binvalid\b/);
	assert.equal((await iinField.locator('.field-error').innerText()).trim(),
	    tr('ru', 'The IIN must be 12 digits with a valid check digit.'));
	assert.equal(await page.locator('main .field-error').count(), 1, 'only the IIN is wrong');
	const summary = page.getByRole('alert');
	assert.match(await summary.innerText(), new RegExp(tr('ru', 'Please correct the following:')));
	assert.equal(await summary.locator('a').getAttribute('href'), '#iin');
	assert.equal(await page.locator('#full_name').inputValue(), person.name, 'the name is kept');
	assert.equal(await page.locator('#email').inputValue(), person.email, 'the e-mail is kept');
	assert.equal(await page.locator('#iin').inputValue(), wrongIin(person.iin));
	assert.equal(await page.locator('#password').inputValue(), '', 'the password is not sent back');
	assert.equal(await page.locator('#password_confirm').inputValue(), '');
	await a11y();
	await screenshot(t, page, 'register-errors');
	await assertClean('on the refused registration');

	await fill(person.iin);
	const done = await clickAndLoad(page, submit);
	assert.equal(done.status(), 200);
	assert.equal(pathOf(page), '/ru/account?welcome=1');
	assert.equal((await page.getByRole('status').innerText()).trim(),
	    tr('ru', 'Your account is ready. Welcome!'));
	const facts = await page.locator('main dl.facts').innerText();
	assert.match(facts, new RegExp(person.name));
	assert.match(facts, new RegExp(person.email.replace(/[.+]/g, '\\$&')));
	assert.match(facts, new RegExp(tr('ru', 'Person')));
	assert.doesNotMatch(await page.content(), new RegExp(person.iin), 'the IIN is never shown');
	await assertSignedIn('ru', true);
	await a11y();
	await screenshot(t, page, 'account');
	await assertClean('on the account page');
});

test('sign out, then sign in: a wrong password is refused, the right one opens the account', STEP, async () => {
	await clickAndLoad(page, header().getByRole('button', { name: tr('ru', 'Sign out'), exact: true }));
	assert.equal(pathOf(page), '/ru/');
	await assertSignedIn('ru', false);

	await clickAndLoad(page, header().getByRole('link', { name: tr('ru', 'Sign in'), exact: true }));
	assert.equal(pathOf(page), '/ru/account/login');
	await a11y();
	const form = page.locator('main form');
	const submit = form.getByRole('button', { name: tr('ru', 'Sign in'), exact: true });
	await form.getByLabel(tr('ru', 'E-mail'), { exact: true }).fill(person.email);
	await form.getByLabel(tr('ru', 'Password'), { exact: true }).fill(person.password + 'x');
	watch.expect(401);
	const refused = await clickAndLoad(page, submit);
	assert.equal(refused.status(), 401);
	assert.equal((await page.getByRole('alert').innerText()).trim(),
	    tr('ru', 'The e-mail address or the password is wrong.'));
	assert.equal(await page.locator('#email').inputValue(), person.email, 'the e-mail is kept');
	assert.equal(await page.locator('#password').inputValue(), '');
	await assertSignedIn('ru', false);
	await assertClean('on the refused sign-in');

	await form.getByLabel(tr('ru', 'Password'), { exact: true }).fill(person.password);
	await clickAndLoad(page, submit);
	assert.equal(pathOf(page), '/ru/account');
	assert.equal(await page.getByRole('status').count(), 0, 'no welcome the second time');
	assert.match(await page.locator('main dl.facts').innerText(),
	    new RegExp(person.email.replace(/[.+]/g, '\\$&')));
	await assertSignedIn('ru', true);
	await assertClean('after signing in');
});

test('accessibility: the skip link is the first stop of the keyboard and leads to #main', STEP, async () => {
	await page.goto(BASE_URL + '/kk/');
	await page.keyboard.press('Tab');
	const focused = page.locator(':focus');
	assert.equal(await focused.getAttribute('class'), 'skip');
	assert.equal(await focused.getAttribute('href'), '#main');
	const box = await focused.boundingBox();
	assert.ok(box && box.x >= 0 && box.width > 0, 'the focused skip link is on the screen');
	await page.keyboard.press('Enter');
	// Following a fragment link is asynchronous: wait for it, then check.
	await page.waitForURL(/#main$/, { timeout: 5000 });
	assert.equal(new URL(page.url()).hash, '#main');
	for (const lang of LANGS) {
		for (const path of ['/', '/account', '/account/password', '/account/login',
		    '/account/register', '/account/register?kind=organisation']) {
			await page.goto(`${BASE_URL}/${lang}${path}`);
			await a11y();
		}
	}
	await assertClean('on the signed-in pages');
});

test('phone: the home page fits a 390x844 screen', STEP, async (t) => {
	const phone = await browser.newContext({
		viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
		isMobile: true, hasTouch: true, locale: 'kk-KZ',
	});
	try {
		const p = await phone.newPage();
		const w = watchPage(p);
		await p.goto(BASE_URL + '/');
		assert.equal(pathOf(p), '/kk/');
		const widths = await p.evaluate(() => ({
			scroll: document.documentElement.scrollWidth,
			client: document.documentElement.clientWidth,
		}));
		assert.ok(widths.scroll <= widths.client,
		    `no sideways scrolling: the page is ${widths.scroll}px wide on a ${widths.client}px screen`);
		// Every section card is within the screen.
		for (const card of await p.locator('main .card').all()) {
			const box = await card.boundingBox();
			assert.ok(box.x >= 0 && box.x + box.width <= 390 + 0.5, 'a card fits the screen');
		}
		assert.ok(await header(p).getByRole('link', { name: 'Тіркелу', exact: true }).isVisible());
		await screenshot(t, p, 'home-phone');
		assert.deepEqual(w.take(), []);
	} finally {
		await phone.close();
	}
});

test('without JavaScript: register, sign out and sign in with plain HTML forms', STEP, async (t) => {
	const noJs = await browser.newContext({
		javaScriptEnabled: false, viewport: { width: 1280, height: 900 }, locale: 'ru-RU',
	});
	const other = {
		name: 'Иванов Пётр Сергеевич', iin: makeIin(),
		email: uniqueEmail('nojs'), password: 'пароль-без-скриптов-77',
	};
	try {
		const p = await noJs.newPage();
		p.setDefaultTimeout(10000);
		const w = watchPage(p);
		// A Russian browser: "/" follows Accept-Language to /ru/.
		await p.goto(BASE_URL + '/');
		assert.equal(pathOf(p), '/ru/');
		assert.equal(await htmlLang(p), 'ru');

		await clickAndLoad(p, header(p).getByRole('link', { name: tr('ru', 'Register'), exact: true }));
		const form = p.locator('main form');
		await form.getByLabel(tr('ru', 'Full name'), { exact: true }).fill(other.name);
		await form.getByLabel(tr('ru', 'IIN'), { exact: true }).fill(other.iin);
		await form.getByLabel(tr('ru', 'E-mail'), { exact: true }).fill(other.email);
		await form.getByLabel(tr('ru', 'Password'), { exact: true }).fill(other.password);
		await form.getByLabel(tr('ru', 'Repeat the password'), { exact: true }).fill(other.password);
		await form.getByRole('checkbox').check();
		await clickAndLoad(p, form.getByRole('button', { name: tr('ru', 'Create an account'), exact: true }));
		assert.equal(pathOf(p), '/ru/account?welcome=1');
		assert.match(await p.locator('main dl.facts').innerText(), new RegExp(other.name));
		await assertSignedIn('ru', true, p);

		await clickAndLoad(p, header(p).getByRole('button', { name: tr('ru', 'Sign out'), exact: true }));
		assert.equal(pathOf(p), '/ru/');
		await assertSignedIn('ru', false, p);

		// The account page, bookmarked, asks to sign in first and then
		// comes back.
		await p.goto(BASE_URL + '/ru/account');
		assert.match(pathOf(p), /^\/ru\/account\/login\?next=/);
		const login = p.locator('main form');
		await login.getByLabel(tr('ru', 'E-mail'), { exact: true }).fill(other.email);
		await login.getByLabel(tr('ru', 'Password'), { exact: true }).fill(other.password);
		await clickAndLoad(p, login.getByRole('button', { name: tr('ru', 'Sign in'), exact: true }));
		assert.equal(pathOf(p), '/ru/account');
		assert.match(await p.locator('main dl.facts').innerText(),
		    new RegExp(other.email.replace(/[.+]/g, '\\$&')));
		await a11y(p);

		await clickAndLoad(p, header(p).getByRole('button', { name: tr('ru', 'Sign out'), exact: true }));
		assert.equal(pathOf(p), '/ru/');
		await assertSignedIn('ru', false, p);
		assert.deepEqual(w.take(), []);
		await screenshot(t, p, 'home-ru-nojs');
	} finally {
		await noJs.close();
	}
});
