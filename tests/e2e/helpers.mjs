// Helpers for the end-to-end tests: the browser, the translations the
// pages should show, test people, and the watch over what a page logs.
//
// script/test exports BASE_URL (the portal), CHROMIUM (Debian's
// /usr/bin/chromium), ECO_SHARE_DIR (the repository: po/ is there) and
// ECO_VAR (the run's state directory: screenshots go there).
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomInt } from 'node:crypto';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
export const LANGS = ['kk', 'ru', 'en'];

// Debian's Chromium; playwright-core never downloads a browser of its own.
// A launched browser gives every new context a fresh profile.
export function launchBrowser() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		timeout: 20000,
		args: [
			'--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync', '--no-first-run', '--disable-quic',
		],
	});
}

// --- translations --------------------------------------------------------

// The catalogues the handlers read, so that the tests follow the
// translators' wording instead of freezing a copy of it.
const shareDir = process.env.ECO_SHARE_DIR || join(here, '..', '..');
const catalogues = new Map();

// A quoted .po string's text: escapes read left to right, so that "\\."
// is a backslash and a dot.
function unquote(s) {
	const escapes = { n: '\n', t: '\t', '"': '"', '\\': '\\' };
	return s.slice(1, -1).replace(/\\(.)/g, (_, c) => escapes[c] ?? c);
}

// A minimal reader of a .po file: msgctxt/msgid/msgstr with continuation
// lines.  Plural entries are left out: the tests look up no plural.
function readPo(lang) {
	const entries = new Map();
	let cur = null, field = null;
	const flush = () => {
		if (cur && cur.msgid !== undefined && cur.msgstr !== undefined && !cur.plural)
			entries.set((cur.msgctxt ? cur.msgctxt + '\u0004' : '') + cur.msgid, cur.msgstr);
		cur = null; field = null;
	};
	for (const raw of readFileSync(join(shareDir, 'po', `${lang}.po`), 'utf8').split('\n')) {
		const line = raw.trim();
		let m;
		if (line === '' || line.startsWith('#')) {
			if (cur && cur.msgstr !== undefined) flush();
			continue;
		}
		if ((m = /^(msgctxt|msgid|msgid_plural|msgstr)\s+(".*")$/.exec(line))) {
			if (m[1] === 'msgctxt' || (m[1] === 'msgid' && cur && cur.msgstr !== undefined)) flush();
			cur ??= {};
			if (m[1] === 'msgid_plural') cur.plural = true;
			field = m[1];
			cur[field] = unquote(m[2]);
		} else if (line.startsWith('msgstr[')) {
			cur ??= {};
			cur.plural = true;
			field = null;
		} else if (line.startsWith('"') && cur && field) {
			cur[field] += unquote(line);
		}
	}
	flush();
	return entries;
}

// What a page in LANG shows for MSGID.  An entry that is missing or empty
// is a failure: the page would show English.
export function tr(lang, msgid) {
	if (lang === 'en') return msgid;
	if (!catalogues.has(lang)) catalogues.set(lang, readPo(lang));
	const s = catalogues.get(lang).get(msgid);
	if (!s) throw new Error(`po/${lang}.po has no translation of "${msgid}"`);
	return s;
}

// --- test people -----------------------------------------------------------

// The IIN's check digit, or -1 when the eleven digits can have none:
// weights 1..11 mod 11, and where that gives 10, weights 3..11,1,2.
export function iinCheckDigit(first11) {
	const d = [...first11].map(Number);
	const sum = (w) => d.reduce((acc, x, i) => acc + x * w[i], 0) % 11;
	let check = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
	if (check === 10) check = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
	return check === 10 ? -1 : check;
}

// A valid IIN: a birth date in the 1980s, century-and-sex digit 3 or 4,
// four random digits, the check digit.
export function makeIin() {
	for (;;) {
		const pad = (n, w) => String(n).padStart(w, '0');
		const first11 = pad(80 + randomInt(10), 2) + pad(1 + randomInt(12), 2) +
		    pad(1 + randomInt(28), 2) + String(3 + randomInt(2)) + pad(randomInt(10000), 4);
		const check = iinCheckDigit(first11);
		if (check >= 0) return first11 + check;
	}
}

// The same number with a check digit that is certainly wrong.
export function wrongIin(iin) {
	return iin.slice(0, 11) + String((Number(iin[11]) + 1) % 10);
}

export function uniqueEmail(tag) {
	return `${tag}-${Date.now().toString(36)}-${randomInt(1e6)}@e2e.example.org`;
}

// --- pages -------------------------------------------------------------------

export function pathOf(page) {
	const u = new URL(page.url());
	return u.pathname + u.search;
}

// Follows a click that loads another page, and returns the answer to it.
export async function clickAndLoad(page, locator) {
	const [response] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }),
		locator.click(),
	]);
	return response;
}

// Watches a page for what a person would not see but a developer would:
// console errors (Chromium reports CSP violations there), uncaught
// exceptions, CSP violation events, failed requests and sub-resources
// answered with an error.  Documents answered 4xx on purpose (a form
// sent back with errors) log "Failed to load resource" too: expect()
// names the statuses the next steps will produce.
export function watchPage(page) {
	const problems = [];
	let expected = new Set();
	page.on('console', (msg) => {
		if (msg.type() !== 'error' && !/Content.Security.Policy/i.test(msg.text())) return;
		const m = /the server responded with a status of (\d+)/.exec(msg.text());
		if (m && expected.has(Number(m[1]))) return;
		problems.push(`console ${msg.type()} on ${msg.location().url || page.url()}: ${msg.text()}`);
	});
	page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
	page.on('requestfailed', (req) => {
		// A navigation that replaces a page cancels what the old one still loads.
		if (/ERR_ABORTED/.test(req.failure()?.errorText || '')) return;
		problems.push(`request failed: ${req.method()} ${req.url()}: ${req.failure()?.errorText}`);
	});
	page.on('response', (res) => {
		const req = res.request();
		if (res.status() >= 400 && !(req.isNavigationRequest() && expected.has(res.status())))
			problems.push(`${res.status()} for ${req.method()} ${res.url()}`);
	});
	return {
		problems,
		expect(...statuses) { expected = new Set(statuses); },
		take() { expected = new Set(); return problems.splice(0); },
	};
}

// Records Content-Security-Policy violations in the page (the init script
// runs in every document before the page's own, and CSP does not apply
// to it).  Contexts with JavaScript off cannot run it; their console
// still reports violations.
export async function recordCspViolations(context) {
	await context.addInitScript(() => {
		window.__cspViolations = [];
		document.addEventListener('securitypolicyviolation', (e) => {
			window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
		});
	});
}

export async function cspViolations(page) {
	return page.evaluate(() => window.__cspViolations || []);
}

// --- screenshots -----------------------------------------------------------

export const screenshotDir = process.env.ECO_VAR ?
    join(process.env.ECO_VAR, 'screenshots') : join(here, 'screenshots');

// A full-page PNG, named in the test's output.
export async function screenshot(t, page, name) {
	mkdirSync(screenshotDir, { recursive: true });
	const path = join(screenshotDir, `${name}.png`);
	await page.screenshot({ path, fullPage: true });
	t.diagnostic(`screenshot: ${path}`);
	return path;
}

// --- accessibility -----------------------------------------------------------

// The basics every page must have: a label for each visible input, the
// skip link to #main (and #main itself), alt text on each image.  Reads
// the page through locators, which work with JavaScript off too.
export async function accessibilityProblems(page) {
	const problems = [];
	const where = pathOf(page);
	for (const input of await page.locator('input:not([type=hidden]), select, textarea').all()) {
		const id = await input.getAttribute('id');
		const name = await input.getAttribute('name');
		if (!id) {
			problems.push(`${where}: input "${name}" has no id, so no label[for]`);
			continue;
		}
		const labels = page.locator(`label[for="${id}"]`);
		if (await labels.count() !== 1)
			problems.push(`${where}: input #${id} has ${await labels.count()} label[for]`);
		else if (!(await labels.innerText()).trim())
			problems.push(`${where}: the label of #${id} is empty`);
	}
	const skip = page.locator('a.skip').first();
	if (await skip.count() === 0)
		problems.push(`${where}: no skip link`);
	else if (await skip.getAttribute('href') !== '#main')
		problems.push(`${where}: the skip link goes to ${await skip.getAttribute('href')}, not #main`);
	if (await page.locator('main#main').count() !== 1)
		problems.push(`${where}: no <main id="main">`);
	for (const img of await page.locator('img').all()) {
		if (await img.getAttribute('alt') === null)
			problems.push(`${where}: <img src="${await img.getAttribute('src')}"> has no alt`);
	}
	if (await page.locator('h1').count() !== 1)
		problems.push(`${where}: ${await page.locator('h1').count()} h1 elements, not one`);
	return problems;
}
