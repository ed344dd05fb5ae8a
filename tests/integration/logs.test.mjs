// The handlers' logs keep no personal data: after registering and signing
// in with a distinctive e-mail, name, IIN and password, none of them is in
// any eco-*.log.  And every request leaves exactly one line
// "METHOD PATH STATUS <n>us".  Three sign-ins from this file's address.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import {
	client, CookieJar, csrfOf, individual, login, registerByForm, validIin,
} from './lib/http.mjs';
import { handlerLogs, readLog } from './lib/stack.mjs';

const c = client('127.0.0.15');
const tag = randomBytes(5).toString('hex');
const secrets = {
	apiEmail: `privacy.api.${tag}@logcheck.example.kz`,
	formEmail: `privacy.form.${tag}@logcheck.example.kz`,
	apiName: `Зарина Жеке${tag}`,
	formName: `Private Person ${tag}`,
	apiIin: validIin(),
	formIin: validIin(),
	password: `Log-Secret-${tag}`,
};

function allLogs() {
	return handlerLogs().map((f) => ({ file: f, text: readLog(f) }));
}

describe('privacy of the logs', () => {
	before(async () => {
		const api = individual({ email: secrets.apiEmail, full_name: secrets.apiName,
		    iin: secrets.apiIin, password: secrets.password });
		assert.equal((await c.post('/api/v1/accounts', { json: api })).status, 201);
		assert.equal((await c.post('/api/v1/accounts', { json: api })).status, 409);
		await registerByForm(c, 'ru', individual({ email: secrets.formEmail,
		    full_name: secrets.formName, iin: secrets.formIin, password: secrets.password }));
		const token = await login(c, secrets.apiEmail, secrets.password);
		assert.equal((await c.get('/api/v1/me', { bearer: token })).status, 200);
		// A wrong password, and a sign-in through the form with the e-mail in the query too.
		assert.equal((await c.post('/api/v1/session', { json: { email: secrets.formEmail,
		    password: `${secrets.password}-wrong` } })).status, 401);
		const jar = new CookieJar();
		const q = `?next=%2Fkk%2Faccount&email=${encodeURIComponent(secrets.formEmail)}`;
		const form = await c.get(`/kk/account/login${q}`, { cookies: jar });
		const res = await c.post(`/kk/account/login${q}`, { cookies: jar, form: {
		    csrf: csrfOf(form.body), email: secrets.formEmail, password: secrets.password,
		    next: '/kk/account' } });
		assert.equal(res.status, 303);
		// A registration with errors echoes the fields in the page, not in the log.
		const bad = await c.post('/api/v1/accounts', { json: individual({
		    email: secrets.formEmail.replace('@', '#'), iin: secrets.formIin.slice(1) }) });
		assert.equal(bad.status, 400);
	});

	test('there are handler logs to look at', () => {
		const logs = allLogs();
		const names = logs.map((l) => l.file.split('/').pop()).sort();
		assert.ok(names.includes('eco-account.log'), names.join(' '));
		assert.ok(names.includes('eco-portal.log'), names.join(' '));
		assert.ok(logs.find((l) => l.file.endsWith('eco-account.log')).text.length > 0);
	});

	for (const [what, value] of Object.entries(secrets)) {
		test(`no handler log holds the ${what}`, () => {
			const variants = new Set([value, value.toLowerCase(), value.toUpperCase(),
			    encodeURIComponent(value)]);
			for (const { file, text } of allLogs())
				for (const v of variants)
					assert.ok(!text.includes(v), `${file} contains ${what}`);
		});
	}

	test('a session token is not in the logs either', async () => {
		const token = await login(c, secrets.formEmail, secrets.password);
		const [payload, mac] = token.split('.');
		for (const { file, text } of allLogs()) {
			assert.ok(!text.includes(mac), `${file} contains a session MAC`);
			assert.ok(!text.includes(payload), `${file} contains a session payload`);
		}
	});

	test('each request leaves one line "METHOD PATH STATUS <n>us"', async () => {
		const marker = `logcheck-${tag}`;
		const sent = [
			['GET', `/kk/${marker}-portal-1`, 404, 'eco-portal'],
			['GET', `/ru/${marker}-portal-2?x=1`, 404, 'eco-portal'],
			['PUT', `/en/${marker}-portal-3`, 404, 'eco-portal'],
			['GET', `/kk/account/${marker}-account-1`, 404, 'eco-account'],
			['DELETE', `/kk/account/${marker}-account-2`, 404, 'eco-account'],
			['POST', `/ru/account/${marker}-account-3`, 404, 'eco-account'],
		];
		for (const [method, p, status] of sent)
			assert.equal((await c.request(method, p)).status, status, `${method} ${p}`);
		const logs = allLogs();
		for (const [method, p, status, handler] of sent) {
			const logged = p.replace(/\?.*/, '');
			const file = logs.find((l) => l.file.endsWith(`/${handler}.log`));
			const lines = file.text.split('\n').filter((l) => l.includes(`${logged} `));
			assert.equal(lines.length, 1, `${method} ${p}: ${lines.length} lines`);
			const re = new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ` +
			    `${handler}\\[\\d+\\] ${method} ${logged.replace(/[/.]/g, '\\$&')} ${status} \\d+us$`);
			assert.match(lines[0], re);
			for (const other of logs.filter((l) => l !== file))
				assert.ok(!other.text.includes(logged), `${logged} also in ${other.file}`);
		}
	});

	test('every request line in the logs has the same shape', () => {
		const shape = /^\S+ eco-[a-z]+\[\d+\] [A-Z]+ \/\S* \d{3} \d+us$/;
		for (const { file, text } of allLogs()) {
			const lines = text.split('\n').filter((l) => / \d{3} \d+us$/.test(l));
			assert.ok(lines.length > 0, file);
			for (const line of lines)
				assert.match(line, shape, file);
		}
	});
});
