// Two brakes on password guessing.  The handler counts failures per e-mail
// address: after five wrong passwords it refuses even the right one (429,
// Retry-After), from any client address.  nginx limits sign-in POSTs per
// client address (10 a minute, bursts of 5) and answers the excess 429
// itself.  Each part talks from its own source address.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
	client, createAccount, csrfOf, CookieJar, errorOf, individual, inputValue,
	PASSWORD,
} from './lib/http.mjs';
import { trHtml } from './lib/po.mjs';

const guesser = client('127.0.0.12');	// six sign-ins, under the nginx burst
const elsewhere = client('127.0.0.14');	// two sign-ins
const burst = client('127.0.0.13');	// the burst nginx cuts
const REPO = process.env.ECO_SHARE_DIR || '.';

describe('sign-in throttling', () => {
	test('five wrong passwords for one e-mail: the sixth attempt, even right, is 429', async () => {
		const account = await createAccount(guesser, individual());
		for (let i = 1; i <= 5; i++) {
			const res = await guesser.post('/api/v1/session',
			    { json: { email: account.email, password: `wrong-password-${i}` } });
			assert.equal(res.status, 401, `attempt ${i}: ${res.body}`);
			assert.equal(errorOf(res).code, 'bad_credentials');
		}
		const res = await guesser.post('/api/v1/session',
		    { json: { email: account.email, password: PASSWORD } });
		assert.equal(res.status, 429, res.body);
		assert.equal(res.headers['retry-after'], '900');
		assert.match(res.headers['content-type'], /^application\/json/);
		assert.equal(errorOf(res).code, 'locked', 'the handler, not nginx');
		assert.equal(res.headers['set-cookie'], undefined);

		// The lock follows the e-mail, not the client: the form from another
		// address is refused too, with the form and its message.
		const jar = new CookieJar();
		const form = await elsewhere.get('/en/account/login', { cookies: jar });
		const page = await elsewhere.post('/en/account/login', { cookies: jar,
		    form: { csrf: csrfOf(form.body), email: account.email.toUpperCase(),
		    password: PASSWORD } });
		assert.equal(page.status, 429);
		assert.equal(page.headers['retry-after'], '900');
		assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
		assert.ok(page.body.includes(trHtml('en',
		    'Too many failed attempts for this e-mail address. Try again in 15 minutes.')));
		assert.equal(inputValue(page.body, 'email'), account.email.toUpperCase());
	});

	test('the lock is per e-mail: another account signs in from the same address', async () => {
		const other = await createAccount(elsewhere, individual());
		const res = await elsewhere.post('/api/v1/session',
		    { json: { email: other.email, password: PASSWORD } });
		assert.equal(res.status, 200, res.body);
	});

	test('a burst of 20 sign-ins from one address: nginx answers the excess 429', async () => {
		const results = await Promise.all(Array.from({ length: 20 }, () =>
		    burst.post('/api/v1/session', { json: {} })));
		const limited = results.filter((r) => r.status === 429);
		const passed = results.filter((r) => r.status !== 429);
		assert.ok(limited.length >= 14, `429s: ${limited.length} of 20`);
		assert.ok(passed.length >= 1 && passed.length <= 6, `passed: ${passed.length}`);
		for (const r of passed) {
			assert.equal(r.status, 401, r.body);
			assert.equal(errorOf(r).code, 'bad_credentials');
		}
		const nginxJson = readFileSync(path.join(REPO, 'static/errors/429.json'), 'utf8');
		for (const r of limited) {
			assert.match(r.headers['content-type'], /^application\/json/);
			assert.equal(r.body, nginxJson, "nginx's own 429 JSON");
			assert.equal(r.headers['x-frame-options'], 'DENY');
		}
	});

	test('the sign-in form POST shares the limit; reading the form does not count', async () => {
		const jar = new CookieJar();
		for (let i = 0; i < 10; i++) {
			const res = await burst.get('/ru/account/login', { cookies: jar });
			assert.equal(res.status, 200, `GET ${i}`);
		}
		const form = await burst.get('/ru/account/login', { cookies: jar });
		const res = await burst.post('/ru/account/login', { cookies: jar,
		    form: { csrf: csrfOf(form.body), email: 'x@example.kz', password: 'y' } });
		assert.equal(res.status, 429);
		assert.match(res.headers['content-type'], /^text\/html/);
		assert.equal(res.body, readFileSync(path.join(REPO, 'static/errors/429.html'), 'utf8'));
	});

	test('other addresses are not limited by that burst', async () => {
		const res = await elsewhere.post('/api/v1/session', { json: {} });
		assert.equal(res.status, 401);
	});
});
