// The requests API of eco-requests (issue 4) over HTTP: filing by
// individuals and organisations, paper and oral requests registered by a
// holder's registrar or head, the gapless registration numbers, reading one
// request and searching the public tracker, and every step an official or
// the requester takes on a request — with the statutory deadlines checked
// against the calendar API, never hard-coded, since the run may fall on any
// day.  Privacy: an individual's IIN, e-mail, name and address appear in
// no public response.
//
// Sign-ins from 127.0.0.21: the four officials (registrar, executor and
// head of holder 1, head of another holder), once each.  The citizens
// register through the HTML form, which signs them in without a sign-in
// request.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';

import {
	client, errorOf, individual, organisation, invalidId,
	uniqueEmail, validIin,
} from './lib/http.mjs';
import {
	addDays, cyr, official as officialOf, psql, signUp as signUpWith, staleRequestPages, tag,
} from './lib/requests.mjs';
import { handlerLogs, readLog } from './lib/stack.mjs';

const c = client('127.0.0.21');

const GROUNDS = ['unidentifiable', 'non_compliant', 'restricted_access',
    'analysis_in_progress', 'inspection_pending', 'decision_pending',
    'foreign_agreement_pending'];

// --- helpers ------------------------------------------------------------------

// The due date by the calendar API: n calendar or working days after from.
const dueCache = new Map();
async function due(from, days, unit = 'calendar') {
	const key = `${from}/${days}/${unit}`;
	if (!dueCache.has(key)) {
		const res = await c.get(`/api/v1/deadline?from=${from}&days=${days}&unit=${unit}`);
		assert.equal(res.status, 200, `deadline ${key}: ${res.body}`);
		dueCache.set(key, res.json.due);
	}
	return dueCache.get(key);
}

// A citizen signed up through the HTML form; an official signed in once.
const signUp = (reg) => signUpWith(c, reg);
const official = (holder, position) => officialOf(c, holder, position);

function post(path, who, json) {
	return c.post(path, { bearer: who?.token, json });
}

function get(path, who) {
	return c.get(path, { bearer: who?.token });
}

function assertError(res, status, code) {
	assert.equal(res.status, status, res.body.slice(0, 400));
	const e = errorOf(res);
	if (code !== undefined)
		assert.equal(e.code, code, res.body);
	return e;
}

// --- the world of the tests ------------------------------------------------------

let holders, A, B, C, today;
let registrar, executor, head, headB;
let alice, bob, ngo;

// A valid filing to holder A, public, with a search key in the subject.
function filing(over = {}) {
	return {
		holder_id: A.id,
		subject: `Сведения о качестве воздуха ${tag()}`,
		body: 'Прошу предоставить результаты мониторинга атмосферного воздуха за 2025 год.',
		language: 'ru',
		answer_form: 'electronic',
		public: true,
		...over,
	};
}

// Files as who; the answer (201 unless told).
async function file(who, over = {}, status = 201) {
	const res = await post('/api/v1/requests', who, filing(over));
	assert.equal(res.status, status, res.body.slice(0, 400));
	return res.json;
}

async function act(who, id, body) {
	return post(`/api/v1/requests/${id}/events`, who, body);
}

// Takes a step that must succeed; the request afterwards.
async function step(who, id, body) {
	const res = await act(who, id, body);
	assert.equal(res.status, 200, `${body.type}: ${res.body.slice(0, 400)}`);
	return res.json;
}

// The list as the anonymous public sees it.
async function list(query) {
	const res = await c.get(`/api/v1/requests?${query}`);
	assert.equal(res.status, 200, `${query}: ${res.body.slice(0, 300)}`);
	assert.ok(Array.isArray(res.json.items) && Number.isInteger(res.json.total), res.body.slice(0, 300));
	return res.json;
}

function ids(l) {
	return l.items.map((r) => r.id);
}

function seqOf(regNo) {
	return Number(/-(\d{5})$/.exec(regNo)[1]);
}

before(async () => {
	const res = await c.get('/api/v1/holders');
	assert.equal(res.status, 200, res.body);
	holders = res.json.items;
	A = holders.find((h) => h.id === 1);
	B = holders.find((h) => h.id !== 1 && h.region !== null && h.kind === 'akimat');
	C = holders.filter((h) => h !== A && h !== B).at(-1);
	assert.ok(A && B && C, 'three holders');

	registrar = await official(A.id, 'registrar');
	executor = await official(A.id, 'executor');
	head = await official(A.id, 'head');
	headB = await official(B.id, 'head');

	alice = await signUp(individual({
		full_name: `Құпиябекова ${cyr(8)} Сәуле`,
		email: uniqueEmail('alice'),
	}));
	bob = await signUp(individual());
	ngo = await signUp(organisation({ org_name: `ОФ «Таза ауа ${cyr(6)}»`,
	    full_name: `Контактова ${cyr(7)} Дана` }));

	// The handlers' today (Asia/Almaty): the receipt day of a new filing.
	const probe = await file(bob, { public: false });
	today = probe.received_on;
	assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
});

// --- filing -----------------------------------------------------------------------

describe('POST /api/v1/requests: filing', () => {
	test('an individual files: 201 with the request, its number and every deadline', async () => {
		const res = await post('/api/v1/requests', alice, filing({
			subject: 'Выбросы ТЭЦ-2 в Алматы', language: 'kk',
			questions: ['Сколько тонн выброшено?', 'Какие фильтры установлены?'],
		}));
		assert.equal(res.status, 201, res.body);
		assert.match(res.headers['content-type'], /^application\/json/);
		const r = res.json;
		assert.ok(Number.isInteger(r.id) && r.id > 0);
		const year = today.slice(0, 4);
		assert.match(r.reg_no, new RegExp(`^${A.code.toUpperCase().replace(/_/g, '-')}-${year}-\\d{5}$`));
		assert.equal(r.holder_id, A.id);
		assert.equal(r.subject, 'Выбросы ТЭЦ-2 в Алматы');
		assert.equal(r.language, 'kk');
		assert.equal(r.status, 'registered');
		assert.equal(r.channel, 'portal');
		assert.equal(r.public, true);
		assert.equal(r.received_on, today);
		assert.equal(r.registered_on, today);
		assert.equal(r.due_on, await due(today, 15, 'calendar'), 'answer: 15 calendar days');
		assert.equal(r.refusal_due_on, await due(today, 5, 'working'), 'refusal: 5 working days');
		assert.equal(r.redirect_due_on, await due(today, 3, 'working'), 'redirect: 3 working days');
		assert.equal(r.overdue, false);
		assert.equal(r.answered_on, null);
		assert.equal(r.on_time, null);
		assert.deepEqual(r.questions.map((q) => [q.n, q.text, q.answered]),
		    [[1, 'Сколько тонн выброшено?', null], [2, 'Какие фильтры установлены?', null]]);
		assert.equal(r.events.length, 1);
		assert.equal(r.events[0].type, 'registered');
		assert.equal(r.events[0].date, today);
		assert.equal(r.requester.kind, 'individual');
		assert.equal(r.requester.name, null, 'an individual is never named');
	});

	test('an organisation files with show_name true: its name is public; false: it is not', async () => {
		const shown = await file(ngo, { show_name: true });
		assert.equal(shown.requester.kind, 'organisation');
		assert.equal(shown.requester.name, ngo.org_name);
		const anon = await get(`/api/v1/requests/${shown.id}`);
		assert.equal(anon.status, 200);
		assert.deepEqual(anon.json.requester, { kind: 'organisation', name: ngo.org_name });

		const hidden = await file(ngo, { show_name: false });
		const anon2 = await get(`/api/v1/requests/${hidden.id}`);
		assert.equal(anon2.status, 200);
		assert.deepEqual(anon2.json.requester, { kind: 'organisation', name: null });
		assert.ok(!anon2.body.includes(ngo.org_name), 'the hidden name is nowhere');
		assert.ok(!anon2.body.includes(ngo.bin), 'nor the BIN');

		const l = await list(`holder_id=${A.id}`);
		const a = l.items.find((x) => x.id === shown.id), b = l.items.find((x) => x.id === hidden.id);
		assert.ok(a && b, 'both in the list');
		assert.equal(a.requester.name, ngo.org_name);
		assert.equal(b.requester.name, null);
	});

	test('an individual asking to show a name is still not named', async () => {
		const r = await file(alice, { show_name: true });
		assert.equal(r.requester.name, null);
		const anon = await get(`/api/v1/requests/${r.id}`);
		assert.deepEqual(anon.json.requester, { kind: 'individual', name: null });
	});

	test('registration numbers are gapless per holder; the same client_token files once', async () => {
		const first = await file(alice, { holder_id: C.id });
		const second = await file(bob, { holder_id: C.id });
		assert.equal(seqOf(second.reg_no), seqOf(first.reg_no) + 1, `${first.reg_no} then ${second.reg_no}`);

		const token = `tok-${tag()}${tag()}`;
		const once = await post('/api/v1/requests', alice, filing({ holder_id: C.id, client_token: token }));
		assert.equal(once.status, 201, once.body);
		assert.equal(seqOf(once.json.reg_no), seqOf(second.reg_no) + 1);
		const again = await post('/api/v1/requests', alice, filing({ holder_id: C.id, client_token: token }));
		assert.equal(again.status, 200, 'a double submission answers 200');
		assert.equal(again.json.id, once.json.id, 'with the request already filed');
		assert.equal(again.json.reg_no, once.json.reg_no);

		const next = await file(alice, { holder_id: C.id });
		assert.equal(seqOf(next.reg_no), seqOf(once.json.reg_no) + 1, 'the double submission consumed no number');

		// Another account's form with the same token is its own request.
		const other = await post('/api/v1/requests', bob, filing({ holder_id: C.id, client_token: token }));
		assert.equal(other.status, 201, other.body);
		assert.notEqual(other.json.id, once.json.id);
		assert.equal(seqOf(other.json.reg_no), seqOf(next.reg_no) + 1);
	});

	test('a double click: two identical submissions at once file one request, no number lost', async () => {
		const token = `dbl-${tag()}${tag()}`;
		const body = filing({ holder_id: C.id, client_token: token });
		const [x, y] = await Promise.all([post('/api/v1/requests', alice, body),
		    post('/api/v1/requests', alice, body)]);
		assert.deepEqual([x.status, y.status].sort(), [200, 201], `${x.body.slice(0, 200)} ${y.body.slice(0, 200)}`);
		assert.equal(x.json.id, y.json.id);
		const next = await file(alice, { holder_id: C.id });
		assert.equal(seqOf(next.reg_no), seqOf(x.json.reg_no) + 1);
	});

	test('filings at once from several accounts get consecutive numbers', async () => {
		const who = [alice, bob, ngo, alice, bob, ngo];
		const res = await Promise.all(who.map((w) => post('/api/v1/requests', w, filing({ holder_id: C.id }))));
		assert.ok(res.every((r) => r.status === 201), res.map((r) => r.status).join(' '));
		const seqs = res.map((r) => seqOf(r.json.reg_no)).sort((a, b) => a - b);
		for (let i = 1; i < seqs.length; i++)
			assert.equal(seqs[i], seqs[0] + i, `numbers ${seqs.join(' ')}`);
	});

	test('400 with the code of the bad field', async () => {
		const cases = [
			[{ holder_id: undefined }, 'invalid_holder'],
			[{ holder_id: 99999999 }, 'invalid_holder'],
			[{ subject: '' }, 'invalid_subject'],
			[{ subject: 'две\nстроки' }, 'invalid_subject'],
			[{ subject: 'ж'.repeat(301) }, 'invalid_subject'],
			[{ body: '   ' }, 'invalid_body'],
			[{ language: 'en' }, 'invalid_language'],
			[{ answer_form: 'fax' }, 'invalid_answer_form'],
			[{ answer_form: 'paper' }, 'invalid_address'],
			[{ fee_exemption: 'students' }, 'invalid_fee_exemption'],
			[{ questions: Array.from({ length: 21 }, (_, i) => `Вопрос ${i + 1}`) }, 'too_many_questions'],
			[{ questions: ['Вопрос', 42] }, 'invalid_question'],
			[{ questions: ['с'.repeat(2001)] }, 'invalid_question'],
			[{ client_token: 'short' }, 'invalid_client_token'],
			[{ holder_id: '1' }, 'bad_request'],
			[{ public: 'yes' }, 'bad_request'],
			[{ questions: 'one' }, 'bad_request'],
			[{ received_on: today }, 'bad_request'],
			[{ requester: { kind: 'individual' } }, 'bad_request'],
		];
		for (const [over, code] of cases) {
			const res = await post('/api/v1/requests', alice, filing(over));
			assertError(res, 400, code);
		}
		assert.equal((await file(alice, { subject: 'ж'.repeat(300) })).subject.length, 300,
		    '300 Cyrillic letters are a subject');
		assert.equal((await file(alice, { questions: Array.from({ length: 20 }, (_, i) => `В${i}`) }))
		    .questions.length, 20, '20 questions');
		const notJson = await c.post('/api/v1/requests', { bearer: alice.token, body: '[1,2]',
		    headers: { 'Content-Type': 'application/json' } });
		assertError(notJson, 400);
	});

	test('every fee exemption category is accepted', async () => {
		const refused = [];
		for (const code of ['war_veterans', 'equated_to_veterans', 'disability_1_2',
		    'disabled_children_families', 'chronic_disease', 'pensioners', 'orphans',
		    'returnees', 'disaster_housing', 'large_families', 'duty_death_families',
		    'single_parent']) {
			const res = await post('/api/v1/requests', alice, filing({ fee_exemption: code, public: false }));
			if (res.status !== 201 || res.json.fee_exemption !== code)
				refused.push(`${code}: ${res.status}`);
		}
		assert.deepEqual(refused, [], 'all twelve are filed');
	});

	test('401 for the anonymous and for a token that is none', async () => {
		assertError(await post('/api/v1/requests', null, filing()), 401);
		const forged = await c.post('/api/v1/requests', { bearer: 'x.y', json: filing() });
		assertError(forged, 401);
	});
});

describe('POST /api/v1/requests: paper and oral requests registered by a holder', () => {
	test('a registrar registers a paper request with its receipt date and the requester', async () => {
		const received = addDays(today, -3);
		const iin = validIin();
		const res = await post('/api/v1/requests', registrar, {
			...filing({ language: 'kk', answer_form: 'paper' }),
			channel: 'paper', received_on: received,
			requester: { kind: 'individual', full_name: `Қағазова ${cyr(6)}`, iin,
			    postal_address: `Астана, ${cyr(8)} көшесі, 5` },
		});
		assert.equal(res.status, 201, res.body);
		const r = res.json;
		assert.equal(r.channel, 'paper');
		assert.equal(r.received_on, received);
		assert.equal(r.registered_on, today);
		assert.equal(r.due_on, await due(received, 15, 'calendar'), 'the answer runs from receipt');
		assert.equal(r.redirect_due_on, await due(received, 3, 'working'), 'the redirect runs from receipt');
		assert.equal(r.refusal_due_on, await due(today, 5, 'working'), 'the refusal runs from registration');
		assert.equal(r.requester.iin, iin, 'the registrar sees the requester');
		const anon = await get(`/api/v1/requests/${r.id}`);
		assert.equal(anon.status, 200);
		assert.ok(!anon.body.includes(iin), 'the public does not');
	});

	test('the head registers an oral request from an organisation, received today', async () => {
		const bin = organisation().bin;
		const res = await post('/api/v1/requests', head, {
			...filing(), channel: 'oral', received_on: today,
			requester: { kind: 'organisation', full_name: 'Устная Дана', bin, org_name: 'ТОО «Устное»',
			    email: uniqueEmail('oral'), phone: '+7 701 000 00 00' },
		});
		assert.equal(res.status, 201, res.body);
		assert.equal(res.json.channel, 'oral');
		assert.equal(res.json.received_on, today);
		assert.equal(res.json.requester.bin, bin);
	});

	test('403 for an executor and for an official of another holder', async () => {
		const body = {
			...filing(), received_on: today,
			requester: { kind: 'individual', full_name: 'Иванов Иван', iin: validIin() },
		};
		assertError(await post('/api/v1/requests', executor, body), 403, 'wrong_position');
		assertError(await post('/api/v1/requests', headB, body), 403, 'other_holder');
	});

	test('400 for a receipt date in the future, a missing one, and a bad requester', async () => {
		const base = {
			...filing(), received_on: addDays(today, 1),
			requester: { kind: 'individual', full_name: 'Иванов Иван', iin: validIin() },
		};
		assertError(await post('/api/v1/requests', registrar, base), 400, 'future_date');
		assertError(await post('/api/v1/requests', registrar, { ...base, received_on: undefined }), 400, 'invalid_date');
		assertError(await post('/api/v1/requests', registrar, { ...base, received_on: '2026-02-30' }), 400, 'invalid_date');
		assertError(await post('/api/v1/requests', registrar, { ...base, received_on: today,
		    requester: { ...base.requester, iin: invalidId(base.requester.iin) } }), 400, 'invalid_iin');
		assertError(await post('/api/v1/requests', registrar, { ...base, received_on: today,
		    requester: { kind: 'organisation', full_name: 'Иванов Иван', bin: '000000000001', org_name: 'ТОО' } }),
		    400, 'invalid_bin');
		assertError(await post('/api/v1/requests', registrar, { ...base, received_on: today,
		    requester: { kind: 'organisation', full_name: 'Иванов Иван', bin: organisation().bin } }),
		    400, 'invalid_org_name');
		assertError(await post('/api/v1/requests', registrar, { ...base, received_on: today,
		    requester: { kind: 'person', full_name: 'Иванов Иван' } }), 400, 'invalid_requester_kind');
		assertError(await post('/api/v1/requests', registrar, { ...base, received_on: today, channel: 'fax' }),
		    400, 'invalid_channel');
		assertError(await post('/api/v1/requests', registrar, { ...base, received_on: today,
		    requester: { ...base.requester, email: 'not-mail' } }), 400, 'invalid_email');
	});
});

// --- reading ------------------------------------------------------------------------

describe('GET /api/v1/requests/{id}', () => {
	let secret, open, address;
	const personal = ['full_name', 'iin', 'email', 'postal_address'];

	before(async () => {
		address = `Алматы, ${cyr(8)} даңғылы, 12`;
		secret = await file(alice, { public: false, answer_form: 'paper', postal_address: address });
		open = await file(alice);
	});

	test('a non-public request: 404 for the anonymous, other citizens and other holders', async () => {
		for (const who of [null, bob, ngo, headB]) {
			const res = await get(`/api/v1/requests/${secret.id}`, who);
			assertError(res, 404, 'not_found');
		}
	});

	test('a non-public request: 200 with personal data for the requester and the holder', async () => {
		for (const who of [alice, registrar, executor, head]) {
			const res = await get(`/api/v1/requests/${secret.id}`, who);
			assert.equal(res.status, 200, res.body);
			const q = res.json.requester;
			assert.equal(q.full_name, alice.full_name);
			assert.equal(q.iin, alice.iin);
			assert.equal(q.email, alice.email);
			assert.equal(q.postal_address, address);
		}
	});

	test('a public request: no personal data but for the requester and the holder', async () => {
		for (const who of [null, bob, headB]) {
			const res = await get(`/api/v1/requests/${open.id}`, who);
			assert.equal(res.status, 200, res.body);
			assert.deepEqual(res.json.requester, { kind: 'individual', name: null });
			for (const k of personal)
				assert.ok(!(k in res.json), k);
		}
		for (const who of [alice, registrar]) {
			const res = await get(`/api/v1/requests/${open.id}`, who);
			assert.equal(res.json.requester.iin, alice.iin);
		}
	});

	test('the shape the API promises', async () => {
		const res = await get(`/api/v1/requests/${open.id}`);
		for (const k of ['id', 'reg_no', 'holder_id', 'subject', 'body', 'language', 'status',
		    'received_on', 'due_on', 'refusal_due_on', 'redirect_due_on', 'overdue',
		    'answered_on', 'on_time', 'events'])
			assert.ok(k in res.json, k);
		assert.ok(res.json.events.every((e) => typeof e.type === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(e.date)));
	});

	test('404 for an unknown or malformed id', async () => {
		for (const id of ['99999999', '0', 'abc', '-1', '1e3'])
			assertError(await get(`/api/v1/requests/${id}`), 404);
	});
});

// --- the public tracker -----------------------------------------------------------------

describe('GET /api/v1/requests: the public tracker', () => {
	let ru, kk, old, atB, hidden, key, key2;

	before(async () => {
		key = tag();
		key2 = tag();
		ru = await file(alice, { subject: `Данные о выбросах завода ${key}`, language: 'ru' });
		kk = await file(bob, { subject: `Зауыттың қалдықтары ${key2}`,
		    body: 'Қалдық полигоны туралы ақпарат беруіңізді сұраймын.', language: 'kk' });
		hidden = await file(alice, { subject: `Скрытый выброс ${key}`, public: false });
		old = (await post('/api/v1/requests', registrar, {
			...filing({ subject: `Старый запрос ${key}` }), received_on: addDays(today, -40),
			requester: { kind: 'individual', full_name: 'Старов Пётр', iin: validIin() },
		})).json;
		atB = await file(alice, { holder_id: B.id, subject: `Региональный запрос ${key}` });
	});

	test('the list: {items, total, page, per_page}, public requests only, newest first', async () => {
		const l = await list(`q=${key}`);
		assert.equal(l.page, 1);
		assert.equal(l.per_page, 20);
		assert.equal(l.total, 3, ids(l).join(' '));
		assert.ok(!ids(l).includes(hidden.id), 'a non-public request is not listed');
		assert.deepEqual(ids(l), [atB.id, ru.id, old.id]);
		const item = l.items.find((x) => x.id === ru.id);
		assert.equal(item.reg_no, ru.reg_no);
		assert.equal(item.status, 'registered');
		assert.equal(item.due_on, ru.due_on);
		assert.deepEqual(item.requester, { kind: 'individual', name: null });
	});

	test('holder_id', async () => {
		const l = await list(`holder_id=${B.id}&q=${key}`);
		assert.deepEqual(ids(l), [atB.id]);
		const all = await list(`holder_id=${A.id}`);
		assert.ok(all.items.length > 0 && all.items.every((x) => x.holder_id === A.id));
		assert.equal((await list('holder_id=99999999')).total, 0);
	});

	test('status', async () => {
		const l = await list(`status=registered&q=${key}`);
		assert.equal(l.total, 3);
		assert.equal((await list(`status=answered&q=${key}`)).total, 0);
		const any = await list('status=registered');
		assert.ok(any.items.every((x) => x.status === 'registered'));
	});

	test('overdue=true: open requests past their due date', async () => {
		const r = await get(`/api/v1/requests/${old.id}`);
		assert.equal(r.json.overdue, true, 'received 40 days ago and unanswered');
		assert.ok(r.json.days_left < 0);
		const l = await list(`overdue=true&q=${key}`);
		assert.deepEqual(ids(l), [old.id]);
		const all = await list('overdue=true');
		assert.ok(all.items.length > 0 && all.items.every((x) => x.overdue === true));
		assert.equal((await list(`overdue=false&q=${key}`)).total, 3, 'false filters nothing');
	});

	test('region', async () => {
		const l = await list(`region=${B.region}&q=${key}`);
		assert.deepEqual(ids(l), [atB.id]);
		const all = await list(`region=${B.region}`);
		assert.ok(all.items.every((x) => x.region === B.region));
		const other = holders.find((h) => h.region && h.region !== B.region).region;
		assert.equal((await list(`region=${other}&q=${key}`)).total, 0);
	});

	test('holder, region and status counts (kept by triggers) follow every filing and step', async () => {
		// The count of these filters is added up from public_counts; with
		// a date as well it is counted row by row: the two must agree.
		const counts = async () => {
			const out = {};
			for (const q of [`holder_id=${B.id}&status=registered`, `holder_id=${B.id}&status=refused`,
			    `region=${B.region}&status=registered`, `holder_id=${B.id}`]) {
				const summed = await list(q);
				const counted = await list(`${q}&from=2000-01-01`);
				assert.equal(summed.total_capped, false);
				if (counted.total_capped === false)
					assert.equal(summed.total, counted.total, `${q}: added up = counted`);
				out[q] = summed.total;
			}
			return out;
		};
		const before = await counts();
		const mine = tag();
		const r = await file(alice, { holder_id: B.id, subject: `Счёт ${mine}` });
		await file(alice, { holder_id: B.id, subject: `Скрытый счёт ${mine}`, public: false });
		const filed = await counts();
		assert.equal(filed[`holder_id=${B.id}&status=registered`], before[`holder_id=${B.id}&status=registered`] + 1,
		    'a public filing counts; a non-public one does not');
		assert.equal(filed[`region=${B.region}&status=registered`], before[`region=${B.region}&status=registered`] + 1);
		assert.equal(filed[`holder_id=${B.id}`], before[`holder_id=${B.id}`] + 1);
		await step(headB, r.id, { type: 'refuse', ground: 'unidentifiable',
		    justification: 'Из запроса не ясно, какие сведения нужны.' });
		const moved = await counts();
		assert.equal(moved[`holder_id=${B.id}&status=registered`], filed[`holder_id=${B.id}&status=registered`] - 1,
		    'the step moves the request from one status to the other');
		assert.equal(moved[`holder_id=${B.id}&status=refused`], filed[`holder_id=${B.id}&status=refused`] + 1);
		assert.equal(moved[`holder_id=${B.id}`], filed[`holder_id=${B.id}`]);
	});

	test('the tracker page a visitor sees is never stale and never someone else\'s', async () => {
		// Pages for visitors not signed in are kept by each worker until
		// a request changes; every worker must show a new filing at once.
		const word = tag();
		const page = async (who) => {
			const res = await get(`/ru/requests?q=${word}`, who);
			assert.equal(res.status, 200);
			return res.body;
		};
		const rows = (html) => (html.match(/<tr class="state-/g) || []).length;
		await file(alice, { subject: `Кэш ${word}` });
		for (let i = 0; i < 6; i++)
			assert.equal(rows(await page()), 1, 'one request, on every worker');
		await file(bob, { subject: `Кэш второй ${word}` });
		for (let i = 0; i < 6; i++)
			assert.equal(rows(await page()), 2, 'the second appears at once on every worker');
		// A signed-in visitor gets a page of their own, and the kept page
		// of the anonymous never shows anyone's account.
		assert.match(await page(alice), /account\/logout|Выйти/);
		assert.doesNotMatch(await page(), /account\/logout|Выйти/);
	});

	test('from and to: the receipt date', async () => {
		const day = addDays(today, -40);
		assert.deepEqual(ids(await list(`from=${day}&to=${day}&q=${key}`)), [old.id]);
		assert.deepEqual(ids(await list(`to=${addDays(today, -1)}&q=${key}`)), [old.id]);
		assert.deepEqual(ids(await list(`from=${today}&q=${key}`)), [atB.id, ru.id]);
		assert.equal((await list(`from=${addDays(today, 1)}&q=${key}`)).total, 0);
	});

	test('q: Russian and Kazakh words find their inflected forms', async () => {
		assert.deepEqual(ids(await list(`q=${encodeURIComponent(`выброс ${key}`)}`)), [ru.id],
		    '"выброс" finds "выбросах"');
		assert.deepEqual(ids(await list(`q=${encodeURIComponent(`ВЫБРОС ${key}`)}`)), [ru.id],
		    'whatever the case');
		assert.equal((await list(`q=${encodeURIComponent(`выбросы ${key}`)}`)).total, 0,
		    '"выбросы" is no prefix of "выбросах"');
		const kkList = await list(`q=${encodeURIComponent(`зауыт ${key2}`)}`);
		assert.deepEqual(ids(kkList), [kk.id], '"зауыт" finds "Зауыттың"');
		assert.deepEqual(ids(await list(`q=${encodeURIComponent(`Қалдық полигон ${key2}`)}`)), [kk.id],
		    'Kazakh letters, words from subject and body');
		assert.deepEqual(ids(await list(`q=${encodeURIComponent(`${key}, «завода»!`)}`)), [ru.id],
		    'punctuation separates words');
	});

	test('q: operators and odd characters of the input are plain text, never a 5xx', async () => {
		const failed = [];
		for (const q of ["'", '\\', ':*', '!', '&|', '(', 'a:* | b', "'); DROP TABLE x; --",
		    'выброс <-> завод', '«зауыт»', 'зауыт\u00a0полигон', '—', '…', 'a\u200bb', '🌍',
		    // Unicode spaces between two words: U+2003 em space, U+3000
		    // ideographic space, U+2009 thin space.
		    'зауыт\u2003полигон', 'зауыт\u3000полигон', 'зауыт\u2009полигон']) {
			const res = await c.get(`/api/v1/requests?q=${encodeURIComponent(q)}`);
			if (res.status !== 200)
				failed.push(`${JSON.stringify(q)}: ${res.status}`);
		}
		assert.deepEqual(failed, [], 'every one answers 200');
		assert.equal((await list(`q=${encodeURIComponent('!!! ???')}`)).total, 0,
		    'words with no letter find nothing rather than everything');
		// Eleven z: a prefix of no word the test files (the key has ten
		// random letters and could begin with any one of them).
		assert.deepEqual(ids(await list(`q=${encodeURIComponent(`${key}:* | zzzzzzzzzzz`)}`)), [],
		    'an injected | does not widen the search');
	});

	test('page', async () => {
		const p1 = await list('page=1');
		const p2 = await list('page=2');
		assert.equal(p2.page, 2);
		assert.equal(p1.total, p2.total);
		assert.ok(p1.items.length <= 20);
		if (p1.total > 20) {
			assert.equal(p1.items.length, 20);
			assert.ok(!ids(p2).some((id) => ids(p1).includes(id)), 'pages do not overlap');
		} else {
			assert.equal(p2.items.length, 0);
		}
		// The last page there may be (10,000 of 20) is empty unless a
		// database holds nearly 200,000 public requests.
		assert.equal((await list('page=10000')).items.length,
		    Math.max(0, Math.min(20, p1.total - 9999 * 20)));
	});

	test('400 for bad filter values', async () => {
		for (const q of ['holder_id=abc', 'holder_id=0', 'holder_id=-1', 'status=lost',
		    'overdue=yes', 'region=atlantis', 'from=2026-02-30', 'to=tomorrow', 'page=0',
		    'page=abc', 'page=10001', `q=${encodeURIComponent('я'.repeat(201))}`, 'q=two%0Alines']) {
			const res = await c.get(`/api/v1/requests?${q}`);
			assertError(res, 400);
		}
	});
});

// --- the officials' steps ---------------------------------------------------------------

describe('POST /api/v1/requests/{id}/events', () => {
	test('classify: simple is due 15, complex 30 calendar days after receipt', async () => {
		const r = await file(alice);
		let s = await step(registrar, r.id, { type: 'classify', complexity: 'complex' });
		assert.equal(s.complexity, 'complex');
		assert.equal(s.due_on, await due(r.received_on, 30, 'calendar'));
		assert.equal(s.status, 'registered', 'classifying keeps the status');
		s = await step(executor, r.id, { type: 'classify', complexity: 'simple' });
		assert.equal(s.complexity, 'simple');
		assert.equal(s.due_on, await due(r.received_on, 15, 'calendar'));
		const ev = s.events.filter((e) => e.type === 'classify');
		assert.equal(ev.length, 2);
		assert.equal(ev[1].complexity, 'simple');
		assert.equal(ev[1].date, today);

		// A paper request received 20 days ago: its dates run from receipt.
		const received = addDays(today, -20);
		const p = (await post('/api/v1/requests', registrar, {
			...filing(), received_on: received,
			requester: { kind: 'individual', full_name: 'Бумажный Иван', iin: validIin() },
		})).json;
		s = await step(head, p.id, { type: 'classify', complexity: 'complex' });
		assert.equal(s.due_on, await due(received, 30, 'calendar'));
		assertError(await act(head, p.id, { type: 'classify', complexity: 'medium' }), 400);
		assertError(await act(head, p.id, { type: 'classify' }), 400);
	});

	test('extend: inspection up to 30 days, several holders up to 15 by the head, each once', async () => {
		const r = await file(alice);
		let s = await step(head, r.id, { type: 'assign', executor_id: executor.id });
		assert.equal(s.status, 'in_progress');
		assertError(await act(executor, r.id, { type: 'extend', reason: 'inspection', days: 31,
		    justification: 'Выезд на объект' }), 400);
		assertError(await act(executor, r.id, { type: 'extend', reason: 'inspection', days: 0,
		    justification: 'Выезд на объект' }), 400);
		assertError(await act(executor, r.id, { type: 'extend', reason: 'inspection', days: 10 }), 400,
		    'bad_request');
		assertError(await act(executor, r.id, { type: 'extend', reason: 'holidays', days: 10,
		    justification: 'x' }), 400);

		const before = s.due_on;
		s = await step(executor, r.id, { type: 'extend', reason: 'inspection', days: 30,
		    justification: 'Требуется выезд на объект' });
		assert.equal(s.status, 'extended');
		assert.equal(s.due_on, await due(before, 30, 'calendar'), 'counted from the current due date');
		assert.equal(s.notify_due_on, await due(today, 3, 'calendar'), 'the requester is told within 3 days');
		assert.deepEqual(s.extended, { inspection: true, multiple_holders: false });
		const ev = s.events.find((e) => e.type === 'extend');
		assert.equal(ev.reason, 'inspection');
		assert.equal(ev.days, 30);
		assertError(await act(executor, r.id, { type: 'extend', reason: 'inspection', days: 1,
		    justification: 'Ещё раз' }), 409, 'unlawful');

		assertError(await act(executor, r.id, { type: 'extend', reason: 'multiple_holders', days: 5,
		    justification: 'Нужны сведения акимата' }), 403, 'wrong_position');
		assertError(await act(head, r.id, { type: 'extend', reason: 'multiple_holders', days: 16,
		    justification: 'Нужны сведения акимата' }), 400);
		const mid = s.due_on;
		s = await step(head, r.id, { type: 'extend', reason: 'multiple_holders', days: 15,
		    justification: 'Нужны сведения акимата' });
		assert.equal(s.due_on, await due(mid, 15, 'calendar'));
		assert.equal(s.notify_due_on, await due(today, 3, 'working'));
		assert.deepEqual(s.extended, { inspection: true, multiple_holders: true });
		assertError(await act(head, r.id, { type: 'extend', reason: 'multiple_holders', days: 1,
		    justification: 'Ещё раз' }), 409, 'unlawful');
		// No reclassifying after an extension: it would discard the extension.
		assertError(await act(head, r.id, { type: 'classify', complexity: 'complex' }), 409, 'unlawful');

		// An overdue period cannot be extended any more.
		const late = (await post('/api/v1/requests', registrar, {
			...filing(), received_on: addDays(today, -40),
			requester: { kind: 'individual', full_name: 'Поздний Марат', iin: validIin() },
		})).json;
		await step(head, late.id, { type: 'assign', executor_id: executor.id });
		assertError(await act(executor, late.id, { type: 'extend', reason: 'inspection', days: 30,
		    justification: 'Поздно' }), 409, 'unlawful');
	});

	test('redirect: a new request at the competent holder, its own number and clock, the chain both ways', async () => {
		const r = await file(alice, { questions: ['Где данные?'] });
		assertError(await act(registrar, r.id, { type: 'redirect', to_holder_id: B.id }), 400);
		assertError(await act(registrar, r.id, { type: 'redirect', to_holder_id: A.id,
		    justification: 'Не наша компетенция' }), 400, 'invalid_holder');
		assertError(await act(registrar, r.id, { type: 'redirect', to_holder_id: 99999999,
		    justification: 'Не наша компетенция' }), 400, 'invalid_holder');
		assertError(await act(headB, r.id, { type: 'redirect', to_holder_id: B.id,
		    justification: 'Не наша компетенция' }), 403, 'other_holder');

		const s = await step(registrar, r.id, { type: 'redirect', to_holder_id: B.id,
		    justification: 'Вопрос относится к компетенции акимата' });
		assert.equal(s.status, 'redirected');
		assert.equal(s.on_time, true);
		assert.equal(s.redirected_to.holder_id, B.id);
		assert.notEqual(s.redirected_to.id, r.id);
		const ev = s.events.find((e) => e.type === 'redirect');
		assert.equal(ev.to_request_id, s.redirected_to.id);
		assert.equal(ev.deadline.code, 'redirect');
		assert.equal(ev.deadline.met, true);

		const n = await get(`/api/v1/requests/${s.redirected_to.id}`);
		assert.equal(n.status, 200, n.body);
		const nr = n.json;
		assert.equal(nr.holder_id, B.id);
		assert.equal(nr.reg_no, s.redirected_to.reg_no);
		assert.notEqual(nr.reg_no, r.reg_no);
		assert.ok(nr.reg_no.startsWith(`${B.code.toUpperCase().replace(/_/g, '-')}-`), nr.reg_no);
		assert.equal(nr.status, 'registered');
		assert.equal(nr.received_on, today, "the competent holder's clock starts on the day it receives it");
		assert.equal(nr.due_on, await due(today, 15, 'calendar'));
		assert.deepEqual(nr.redirected_from, { id: r.id, reg_no: r.reg_no, holder_id: A.id });
		assert.deepEqual((await get(`/api/v1/requests/${r.id}`)).json.redirected_to,
		    { id: nr.id, reg_no: nr.reg_no, holder_id: B.id }, 'the first request, read again, links it');
		assert.equal(nr.subject, r.subject);
		assert.deepEqual(nr.questions.map((q) => q.text), ['Где данные?']);
		assert.ok(nr.events.some((e) => e.type === 'received_redirect'));

		// The requester follows it, and the new holder sees who asked.
		assert.equal((await get(`/api/v1/requests/${nr.id}`, alice)).json.requester.iin, alice.iin);
		assert.equal((await get(`/api/v1/requests/${nr.id}`, headB)).json.requester.iin, alice.iin);
		// ...and the new holder may now act on it, the old one not.
		assertError(await act(head, nr.id, { type: 'classify', complexity: 'simple' }), 403, 'other_holder');
		await step(headB, nr.id, { type: 'classify', complexity: 'simple' });

		assertError(await act(registrar, r.id, { type: 'redirect', to_holder_id: C.id,
		    justification: 'Ещё раз' }), 409, 'unlawful');
	});

	test('answer: complete or partial, each question, the copying fee', async () => {
		const r = await file(alice, { questions: ['Первый?', 'Второй?', 'Третий?'] });
		assertError(await act(head, r.id, { type: 'answer' }), 400, 'invalid_text');
		assertError(await act(registrar, r.id, { type: 'answer', text: 'Ответ' }), 403, 'wrong_position');
		assertError(await act(executor, r.id, { type: 'answer', text: 'Ответ' }), 403, 'wrong_position');
		assertError(await act(headB, r.id, { type: 'answer', text: 'Ответ' }), 403, 'other_holder');
		assertError(await act(bob, r.id, { type: 'answer', text: 'Ответ' }), 403);
		assertError(await act(null, r.id, { type: 'answer', text: 'Ответ' }), 401);
		assertError(await act(head, r.id, { type: 'answer', text: 'Ответ',
		    fee: { pages: 10, tariff: '12.505' } }), 400);
		assertError(await act(head, r.id, { type: 'answer', text: 'Ответ',
		    questions: [{ n: 21, answered: true }] }), 400);

		const s = await step(head, r.id, {
			type: 'answer', text: 'Данные мониторинга прилагаются.', complete: true,
			questions: [{ n: 1, answered: true, answer: 'Сорок тонн.' }, { n: 2, answered: true },
			    { n: 3, answered: false }],
			fee: { pages: 10, tariff: '12.50' },
		});
		assert.equal(s.status, 'answered');
		assert.equal(s.answered_on, today);
		assert.equal(s.on_time, true);
		assert.equal(s.answer.text, 'Данные мониторинга прилагаются.');
		assert.equal(s.answer.complete, true);
		assert.deepEqual(s.answer.fee, { pages: 10, tariff: '12.50', amount: 125 });
		assert.deepEqual(s.questions.map((q) => [q.n, q.answered, q.answer]),
		    [[1, true, 'Сорок тонн.'], [2, true, null], [3, false, null]]);
		const ev = s.events.find((e) => e.type === 'answer');
		assert.equal(ev.date, today);
		assert.deepEqual(ev.deadline, { code: 'answer_simple', due: r.due_on, met: true });
		assert.ok(s.events.some((e) => e.type === 'assign'), 'the head took it on');

		const p = await file(alice);
		const ps = await step(head, p.id, { type: 'answer', text: 'Частично.', complete: false });
		assert.equal(ps.status, 'partially_answered');
		assert.equal(ps.answer.complete, false);

		// An exempt requester pays nothing.
		const x = await file(alice, { fee_exemption: 'pensioners' });
		const xs = await step(head, x.id, { type: 'answer', text: 'Копии прилагаются.',
		    fee: { pages: 4, tariff: 25 } });
		assert.equal(xs.answer.fee, undefined);

		assertError(await act(head, r.id, { type: 'answer', text: 'Снова' }), 409, 'unlawful');

		// A late answer is lawful, and marked late.
		const old = (await post('/api/v1/requests', registrar, {
			...filing(), received_on: addDays(today, -40),
			requester: { kind: 'individual', full_name: 'Старов Пётр', iin: validIin() },
		})).json;
		const ls = await step(head, old.id, { type: 'answer', text: 'С опозданием.' });
		assert.equal(ls.status, 'answered');
		assert.equal(ls.on_time, false);
		assert.equal(ls.answered_late, true);
		assert.deepEqual(ls.events.find((e) => e.type === 'answer').deadline,
		    { code: 'answer_simple', due: old.due_on, met: false });
	});

	test('refuse: each of the seven grounds; an answer after a refusal is 409', async () => {
		for (const ground of GROUNDS) {
			const r = await file(alice);
			const s = await step(head, r.id, { type: 'refuse', ground,
			    justification: `Отказ по основанию ${ground}` });
			assert.equal(s.status, 'refused', ground);
			assert.equal(s.ground, ground);
			assert.equal(s.justification, `Отказ по основанию ${ground}`);
			assert.equal(s.refused_on, today);
			assert.equal(s.on_time, true);
			const ev = s.events.find((e) => e.type === 'refuse');
			assert.equal(ev.ground, ground);
			assert.equal(ev.deadline.code, 'refuse');
			if (ground === 'restricted_access')
				assertError(await act(head, r.id, { type: 'answer', text: 'Всё же отвечаем' }), 409, 'unlawful');
		}
		const r = await file(alice);
		assertError(await act(head, r.id, { type: 'refuse', ground: 'too_busy', justification: 'x' }), 400);
		assertError(await act(head, r.id, { type: 'refuse', justification: 'x' }), 400);
		assertError(await act(head, r.id, { type: 'refuse', ground: 'non_compliant' }), 400);
		assertError(await act(executor, r.id, { type: 'refuse', ground: 'non_compliant',
		    justification: 'x' }), 403, 'wrong_position');
		const l = await list('status=refused');
		assert.ok(l.items.every((x) => x.status === 'refused'));
	});

	test('not_consider: by the head, with reasons', async () => {
		const r = await file(alice);
		assertError(await act(head, r.id, { type: 'not_consider' }), 400);
		assertError(await act(executor, r.id, { type: 'not_consider', justification: 'Нет сути' }), 403,
		    'wrong_position');
		const s = await step(head, r.id, { type: 'not_consider', justification: 'Не изложена суть вопроса' });
		assert.equal(s.status, 'not_considered');
		assertError(await act(head, r.id, { type: 'not_consider', justification: 'Ещё раз' }), 409, 'unlawful');
	});

	test('withdraw: the requester alone', async () => {
		const r = await file(alice);
		assertError(await act(bob, r.id, { type: 'withdraw' }), 403);
		assertError(await act(head, r.id, { type: 'withdraw' }), 403);
		assertError(await act(registrar, r.id, { type: 'withdraw' }), 403);
		const s = await step(alice, r.id, { type: 'withdraw' });
		assert.equal(s.status, 'withdrawn');
		assertError(await act(alice, r.id, { type: 'withdraw' }), 409, 'unlawful');
		assertError(await act(alice, r.id, { type: 'classify', complexity: 'simple' }), 403);
	});

	test('withdraw: never by an official, not even the registrar who registered the paper request', async () => {
		const p = await post('/api/v1/requests', registrar, {
			...filing(), received_on: today,
			requester: { kind: 'individual', full_name: 'Бумажная Анна', iin: validIin() },
		});
		assert.equal(p.status, 201, p.body);
		assertError(await act(registrar, p.json.id, { type: 'withdraw' }), 403);
		assert.equal((await get(`/api/v1/requests/${p.json.id}`)).json.status, 'registered');
	});

	test('draft: the executor drafts, the head signs without text and the draft is issued', async () => {
		const r = await file(alice, { questions: ['Первый?', 'Второй?'] });
		assertError(await act(executor, r.id, { type: 'draft', text: 'Черновик' }), 409, 'unlawful');
		await step(head, r.id, { type: 'assign', executor_id: executor.id });
		assertError(await act(registrar, r.id, { type: 'draft', text: 'Черновик' }), 403, 'wrong_position');
		const text = `Проект ответа ${tag()}`;
		const d = await step(executor, r.id, {
			type: 'draft', of: 'answer', text, complete: true,
			questions: [{ n: 1, answered: true, answer: 'Да.' }, { n: 2, answered: true, answer: 'Нет.' }],
			fee: { pages: 2, tariff: '30' },
		});
		assert.equal(d.status, 'in_progress', 'a draft changes no status');
		assert.equal(d.draft.text, text, 'the holder sees the draft');
		assert.ok(d.events.some((e) => e.type === 'draft'));
		for (const who of [null, alice]) {
			const pub = await get(`/api/v1/requests/${r.id}`, who);
			assert.ok(!pub.body.includes(text), 'the draft is the holder\'s business');
			assert.ok(!('draft' in pub.json));
			assert.ok(!pub.json.events.some((e) => e.type === 'draft'));
		}

		const s = await step(head, r.id, { type: 'answer' });
		assert.equal(s.status, 'answered');
		assert.equal(s.answer.text, text, "the draft's text becomes the answer");
		assert.deepEqual(s.questions.map((q) => [q.answered, q.answer]), [[true, 'Да.'], [true, 'Нет.']]);
		assert.deepEqual(s.answer.fee, { pages: 2, tariff: '30.00', amount: 60 });
		assert.ok(!s.draft, 'the draft is gone once signed');
		assertError(await act(executor, r.id, { type: 'draft', text: 'Поздно' }), 409);
	});

	test('draft: a partial answer drafted is issued partial when the head signs it', async () => {
		const r = await file(alice, { questions: ['Первый?', 'Второй?'] });
		await step(head, r.id, { type: 'assign', executor_id: executor.id });
		await step(executor, r.id, { type: 'draft', of: 'answer', text: 'Только на первый вопрос.',
		    complete: false, questions: [{ n: 1, answered: true }, { n: 2, answered: false }] });
		const s = await step(head, r.id, { type: 'answer' });
		assert.equal(s.answer.text, 'Только на первый вопрос.');
		assert.equal(s.status, 'partially_answered', 'the head signed a partial answer');
	});

	test('draft: a refusal drafted with its ground is issued when the head signs it', async () => {
		const r = await file(alice);
		await step(head, r.id, { type: 'assign', executor_id: executor.id });
		assertError(await act(executor, r.id, { type: 'draft', of: 'refuse', justification: 'x' }), 400);
		assertError(await act(executor, r.id, { type: 'draft', of: 'refuse', ground: 'restricted_access' }), 400);
		await step(executor, r.id, { type: 'draft', of: 'refuse', ground: 'restricted_access',
		    justification: 'Сведения составляют коммерческую тайну.' });
		const res = await act(head, r.id, { type: 'refuse' });
		assert.equal(res.status, 200, `the head signs the drafted refusal: ${res.body.slice(0, 300)}`);
		assert.equal(res.json.status, 'refused');
		assert.equal(res.json.ground, 'restricted_access');
		assert.equal(res.json.justification, 'Сведения составляют коммерческую тайну.');
	});

	test('bad actions: unknown type, wrong types, unknown request', async () => {
		const r = await file(alice);
		assertError(await act(head, r.id, { type: 'approve' }), 400);
		assertError(await act(head, r.id, {}), 400);
		assertError(await act(head, r.id, { type: 'classify', complexity: 1 }), 400);
		assertError(await act(head, r.id, { type: 'assign', executor_id: alice.id }), 400, 'invalid_executor');
		assertError(await act(head, r.id, { type: 'assign', executor_id: headB.id }), 400, 'invalid_executor');
		assertError(await act(head, 99999999, { type: 'classify', complexity: 'simple' }), 404, 'not_found');
		assertError(await act(head, 'abc', { type: 'classify', complexity: 'simple' }), 404);
	});

	test('what a request is read with (its document) is kept in step with every step', () => {
		assert.equal(staleRequestPages(), 0);
	});

	test('a request without its kept document is read from its tables, and kept again at its next step', async () => {
		const r = await file(alice, { questions: ['Когда?'] });
		psql(`DELETE FROM requests.request_pages WHERE request_id = :'id';`, { id: String(r.id) });
		const read = await c.get(`/api/v1/requests/${r.id}`);
		assert.equal(read.status, 200, read.body.slice(0, 300));
		assert.equal(read.json.subject, r.subject);
		assert.deepEqual(read.json.events.map((e) => e.type), ['registered']);
		const page = await c.get(`/ru/requests/${r.id}`);
		assert.equal(page.status, 200);
		assert.ok(page.body.includes('Когда?'), 'the page shows its questions');
		await step(head, r.id, { type: 'classify', complexity: 'simple' });
		assert.equal(psql(`SELECT count(*) FROM requests.request_pages WHERE request_id = :'id';`,
		    { id: String(r.id) }).trim(), '1', 'the step keeps it again');
		assert.equal(staleRequestPages(), 0);
	});
});

// --- privacy ------------------------------------------------------------------------------

describe('privacy: an individual requester in no public response', () => {
	let person, secrets, reqs;

	before(async () => {
		const surname = `Тайнова${cyr(8)}`;
		person = await signUp(individual({
			full_name: `${surname} Гүлнар`, email: uniqueEmail('secret'), iin: validIin(),
		}));
		const address = `Шымкент, ${cyr(10)} көшесі, үй ${randomInt(100, 999)}`;
		secrets = { iin: person.iin, email: person.email, full_name: person.full_name, surname, address };
		const key = tag();
		const over = { subject: `Приватный запрос ${key}`, answer_form: 'paper', postal_address: address,
		    show_name: true, questions: ['Вопрос?'] };
		reqs = [];
		reqs.push(await file(person, over));
		const answered = await file(person, over);
		await step(head, answered.id, { type: 'answer', text: 'Ответ.', fee: { pages: 1, tariff: '10' } });
		reqs.push(answered);
		const refused = await file(person, over);
		await step(head, refused.id, { type: 'refuse', ground: 'non_compliant', justification: 'Нет.' });
		reqs.push(refused);
		const moved = await file(person, over);
		const m = await step(registrar, moved.id, { type: 'redirect', to_holder_id: B.id, justification: 'Туда.' });
		reqs.push(moved, { id: m.redirected_to.id });
		secrets.key = key;
		// A paper request of a person with an e-mail and a phone, by a registrar.
		const paperIin = validIin();
		const paper = await post('/api/v1/requests', registrar, {
			...filing({ subject: `Бумажный приватный ${key}`, answer_form: 'paper' }), received_on: today,
			requester: { kind: 'individual', full_name: `Бумагова${cyr(8)} Ляззат`, iin: paperIin,
			    email: uniqueEmail('paper'), phone: `+7 777 ${randomInt(100, 999)} ${randomInt(10, 99)} 11`,
			    postal_address: `Атырау, ${cyr(10)} көшесі` },
		});
		assert.equal(paper.status, 201, paper.body);
		reqs.push(paper.json);
		secrets.paper = [paperIin, paper.json.requester.full_name, paper.json.requester.email,
		    paper.json.requester.phone, paper.json.requester.postal_address];
		assert.ok(secrets.paper.every((s) => typeof s === 'string' && s.length > 0), 'the registrar sees them');
	});

	function assertClean(res, what) {
		assert.equal(res.status, 200, `${what}: ${res.status}`);
		for (const s of [secrets.iin, secrets.email, secrets.full_name, secrets.surname, secrets.address,
		    ...secrets.paper])
			assert.ok(!res.body.includes(s), `${what} contains ${s}`);
	}

	test('the requester sees them: the test can tell', async () => {
		const res = await get(`/api/v1/requests/${reqs[0].id}`, person);
		assert.ok(res.body.includes(secrets.iin) && res.body.includes(secrets.email) &&
		    res.body.includes(secrets.address) && res.body.includes(secrets.full_name));
	});

	test('GET /api/v1/requests/{id}: anonymous, another citizen, another holder', async () => {
		for (const r of reqs)
			for (const who of [null, bob, ngo])
				assertClean(await get(`/api/v1/requests/${r.id}`, who), `GET ${r.id} as ${who?.email ?? 'anonymous'}`);
		// The head of B holds the redirected copy, but not the others.
		for (const r of [reqs[0], reqs[1], reqs[2], reqs[3], reqs[5]])
			assertClean(await get(`/api/v1/requests/${r.id}`, headB), `GET ${r.id} as another holder's head`);
	});

	test('GET /api/v1/requests with every filter, searching for the personal data too', async () => {
		const queries = ['', 'page=2', `holder_id=${A.id}`, `holder_id=${B.id}`, `region=${B.region}`,
		    'status=registered', 'status=answered', 'status=refused', 'status=redirected',
		    `from=${today}&to=${today}`, `q=${secrets.key}`, `q=${encodeURIComponent('Приватный')}`];
		for (const s of [secrets.iin, secrets.email, secrets.surname, secrets.address, ...secrets.paper])
			queries.push(`q=${encodeURIComponent(s)}`);
		for (const q of queries) {
			const res = await c.get(`/api/v1/requests?${q}`);
			assertClean(res, `list ${q}`);
		}
		const found = await list(`q=${secrets.key}`);
		assert.equal(found.total, reqs.length, 'the requests themselves are found');
		for (const s of [secrets.iin, secrets.surname, secrets.paper[0]])
			assert.equal((await list(`q=${encodeURIComponent(s)}`)).total, 0, `the search does not index ${s}`);
	});

	test('the handlers\' logs hold none of it', () => {
		for (const f of handlerLogs()) {
			const text = readLog(f);
			for (const s of [secrets.iin, secrets.email, secrets.full_name, secrets.address, ...secrets.paper])
				assert.ok(!text.includes(s), `${f} contains ${s}`);
		}
	});

	test("a redirected paper request: its registrar sees no personal data at the other holder", async () => {
		const iin = validIin();
		const p = await post('/api/v1/requests', registrar, {
			...filing(), received_on: today,
			requester: { kind: 'individual', full_name: `Переслан${cyr(6)} Ерлан`, iin },
		});
		assert.equal(p.status, 201, p.body);
		const s = await step(registrar, p.json.id, { type: 'redirect', to_holder_id: B.id,
		    justification: 'Компетенция акимата' });
		const res = await get(`/api/v1/requests/${s.redirected_to.id}`, registrar);
		assert.equal(res.status, 200);
		assert.ok(!res.body.includes(iin), "officials see personal data only for their own holder's requests");
	});
});
