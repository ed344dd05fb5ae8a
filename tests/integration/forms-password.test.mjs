// The password page: the current password is checked (403), the new one
// must be long enough and repeated (400), and a change ends every other
// session of the account while the one that made it carries on.
// Three sign-ins from this file's address.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	client, csrfOf, errorOf, individual, login, registerByForm, PASSWORD,
} from './lib/http.mjs';
import { trHtml } from './lib/po.mjs';

const c = client('127.0.0.8');
const NEW_PASSWORD = 'новый-пароль-2024';
let reg, jar, other;	// the account, its form session, a second session

describe('password change form', () => {
	before(async () => {
		({ reg, jar } = await registerByForm(c, 'kk', individual()));
		other = await login(c, reg.email);
	});

	async function passwordForm() {
		const res = await c.get('/kk/account/password', { cookies: jar });
		assert.equal(res.status, 200, res.body.slice(0, 300));
		return csrfOf(res.body);
	}

	async function change(fields) {
		return c.post('/kk/account/password',
		    { cookies: jar, form: { csrf: await passwordForm(), ...fields } });
	}

	test('GET /kk/account/password: the form, for the signed-in only', async () => {
		const res = await c.get('/kk/account/password', { cookies: jar });
		assert.equal(res.status, 200);
		assert.equal(res.headers['cache-control'], 'no-store');
		for (const name of ['current_password', 'new_password', 'new_password_confirm'])
			assert.match(res.body, new RegExp(`name="${name}"`));
		assert.ok(csrfOf(res.body));
		const anon = await c.get('/kk/account/password');
		assert.equal(anon.status, 303);
		assert.equal(anon.headers.location, '/kk/account/login?next=%2Fkk%2Faccount%2Fpassword');
	});

	test('POST without a session: 401 error page', async () => {
		const res = await c.post('/kk/account/password', { form: { csrf: 'x',
		    current_password: PASSWORD, new_password: NEW_PASSWORD,
		    new_password_confirm: NEW_PASSWORD } });
		assert.equal(res.status, 401);
		assert.match(res.body, /<p class="status-code">401<\/p>/);
	});

	test('POST without the csrf: 403', async () => {
		const res = await c.post('/kk/account/password', { cookies: jar, form: {
		    current_password: PASSWORD, new_password: NEW_PASSWORD,
		    new_password_confirm: NEW_PASSWORD } });
		assert.equal(res.status, 403);
	});

	test('a wrong current password: 403 with the form and the message', async () => {
		const res = await change({ current_password: 'not-my-password',
		    new_password: NEW_PASSWORD, new_password_confirm: NEW_PASSWORD });
		assert.equal(res.status, 403);
		assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
		assert.ok(res.body.includes(trHtml('kk', 'The current password is wrong.')));
		assert.match(res.body, /name="current_password"/);
		assert.equal((await c.get('/api/v1/me', { bearer: other })).status, 200,
		    'nothing changed: the other session lives');
	});

	test('a new password too short or not repeated: 400', async () => {
		const short = await change({ current_password: PASSWORD, new_password: 'short-pw1',
		    new_password_confirm: 'short-pw1' });
		assert.equal(short.status, 400);
		assert.ok(short.body.includes(trHtml('kk', 'The password must have at least 10 characters.')));
		const differ = await change({ current_password: PASSWORD, new_password: NEW_PASSWORD,
		    new_password_confirm: `${NEW_PASSWORD}!` });
		assert.equal(differ.status, 400);
		assert.ok(differ.body.includes(trHtml('kk', 'The two passwords do not match.')));
		assert.ok(!differ.body.includes(NEW_PASSWORD), 'passwords are never sent back');
	});

	test('a change: 303, the other sessions end, this one continues', async () => {
		const res = await change({ current_password: PASSWORD, new_password: NEW_PASSWORD,
		    new_password_confirm: NEW_PASSWORD });
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.equal(res.headers.location, '/kk/account?password=changed');

		const gone = await c.get('/api/v1/me', { bearer: other });
		assert.equal(gone.status, 401);
		assert.equal(errorOf(gone).code, 'unauthorized');

		const page = await c.get(res.headers.location, { cookies: jar });
		assert.equal(page.status, 200);
		assert.ok(page.body.includes(trHtml('kk',
		    'Your password has been changed. Other sessions have been signed out.')));
		assert.equal((await c.get('/api/v1/me', { cookies: jar })).status, 200);
	});

	test('after the change only the new password signs in', async () => {
		const old = await c.post('/api/v1/session', { json: { email: reg.email, password: PASSWORD } });
		assert.equal(old.status, 401);
		const token = await login(c, reg.email, NEW_PASSWORD);
		assert.equal((await c.get('/api/v1/me', { bearer: token })).status, 200);
	});
});
