// Hostile and broken input: every malformed request gets a 4xx answer with
// a proper body (JSON under /api/, a page elsewhere), never a 500 and never
// a crash.  After each test the handlers still answer /healthz, and at the
// end no worker has died (same worker pids, no restart in the logs).
import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { client, errorOf, individual, uniqueEmail } from './lib/http.mjs';
import { env, handlerLogs, readLog } from './lib/stack.mjs';
import { tr } from './lib/po.mjs';

const c = client('127.0.0.9');
const REPO = process.env.ECO_SHARE_DIR || '.';
let workersBefore;

// The worker pids of every handler master named by a pid file.
function workers() {
	const out = {};
	for (const name of ['eco-portal', 'eco-account', 'eco-requests', 'eco-courts']) {
		const pid = readFileSync(path.join(env.run, `${name}.pid`), 'utf8').trim();
		let kids = '';
		try {
			kids = execFileSync('pgrep', ['-P', pid], { encoding: 'utf8' });
		} catch {
			kids = '';
		}
		out[name] = kids.trim().split('\n').filter(Boolean).sort();
	}
	return out;
}

function logText() {
	return handlerLogs().map(readLog).join('');
}

let logLengthBefore = 0;

describe('malformed input', () => {
	before(() => {
		workersBefore = workers();
		logLengthBefore = logText().length;
	});

	afterEach(async () => {
		const res = await c.get('/healthz');
		assert.equal(res.status, 200, 'eco-account still answers /healthz');
		const portal = await c.get('/healthz/portal');
		assert.equal(portal.status, 200, 'eco-portal still answers /healthz');
	});

	after(() => {
		assert.deepEqual(workers(), workersBefore, 'no worker died');
		const tail = logText().slice(logLengthBefore);
		assert.doesNotMatch(tail, /killed by signal|exited with/, 'no worker restart in the logs');
	});

	async function postApi(body, contentType = 'application/json') {
		return c.post('/api/v1/accounts', { body, headers: { 'Content-Type': contentType } });
	}

	function assertJsonError(res, status, code) {
		assert.equal(res.status, status, res.body.slice(0, 300));
		assert.match(res.headers['content-type'], /^application\/json/);
		const e = errorOf(res);
		if (code)
			assert.equal(e.code, code);
		return e;
	}

	function assertPageError(res, status) {
		assert.equal(res.status, status, res.body.slice(0, 300));
		assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
		assert.match(res.body, /^<!DOCTYPE html>/);
		assert.match(res.body, new RegExp(`<p class="status-code">${status}</p>`));
	}

	// --- JSON bodies ------------------------------------------------------------------

	test('an over-long method: 400, never a dead worker', async () => {
		for (const path of ['/kk/', '/api/v1/me', '/kk/account/login']) {
			const res = await c.request('AAAAAAAAAAAAAAAAAAAAAAAA', path);
			assert.equal(res.status, 400, path);
		}
	});

	test('invalid JSON: 400 JSON error', async () => {
		for (const body of ['{"kind":', '{', 'nul', '{"a":1}}', "{'a':1}", '{"a":01}'])
			assertJsonError(await postApi(body), 400, 'bad_request');
	});

	test('a JSON array, number or string instead of an object: 400', async () => {
		for (const body of ['[1,2]', '[]', '42', '"text"', 'null', 'true'])
			assertJsonError(await postApi(body), 400, 'bad_request');
	});

	test('duplicate keys in a JSON object: 400', async () => {
		const reg = individual();
		const json = JSON.stringify(reg);
		const dup = json.replace(/}$/, `,"email":"${uniqueEmail()}"}`);
		assertJsonError(await postApi(dup), 400, 'bad_request');
		// Without the duplicate the same body is accepted.
		assert.equal((await postApi(json)).status, 201);
	});

	test('a string field given as a number, object or null: 400', async () => {
		for (const iin of [123456789012, { n: 1 }, ['1'], true]) {
			const res = await c.post('/api/v1/accounts', { json: individual({ iin }) });
			const e = assertJsonError(res, 400, 'bad_request');
			assert.equal(e.message, tr('kk', 'Every field must be a text string.'));
		}
		// The sign-in too (one rate-limited request).
		const res = await c.post('/api/v1/session', { json: { email: 42, password: 'x' } });
		assertJsonError(res, 400, 'bad_request');
	});

	test('invalid UTF-8 bytes in a JSON body: 400', async () => {
		const prefix = Buffer.from('{"kind":"individual","full_name":"');
		const suffix = Buffer.from('"}');
		for (const bad of [[0xc0, 0xaf], [0xff], [0xed, 0xa0, 0x80], [0xe2, 0x82]])
			assertJsonError(await postApi(Buffer.concat([prefix, Buffer.from(bad), suffix])), 400);
		// \u0000 in a string is refused too.
		assertJsonError(await postApi('{"kind":"individual","full_name":"a\\u0000b"}'), 400);
	});

	test('an empty JSON body: 400', async () => {
		assertJsonError(await postApi(''), 400, 'bad_request');
		assertJsonError(await postApi('   '), 400);
	});

	// --- forms and query strings --------------------------------------------------------

	test('invalid UTF-8 in a form body: 400 page', async () => {
		for (const body of ['email=%C0%AF', 'email=%FF', 'full_name=a%ED%A0%80b',
		    Buffer.from([0x65, 0x3d, 0xff, 0xfe])]) {
			const res = await c.post('/kk/account/register', { body,
			    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
			assertPageError(res, 400);
		}
	});

	test('invalid UTF-8 in a query string: 400', async () => {
		for (const q of ['next=%C0%AF', 'next=%FF', '%FF=1', 'x=%E2%82'])
			assertPageError(await c.get(`/kk/account/login?${q}`), 400);
		assertJsonError(await c.get('/api/v1/accounts?page=%C0%AF'), 400, 'bad_request');
		assertPageError(await c.get('/kk/?q=%FF'), 400);
	});

	test('a bad percent escape: 400', async () => {
		for (const q of ['next=%zz', 'next=%4', 'next=%', 'a=%G1'])
			assertPageError(await c.get(`/kk/account/login?${q}`), 400);
		const res = await c.post('/kk/account/register', { body: 'email=%4g',
		    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assertPageError(res, 400);
	});

	test('control characters in a form field: 400', async () => {
		const res = await c.post('/kk/account/register', { body: 'full_name=a%01b',
		    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assertPageError(res, 400);
	});

	test('a multipart body with a missing final boundary: 400', async () => {
		const body = '--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.kz\r\n';
		const res = await c.post('/kk/account/register', { body,
		    headers: { 'Content-Type': 'multipart/form-data; boundary=XyZ' } });
		assertPageError(res, 400);
		const noBoundary = await c.post('/kk/account/register', { body,
		    headers: { 'Content-Type': 'multipart/form-data' } });
		assertPageError(noBoundary, 400);
		const garbage = await c.post('/kk/account/register', { body: 'no parts at all',
		    headers: { 'Content-Type': 'multipart/form-data; boundary=XyZ' } });
		assertPageError(garbage, 400);
	});

	test('a well-formed multipart form reaches the page (then CSRF says 403)', async () => {
		const body = '--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.kz\r\n--XyZ--\r\n';
		const res = await c.post('/kk/account/register', { body,
		    headers: { 'Content-Type': 'multipart/form-data; boundary=XyZ' } });
		assertPageError(res, 403);
	});

	test('too many form fields: 400', async () => {
		const body = Array.from({ length: 2000 }, (_, i) => `f${i}=1`).join('&');
		const res = await c.post('/kk/account/register', { body,
		    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assertPageError(res, 400);
	});

	// --- content types and sizes ----------------------------------------------------------

	test('an unsupported Content-Type: 415', async () => {
		assertJsonError(await postApi('{"a":1}', 'text/plain'), 415, 'unsupported_media_type');
		assertJsonError(await postApi('<a/>', 'application/xml'), 415, 'unsupported_media_type');
		const page = await c.post('/kk/account/register', { body: 'email=a',
		    headers: { 'Content-Type': 'text/plain' } });
		assertPageError(page, 415);
		const none = await c.post('/api/v1/accounts', { body: '{"a":1}' });
		assertJsonError(none, 415);
	});

	test('a form POST to an API endpoint: 415', async () => {
		const res = await c.post('/api/v1/accounts', { form: individual() });
		const e = assertJsonError(res, 415, 'unsupported_media_type');
		assert.equal(e.message, tr('kk', 'The API accepts JSON bodies only.'));
		const multipart = await postApi(
		    '--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\nindividual\r\n--b--\r\n',
		    'multipart/form-data; boundary=b');
		assertJsonError(multipart, 415, 'unsupported_media_type');
	});

	test('a 100 KB JSON body: the handler answers 413 JSON (its limit is 64 KiB)', async () => {
		const body = JSON.stringify({ ...individual(), full_name: 'x'.repeat(100 * 1024) });
		const e = assertJsonError(await postApi(body), 413, 'payload_too_large');
		assert.equal(e.message, tr('kk', 'The request body is too large.'));
		const page = await c.post('/kk/account/register', { body: `email=${'x'.repeat(100 * 1024)}`,
		    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assertPageError(page, 413);
	});

	test('a 13 MB body: nginx answers 413, JSON under /api/, a page elsewhere', async () => {
		const big = Buffer.alloc(13 * 1024 * 1024, 0x61);
		const api = await postApi(big);
		assert.equal(api.status, 413);
		assert.match(api.headers['content-type'], /^application\/json/);
		assert.equal(api.body, readFileSync(path.join(REPO, 'static/errors/413.json'), 'utf8'));
		assert.equal(api.json.error.code, 'payload_too_large');
		const page = await c.post('/kk/account/register', { body: big,
		    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(page.status, 413);
		assert.match(page.headers['content-type'], /^text\/html/);
		assert.equal(page.body, readFileSync(path.join(REPO, 'static/errors/413.html'), 'utf8'));
	});

	test('a path or query string too long: 414', async () => {
		assertPageError(await c.get(`/kk/account/login?next=${'a'.repeat(3000)}`), 414);
		assertJsonError(await c.get(`/api/v1/accounts?page=${'1'.repeat(3000)}`), 414);
		assertPageError(await c.get(`/kk/${'a'.repeat(3000)}`), 414);
	});

	// --- methods and paths ------------------------------------------------------------------

	test('a wrong method: 405 with an Allow header', async () => {
		const cases = [
			['PUT', '/api/v1/session', 'POST, DELETE', true],
			['GET', '/api/v1/session', 'POST, DELETE', true],
			['PATCH', '/api/v1/me', 'GET', true],
			['DELETE', '/api/v1/accounts', 'POST, GET', true],
			['DELETE', '/kk/account/login', 'GET, POST', false],
			['PUT', '/kk/account', 'GET', false],
			['POST', '/kk/', 'GET', false],
		];
		for (const [method, p, allow, api] of cases) {
			const res = await c.request(method, p);
			assert.equal(res.status, 405, `${method} ${p}`);
			assert.deepEqual(res.headers.allow.split(/,\s*/).sort(), allow.split(/,\s*/).sort(),
			    `${method} ${p}`);
			if (api)
				assertJsonError(res, 405, 'method_not_allowed');
			else
				assertPageError(res, 405);
		}
	});

	test('HEAD is answered like GET, without a body', async () => {
		const res = await c.request('HEAD', '/kk/');
		assert.equal(res.status, 200);
		assert.equal(res.body, '');
		assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
	});

	test('an unknown path: 404 page in the language of the path', async () => {
		for (const lang of ['kk', 'ru', 'en']) {
			const res = await c.get(`/${lang}/no-such-page`);
			assertPageError(res, 404);
			assert.match(res.body, new RegExp(`<html lang="${lang}">`));
			assert.ok(res.body.includes(tr(lang, 'The page was not found.')), lang);
		}
		const acc = await c.get('/en/account/no-such-page');
		assertPageError(acc, 404);
		assert.match(acc.body, /<html lang="en">/);
		const noLang = await c.get('/no-such-page', { headers: { 'Accept-Language': 'ru' } });
		assertPageError(noLang, 404);
		assert.match(noLang.body, /<html lang="ru">/);
		const api = await c.get('/api/v1/no-such-thing', { headers: { 'Accept-Language': 'en' } });
		const e = assertJsonError(api, 404, 'not_found');
		assert.equal(e.message, 'The page was not found.');
		const stat = await c.get('/static/no-such-file.css');
		assert.equal(stat.status, 404);
		assert.match(stat.headers['content-type'], /^text\/html/);
	});

	// --- headers ------------------------------------------------------------------------------

	test('garbage cookies and Authorization headers: 401, not 500', async () => {
		for (const cookie of ['eco_session=%%%; ;;=;', 'eco_session', '=', `eco_session=${'a'.repeat(5000)}`,
		    'eco_session="quoted"', 'eco_lang=zz; eco_session=.'])
			assertJsonError(await c.get('/api/v1/me', { headers: { Cookie: cookie } }), 401);
		for (const auth of ['Bearer', 'Bearer  ', `Bearer ${'x'.repeat(600)}`, 'Bearer a.b.c',
		    'bearer abc', 'Bearer \u00ff'.replace('\u00ff', '%FF')])
			assertJsonError(await c.get('/api/v1/me', { headers: { Authorization: auth } }), 401);
	});

	test('a silly Accept-Language never breaks a page', async () => {
		for (const al of ['*', ';;;,,,', 'ru;q=abc', 'x'.repeat(4000), 'en;q=0, ru;q=0', 'kk-KZ;q=1.5'])
			assert.equal((await c.get('/kk/account/login', { headers: { 'Accept-Language': al } })).status,
			    200, al);
		const res = await c.get('/', { headers: { 'Accept-Language': 'x'.repeat(4000) } });
		assert.equal(res.status, 303);
	});

	test('an invalid UTF-8 path: 400', async () => {
		assertPageError(await c.get('/kk/%C0%AF'), 400);
		assertPageError(await c.get('/kk/account/%FF'), 400);
	});
});
