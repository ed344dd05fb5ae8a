// Roles: the administrators' API (list accounts, disable one) refuses the
// anonymous (401) and other roles (403), and disabling an account ends its
// sessions at once.  Administrators are made with ecoctl, as in production.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	client, createAccount, errorOf, individual, login, uniqueEmail, PASSWORD,
} from './lib/http.mjs';
import { ecoctl } from './lib/stack.mjs';

const c = client('127.0.0.5');
let person, personToken, admin, adminToken;

describe("roles: the administrators' API", () => {
	before(async () => {
		person = await createAccount(c, individual());
		personToken = await login(c, person.email);
		admin = { email: uniqueEmail('admin'), password: 'admin-password-1' };
		const out = ecoctl('user', 'add', '--email', admin.email, '--password', admin.password,
		    '--name', 'Test Administrator', '--role', 'admin');
		admin.id = Number(/has id (\d+)/.exec(out)[1]);
		adminToken = await login(c, admin.email, admin.password);
	});

	// Every account of the list, page by page.
	async function allAccounts() {
		const items = [];
		for (let page = 1; page < 100; page++) {
			const res = await c.get(`/api/v1/accounts?page=${page}`, { bearer: adminToken });
			assert.equal(res.status, 200, res.body);
			items.push(...res.json.items);
			if (items.length >= res.json.total || res.json.items.length === 0)
				return items;
		}
		return items;
	}

	test('GET /api/v1/accounts anonymous: 401 JSON error', async () => {
		const res = await c.get('/api/v1/accounts');
		assert.equal(res.status, 401);
		assert.match(res.headers['content-type'], /^application\/json/);
		assert.equal(errorOf(res).code, 'unauthorized');
	});

	test('GET /api/v1/accounts as an individual: 403 JSON error', async () => {
		const res = await c.get('/api/v1/accounts', { bearer: personToken });
		assert.equal(res.status, 403, res.body);
		assert.match(res.headers['content-type'], /^application\/json/);
		assert.equal(errorOf(res).code, 'forbidden');
	});

	test('POST /api/v1/accounts/{id}/disable anonymous: 401, as an individual: 403', async () => {
		const anon = await c.post(`/api/v1/accounts/${person.id}/disable`);
		assert.equal(anon.status, 401);
		assert.equal(errorOf(anon).code, 'unauthorized');
		const res = await c.post(`/api/v1/accounts/${admin.id}/disable`, { bearer: personToken });
		assert.equal(res.status, 403);
		assert.equal(errorOf(res).code, 'forbidden');
		// Nothing happened to the administrator.
		assert.equal((await c.get('/api/v1/me', { bearer: adminToken })).status, 200);
	});

	test('the demo accounts of other roles are refused too: 403', async () => {
		const token = await login(c, 'clerk@demo.ecogosfond.kz', 'demo-password');
		const res = await c.get('/api/v1/accounts', { bearer: token });
		assert.equal(res.status, 403);
	});

	test('GET /api/v1/accounts as an administrator: 200 {items, total}', async () => {
		const res = await c.get('/api/v1/accounts', { bearer: adminToken });
		assert.equal(res.status, 200, res.body);
		assert.equal(res.headers['cache-control'], 'no-store');
		assert.deepEqual(Object.keys(res.json).sort(), ['items', 'total']);
		assert.ok(res.json.total >= 7, `total ${res.json.total}`);
		assert.ok(res.json.items.length >= 1 && res.json.items.length <= 50);
		const first = res.json.items[0];
		assert.deepEqual(Object.keys(first).sort(),
		    ['created_at', 'disabled', 'email', 'full_name', 'id', 'kind']);
		assert.equal(first.email, 'citizen@demo.ecogosfond.kz');
		const ids = res.json.items.map((i) => i.id);
		assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'ordered by id');
		const me = (await allAccounts()).find((i) => i.id === person.id);
		assert.deepEqual({ ...me, created_at: undefined }, { id: person.id, email: person.email,
		    kind: 'individual', full_name: person.full_name, disabled: false, created_at: undefined });
	});

	test('GET /api/v1/accounts?page= must be a whole number from 1: else 400', async () => {
		for (const page of ['0', '-1', 'abc', '1.5', '', '99999999999999999']) {
			const res = await c.get(`/api/v1/accounts?page=${page}`, { bearer: adminToken });
			assert.equal(res.status, 400, `page=${page}: ${res.body}`);
			assert.equal(errorOf(res).code, 'bad_page');
		}
		const far = await c.get('/api/v1/accounts?page=5000', { bearer: adminToken });
		assert.equal(far.status, 200);
		assert.deepEqual(far.json.items, []);
	});

	test('disabling an account ends its sessions at once and its sign-in', async () => {
		const victim = await createAccount(c, individual());
		const victimToken = await login(c, victim.email);
		assert.equal((await c.get('/api/v1/me', { bearer: victimToken })).status, 200);

		const res = await c.post(`/api/v1/accounts/${victim.id}/disable`, { bearer: adminToken });
		assert.equal(res.status, 200, res.body);
		assert.deepEqual(res.json, { id: victim.id, disabled: true });

		const after = await c.get('/api/v1/me', { bearer: victimToken });
		assert.equal(after.status, 401);
		assert.equal(errorOf(after).code, 'unauthorized');
		const cookie = await c.get('/api/v1/me', { cookies: { eco_session: victimToken } });
		assert.equal(cookie.status, 401);

		const again = await c.post('/api/v1/session',
		    { json: { email: victim.email, password: PASSWORD } });
		assert.equal(again.status, 401);
		assert.equal(errorOf(again).code, 'bad_credentials');

		const listed = (await allAccounts()).find((i) => i.id === victim.id);
		assert.equal(listed.disabled, true);
		// Disabling twice is harmless.
		const twice = await c.post(`/api/v1/accounts/${victim.id}/disable`, { bearer: adminToken });
		assert.equal(twice.status, 200);
	});

	test('an administrator cannot disable an unknown account or their own: 404', async () => {
		for (const id of ['999999999', admin.id, '0', 'abc', '1234567890123456']) {
			const res = await c.post(`/api/v1/accounts/${id}/disable`, { bearer: adminToken });
			assert.equal(res.status, 404, `id ${id}: ${res.body}`);
			assert.ok(errorOf(res).code);
		}
		assert.equal((await c.get('/api/v1/me', { bearer: adminToken })).status, 200);
	});

	test('an API POST that rides on the cookie must be JSON (cross-site forms cannot send it): else 403', async () => {
		const victim = await createAccount(c, individual());
		const cookie = { eco_session: adminToken };
		for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
			const res = await c.post(`/api/v1/accounts/${victim.id}/disable`,
			    { cookies: cookie, body: '', headers: { 'Content-Type': type } });
			assert.equal(res.status, 403, type);
			assert.equal(res.json?.error?.code, 'csrf', type);
		}
		const bare = await c.post(`/api/v1/accounts/${victim.id}/disable`, { cookies: cookie });
		assert.equal(bare.status, 403, 'no Content-Type at all');
		const json = await c.post(`/api/v1/accounts/${victim.id}/disable`,
		    { cookies: cookie, json: {} });
		assert.equal(json.status, 200, json.body);
		assert.equal(json.json.disabled, true);
	});

	test('GET on the disable address: 405 with Allow: POST', async () => {
		const res = await c.get(`/api/v1/accounts/${person.id}/disable`, { bearer: adminToken });
		assert.equal(res.status, 405);
		assert.equal(res.headers.allow, 'POST');
		assert.equal(errorOf(res).code, 'method_not_allowed');
	});
});
