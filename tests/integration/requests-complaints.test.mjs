// Complaints about a request and the files of an answer (issue 4, items 6
// and 4) over HTTP.
//
// Complaints: the requester files one after an answer, a partial answer, a
// refusal, a decision not to consider, or when the answer is overdue; the
// limit is the rule "complain" (three months from the day the requester
// learned of the decision, checked against the calendar API, never
// hard-coded); a late complaint is accepted with the law's warning; the
// outcome is recorded by the requester or the holder's officials; a court
// case is linked by its key.  Every step is in the timeline and the audit
// log; everyone else is refused; no personal data goes public.  Decisions
// taken months ago are made by moving the request's dates back with psql.
//
// Files: the executor's draft carries files (the desk's multipart form or
// base64 over the API), the head's signature issues them; downloads are
// seen by whoever may see them and are a 404 for everyone else; types are
// checked by content; 10 MB passes, more is a 413 from the handler or
// from nginx.
//
// Sign-ins from 127.0.0.22: the executor and head of holder 1 and the head
// of another holder, once each.  Citizens register through the HTML form.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import { client, csrfOf, errorOf, individual, uniqueEmail } from './lib/http.mjs';
import { tr, trHtml } from './lib/po.mjs';
import {
	addDays, cyr, multipart, official, psql, signUp, staleRequestPages, tag,
} from './lib/requests.mjs';

const c = client('127.0.0.22');

// --- helpers ------------------------------------------------------------------

function post(path, who, json, headers) {
	return c.post(path, { bearer: who?.token, json, headers });
}

function get(path, who, headers) {
	return c.get(path, { bearer: who?.token, headers });
}

function assertError(res, status, code) {
	assert.equal(res.status, status, res.body.slice(0, 400));
	const e = errorOf(res);
	if (code !== undefined)
		assert.equal(e.code, code, res.body.slice(0, 400));
	return e;
}

// The due date by the calendar API: months after from.
async function monthsAfter(from, months) {
	const res = await c.get(`/api/v1/deadline?from=${from}&months=${months}`);
	assert.equal(res.status, 200, res.body);
	return res.json.due;
}

let A, B, today;
let executor, head, headB;
let alice, bob;

// Files a public request to holder A as who (201).
async function file(who, over = {}) {
	const res = await post('/api/v1/requests', who, {
		holder_id: A.id, subject: `Жалобы и файлы ${tag()}`,
		body: 'Прошу предоставить данные мониторинга воды реки Нура.',
		language: 'ru', answer_form: 'electronic', public: true, ...over,
	});
	assert.equal(res.status, 201, res.body.slice(0, 400));
	return res.json;
}

async function step(who, id, body) {
	const res = await post(`/api/v1/requests/${id}/events`, who, body);
	assert.equal(res.status, 200, `${body.type}: ${res.body.slice(0, 400)}`);
	return res.json;
}

// A request of alice's answered by the head today.
async function answered(over = {}) {
	const r = await file(alice, over);
	return step(head, r.id, { type: 'answer', text: 'Данные прилагаются.', complete: true });
}

// Moves the decision of request id back to day: answered or refused then.
function decidedOn(id, day) {
	psql(`UPDATE requests.requests SET answered_on = CASE WHEN answered_on IS NULL
	    THEN NULL ELSE '${day}'::date END, refused_on = CASE WHEN refused_on IS NULL
	    THEN NULL ELSE '${day}'::date END, closed_on = '${day}' WHERE id = ${Number(id)};`);
}

function complain(who, id, body, headers) {
	return post(`/api/v1/requests/${id}/complaints`, who, body, headers);
}

const COMPLAINT = {
	instance: 'higher_body',
	body_name: 'Министерство экологии и природных ресурсов Республики Казахстан',
	text: 'Ответ неполный: не приведены данные за 2025 год.',
};

async function filed(who, id, over = {}) {
	const res = await complain(who, id, { ...COMPLAINT, ...over });
	assert.equal(res.status, 201, res.body.slice(0, 400));
	return res.json;
}

function outcome(who, id, cid, body) {
	return post(`/api/v1/requests/${id}/complaints/${cid}/outcome`, who, body);
}

// The rows of core.audit about request id with action.
function audits(id, action) {
	return Number(psql(`SELECT count(*) FROM core.audit WHERE object_type = 'request'
	    AND object_id = '${Number(id)}' AND action = '${action}';`).trim());
}

// A signed-in browser: the cookie of who and the page's CSRF token.
async function browser(who, path) {
	const cookies = { eco_session: who.token };
	const page = await c.get(path, { cookies });
	assert.equal(page.status, 200, `${path}: ${page.status}`);
	return { cookies, csrf: csrfOf(page.body), page };
}

before(async () => {
	const res = await c.get('/api/v1/holders');
	assert.equal(res.status, 200, res.body);
	A = res.json.items.find((h) => h.id === 1);
	B = res.json.items.find((h) => h.id !== 1 && h.region !== null);
	assert.ok(A && B, 'two holders');
	executor = await official(c, A.id, 'executor');
	head = await official(c, A.id, 'head');
	headB = await official(c, B.id, 'head');
	alice = await signUp(c, individual({
		full_name: `Шағымбекова ${cyr(8)} Әсем`, email: uniqueEmail('alice'),
	}));
	bob = await signUp(c, individual());
	const probe = await file(bob, { public: false });
	today = probe.received_on;
	assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
});

// --- complaints over the API --------------------------------------------------------

describe('POST /api/v1/requests/{id}/complaints', () => {
	test('after an answer, on time: 201 with the limit of the rule and no warning', async () => {
		const r = await answered();
		const res = await complain(alice, r.id, COMPLAINT);
		assert.equal(res.status, 201, res.body);
		const k = res.json;
		assert.ok(Number.isInteger(k.id) && k.id > 0);
		assert.equal(k.instance, 'higher_body');
		assert.equal(k.body_name, COMPLAINT.body_name);
		assert.equal(k.learned_on, today, 'learned of it on the day of the answer');
		assert.equal(k.filed_on, today, 'filed today');
		assert.equal(k.limit_on, await monthsAfter(today, 3), 'three months from learning of it');
		assert.equal(k.late, false);
		assert.equal(k.warning, null);
		assert.equal(k.outcome, 'pending');
		assert.equal(k.outcome_on, null);
		assert.equal(k.court_case_key, null);
		assert.equal(k.text, COMPLAINT.text, 'the requester reads her own complaint');

		const v = (await get(`/api/v1/requests/${r.id}`)).json;
		assert.equal(v.complaints.length, 1);
		const pub = v.complaints[0];
		assert.equal(pub.id, k.id);
		assert.equal(pub.limit_on, k.limit_on);
		assert.equal(pub.late, false);
		assert.ok(!('text' in pub) && !('outcome_note' in pub), 'its text is not public');
		const ev = v.events.find((e) => e.type === 'complaint');
		assert.ok(ev, 'in the timeline');
		assert.equal(ev.date, today);
		assert.equal(ev.complaint_id, k.id);
		assert.equal(ev.instance, 'higher_body');
		assert.equal(ev.against, 'answer');
		assert.deepEqual(ev.deadline, { code: 'complain', due: k.limit_on, met: true });
		assert.ok(!JSON.stringify(v.events).includes(COMPLAINT.text));
		assert.equal(audits(r.id, 'request.complaint'), 1, 'one audit row');
	});

	test('late: accepted, marked late, with the law\'s warning in the visitor\'s language', async () => {
		const r = await answered();
		const long = addDays(today, -200);
		decidedOn(r.id, long);
		const limit = await monthsAfter(long, 3);
		assert.ok(limit < today, 'the limit has passed');

		const res = await complain(alice, r.id, COMPLAINT, { 'Accept-Language': 'ru' });
		assert.equal(res.status, 201, res.body);
		assert.equal(res.json.learned_on, long, 'learned of it when it was answered');
		assert.equal(res.json.limit_on, limit);
		assert.equal(res.json.late, true);
		const w = res.json.warning;
		assert.equal(typeof w, 'string');
		assert.ok(w.startsWith(tr('ru', 'Filed after the time limit, {date} ({law}). A missed limit is no ground to refuse to accept a complaint; the reasons for the delay are examined with it and may be a ground to dismiss it.').split('{date}')[0]), w);
		assert.ok(w.includes('Закон «О доступе к информации», ст. 18'), `the law: ${w}`);
		assert.ok(!w.includes('{'), 'every placeholder filled');

		const v = (await get(`/api/v1/requests/${r.id}`, null, { 'Accept-Language': 'en' })).json;
		const pub = v.complaints.find((x) => x.id === res.json.id);
		assert.equal(pub.late, true);
		assert.match(pub.warning, /^Filed after the time limit, .* \(Access to Information Law, art\. 18\)\. A missed limit is no ground/);
		const ev = v.events.find((e) => e.type === 'complaint');
		assert.deepEqual(ev.deadline, { code: 'complain', due: limit, met: false }, 'missed in the timeline');

		// Learning of it later (a letter that came late) moves the limit.
		const later = addDays(today, -10);
		const ok = await filed(alice, r.id, { learned_on: later, instance: 'court', body_name: 'Специализированный межрайонный экономический суд города Астаны' });
		assert.equal(ok.learned_on, later);
		assert.equal(ok.limit_on, await monthsAfter(later, 3));
		assert.equal(ok.late, false);
		assert.equal(ok.warning, null);
	});

	test('a refusal, a decision not to consider, a partial answer', async () => {
		let r = await file(alice);
		r = await step(head, r.id, { type: 'refuse', ground: 'restricted_access', justification: 'Сведения ограниченного доступа' });
		let k = await filed(alice, r.id, { instance: 'court', body_name: 'Суд района Байконыр города Астаны', court_case_key: 'a-2026-17' });
		assert.equal(k.court_case_key, 'a-2026-17');
		assert.equal((await get(`/api/v1/requests/${r.id}`)).json.events.find((e) => e.type === 'complaint').against, 'refusal');

		r = await file(alice);
		await step(head, r.id, { type: 'not_consider', justification: 'Не указана суть вопроса' });
		k = await filed(alice, r.id);
		assert.equal(k.learned_on, today);

		r = await file(alice);
		await step(head, r.id, { type: 'answer', text: 'Часть данных', complete: false });
		k = await filed(alice, r.id, { filed_on: today, learned_on: today });
		assert.equal(k.late, false);
		assert.equal((await get(`/api/v1/requests/${r.id}`)).json.events.find((e) => e.type === 'complaint').against, 'partial_answer');
	});

	test('inaction: an open request past its due date may be complained of from the day after', async () => {
		const r = await file(alice);
		const received = addDays(today, -60), due = addDays(today, -45);
		psql(`UPDATE requests.requests SET received_on = '${received}', registered_on = '${received}',
		    due_on = '${due}' WHERE id = ${r.id};`);
		const k = await filed(alice, r.id);
		assert.equal(k.learned_on, addDays(due, 1));
		assert.equal(k.limit_on, await monthsAfter(addDays(due, 1), 3));
		assert.equal(k.late, false);
		assertError(await complain(alice, r.id, { ...COMPLAINT, learned_on: due }), 400, 'learned_too_early');
		assert.equal((await get(`/api/v1/requests/${r.id}`)).json.events.find((e) => e.type === 'complaint').against, 'inaction');
	});

	test('409: nothing to complain about yet, a redirected or withdrawn request, 20 complaints', async () => {
		let r = await file(alice);
		assertError(await complain(alice, r.id, COMPLAINT), 409, 'nothing_to_complain');
		await step(head, r.id, { type: 'classify', complexity: 'complex' });
		assertError(await complain(alice, r.id, COMPLAINT), 409, 'nothing_to_complain');

		r = await file(alice);
		await step(head, r.id, { type: 'redirect', to_holder_id: B.id, justification: 'Не наша компетенция' });
		assertError(await complain(alice, r.id, COMPLAINT), 409, 'nothing_to_complain');

		r = await file(alice);
		await step(alice, r.id, { type: 'withdraw' });
		assertError(await complain(alice, r.id, COMPLAINT), 409, 'nothing_to_complain');

		r = await answered();
		for (let i = 0; i < 20; i++)
			await filed(alice, r.id, { body_name: `Орган ${i + 1}` });
		assertError(await complain(alice, r.id, COMPLAINT), 409, 'too_many_complaints');
		assert.equal((await get(`/api/v1/requests/${r.id}`)).json.complaints.length, 20);
	});

	test('400: every bad field is named; nothing is written', async () => {
		const r = await answered();
		const cases = [
			[{ instance: 'prosecutor' }, 'instance', 'invalid_instance'],
			[{ instance: undefined }, 'instance', 'invalid_instance'],
			[{ body_name: '  ' }, 'body_name', 'invalid_body_name'],
			[{ body_name: 'ж'.repeat(301) }, 'body_name', 'invalid_body_name'],
			[{ learned_on: addDays(today, -1) }, 'learned_on', 'learned_too_early'],
			[{ learned_on: '2026/01/01' }, 'learned_on', 'invalid_learned_on'],
			[{ filed_on: addDays(today, 1) }, 'filed_on', 'future_date'],
			[{ text: '' }, 'text', 'invalid_text'],
			[{ text: 'ә'.repeat(20001) }, 'text', 'invalid_text'],
			[{ court_case_key: 'A/1' }, 'court_case_key', 'invalid_court_case_key'],
			[{ court_case_key: 'a-2026-1' }, 'court_case_key', 'not_a_court'],
		];
		for (const [over, field, code] of cases) {
			const e = assertError(await complain(alice, r.id, { ...COMPLAINT, ...over }), 400, code);
			assert.equal(typeof e.fields?.[field], 'string', `${field}: ${JSON.stringify(e)}`);
		}
		const many = assertError(await complain(alice, r.id, { instance: 'x', text: '' }, { 'Accept-Language': 'ru' }), 400);
		assert.deepEqual(Object.keys(many.fields).sort(), ['body_name', 'instance', 'text']);
		assert.equal(many.fields.text, tr('ru', 'Write what the complaint says (up to 20,000 characters).'));
		assertError(await complain(alice, r.id, { ...COMPLAINT, instance: 1 }), 400, 'bad_request');
		const notJson = await c.post(`/api/v1/requests/${r.id}/complaints`, { bearer: alice.token,
		    body: '[]', headers: { 'Content-Type': 'application/json' } });
		assertError(notJson, 400);
		assert.equal((await get(`/api/v1/requests/${r.id}`)).json.complaints.length, 0, 'nothing was filed');
		assert.equal(audits(r.id, 'request.complaint'), 0);
	});

	test('403 for anyone but the requester; 404 for what the visitor may not see', async () => {
		const r = await answered();
		assertError(await complain(bob, r.id, COMPLAINT), 403, 'forbidden');
		assertError(await complain(head, r.id, COMPLAINT), 403, 'forbidden');
		assertError(await complain(headB, r.id, COMPLAINT), 403, 'forbidden');
		assertError(await complain(null, r.id, COMPLAINT), 401);

		const hidden = await answered({ public: false });
		assertError(await complain(bob, hidden.id, COMPLAINT), 404, 'not_found');
		assertError(await complain(headB, hidden.id, COMPLAINT), 404, 'not_found');
		assertError(await complain(alice, 99999999, COMPLAINT), 404, 'not_found');
		assertError(await complain(alice, 'x1', COMPLAINT), 404);
		assert.equal((await filed(alice, hidden.id)).late, false, 'its requester may');
	});
});

describe('POST /api/v1/requests/{id}/complaints/{cid}/outcome', () => {
	test('the requester records the outcome once; it is in the timeline; its note is not public', async () => {
		const r = await answered();
		const k = await filed(alice, r.id);
		const res = await outcome(alice, r.id, k.id, { outcome: 'upheld', on: today, note: 'Министерство обязало ответить' });
		assert.equal(res.status, 200, res.body);
		assert.equal(res.json.id, k.id);
		assert.equal(res.json.outcome, 'upheld');
		assert.equal(res.json.outcome_on, today);
		assert.equal(res.json.outcome_note, 'Министерство обязало ответить');
		assertError(await outcome(alice, r.id, k.id, { outcome: 'dismissed' }), 409, 'already_decided');
		assertError(await outcome(head, r.id, k.id, { outcome: 'dismissed' }), 409, 'already_decided');

		const v = (await get(`/api/v1/requests/${r.id}`)).json;
		const pub = v.complaints.find((x) => x.id === k.id);
		assert.equal(pub.outcome, 'upheld');
		assert.equal(pub.outcome_on, today);
		assert.ok(!('outcome_note' in pub));
		const ev = v.events.find((e) => e.type === 'complaint_outcome');
		assert.equal(ev.complaint_id, k.id);
		assert.equal(ev.outcome, 'upheld');
		assert.equal(ev.date, today);
		assert.ok(!v.events.some((e) => JSON.stringify(e).includes('обязало')));
		assert.equal(audits(r.id, 'request.complaint_outcome'), 1);
	});

	test('an official of the holder records it and links the court case; others are refused', async () => {
		const r = await answered();
		const k = await filed(alice, r.id, { instance: 'court', body_name: 'Суд города Алматы' });
		assertError(await outcome(headB, r.id, k.id, { outcome: 'dismissed' }), 403, 'forbidden');
		assertError(await outcome(bob, r.id, k.id, { outcome: 'dismissed' }), 403, 'forbidden');
		assertError(await outcome(null, r.id, k.id, { outcome: 'dismissed' }), 401);
		const res = await outcome(executor, r.id, k.id, { outcome: 'partially_upheld', court_case_key: '2-117-2026' });
		assert.equal(res.status, 200, res.body);
		assert.equal(res.json.outcome, 'partially_upheld');
		assert.equal(res.json.court_case_key, '2-117-2026');
		assert.equal(res.json.outcome_on, today, 'the day defaults to today');
		const ev = (await get(`/api/v1/requests/${r.id}`)).json.events.find((e) => e.type === 'complaint_outcome');
		assert.equal(ev.court_case_key, '2-117-2026');

		const page = await c.get(`/en/requests/${r.id}`);
		assert.ok(page.body.includes('href="/en/court-cases/2-117-2026"'), 'linked to the court registry');
	});

	test('400, 404', async () => {
		const r = await answered();
		const k = await filed(alice, r.id, { filed_on: today });
		assertError(await outcome(alice, r.id, k.id, { outcome: 'pending' }), 400, 'invalid_outcome');
		assertError(await outcome(alice, r.id, k.id, { outcome: 'won' }), 400, 'invalid_outcome');
		assertError(await outcome(alice, r.id, k.id, { outcome: 'upheld', on: addDays(today, -1) }), 400, 'before_filed');
		assertError(await outcome(alice, r.id, k.id, { outcome: 'upheld', on: addDays(today, 1) }), 400, 'future_date');
		assertError(await outcome(alice, r.id, k.id, { outcome: 'upheld', court_case_key: 'a-1' }), 400, 'not_a_court');
		assertError(await outcome(alice, r.id, k.id, { outcome: 'upheld', note: 'н'.repeat(5001) }), 400, 'invalid_note');
		assertError(await outcome(alice, r.id, k.id, { outcome: 7 }), 400, 'bad_request');
		assertError(await outcome(alice, r.id, 99999999, { outcome: 'upheld' }), 404, 'not_found');
		const other = await answered();
		assertError(await outcome(alice, other.id, k.id, { outcome: 'upheld' }), 404, 'not_found');
		assertError(await outcome(alice, r.id, 'abc', { outcome: 'upheld' }), 404);
		assert.equal((await get(`/api/v1/requests/${r.id}`)).json.complaints[0].outcome, 'pending');
	});
});

// --- complaints on the page -----------------------------------------------------------

describe('complaints on the request page', () => {
	test('the requester files with the form: 303, and the complaint is on the page', async () => {
		const r = await answered();
		const path = `/ru/requests/${r.id}`;
		const b = await browser(alice, path);
		assert.ok(b.page.body.includes(`action="/ru/requests/${r.id}/complaints"`), 'the form is there');
		assert.ok(b.page.body.includes(`value="${today}"`));
		const res = await c.post(`${path}/complaints`, { cookies: b.cookies, form: {
			csrf: b.csrf, instance: 'court', body_name: 'Суд № 2 города Астаны', learned_on: today,
			filed_on: today, text: 'Прошу признать ответ неполным.', court_case_key: '',
		} });
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.match(res.headers.location, new RegExp(`^/ru/requests/${r.id}\\?complaint=filed#complaint-\\d+$`));
		const page = await c.get(res.headers.location.replace(/#.*/, ''), { cookies: b.cookies });
		assert.ok(page.body.includes(trHtml('ru', 'Your complaint is recorded.')));
		assert.ok(page.body.includes('Суд № 2 города Астаны'));
		assert.ok(page.body.includes('Прошу признать ответ неполным.'), 'the requester reads her text');
		assert.ok(page.body.includes(trHtml('ru', 'Record the outcome')), 'and may record the outcome');
		assert.ok(page.body.includes(trHtml('ru', 'Complaint filed')), 'in the timeline');

		const anon = await c.get(path);
		assert.equal(anon.status, 200);
		assert.ok(anon.body.includes('Суд № 2 города Астаны'), 'the public sees the complaint');
		assert.ok(!anon.body.includes('Прошу признать ответ неполным.'), 'not its text');
		assert.ok(!anon.body.includes(trHtml('ru', 'Record the outcome')), 'nor the forms');
		assert.ok(!anon.body.includes(`/ru/requests/${r.id}/complaints"`));
	});

	test('a late complaint by the form: accepted, with the warning', async () => {
		const r = await answered();
		const long = addDays(today, -150);
		decidedOn(r.id, long);
		const path = `/kk/requests/${r.id}`;
		const b = await browser(alice, path);
		assert.ok(b.page.body.includes(trHtml('kk', 'A late complaint is still recorded.')), 'warned before filing');
		const res = await c.post(`${path}/complaints`, { cookies: b.cookies, form: {
			csrf: b.csrf, instance: 'higher_body', body_name: 'Экология министрлігі', text: 'Шағым мәтіні',
		} });
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.match(res.headers.location, /\?complaint=late#complaint-\d+$/);
		const page = await c.get(res.headers.location.replace(/#.*/, ''), { cookies: b.cookies });
		assert.ok(page.body.includes(trHtml('kk', 'It was filed after the time limit: read the warning below.')));
		const w = trHtml('kk', 'Filed after the time limit, {date} ({law}). A missed limit is no ground to refuse to accept a complaint; the reasons for the delay are examined with it and may be a ground to dismiss it.');
		assert.ok(page.body.includes(w.split('{law}')[1]), 'the law\'s warning');
		assert.ok(page.body.includes(trHtml('kk', 'after the time limit')));
	});

	test('form errors: 400, the page with each field\'s message and what was typed', async () => {
		const r = await answered();
		const path = `/ru/requests/${r.id}`;
		const b = await browser(alice, path);
		const res = await c.post(`${path}/complaints`, { cookies: b.cookies, form: {
			csrf: b.csrf, instance: 'higher_body', body_name: '', learned_on: addDays(today, -3),
			text: 'Мой набранный текст',
		} });
		assert.equal(res.status, 400);
		assert.ok(res.body.includes(trHtml('ru', 'Name the body or the court you complained to (up to 300 characters).')));
		assert.ok(res.body.includes(trHtml('ru', 'You cannot have learned of the decision before it was made.')));
		assert.ok(res.body.includes('Мой набранный текст'), 'the text is kept');
		assert.equal((await get(`/api/v1/requests/${r.id}`)).json.complaints.length, 0);
	});

	test('the outcome by the form; other accounts and forged forms are refused', async () => {
		const r = await answered();
		const k = await filed(alice, r.id);
		const path = `/ru/requests/${r.id}`;
		const hb = await browser(head, path);
		assert.ok(hb.page.body.includes(`action="/ru/requests/${r.id}/complaints/${k.id}/outcome"`),
		    'the holder\'s official may record it');
		assert.ok(!hb.page.body.includes(`action="/ru/requests/${r.id}/complaints"`), 'but not file one');

		const ob = await browser(headB, path);
		assert.ok(!ob.page.body.includes('/outcome"'), 'another holder has no form');
		const refused = await c.post(`${path}/complaints/${k.id}/outcome`, { cookies: ob.cookies,
		    form: { csrf: ob.csrf, outcome: 'dismissed' } });
		assert.equal(refused.status, 403);
		const bb = await browser(bob, path);
		assert.equal((await c.post(`${path}/complaints`, { cookies: bb.cookies,
		    form: { csrf: bb.csrf, ...COMPLAINT } })).status, 403);
		assert.equal((await c.post(`${path}/complaints/${k.id}/outcome`, { cookies: hb.cookies,
		    form: { outcome: 'dismissed' } })).status, 403, 'no CSRF token');

		const bad = await c.post(`${path}/complaints/${k.id}/outcome`, { cookies: hb.cookies,
		    form: { csrf: hb.csrf, outcome: 'dismissed', on: addDays(today, 1) } });
		assert.equal(bad.status, 400);
		assert.ok(bad.body.includes(trHtml('ru', 'The date cannot be in the future.')));

		const res = await c.post(`${path}/complaints/${k.id}/outcome`, { cookies: hb.cookies,
		    form: { csrf: hb.csrf, outcome: 'dismissed', on: today, note: 'Решение министерства' } });
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.equal(res.headers.location, `/ru/requests/${r.id}?done=1#complaint-${k.id}`);
		const page = await c.get(path);
		assert.ok(page.body.includes(trHtml('ru', 'Dismissed')));
		assert.ok(page.body.includes(trHtml('ru', 'Complaint decided')));
		assert.ok(!page.body.includes('Решение министерства'), 'the note is not public');
		const again = await c.post(`${path}/complaints/${k.id}/outcome`, { cookies: hb.cookies,
		    form: { csrf: hb.csrf, outcome: 'upheld' } });
		assert.equal(again.status, 409);
		assert.ok(again.body.includes(trHtml('ru', 'The outcome of this complaint is already recorded.')));
	});

	test('no personal data of the requester in any public response about complaints', async () => {
		const r = await answered();
		await filed(alice, r.id);
		const secrets = [alice.iin, alice.email, alice.full_name];
		const responses = [
			await get(`/api/v1/requests/${r.id}`),
			await c.get(`/ru/requests/${r.id}`),
			await c.get(`/kk/requests/${r.id}`),
			await get(`/api/v1/requests?holder_id=${A.id}`),
		];
		for (const res of responses) {
			assert.equal(res.status, 200);
			for (const s of secrets)
				assert.ok(!res.body.includes(s), `${s} leaked`);
		}
	});
});

// --- answer files ---------------------------------------------------------------------

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), randomBytes(500)]);
const CSV = Buffer.from('Пост;PM2.5\r\nАлматы-1;35\r\n');

function b64(name, data, type) {
	return { name, content_type: type ?? 'application/octet-stream', data: Buffer.from(data).toString('base64') };
}

// A request of alice's, assigned to the executor.
async function assigned(over = {}) {
	const r = await file(alice, over);
	return step(head, r.id, { type: 'assign', executor_id: executor.id });
}

// The executor's draft through the desk's form, with files.
async function draftByForm(id, files, extra = [], lang = 'ru') {
	const b = await browser(executor, `/${lang}/requests/${id}`);
	assert.ok(b.page.body.includes('enctype="multipart/form-data"'), 'the draft form takes files');
	const m = multipart([['csrf', b.csrf], ['type', 'draft'], ['text', 'Проект ответа'],
	    ...extra, ...files.map(([name, data]) => ['files', { filename: name, data }])]);
	return c.post(`/${lang}/requests/${id}/act`, { cookies: b.cookies, body: m.body,
	    headers: { 'Content-Type': m.contentType } });
}

function download(url, who) {
	return c.get(url, who ? { cookies: { eco_session: who.token } } : {});
}

describe('answer files', () => {
	test('the executor drafts with a file: the holder sees it, nobody else until the head signs', async () => {
		const r = await assigned();
		const res = await draftByForm(r.id, [['Ответ Минэкологии.pdf', PDF], ['', '']]);
		assert.equal(res.status, 303, res.body.slice(0, 400));
		let v = (await get(`/api/v1/requests/${r.id}`, head)).json;
		assert.equal(v.attachments.length, 1, 'an empty file input is no file');
		const f = v.attachments[0];
		assert.deepEqual(Object.keys(f).sort(), ['content_type', 'id', 'issued', 'name', 'size', 'url']);
		assert.equal(f.name, 'Ответ Минэкологии.pdf');
		assert.equal(f.content_type, 'application/pdf');
		assert.equal(f.size, PDF.length);
		assert.equal(f.issued, false);
		assert.equal(f.url, `/kk/requests/${r.id}/attachments/${f.id}`);

		assert.deepEqual((await get(`/api/v1/requests/${r.id}`)).json.attachments, [], 'the public sees no draft');
		assert.deepEqual((await get(`/api/v1/requests/${r.id}`, alice)).json.attachments, [], 'nor the requester');
		for (const who of [null, alice, bob, headB])
			assert.equal((await download(f.url, who)).status, 404, `a draft's file: 404 for ${who?.email ?? 'the anonymous'}`);
		const mine = await download(f.url, executor);
		assert.equal(mine.status, 200);
		assert.ok(mine.raw.equals(PDF), 'the bytes as sent');
		assert.equal(mine.headers['content-type'], 'application/pdf');
		assert.equal(mine.headers['x-content-type-options'], 'nosniff');
		assert.equal(mine.headers['content-disposition'],
		    "attachment; filename=\"_____ ___________.pdf\"; filename*=UTF-8''%D0%9E%D1%82%D0%B2%D0%B5%D1%82%20%D0%9C%D0%B8%D0%BD%D1%8D%D0%BA%D0%BE%D0%BB%D0%BE%D0%B3%D0%B8%D0%B8.pdf");
		const desk = await c.get(`/ru/requests/${r.id}`, { cookies: { eco_session: executor.token } });
		assert.ok(desk.body.includes(`name="remove_attachment" type="checkbox" value="${f.id}"`), 'the draft lists its files');

		// The head signs over the API, adding a CSV: both are issued.
		v = await step(head, r.id, { type: 'answer', attachments: [b64('данные.csv', CSV, 'application/vnd.ms-excel')] });
		assert.equal(v.attachments.length, 2);
		assert.ok(v.attachments.every((x) => x.issued));
		const csv = v.attachments.find((x) => x.name === 'данные.csv');
		assert.equal(csv.content_type, 'text/csv; charset=utf-8', 'the type is decided here, not by the sender');
		// A signed letter carries the requester's name and address: even
		// on a public request the files go to the requester and the
		// holder only.
		const pub = (await get(`/api/v1/requests/${r.id}`)).json;
		assert.deepEqual(pub.attachments, [], 'the public sees no answer files');
		const own = (await get(`/api/v1/requests/${r.id}`, alice)).json;
		assert.equal(own.attachments.length, 2, 'the requester sees both');
		assert.ok(!JSON.stringify(own.attachments).includes('data'));
		for (const who of [null, bob, headB])
			assert.equal((await download(f.url, who)).status, 404);
		for (const who of [alice, head]) {
			const d = await download(f.url, who);
			assert.equal(d.status, 200);
			assert.ok(d.raw.equals(PDF));
		}
		const got = await download(`/ru/requests/${r.id}/attachments/${csv.id}`, alice);
		assert.ok(got.raw.equals(CSV));
		assert.equal(got.headers['content-type'], 'text/csv; charset=utf-8');
		const page = await c.get(`/ru/requests/${r.id}`, { cookies: { eco_session: alice.token } });
		assert.ok(page.body.includes(trHtml('ru', 'Documents of the answer')));
		assert.ok(page.body.includes(`href="/ru/requests/${r.id}/attachments/${f.id}"`));
		assert.ok(page.body.includes('данные.csv'));
		const anon = await c.get(`/ru/requests/${r.id}`);
		assert.ok(!anon.body.includes(`/attachments/${f.id}"`), 'no file link on the public page');
		assert.ok(audits(r.id, 'request.act') >= 2);
	});

	test('a private request\'s files: the requester and the holder only, 404 for the rest', async () => {
		const r = await assigned({ public: false });
		await step(executor, r.id, { type: 'draft', text: 'Проект', attachments: [b64('map.png', PNG)] });
		const v = await step(head, r.id, { type: 'answer' });
		assert.equal(v.status, 'answered');
		const f = v.attachments[0];
		assert.equal(f.issued, true, 'the signature issued the draft\'s file');
		assert.equal(f.content_type, 'image/png');
		for (const who of [null, bob, headB])
			assert.equal((await download(f.url, who)).status, 404);
		for (const who of [alice, head, executor])
			assert.equal((await download(f.url, who)).status, 200);
		assert.equal((await download(`/kk/requests/${r.id}/attachments/999999999`, alice)).status, 404);
		assert.equal((await download(`/kk/requests/${r.id}/attachments/x`, alice)).status, 404);
		const other = await file(alice);
		assert.equal((await download(`/kk/requests/${other.id}/attachments/${f.id}`, alice)).status, 404,
		    'a file is found through its own request only');
	});

	test('taking a draft\'s file away; files only with a draft, an answer or a refusal', async () => {
		const r = await assigned();
		let v = await step(executor, r.id, { type: 'draft', text: 'Проект',
		    attachments: [b64('a.pdf', PDF), b64('b.txt', 'Мәтін\n')] });
		assert.equal(v.attachments.length, 2);
		const [a, bfile] = v.attachments;
		v = await step(executor, r.id, { type: 'draft', text: 'Проект', remove_attachments: [a.id] });
		assert.deepEqual(v.attachments.map((x) => x.id), [bfile.id]);
		const res = await draftByForm(r.id, [], [['remove_attachment', String(bfile.id)]]);
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.deepEqual((await get(`/api/v1/requests/${r.id}`, head)).json.attachments, []);

		assertError(await post(`/api/v1/requests/${r.id}/events`, head, { type: 'classify', complexity: 'simple',
		    attachments: [b64('a.pdf', PDF)] }), 400, 'invalid_attachment');
		assertError(await post(`/api/v1/requests/${r.id}/events`, head, { type: 'classify', complexity: 'simple',
		    remove_attachments: [1] }), 400, 'invalid_attachment');
		assertError(await post(`/api/v1/requests/${r.id}/events`, head, { type: 'draft',
		    remove_attachments: [0] }), 400, 'invalid_attachment');

		// A refusal issues its files too.
		await step(executor, r.id, { type: 'draft', of: 'refuse', ground: 'unidentifiable',
		    justification: 'Невозможно определить', attachments: [b64('письмо.pdf', PDF)] });
		v = await step(head, r.id, { type: 'refuse' });
		assert.equal(v.status, 'refused');
		assert.equal(v.attachments.length, 1);
		assert.equal(v.attachments[0].issued, true);
		assert.equal((await download(v.attachments[0].url, alice)).status, 200, 'for the requester');
		assert.equal((await download(v.attachments[0].url)).status, 404, 'not for the public');
	});

	test('400: types checked by content, names, base64, counts', async () => {
		const r = await assigned();
		const ev = (body) => post(`/api/v1/requests/${r.id}/events`, executor, { type: 'draft', text: 'Проект', ...body });
		const refused = [
			[[b64('scan.pdf', PNG)], 'invalid_attachment'],
			[[b64('run.exe', 'MZ\x90\x00')], 'invalid_attachment'],
			[[b64('page.html', '<script>alert(1)</script>')], 'invalid_attachment'],
			[[b64('dir/a.pdf', PDF)], 'invalid_attachment'],
			[[b64('empty.pdf', '')], 'invalid_attachment'],
			[[b64('table.csv', Buffer.from([0x61, 0x3b, 0xc0, 0xaf]))], 'invalid_attachment'],
			[[{ name: 'a.pdf', data: '%%%not base64' }], 'bad_request'],
			[[{ name: 'a.pdf', data: 42 }], 'bad_request'],
			[['a.pdf'], 'bad_request'],
			[Array.from({ length: 11 }, (_, i) => b64(`${i}.pdf`, PDF)), 'invalid_attachment'],
		];
		for (const [attachments, code] of refused)
			assertError(await ev({ attachments }), 400, code);
		assertError(await ev({ attachments: 'a.pdf' }), 400, 'bad_request');
		assert.deepEqual((await get(`/api/v1/requests/${r.id}`, head)).json.attachments, [], 'nothing was stored');

		// Ten on a request, no more.
		let v = await ev({ attachments: Array.from({ length: 6 }, (_, i) => b64(`${i}.pdf`, PDF)) });
		assert.equal(v.status, 200);
		v = await ev({ attachments: Array.from({ length: 4 }, (_, i) => b64(`${i}.txt`, 'Мәтін')) });
		assert.equal(v.status, 200);
		assertError(await ev({ attachments: [b64('11.pdf', PDF)] }), 400, 'too_many_files');
		assert.equal((await get(`/api/v1/requests/${r.id}`, head)).json.attachments.length, 10);

		// The same checks on the form: the page with the message.
		const r2 = await assigned();
		const res = await draftByForm(r2.id, [['scan.pdf', PNG]]);
		assert.equal(res.status, 400);
		assert.ok(res.body.includes(trHtml('ru', 'The content of an attached file does not match the extension of its name.')));
	});

	test('10 MB passes, by the form and over the API; more is a clear 413', async () => {
		const ten = Buffer.alloc(10 * 1024 * 1024, 0x20);
		ten.write('%PDF-1.4\n');
		const r = await assigned();
		let res = await draftByForm(r.id, [['big.pdf', ten]]);
		assert.equal(res.status, 303, res.body.slice(0, 300));
		let f = (await get(`/api/v1/requests/${r.id}`, head)).json.attachments[0];
		assert.equal(f.size, ten.length);
		const d = await download(f.url, head);
		assert.equal(d.status, 200);
		assert.ok(d.raw.equals(ten), 'all 10 MB come back');

		const r2 = await assigned();
		const api = await post(`/api/v1/requests/${r2.id}/events`, executor, { type: 'draft', text: 'Проект',
		    attachments: [b64('big.pdf', ten)] });
		assert.equal(api.status, 200, api.body.slice(0, 300));
		f = api.json.attachments[0];
		assert.equal(f.size, ten.length);

		// One byte more: the handler refuses it with its reason.
		const eleven = Buffer.concat([ten, Buffer.from(' ')]);
		res = await draftByForm(r2.id, [['big.pdf', eleven]]);
		assert.equal(res.status, 413);
		assert.match(res.headers['content-type'], /^text\/html/);
		assert.ok(res.body.includes(trHtml('ru', 'An attached file is larger than 10 MB.')), res.body.slice(0, 500));
		const apiBig = await post(`/api/v1/requests/${r2.id}/events`, executor, { type: 'draft', text: 'Проект',
		    attachments: [b64('big.pdf', eleven)] }, { 'Accept-Language': 'ru' });
		const e = assertError(apiBig, 413, 'payload_too_large');
		assert.equal(e.message, tr('ru', 'An attached file is larger than 10 MB.'));

		// Bodies beyond what nginx lets through: its own 413, page or JSON.
		const huge = Buffer.alloc(13 * 1024 * 1024, 0x41);
		const page = await c.post(`/ru/requests/${r2.id}/act`, { body: huge,
		    headers: { 'Content-Type': 'multipart/form-data; boundary=x' } });
		assert.equal(page.status, 413);
		assert.match(page.headers['content-type'], /^text\/html/);
		const huger = Buffer.alloc(16 * 1024 * 1024, 0x41);
		const json = await c.post(`/api/v1/requests/${r2.id}/events`, { body: huger,
		    headers: { 'Content-Type': 'application/json' } });
		assert.equal(json.status, 413);
		assert.equal(errorOf(json).code, 'payload_too_large');
		assert.equal((await get(`/api/v1/requests/${r2.id}`, head)).json.attachments.length, 1, 'nothing more was stored');
	});

	test('whether a request has complaints and files is kept in step with them', () => {
		assert.equal(staleRequestPages(), 0);
	});
});
