// POST /api/v1/accounts: registration over the JSON API, exactly as the
// API promises it: 201 with {"id","email","kind"}, 400 with the code of the
// first invalid field, 409 for an e-mail already registered.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	client, errorOf, individual, organisation, invalidId, validIin, validBin,
	uniqueEmail, login,
} from './lib/http.mjs';

const c = client('127.0.0.2');

async function register(body) {
	return c.post('/api/v1/accounts', { json: body });
}

function assertError(res, status, code) {
	assert.equal(res.status, status, res.body);
	assert.match(res.headers['content-type'], /^application\/json/);
	const e = errorOf(res);
	assert.equal(e.code, code);
	return e;
}

describe('accounts API: POST /api/v1/accounts', () => {
	test('an individual registers: 201 {id, email, kind}, e-mail lower-cased', async () => {
		const reg = individual({ email: `Mixed.Case.${Date.now()}@Test.EcoGosFond.KZ` });
		const res = await register(reg);
		assert.equal(res.status, 201, res.body);
		assert.match(res.headers['content-type'], /^application\/json/);
		assert.deepEqual(Object.keys(res.json).sort(), ['email', 'id', 'kind']);
		assert.ok(Number.isInteger(res.json.id) && res.json.id > 0, `id ${res.json.id}`);
		assert.equal(res.json.email, reg.email.toLowerCase());
		assert.equal(res.json.kind, 'individual');
		assert.equal(res.headers['cache-control'], 'no-store');
	});

	test('an organisation registers: 201 with kind "organisation"', async () => {
		const reg = organisation();
		const res = await register(reg);
		assert.equal(res.status, 201, res.body);
		assert.deepEqual(Object.keys(res.json).sort(), ['email', 'id', 'kind']);
		assert.equal(res.json.email, reg.email);
		assert.equal(res.json.kind, 'organisation');
	});

	test('two registrations get two different ids', async () => {
		const a = await register(individual());
		const b = await register(individual());
		assert.equal(a.status, 201);
		assert.equal(b.status, 201);
		assert.notEqual(a.json.id, b.json.id);
	});

	test('an invalid IIN is refused: 400 invalid_iin', async () => {
		const iin = validIin();
		assertError(await register(individual({ iin: invalidId(iin) })), 400, 'invalid_iin');
		assertError(await register(individual({ iin: iin.slice(0, 11) })), 400, 'invalid_iin');
		assertError(await register(individual({ iin: iin + '0' })), 400, 'invalid_iin');
		assertError(await register(individual({ iin: iin.slice(0, 11) + 'x' })), 400, 'invalid_iin');
		assertError(await register(individual({ iin: undefined })), 400, 'invalid_iin');
	});

	test('an invalid BIN is refused: 400 invalid_bin', async () => {
		const bin = validBin();
		assertError(await register(organisation({ bin: invalidId(bin) })), 400, 'invalid_bin');
		assertError(await register(organisation({ bin: ` ${bin}` })), 400, 'invalid_bin');
		assertError(await register(organisation({ bin: undefined })), 400, 'invalid_bin');
	});

	test('an organisation needs its name: 400 invalid_org_name', async () => {
		assertError(await register(organisation({ org_name: undefined })), 400, 'invalid_org_name');
		assertError(await register(organisation({ org_name: '   ' })), 400, 'invalid_org_name');
	});

	test('an invalid e-mail is refused: 400 invalid_email', async () => {
		for (const email of ['no-at-sign.kz', 'a@b', 'two@@signs.kz', 'space in@mail.kz',
		    '.dot@mail.kz', 'x@-host.kz', '']) {
			const res = await register(individual({ email }));
			assertError(res, 400, 'invalid_email');
		}
	});

	test('the kind must be individual or organisation: 400 invalid_kind', async () => {
		assertError(await register(individual({ kind: 'admin' })), 400, 'invalid_kind');
		assertError(await register(individual({ kind: undefined })), 400, 'invalid_kind');
	});

	test('the language must be kk, ru or en: 400 invalid_lang', async () => {
		assertError(await register(individual({ lang: 'de' })), 400, 'invalid_lang');
	});

	test('the full name must not be blank: 400 invalid_name', async () => {
		assertError(await register(individual({ full_name: '' })), 400, 'invalid_name');
		assertError(await register(individual({ full_name: 'line\nbreak' })), 400, 'invalid_name');
	});

	test('a password of 9 characters is refused: 400 weak_password', async () => {
		const e = assertError(await register(individual({ password: '123456789' })), 400,
		    'weak_password');
		assert.match(e.message, /10/);
		// Nine Cyrillic letters are 18 bytes, still nine characters.
		assertError(await register(individual({ password: 'пароль123' })), 400, 'weak_password');
		assertError(await register(individual({ password: 'қққққққққ' })), 400, 'weak_password');
	});

	test('a password of 10 characters passes, also in Cyrillic, and signs in', async () => {
		const ascii = await register(individual({ password: '1234567890' }));
		assert.equal(ascii.status, 201, ascii.body);
		const cyr = individual({ password: 'құпиясөзім' });
		assert.equal([...cyr.password].length, 10);
		const res = await register(cyr);
		assert.equal(res.status, 201, res.body);
		const token = await login(c, cyr.email, 'құпиясөзім');
		assert.ok(token.length > 40);
	});

	test('an e-mail already registered: 409 email_taken, also differing only in case', async () => {
		const reg = individual();
		assert.equal((await register(reg)).status, 201);
		const again = await register({ ...reg, iin: validIin() });
		const e = assertError(again, 409, 'email_taken');
		assert.ok(e.message.length > 0);
		const upper = await register({ ...reg, email: reg.email.toUpperCase(), iin: validIin() });
		assertError(upper, 409, 'email_taken');
		const org = await register(organisation({ email: reg.email }));
		assertError(org, 409, 'email_taken');
	});

	test('the first problem decides the code when several fields are wrong', async () => {
		const res = await register({ kind: 'individual', email: 'bad', password: 'short',
		    full_name: '', iin: '1' });
		assertError(res, 400, 'invalid_email');
	});

	test('error messages are not empty and follow Accept-Language', async () => {
		const reg = individual({ email: uniqueEmail().replace('@', '') });
		const en = await c.post('/api/v1/accounts', { json: reg,
		    headers: { 'Accept-Language': 'en' } });
		assert.equal(errorOf(en).message, 'Enter a valid e-mail address.');
		const ru = await c.post('/api/v1/accounts', { json: reg,
		    headers: { 'Accept-Language': 'ru' } });
		assert.equal(ru.status, 400);
		assert.notEqual(errorOf(ru).message, errorOf(en).message);
		assert.match(errorOf(ru).message, /[а-яё]/i);
	});
});
