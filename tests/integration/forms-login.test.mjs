// Signing in and out with the HTML forms: the redirect to "next" (a local
// path only), the form again on a wrong password, the account page for the
// signed-in only, and sign-out with a CSRF token bound to the session.
// Five sign-in POSTs from this file's address.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	client, CookieJar, createAccount, csrfOf, individual, inputValue,
	parseSetCookies, PASSWORD,
} from './lib/http.mjs';
import { trHtml } from './lib/po.mjs';

const c = client('127.0.0.7');
let account;
let signedIn;	// a jar signed in by the sign-in tests, for the sign-out ones
let revokedToken;	// the token of that session once signed out

describe('sign-in and sign-out forms', () => {
	before(async () => {
		account = await createAccount(c, individual());
	});

	// The sign-in form: {jar, csrf, next, res}.
	async function loginForm(lang = 'kk', query = '', jar = new CookieJar()) {
		const res = await c.get(`/${lang}/account/login${query}`, { cookies: jar });
		assert.equal(res.status, 200, res.body.slice(0, 300));
		return { jar, csrf: csrfOf(res.body), next: inputValue(res.body, 'next'), res };
	}

	async function submit(f, fields, lang = 'kk') {
		return c.post(`/${lang}/account/login`,
		    { cookies: f.jar, form: { csrf: f.csrf, next: f.next, ...fields } });
	}

	test('GET /kk/account anonymous: 303 to the sign-in form with next', async () => {
		const res = await c.get('/kk/account');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/kk/account/login?next=%2Fkk%2Faccount');
		const pw = await c.get('/en/account/password');
		assert.equal(pw.status, 303);
		assert.equal(pw.headers.location, '/en/account/login?next=%2Fen%2Faccount%2Fpassword');
	});

	test('the sign-in form carries csrf and next, and keeps only local paths in next', async () => {
		const f = await loginForm('kk', '?next=%2Fkk%2Faccount%2Fpassword');
		assert.match(f.csrf, /^\d+\.[A-Za-z0-9_-]{43}$/);
		assert.equal(f.next, '/kk/account/password');
		assert.ok(parseSetCookies(f.res).eco_pre);
		for (const evil of ['//evil.example', 'https://evil.example', '/\\evil.example',
		    'javascript:alert(1)', 'evil.example', '', '/\t/evil.example/', '/\n/evil.example',
		    '/a\r\nX-Evil: 1', '/a b', '/a\\b'])
			assert.equal((await loginForm('kk', `?next=${encodeURIComponent(evil)}`)).next,
			    '/kk/account', evil);
		assert.equal((await loginForm('ru')).next, '/ru/account');
	});

	test('a wrong password: 401 with the form, the e-mail kept, never the password', async () => {
		const f = await loginForm();
		const res = await submit(f, { email: account.email, password: 'wrong-password-x' });
		assert.equal(res.status, 401);
		assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
		assert.ok(res.body.includes(trHtml('kk', 'The e-mail address or the password is wrong.')));
		assert.equal(inputValue(res.body, 'email'), account.email);
		assert.ok(!res.body.includes('wrong-password-x'));
		assert.equal(parseSetCookies(res).eco_session, undefined);
		assert.ok(csrfOf(res.body), 'a form to try again');
	});

	test('signing in with a hostile next: 303 to the account page, never a split header', async () => {
		const f = await loginForm();
		const res = await c.post('/kk/account/login', { cookies: f.jar,
		    form: { csrf: f.csrf, next: '/\t/evil.example/\r\nX-Evil: 1', email: account.email,
		    password: PASSWORD } });
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.equal(res.headers.location, '/kk/account');
		assert.equal(res.headers['x-evil'], undefined);
	});

	test('signing in: 303 to next with the session cookie', async () => {
		const f = await loginForm('kk', '?next=%2Fkk%2Faccount%2Fpassword');
		const res = await submit(f, { email: account.email, password: PASSWORD });
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.equal(res.headers.location, '/kk/account/password');
		const cookie = parseSetCookies(res).eco_session;
		assert.ok(cookie);
		assert.equal(cookie.attrs.httponly, true);
		assert.equal(cookie.attrs.samesite, 'Lax');
		const page = await c.get('/kk/account', { cookies: f.jar });
		assert.equal(page.status, 200);
		assert.ok(page.body.includes(`<dd>${account.email}</dd>`));
	});

	test('next=//evil.example after sign-in goes to /{lang}/account instead', async () => {
		const f = await loginForm('en');
		const res = await submit({ ...f, next: '//evil.example/x' },
		    { email: account.email, password: PASSWORD }, 'en');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/en/account');
	});

	test('next=https://evil.example after sign-in goes to /{lang}/account instead', async () => {
		const f = await loginForm('ru');
		const res = await submit({ ...f, next: 'https://evil.example/' },
		    { email: account.email, password: PASSWORD }, 'ru');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/ru/account');

		// While signed in, this jar is used for the sign-out tests below.
		signedIn = f;
	});

	test('sign-out needs the csrf of the session: without it 403, the session lives on', async () => {
		const token = signedIn.jar.get('eco_session');
		const res = await c.post('/ru/account/logout', { cookies: signedIn.jar, form: {} });
		assert.equal(res.status, 403);
		assert.match(res.body, /<p class="status-code">403<\/p>/);
		// The anonymous csrf of the sign-in form is bound to eco_pre, not to the session.
		const anon = await c.post('/ru/account/logout',
		    { cookies: signedIn.jar, form: { csrf: signedIn.csrf } });
		assert.equal(anon.status, 403);
		assert.equal((await c.get('/api/v1/me', { bearer: token })).status, 200);
	});

	test('sign-out with the csrf: 303 home, the cookie cleared, the session revoked', async () => {
		const token = signedIn.jar.get('eco_session');
		revokedToken = token;
		const page = await c.get('/ru/account', { cookies: signedIn.jar });
		assert.equal(page.status, 200);
		assert.match(page.body, /action="\/ru\/account\/logout"/);
		const csrf = csrfOf(page.body);
		assert.ok(csrf);
		const res = await c.post('/ru/account/logout', { cookies: signedIn.jar, form: { csrf } });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/ru/');
		const cleared = parseSetCookies(res).eco_session;
		assert.ok(cleared);
		assert.equal(cleared.value, '');
		assert.equal(cleared.attrs['max-age'], '0');
		assert.equal(signedIn.jar.get('eco_session'), undefined);

		assert.equal((await c.get('/api/v1/me', { bearer: token })).status, 401);
		assert.equal((await c.get('/api/v1/me', { cookies: { eco_session: token } })).status, 401);
		const again = await c.get('/ru/account', { cookies: { eco_session: token } });
		assert.equal(again.status, 303, 'the revoked cookie no longer opens the account page');
		assert.equal(again.headers.location, '/ru/account/login?next=%2Fru%2Faccount');
	});

	test('sign-out is public: a revoked session cookie is still cleared (303), with a csrf only', async () => {
		const jar = new CookieJar({ eco_session: revokedToken });
		const f = await loginForm('kk', '', jar);
		const res = await c.post('/kk/account/logout', { cookies: jar, form: { csrf: f.csrf } });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/kk/');
		assert.equal(parseSetCookies(res).eco_session.value, '');
		const forged = await c.post('/kk/account/logout',
		    { cookies: { eco_session: revokedToken }, form: {} });
		assert.equal(forged.status, 403);
		assert.equal(forged.headers['content-type'], 'text/html; charset=utf-8');
		assert.match(forged.body, /<p class="status-code">403<\/p>/);
	});
});
