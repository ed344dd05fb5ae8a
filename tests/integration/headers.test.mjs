// The security headers on every kind of answer, whoever made it (a handler
// or nginx), the caching rules (no-store for the signed-in and the API, a
// long lifetime for static files) and gzip for static files.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { client, registerByForm } from './lib/http.mjs';

const c = client('127.0.0.10');
const REPO = process.env.ECO_SHARE_DIR || '.';
let session;	// a jar signed in through the registration form

describe('security headers, caching, static files', () => {
	before(async () => {
		session = (await registerByForm(c)).jar;
	});

	function assertSecurityHeaders(res, what) {
		const h = res.headers;
		const csp = h['content-security-policy'];
		assert.ok(csp, `${what}: Content-Security-Policy`);
		const directives = Object.fromEntries(csp.split(';').map((d) => d.trim())
		    .filter(Boolean).map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1).join(' ')]));
		assert.equal(directives['default-src'], "'self'", `${what}: default-src`);
		assert.equal(directives['script-src'], "'self'", `${what}: script-src`);
		assert.equal(directives['frame-ancestors'], "'none'", `${what}: frame-ancestors`);
		assert.equal(directives['object-src'], "'none'", `${what}: object-src`);
		assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: no unsafe-*`);
		assert.equal(h['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
		assert.equal(h['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
		assert.equal(h['referrer-policy'], 'strict-origin-when-cross-origin', `${what}: Referrer-Policy`);
	}

	const answers = {
		'a page': () => c.get('/kk/'),
		'a redirect': () => c.get('/'),
		'the sign-in form': () => c.get('/ru/account/login'),
		'API JSON': () => c.get('/healthz'),
		'an API error': () => c.get('/api/v1/me'),
		'an error page (403 csrf)': () => c.post('/kk/account/register', { form: { email: 'x' } }),
		'a 404 page': () => c.get('/en/no-such-page'),
		'a 405 answer': () => c.request('PUT', '/kk/account'),
		'a static file': () => c.get('/static/css/site.css'),
		'a gzip static file': () => c.get('/static/css/site.css',
		    { headers: { 'Accept-Encoding': 'gzip' } }),
		'a static 404': () => c.get('/static/nothing.css'),
		"nginx's 413 page": () => c.post('/kk/account/register',
		    { body: Buffer.alloc(13 * 1024 * 1024), headers: { 'Content-Type': 'text/plain' } }),
		'the signed-in account page': () => c.get('/kk/account', { cookies: session }),
	};

	for (const [what, get] of Object.entries(answers)) {
		test(`security headers on ${what}`, async () => {
			const res = await get();
			assert.ok(res.status >= 200 && res.status < 600);
			assertSecurityHeaders(res, what);
		});
	}

	test("security headers on nginx's own 400 (a NUL byte in the path)", async () => {
		// nginx refuses %00 itself, before any location: its default page must
		// carry the headers too (error_page 400 and headers at server level).
		const res = await c.get('/kk/a%00b');
		assert.equal(res.status, 400);
		assertSecurityHeaders(res, "nginx's own 400 page (nginx/eco-dev.conf.in maps no " +
		    'error_page 400 and adds the headers only in /static/ and /errors/)');
	});

	test('every security header appears once (not from nginx and the handler both)', async () => {
		const names = ['content-security-policy', 'x-content-type-options', 'x-frame-options',
		    'referrer-policy', 'cache-control'];
		for (const p of ['/kk/', '/static/css/site.css', '/api/v1/me', '/static/nothing.css']) {
			const res = await c.get(p);
			const seen = res.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
			for (const name of names)
				assert.equal(seen.filter((n) => n === name).length, 1, `${p}: ${name}`);
		}
	});

	test('signed-in pages and API answers: Cache-Control no-store', async () => {
		for (const [what, res] of [
			['account page', await c.get('/kk/account', { cookies: session })],
			['home page signed in', await c.get('/kk/', { cookies: session })],
			['password page', await c.get('/kk/account/password', { cookies: session })],
			['/api/v1/me', await c.get('/api/v1/me', { cookies: session })],
			['API 401', await c.get('/api/v1/me')],
			['API 404', await c.get('/api/v1/nothing')],
			['API 400', await c.post('/api/v1/accounts', { json: {} })],
		])
			assert.equal(res.headers['cache-control'], 'no-store', what);
	});

	test('anonymous pages are not stored by shared caches without revalidation', async () => {
		const res = await c.get('/kk/');
		assert.equal(res.status, 200);
		assert.match(res.headers['cache-control'], /no-cache|no-store|private/);
	});

	test('static files: a long Cache-Control, the file as it is on disk', async () => {
		const res = await c.get('/static/css/site.css');
		assert.equal(res.status, 200);
		assert.match(res.headers['content-type'], /^text\/css/);
		const age = Number(/max-age=(\d+)/.exec(res.headers['cache-control'])?.[1]);
		assert.ok(age >= 86400, `max-age ${age}`);
		assert.match(res.headers['cache-control'], /public/);
		assert.equal(res.headers['content-encoding'], undefined);
		assert.ok(res.raw.equals(readFileSync(path.join(REPO, 'static/css/site.css'))));
		const svg = await c.get('/static/img/logo.svg');
		assert.equal(svg.status, 200);
		assert.match(svg.headers['content-type'], /^image\/svg\+xml/);
		assert.ok(Number(/max-age=(\d+)/.exec(svg.headers['cache-control'])?.[1]) >= 86400);
	});

	test('static files are gzip-compressed when asked', async () => {
		const res = await c.get('/static/css/site.css', { headers: { 'Accept-Encoding': 'gzip' } });
		assert.equal(res.status, 200);
		assert.equal(res.headers['content-encoding'], 'gzip');
		assert.match(res.headers.vary, /Accept-Encoding/);
		const css = readFileSync(path.join(REPO, 'static/css/site.css'));
		assert.ok(res.raw.length < css.length, 'smaller than the file');
		assert.ok(gunzipSync(res.raw).equals(css), 'the same bytes once unpacked');
	});

	test('static directory listings are not served', async () => {
		const res = await c.get('/static/css/');
		assert.notEqual(res.status, 200);
		assert.doesNotMatch(res.body, /site\.css/);
	});

	test('files outside static/ are out of reach', async () => {
		for (const p of ['/static/../README.md', '/static/%2e%2e/README.md',
		    '/static/..%2fREADME.md', '/static/css/../../configure.ac']) {
			const res = await c.get(p);
			assert.notEqual(res.status, 200, p);
			assert.doesNotMatch(res.body, /ecogosfond\n|AC_INIT/, p);
		}
	});

	test('the session cookie never reaches a page with a Secure flag in the dev run, and is HttpOnly', async () => {
		// In production eco_cookie_flags adds Secure; the dev run is plain HTTP.
		const res = await c.get('/kk/account/register');
		for (const line of res.headers['set-cookie'] || []) {
			assert.match(line, /HttpOnly/, line);
			assert.match(line, /SameSite=Lax/, line);
			assert.doesNotMatch(line, /Secure/, line);
		}
	});
});
