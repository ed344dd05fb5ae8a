// Administrators edit the information holders (issue 4, item 1) over
// HTTP: POST /api/v1/holders, PUT and GET /api/v1/holders/{id}, the page
// /{lang}/requests/holders with its plain forms; 400 with every field's
// message, 401/403 for everyone else, 404, 409 for a taken code, a code
// that other numbers begin with, a cycle of parents and a deactivation
// that would orphan active bodies; a deactivated holder is not offered
// to requesters but still names its old requests; every change is in
// core.audit; re-applying the reference data (ecoctl migrate) keeps an
// administrator's edit.
//
// The holders made here hang under the ministry (id 1) and are no
// akimats: other files take the last holder of the list and the first
// regional akimat, and must not find one of these.  The one national
// body made here stays active and keeps its code.
//
// Sign-ins from 127.0.0.26: the administrator and an official, once
// each; the citizen registers through the form (no sign-in request).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import {
	client, CookieJar, csrfOf, errorOf, login, PASSWORD, registerByForm,
	uniqueEmail,
} from './lib/http.mjs';
import { ecoctl, env } from './lib/stack.mjs';
import { tr } from './lib/po.mjs';

const c = client('127.0.0.26');

function psql(sql) {
	return execFileSync(path.join(env.pgBin, 'psql'),
	    ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', env.ownerDsn, '-f', '-'],
	    { input: sql, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim();
}

// A code nobody else has: t + 10 hex digits.
function code() {
	return `t${randomBytes(5).toString('hex')}`;
}

function names(tag) {
	return { kk: `Сынақ органы ${tag}`, ru: `Тестовый орган ${tag}`, en: `Test body ${tag}` };
}

let admin, adminToken, officialToken, citizen;

async function post(json, token = adminToken) {
	return c.post('/api/v1/holders', { bearer: token, json });
}

async function put(id, json, token = adminToken) {
	return c.request('PUT', `/api/v1/holders/${id}`, { bearer: token, json });
}

// A new holder under the ministry; the answer's body.
async function make(over = {}) {
	const t = code();
	const res = await post({ code: t, kind: 'department', region: 'abai', parent_id: 1,
	    name: names(t), ...over });
	assert.equal(res.status, 201, res.body);
	return res.json;
}

function assertError(res, status, code, fields) {
	assert.equal(res.status, status, res.body.slice(0, 400));
	const e = errorOf(res);
	assert.equal(e.code, code, res.body);
	if (fields !== undefined)
		assert.deepEqual(Object.keys(e.fields).sort(), [...fields].sort(), res.body);
	return e;
}

// The holder as the public list shows it (all=true: deactivated too).
async function listed(id, all = false) {
	const res = await c.get(`/api/v1/holders${all ? '?all=true' : ''}`);
	assert.equal(res.status, 200);
	return res.json.items.find((h) => h.id === id);
}

function audits(id) {
	return psql(`SELECT action || ' ' || coalesce(actor_id::text, '-') || ' ' ||
	    (details->'after'->>'code') || ' ' || (details->'after'->>'active')
	    FROM core.audit WHERE object_type = 'holder' AND object_id = '${id}' ORDER BY id;`)
	    .split('\n').filter(Boolean);
}

before(async () => {
	admin = { email: uniqueEmail('admin') };
	const out = ecoctl('user', 'add', '--email', admin.email, '--password', PASSWORD,
	    '--name', 'Holder Administrator', '--role', 'admin');
	admin.id = Number(/has id (\d+)/.exec(out)[1]);
	adminToken = await login(c, admin.email);
	const official = uniqueEmail('official');
	ecoctl('user', 'add', '--email', official, '--password', PASSWORD, '--name', 'Тест Басшы',
	    '--role', 'official', '--holder', '1', '--position', 'head');
	officialToken = await login(c, official);
	citizen = await registerByForm(c, 'ru');
});

describe('the holders API: who may change them', () => {
	test('anonymous: 401; an official or a citizen: 403; GET stays public', async () => {
		const body = { code: code(), kind: 'agency', name: names('x') };
		assertError(await c.post('/api/v1/holders', { json: body }), 401, 'unauthorized');
		assertError(await post(body, officialToken), 403, 'forbidden');
		assertError(await post(body, citizen.token), 403, 'forbidden');
		assertError(await c.request('PUT', '/api/v1/holders/1', { json: { active: false } }),
		    401, 'unauthorized');
		assertError(await put(1, { active: false }, officialToken), 403, 'forbidden');
		assert.equal((await c.get('/api/v1/holders/1')).status, 200);
		assert.equal((await listed(1)).active, true, 'nothing changed');
		assert.equal((await c.request('DELETE', '/api/v1/holders/1', { bearer: adminToken })).status,
		    405, 'holders are never deleted');
	});
});

describe('POST /api/v1/holders', () => {
	test('201 the holder in the list\'s shape, listed after its parent', async () => {
		const t = code();
		const res = await post({ code: t, kind: 'department', region: 'abai', parent_id: 1,
		    name: names(t) });
		assert.equal(res.status, 201, res.body);
		assert.deepEqual(Object.keys(res.json).sort(),
		    ['active', 'code', 'id', 'kind', 'name', 'parent', 'parent_id', 'region']);
		assert.deepEqual({ ...res.json, id: 0 }, { id: 0, code: t, kind: 'department',
		    region: 'abai', parent: 'mepr', parent_id: 1, active: true, name: names(t) });
		const items = (await c.get('/api/v1/holders')).json.items;
		const at = items.findIndex((h) => h.id === res.json.id);
		assert.ok(items.findIndex((h) => h.id === 1) < at, 'after the ministry');
		assert.ok(at < items.length - 1, 'not at the end of the list');
		assert.deepEqual(items[at], res.json);
		const one = await c.get(`/api/v1/holders/${res.json.id}`);
		assert.deepEqual(one.json, res.json);
	});

	test('a national body: region and parent null', async () => {
		const t = code();
		const res = await post({ code: t, kind: 'agency', region: null, parent_id: null,
		    name: names(t) });
		assert.equal(res.status, 201, res.body);
		assert.equal(res.json.region, null);
		assert.equal(res.json.parent, null);
		assert.equal(res.json.parent_id, null);
	});

	test('400 with a message for every bad field', async () => {
		const e = assertError(await post({ code: 'Bad Code', kind: 'bank', region: 'mars',
		    parent_id: -4, name: { kk: '', ru: '   ', en: 'two\nlines' } }), 400, 'invalid_code',
		    ['code', 'kind', 'region', 'parent_id', 'name.kk', 'name.ru', 'name.en']);
		for (const m of Object.values(e.fields))
			assert.ok(m.length > 5, m);
		assertError(await post({}), 400, 'invalid_code',
		    ['code', 'kind', 'name.kk', 'name.ru', 'name.en']);
		const long = 'ә'.repeat(401);
		assertError(await post({ code: code(), kind: 'agency', name: { ...names('x'), ru: long } }),
		    400, 'invalid_name', ['name.ru']);
		assertError(await post({ code: code(), kind: 'agency', name: 'Тест' }), 400, 'bad_request');
		assertError(await post({ code: 17, kind: 'agency', name: names('x') }), 400, 'bad_request');
		assertError(await post({ code: code(), kind: 'agency', name: names('x'), parent_id: '1' }),
		    400, 'bad_request');
		assertError(await post({ code: code(), kind: 'agency', name: names('x'), active: 'yes' }),
		    400, 'bad_request');
		const notJson = await c.post('/api/v1/holders', { bearer: adminToken, body: 'code=x',
		    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(notJson.status, 415);
		assertError(await post({ code: code(), kind: 'agency', name: names('x'), parent_id: 99999999 }),
		    400, 'invalid_parent', ['parent_id']);
	});

	test('409 for a code another holder has', async () => {
		const h = await make();
		assertError(await post({ code: h.code, kind: 'agency', name: names('dup') }), 409,
		    'code_taken', ['code']);
		assertError(await post({ code: 'mepr', kind: 'agency', name: names('dup') }), 409,
		    'code_taken', ['code']);
	});
});

describe('PUT /api/v1/holders/{id}', () => {
	test('changes what is sent and keeps the rest; 404 for no such holder', async () => {
		const h = await make();
		const t = code();
		const res = await put(h.id, { code: t, region: 'pavlodar', name: { en: 'Renamed body' } });
		assert.equal(res.status, 200, res.body);
		assert.deepEqual(res.json, { ...h, code: t, region: 'pavlodar',
		    name: { ...h.name, en: 'Renamed body' } });
		const none = await put(h.id, {});
		assert.deepEqual(none.json, res.json, 'an empty change changes nothing');
		assert.deepEqual(await listed(h.id), res.json);
		assertError(await put(99999999, { active: false }), 404, 'not_found');
		assertError(await put('abc', { active: false }), 404, 'not_found');
		assertError(await put(0, { active: false }), 404, 'not_found');
		assertError(await put(h.id, { kind: 'bank', region: 'nowhere' }), 400, 'invalid_kind',
		    ['kind', 'region']);
		assertError(await put(h.id, { code: '' }), 400, 'invalid_code', ['code']);
		assert.deepEqual(await listed(h.id), res.json, 'a refused change changes nothing');
	});

	test('409 for a code another holder has', async () => {
		const a = await make();
		const b = await make();
		assertError(await put(b.id, { code: a.code }), 409, 'code_taken', ['code']);
		assert.equal((await listed(b.id)).code, b.code);
	});

	test('409 for a parent that would make a cycle; 400 for a parent that does not exist', async () => {
		const top = await make();
		const mid = await make({ parent_id: top.id });
		const low = await make({ parent_id: mid.id });
		assertError(await put(top.id, { parent_id: low.id }), 409, 'cycle', ['parent_id']);
		assertError(await put(top.id, { parent_id: mid.id }), 409, 'cycle', ['parent_id']);
		assertError(await put(top.id, { parent_id: top.id }), 409, 'cycle', ['parent_id']);
		assertError(await put(mid.id, { parent_id: 99999999 }), 400, 'invalid_parent', ['parent_id']);
		assert.equal((await listed(top.id)).parent_id, 1, 'unchanged');
		// Moving a body elsewhere is no cycle; nor is taking the parent away.
		const moved = await put(low.id, { parent_id: top.id });
		assert.equal(moved.status, 200, moved.body);
		assert.equal(moved.json.parent, top.code);
		const free = await put(low.id, { parent_id: null });
		assert.equal(free.status, 200);
		assert.equal(free.json.parent_id, null);
	});

	test('a parent\'s new code follows into its subordinate bodies', async () => {
		const top = await make();
		const low = await make({ parent_id: top.id });
		const t = code();
		assert.equal((await put(top.id, { code: t })).status, 200);
		const now = await listed(low.id);
		assert.equal(now.parent, t);
		assert.equal(now.parent_id, top.id);
	});
});

describe('deactivation', () => {
	test('refused while subordinate bodies are active; a deactivated body is not offered but keeps its requests', async () => {
		const top = await make();
		const low = await make({ parent_id: top.id });
		// A request to it while it is active.
		const filed = await c.post('/api/v1/requests', { bearer: citizen.token, json: {
			holder_id: low.id, subject: `Запрос к ${low.code}`, body: 'Прошу предоставить сведения.',
			language: 'ru', answer_form: 'electronic', public: true } });
		assert.equal(filed.status, 201, filed.body);

		assertError(await put(top.id, { active: false }), 409, 'active_children', ['active']);
		assert.equal((await listed(top.id)).active, true);
		const off = await put(low.id, { active: false });
		assert.equal(off.status, 200, off.body);
		assert.equal(off.json.active, false);

		assert.equal(await listed(low.id), undefined, 'not in the list of active holders');
		assert.equal((await listed(low.id, true)).active, false, 'in ?all=true');
		assert.equal((await c.get('/api/v1/holders?all=maybe')).status, 400);
		const form = await c.get('/ru/requests/new', { cookies: citizen.jar });
		assert.equal(form.status, 200);
		assert.ok(!form.body.includes(`value="${low.id}"`), 'not offered in the filing form');
		assert.ok(form.body.includes(`value="${top.id}"`), 'its parent still is');
		const again = await c.post('/api/v1/requests', { bearer: citizen.token, json: {
			holder_id: low.id, subject: 'Ещё запрос', body: 'Прошу предоставить сведения.',
			language: 'ru', answer_form: 'electronic', public: true } });
		assertError(again, 400, 'invalid_holder');

		const old = await c.get(`/api/v1/requests/${filed.json.id}`);
		assert.equal(old.status, 200);
		assert.equal(old.json.holder.name.ru, low.name.ru, 'the old request still names it');
		const page = await c.get(`/ru/requests/${filed.json.id}`);
		assert.equal(page.status, 200);
		assert.ok(page.body.includes(low.name.ru));
		assert.equal((await c.get(`/api/v1/holders/${low.id}`)).json.active, false);

		// Its parent may go now; the body may not come back under an inactive parent.
		assert.equal((await put(top.id, { active: false })).status, 200);
		assertError(await put(low.id, { active: true }), 400, 'invalid_parent', ['parent_id']);
		assert.equal((await put(top.id, { active: true })).status, 200);
		assert.equal((await put(low.id, { active: true })).json.active, true);
		assert.ok(await listed(low.id), 'listed again');
	});

	test('its requests show its new code, names and region at once', async () => {
		const h = await make();
		const filed = await c.post('/api/v1/requests', { bearer: citizen.token, json: {
			holder_id: h.id, subject: `Запрос к ${h.code}`, body: 'Прошу предоставить сведения.',
			language: 'ru', answer_form: 'electronic', public: true } });
		assert.equal(filed.status, 201, filed.body);
		const t = code();
		// Names and code first: a new region alone is copied onto the
		// requests (migration 009), which keeps their documents anyway.
		const renamed = await put(h.id, { code: t, name: names(t) });
		assert.equal(renamed.status, 200, renamed.body);
		let read = await c.get(`/api/v1/requests/${filed.json.id}`);
		assert.equal(read.status, 200);
		assert.deepEqual(read.json.holder, { code: t, name: names(t), region: 'abai' },
		    'the request is read with its holder\'s new code and names');
		const moved = await put(h.id, { region: 'almaty_city' });
		assert.equal(moved.status, 200, moved.body);
		read = await c.get(`/api/v1/requests/${filed.json.id}`);
		assert.equal(read.json.holder.region, 'almaty_city', 'and with its new region');
		const page = await c.get(`/ru/requests/${filed.json.id}`);
		assert.equal(page.status, 200);
		assert.ok(page.body.includes(names(t).ru), 'the page names the holder by its new name');
		assert.ok(!page.body.includes(h.name.ru), 'and no longer by its old one');
	});

	test('409 for a code the registration numbers of another holder begin with', async () => {
		const h = await make();
		const filed = await c.post('/api/v1/requests', { bearer: citizen.token, json: {
			holder_id: h.id, subject: 'Запрос о номерах', body: 'Прошу предоставить сведения.',
			language: 'ru', answer_form: 'electronic', public: false } });
		assert.equal(filed.status, 201, filed.body);
		const prefix = h.code.toUpperCase().replace(/_/g, '-');
		assert.match(filed.json.reg_no, new RegExp(`^${prefix}-\\d{4}-00001$`));
		const t = code();
		assert.equal((await put(h.id, { code: t })).status, 200);
		const next = await c.post('/api/v1/requests', { bearer: citizen.token, json: {
			holder_id: h.id, subject: 'Ещё запрос о номерах', body: 'Прошу предоставить сведения.',
			language: 'ru', answer_form: 'electronic', public: false } });
		assert.match(next.json.reg_no, new RegExp(`^${t.toUpperCase()}-\\d{4}-00002$`),
		    'the new code, the same count');
		assertError(await post({ code: h.code, kind: 'agency', parent_id: 1, name: names('old') }),
		    409, 'code_in_numbers', ['code']);
		// The holder itself may take its old code back.
		assert.equal((await put(h.id, { code: h.code })).status, 200);
	});
});

describe('core.audit', () => {
	test('every change: who, what, before and after', async () => {
		const h = await make();
		await put(h.id, { name: { ru: 'Новое имя' } });
		await put(h.id, { active: false });
		await put(h.id, { code: 'mepr' });	// refused: not recorded
		const rows = audits(h.id);
		assert.deepEqual(rows, [
			`holder.create ${admin.id} ${h.code} true`,
			`holder.update ${admin.id} ${h.code} true`,
			`holder.update ${admin.id} ${h.code} false`,
		]);
		const before = psql(`SELECT details->'before'->'name'->>'ru' FROM core.audit
		    WHERE object_type = 'holder' AND object_id = '${h.id}' ORDER BY id OFFSET 1 LIMIT 1;`);
		assert.equal(before, h.name.ru);
	});
});

describe('the reference data', () => {
	test('ecoctl migrate adds nothing back and keeps an administrator\'s edit', async () => {
		const all = (await c.get('/api/v1/holders?all=true')).json.items;
		const mes = all.find((h) => h.code === 'mes');
		assert.ok(mes, 'the reference holder mes');
		const edited = `${mes.name.en} (edited ${code()})`;
		assert.equal((await put(mes.id, { name: { en: edited } })).status, 200);
		ecoctl('migrate');
		const after = (await c.get('/api/v1/holders?all=true')).json.items;
		assert.equal(after.find((h) => h.id === mes.id).name.en, edited, 'the edit stays');
		assert.ok(after.length >= all.length);
		assert.equal(new Set(after.map((h) => h.code)).size, after.length, 'codes unique');
		assert.equal(after.filter((h) => h.code === 'mes').length, 1, 'not added again');
	});
});

describe('the page /{lang}/requests/holders', () => {
	// The page as the administrator; its csrf.
	async function page(query = '', lang = 'ru') {
		const res = await c.get(`/${lang}/requests/holders${query}`, { bearer: adminToken });
		return { res, csrf: csrfOf(res.body) };
	}

	async function send(path, form, csrf) {
		return c.post(path, { bearer: adminToken, form: { csrf, ...form } });
	}

	test('administrators only: sign-in first, 403 for others', async () => {
		const anon = await c.get('/ru/requests/holders');
		assert.equal(anon.status, 303);
		assert.match(anon.headers.location, /\/ru\/account\/login\?next=/);
		assert.equal((await c.get('/ru/requests/holders', { bearer: officialToken })).status, 403);
		assert.equal((await c.get('/ru/requests/holders', { cookies: citizen.jar })).status, 403);
		const post = await c.post('/ru/requests/holders', { cookies: citizen.jar,
		    form: { csrf: 'x', code: code() } });
		assert.equal(post.status, 403);
	});

	test('the list with every holder, the forms, in each language', async () => {
		const h = await make();
		await put(h.id, { active: false });
		for (const lang of ['kk', 'ru', 'en']) {
			const { res, csrf } = await page('', lang);
			assert.equal(res.status, 200, res.body.slice(0, 300));
			assert.ok(csrf);
			assert.ok(res.body.includes(tr(lang, 'Information holders')));
			assert.ok(res.body.includes(`id="holder-${h.id}"`), 'deactivated ones too');
			assert.ok(res.body.includes(`action="/${lang}/requests/holders"`), 'the form to add one');
			assert.equal((res.body.match(/<tr id="holder-/g) || []).length >= 72, true);
			assert.ok(res.body.includes(h.name[lang]));
			assert.ok(res.body.includes(tr(lang, 'Deactivated')));
		}
		const { res } = await page(`?edit=${h.id}`);
		assert.equal(res.status, 200);
		assert.ok(res.body.includes(`action="/ru/requests/holders/${h.id}"`));
		assert.ok(res.body.includes(`value="${h.code}"`));
		assert.match(res.body, /<option value="abai" selected>/);
		assert.match(res.body, /<option value="1" selected>/);
		assert.equal((await page('?edit=99999999')).res.status, 404);
		assert.equal((await page('?edit=abc')).res.status, 404);
	});

	test('adding one: 303 to the list, which says so', async () => {
		const { csrf } = await page();
		const t = code();
		const res = await send('/ru/requests/holders', { code: t, kind: 'agency', region: '',
		    parent_id: '1', name_kk: `Агенттік ${t}`, name_ru: `Агентство ${t}`,
		    name_en: `Agency ${t}`, active: 'yes' }, csrf);
		assert.equal(res.status, 303, res.body.slice(0, 300));
		const id = Number(/saved=(\d+)/.exec(res.headers.location)[1]);
		assert.match(res.headers.location, new RegExp(`^/ru/requests/holders\\?saved=${id}#holder-${id}$`));
		const h = await listed(id);
		assert.deepEqual({ ...h, id: 0 }, { id: 0, code: t, kind: 'agency', region: null,
		    parent: 'mepr', parent_id: 1, active: true,
		    name: { kk: `Агенттік ${t}`, ru: `Агентство ${t}`, en: `Agency ${t}` } });
		const after = await c.get(res.headers.location.split('#')[0], { bearer: adminToken });
		assert.ok(after.body.includes(tr('ru', 'The information holder is saved.')));
	});

	test('a bad form comes back with every field marked and what was typed', async () => {
		const { csrf } = await page();
		const res = await send('/ru/requests/holders', { code: 'Плохой код', kind: '',
		    region: 'mars', parent_id: '', name_kk: '', name_ru: 'Оставлено', name_en: '' }, csrf);
		assert.equal(res.status, 400);
		for (const f of ['code', 'kind', 'region', 'name_kk', 'name_en'])
			assert.match(res.body, new RegExp(`<a href="#${f}">`), f);
		assert.ok(res.body.includes(tr('ru', 'Choose what kind of body it is.')));
		assert.ok(res.body.includes('value="Плохой код"'), 'the code as typed');
		assert.ok(res.body.includes('value="Оставлено"'));
		assert.match(res.body, /id="code"[^>]*aria-invalid="true"/);
		const dup = await send('/ru/requests/holders', { code: 'mepr', kind: 'agency',
		    name_kk: 'А', name_ru: 'Б', name_en: 'C', active: 'yes' }, csrf);
		assert.equal(dup.status, 409);
		assert.ok(dup.body.includes(tr('ru', 'Another holder has this code.')));
		const nocsrf = await c.post('/ru/requests/holders', { bearer: adminToken,
		    form: { code: code(), kind: 'agency', name_kk: 'А', name_ru: 'Б', name_en: 'C' } });
		assert.equal(nocsrf.status, 403);
	});

	test('changing one, deactivating and activating it with its button', async () => {
		const top = await make();
		const low = await make({ parent_id: top.id });
		const { csrf } = await page(`?edit=${low.id}`);
		const res = await send(`/ru/requests/holders/${low.id}`, { code: low.code, kind: 'agency',
		    region: 'pavlodar', parent_id: String(top.id), name_kk: low.name.kk,
		    name_ru: 'Изменённое название', name_en: low.name.en, active: 'yes' }, csrf);
		assert.equal(res.status, 303, res.body.slice(0, 300));
		const now = await listed(low.id);
		assert.equal(now.kind, 'agency');
		assert.equal(now.region, 'pavlodar');
		assert.equal(now.name.ru, 'Изменённое название');

		const busy = await send(`/ru/requests/holders/${top.id}`, { action: 'deactivate' }, csrf);
		assert.equal(busy.status, 409);
		assert.ok(busy.body.includes(tr('ru',
		    'Its subordinate bodies are active: deactivate them or move them to another body first.')));
		assert.equal((await send(`/ru/requests/holders/${low.id}`, { action: 'deactivate' }, csrf))
		    .status, 303);
		assert.equal((await listed(low.id, true)).active, false);
		assert.equal((await send(`/ru/requests/holders/${low.id}`, { action: 'activate' }, csrf))
		    .status, 303);
		assert.equal((await listed(low.id)).active, true);

		const cycle = await send(`/ru/requests/holders/${top.id}`, { code: top.code,
		    kind: 'department', region: 'abai', parent_id: String(low.id), name_kk: 'А',
		    name_ru: 'Б', name_en: 'C', active: 'yes' }, csrf);
		assert.equal(cycle.status, 409);
		assert.match(cycle.body, /<a href="#parent_id">/);
		assert.equal((await send('/ru/requests/holders/99999999', { action: 'activate' }, csrf))
		    .status, 404);
		assert.deepEqual(audits(low.id).map((r) => r.split(' ')[0]),
		    ['holder.create', 'holder.update', 'holder.update', 'holder.update']);
	});
});
