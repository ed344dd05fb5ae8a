// The registration form in a browser's shoes: the form, its CSRF token
// bound to the eco_pre cookie, the redirect with the session cookie, and
// every way a forged or wrong submission is turned away.  No sign-ins.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	client, CookieJar, csrfOf, individual, inputValue, parseSetCookies, validBin,
	invalidId, uniqueEmail, PASSWORD,
} from './lib/http.mjs';
import { tr, trHtml } from './lib/po.mjs';

const c = client('127.0.0.6');

// A visitor's first look at the form: {jar, csrf, res}.
async function visit(lang = 'kk', query = '') {
	const jar = new CookieJar();
	const res = await c.get(`/${lang}/account/register${query}`, { cookies: jar });
	assert.equal(res.status, 200, res.body);
	return { jar, csrf: csrfOf(res.body), res };
}

function fields(reg, csrf, extra = {}) {
	return {
		csrf, kind: reg.kind, email: reg.email, full_name: reg.full_name,
		iin: reg.iin ?? '', bin: reg.bin ?? '', org_name: reg.org_name ?? '',
		password: reg.password, password_confirm: reg.password, consent: 'yes',
		...extra,
	};
}

function assertHtmlError(res, status, lang = 'kk') {
	assert.equal(res.status, status, res.body.slice(0, 300));
	assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
	assert.match(res.body, new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`));
	assert.match(res.body, new RegExp(`<p class="status-code">${status}</p>`));
}

describe('registration form and CSRF', () => {
	test('GET /kk/account/register: the form with a hidden csrf field and the eco_pre cookie', async () => {
		const { jar, csrf, res } = await visit();
		assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
		assert.match(res.body, /<form method="post" action="\/kk\/account\/register"/);
		assert.match(csrf, /^\d+\.[A-Za-z0-9_-]{43}$/);
		const pre = parseSetCookies(res).eco_pre;
		assert.ok(pre, 'Set-Cookie eco_pre');
		assert.match(pre.value, /^[0-9a-f]{32}$/);
		assert.equal(pre.attrs.httponly, true);
		assert.equal(pre.attrs.samesite, 'Lax');
		assert.equal(pre.attrs['max-age'], undefined, 'a browser-session cookie');
		assert.equal(jar.get('eco_pre'), pre.value);
		for (const name of ['email', 'full_name', 'iin', 'password', 'password_confirm', 'consent'])
			assert.match(res.body, new RegExp(`name="${name}"`), name);
	});

	test('the eco_pre cookie is kept: a second visit reuses it', async () => {
		const { jar, csrf } = await visit();
		const again = await c.get('/kk/account/register', { cookies: jar });
		assert.equal(parseSetCookies(again).eco_pre, undefined);
		assert.equal(csrfOf(again.body), csrf);
	});

	test('a valid registration: 303 to /kk/account?welcome=1 with the session cookie', async () => {
		const { jar, csrf } = await visit();
		const reg = individual({ full_name: 'Әсел <b>Бекова</b> & "Co"' });
		const res = await c.post('/kk/account/register', { cookies: jar, form: fields(reg, csrf) });
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.equal(res.headers.location, '/kk/account?welcome=1');
		const session = parseSetCookies(res).eco_session;
		assert.ok(session, 'Set-Cookie eco_session');
		assert.equal(session.attrs.httponly, true);
		assert.equal(session.attrs.samesite, 'Lax');
		assert.equal(session.attrs.secure, undefined);

		const page = await c.get(res.headers.location, { cookies: jar });
		assert.equal(page.status, 200);
		assert.equal(page.headers['cache-control'], 'no-store');
		assert.ok(page.body.includes(trHtml('kk', 'Your account is ready. Welcome!')));
		assert.ok(page.body.includes(`<dd>${reg.email}</dd>`));
		// What the person typed comes back escaped, never as markup.
		assert.ok(page.body.includes('<dd>Әсел &lt;b&gt;Бекова&lt;/b&gt; &amp; &quot;Co&quot;</dd>'));
		assert.ok(!page.body.includes('<b>Бекова</b>'));

		const me = await c.get('/api/v1/me', { cookies: jar });
		assert.equal(me.status, 200);
		assert.equal(me.json.email, reg.email);
		assert.equal(me.json.full_name, reg.full_name);
	});

	test('an organisation registers through its own form', async () => {
		const { jar, csrf, res: form } = await visit('ru', '?kind=organisation');
		assert.equal(inputValue(form.body, 'kind'), 'organisation');
		assert.match(form.body, /name="bin"/);
		assert.match(form.body, /name="org_name"/);
		const reg = { kind: 'organisation', email: uniqueEmail('org'), full_name: 'Контакт Лицо',
		    bin: validBin(), org_name: 'ОФ «Чистый воздух»', password: PASSWORD };
		const res = await c.post('/ru/account/register', { cookies: jar, form: fields(reg, csrf) });
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.equal(res.headers.location, '/ru/account?welcome=1');
		const me = await c.get('/api/v1/me', { cookies: jar });
		assert.equal(me.json.kind, 'organisation');
	});

	test('without the csrf field: 403 error page, and nothing is created', async () => {
		const { jar, csrf } = await visit();
		const reg = individual();
		const res = await c.post('/kk/account/register',
		    { cookies: jar, form: fields(reg, csrf, { csrf: undefined }) });
		assertHtmlError(res, 403);
		assert.equal(parseSetCookies(res).eco_session, undefined);
		// The e-mail is still free: the refused form wrote nothing.
		const ok = await c.post('/kk/account/register', { cookies: jar, form: fields(reg, csrf) });
		assert.equal(ok.status, 303);
	});

	test('with an empty csrf field: 403', async () => {
		const { jar, csrf } = await visit();
		const res = await c.post('/kk/account/register',
		    { cookies: jar, form: fields(individual(), csrf, { csrf: '' }) });
		assertHtmlError(res, 403);
	});

	test("with another visitor's csrf: 403", async () => {
		const a = await visit();
		const b = await visit();
		assert.notEqual(a.jar.get('eco_pre'), b.jar.get('eco_pre'));
		const res = await c.post('/kk/account/register',
		    { cookies: a.jar, form: fields(individual(), b.csrf) });
		assertHtmlError(res, 403);
		assert.ok(res.body.includes(trHtml('kk',
		    'The form has expired or did not come from this site. Please go back, reload the page and try again.')));
	});

	test('with a tampered csrf: 403', async () => {
		const { jar, csrf } = await visit();
		const i = csrf.length - 5;
		const tampered = csrf.slice(0, i) + (csrf[i] === 'A' ? 'B' : 'A') + csrf.slice(i + 1);
		for (const bad of [tampered, csrf.slice(0, -1), `9${csrf}`, csrf.replace(/^\d+/, '77')]) {
			const res = await c.post('/kk/account/register',
			    { cookies: jar, form: fields(individual(), bad) });
			assertHtmlError(res, 403);
		}
	});

	test('with the csrf but without the eco_pre cookie: 403', async () => {
		const { csrf } = await visit();
		const res = await c.post('/kk/account/register', { form: fields(individual(), csrf) });
		assertHtmlError(res, 403);
	});

	test('a registration with errors: 400, the form again with the errors, the typing kept, never the password', async () => {
		const { jar, csrf } = await visit();
		const secret = 'Құпия-Secret-' + Date.now();
		const reg = individual({ email: 'not-an-email', iin: invalidId(individual().iin),
		    password: secret, full_name: 'Жанар Ерболқызы' });
		const res = await c.post('/kk/account/register', { cookies: jar,
		    form: fields(reg, csrf, { password_confirm: `${secret}-other`, consent: undefined }) });
		assert.equal(res.status, 400, res.body.slice(0, 300));
		assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
		assert.ok(res.body.includes(trHtml('kk', 'Please correct the following:')));
		for (const msg of ['Enter a valid e-mail address.',
		    'The IIN must be 12 digits with a valid check digit.',
		    'The two passwords do not match.',
		    'Registration needs your consent to the processing of personal data.'])
			assert.ok(res.body.includes(trHtml('kk', msg)), msg);
		assert.ok(!res.body.includes(trHtml('kk', 'Enter your full name (up to 200 characters).')));
		assert.equal(inputValue(res.body, 'email'), 'not-an-email');
		assert.equal(inputValue(res.body, 'full_name'), 'Жанар Ерболқызы');
		assert.equal(inputValue(res.body, 'iin'), reg.iin);
		assert.equal(inputValue(res.body, 'password'), undefined);
		assert.equal(inputValue(res.body, 'password_confirm'), undefined);
		assert.ok(!res.body.includes(secret), 'the password is never sent back');
		assert.match(res.body, /class="field invalid"/);
		// A fresh csrf for the next try, bound to the same visitor.
		assert.ok(csrfOf(res.body));
		assert.equal(parseSetCookies(res).eco_session, undefined);
	});

	test('a short password in the form: 400 with the password message', async () => {
		const { jar, csrf } = await visit('en');
		const reg = individual({ password: 'short-pw1' });
		const res = await c.post('/en/account/register', { cookies: jar, form: fields(reg, csrf) });
		assert.equal(res.status, 400);
		assert.ok(res.body.includes(trHtml('en', 'The password must have at least 10 characters.')));
	});

	test('the form errors are in the language of the page', async () => {
		const { jar, csrf } = await visit('ru');
		const res = await c.post('/ru/account/register',
		    { cookies: jar, form: fields(individual({ email: 'x' }), csrf) });
		assert.equal(res.status, 400);
		assert.match(res.body, /^<!DOCTYPE html>\n<html lang="ru">/);
		assert.ok(res.body.includes(trHtml('ru', 'Enter a valid e-mail address.')));
		assert.notEqual(tr('ru', 'Enter a valid e-mail address.'), 'Enter a valid e-mail address.');
	});

	test('an e-mail already registered: 409 with the form and the message', async () => {
		const { jar, csrf } = await visit();
		const reg = individual();
		assert.equal((await c.post('/api/v1/accounts', { json: reg })).status, 201);
		const res = await c.post('/kk/account/register', { cookies: jar,
		    form: fields({ ...reg, email: reg.email.toUpperCase() }, csrf) });
		assert.equal(res.status, 409, res.body.slice(0, 300));
		assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
		assert.ok(res.body.includes(trHtml('kk', 'An account with this e-mail address already exists.')));
		assert.equal(inputValue(res.body, 'email'), reg.email.toUpperCase());
		assert.equal(parseSetCookies(res).eco_session, undefined);
	});
});
