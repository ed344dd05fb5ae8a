// The session API: POST /api/v1/session signs in, GET /api/v1/me says who
// is signed in (Bearer or cookie), DELETE /api/v1/session signs out for good.
// And the health checks.  Four sign-ins from this file's address.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	client, createAccount, errorOf, individual, parseSetCookies, uniqueEmail,
	PASSWORD,
} from './lib/http.mjs';

const c = client('127.0.0.3');
let account;	// registered in before()
let token;	// from the first sign-in

describe('session API and health checks', () => {
	before(async () => {
		account = await createAccount(c, individual({ full_name: 'Ерлан Тестов' }));
	});

	test('POST /api/v1/session: 200 {token, user} and the session cookie', async () => {
		const res = await c.post('/api/v1/session',
		    { json: { email: account.email, password: PASSWORD } });
		assert.equal(res.status, 200, res.body);
		assert.match(res.headers['content-type'], /^application\/json/);
		assert.equal(res.headers['cache-control'], 'no-store');
		assert.deepEqual(Object.keys(res.json).sort(), ['token', 'user']);
		assert.deepEqual(res.json.user, { id: account.id, email: account.email,
		    kind: 'individual', full_name: 'Ерлан Тестов' });
		token = res.json.token;
		assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);

		const cookie = parseSetCookies(res).eco_session;
		assert.ok(cookie, 'Set-Cookie eco_session');
		assert.equal(cookie.value, token);
		assert.equal(cookie.attrs.httponly, true);
		assert.equal(cookie.attrs.samesite, 'Lax');
		assert.equal(cookie.attrs.path, '/');
		assert.equal(cookie.attrs.secure, undefined, 'no Secure in the dev run');
		assert.equal(cookie.attrs['max-age'], String(12 * 3600));
	});

	test('the e-mail is matched whatever its case', async () => {
		const res = await c.post('/api/v1/session',
		    { json: { email: account.email.toUpperCase(), password: PASSWORD } });
		assert.equal(res.status, 200, res.body);
		assert.equal(res.json.user.email, account.email);
		assert.notEqual(res.json.token, token, 'every sign-in is a new session');
	});

	test('a wrong password and an unknown e-mail get the same 401', async () => {
		const wrong = await c.post('/api/v1/session',
		    { json: { email: account.email, password: 'not-the-password' } });
		const unknown = await c.post('/api/v1/session',
		    { json: { email: uniqueEmail('nobody'), password: PASSWORD } });
		assert.equal(wrong.status, 401, wrong.body);
		assert.equal(unknown.status, 401, unknown.body);
		assert.equal(errorOf(wrong).code, 'bad_credentials');
		assert.deepEqual(unknown.json, wrong.json);
		assert.equal(wrong.headers['set-cookie'], undefined);
		assert.equal(unknown.headers['set-cookie'], undefined);
	});

	test('GET /api/v1/me with the Bearer token: 200 {id, email, kind, full_name}', async () => {
		const res = await c.get('/api/v1/me', { bearer: token });
		assert.equal(res.status, 200, res.body);
		assert.equal(res.headers['cache-control'], 'no-store');
		assert.deepEqual(res.json, { id: account.id, email: account.email,
		    kind: 'individual', full_name: 'Ерлан Тестов' });
	});

	test('GET /api/v1/me with the cookie: 200', async () => {
		const res = await c.get('/api/v1/me', { cookies: { eco_session: token } });
		assert.equal(res.status, 200, res.body);
		assert.equal(res.json.id, account.id);
	});

	test('GET /api/v1/me without a session: 401 JSON error', async () => {
		const res = await c.get('/api/v1/me');
		assert.equal(res.status, 401);
		assert.equal(errorOf(res).code, 'unauthorized');
		const basic = await c.get('/api/v1/me', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
		assert.equal(basic.status, 401);
		const empty = await c.get('/api/v1/me', { headers: { Authorization: 'Bearer ' } });
		assert.equal(empty.status, 401);
	});

	test('DELETE /api/v1/session without a session: 401', async () => {
		const res = await c.del('/api/v1/session');
		assert.equal(res.status, 401);
		assert.equal(errorOf(res).code, 'unauthorized');
	});

	test('DELETE /api/v1/session: 204, then the token is refused as Bearer and as cookie', async () => {
		const res = await c.del('/api/v1/session', { bearer: token });
		assert.equal(res.status, 204, res.body);
		assert.equal(res.body, '');
		assert.equal(res.headers['content-type'], undefined);
		const cleared = parseSetCookies(res).eco_session;
		assert.ok(cleared, 'the cookie is cleared');
		assert.equal(cleared.value, '');
		assert.equal(cleared.attrs['max-age'], '0');

		const bearer = await c.get('/api/v1/me', { bearer: token });
		assert.equal(bearer.status, 401);
		assert.equal(errorOf(bearer).code, 'unauthorized');
		const cookie = await c.get('/api/v1/me', { cookies: { eco_session: token } });
		assert.equal(cookie.status, 401);
		const again = await c.del('/api/v1/session', { bearer: token });
		assert.equal(again.status, 401, 'a revoked session cannot sign out twice');
	});

	test('signing out one session leaves the others', async () => {
		const res = await c.post('/api/v1/session',
		    { json: { email: account.email, password: PASSWORD } });
		assert.equal(res.status, 200);
		const other = res.json.token;
		assert.equal((await c.get('/api/v1/me', { bearer: other })).status, 200);
		assert.equal((await c.get('/api/v1/me', { bearer: token })).status, 401);
	});

	test('GET /healthz: 200 JSON, the database reachable', async () => {
		const res = await c.get('/healthz');
		assert.equal(res.status, 200);
		assert.match(res.headers['content-type'], /^application\/json/);
		assert.deepEqual(res.json, { status: 'ok', handler: 'eco-account', database: 'ok' });
	});

	test('GET /healthz/portal and /healthz/account: 200 from each handler', async () => {
		const portal = await c.get('/healthz/portal');
		assert.equal(portal.status, 200);
		assert.deepEqual(portal.json, { status: 'ok', handler: 'eco-portal', database: 'ok' });
		const account_ = await c.get('/healthz/account');
		assert.equal(account_.status, 200);
		assert.deepEqual(account_.json, { status: 'ok', handler: 'eco-account', database: 'ok' });
	});
});
