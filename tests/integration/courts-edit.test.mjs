// The court registry's clerks edit cases in the browser (issue 5, item 6):
// /{lang}/courts/new and /{lang}/courts/{id}/edit, plain forms with the
// CSRF token, 303 after a change, the form again with each field's message
// and what was typed on 400, 409 for a removal or a change of an entry the
// page no longer shows; every change in core.audit under the clerk's name;
// individuals and officials 403, nobody signed in sent to sign in; the
// "Edit" and "Add" links only for clerks and administrators.
//
// Sign-ins from 127.0.0.32: a clerk and an administrator through the
// sign-in form, an official over the API (three).  The citizen registers
// through the form (no sign-in request).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	client, CookieJar, csrfOf, inputValue, PASSWORD, registerByForm, uniqueEmail,
} from './lib/http.mjs';
import { cyr, official, psql, tag } from './lib/requests.mjs';
import { trHtml } from './lib/po.mjs';
import { caseId, staleCasePages } from './lib/courts.mjs';
import { ecoctl } from './lib/stack.mjs';

const c = client('127.0.0.32');

// An account of role made with ecoctl, signed in through the sign-in form:
// {id, email, jar}.
async function signedInByForm(role) {
	const email = uniqueEmail(role);
	const out = ecoctl('user', 'add', '--email', email, '--password', PASSWORD,
	    '--name', `Хатшы ${cyr(6)}`, '--role', role);
	const id = Number(/has id (\d+)/.exec(out)[1]);
	const jar = new CookieJar();
	const form = await c.get('/kk/account/login', { cookies: jar });
	assert.equal(form.status, 200);
	const res = await c.post('/kk/account/login', { cookies: jar,
	    form: { csrf: csrfOf(form.body), next: '/kk/courts', email, password: PASSWORD } });
	assert.equal(res.status, 303, res.body.slice(0, 300));
	assert.ok(jar.get('eco_session'), 'signed in');
	return { id, email, jar };
}

// The main fields of a new case as the form sends them.
function mainFields(key, t) {
	return {
		key, title_kk: `Сынақ ісі ${t}`, title_ru: `Тестовое дело ${t}`,
		summary_kk: '', summary_ru: `Краткое содержание ${t}`, region: 'pavlodar',
		court_kk: '', court_ru: 'Специализированный межрайонный экономический суд',
		case_type: 'civil', category: 'waste', status: 'pending',
		aarhus_applied: 'yes', indefinite_circle: 'unknown', state_fee_exempt: 'no',
		notes: '',
	};
}

// The hidden fields of the remove button of entry index of list.
function removeForm(html, list, index) {
	const re = new RegExp(`name="list" value="${list}">\\s*<input type="hidden" ` +
	    `name="index" value="${index}">\\s*<input type="hidden" name="check" ` +
	    'value="([0-9a-f]{32})">');
	const m = re.exec(html);
	assert.ok(m, `a remove button for ${list}[${index}]`);
	return { part: 'remove', list, index: String(index), check: m[1] };
}

// The hidden fields of claim index's outcome form.
function outcomeForm(html, index) {
	const re = new RegExp('name="part" value="claim_outcome">\\s*<input type="hidden" ' +
	    `name="index" value="${index}">\\s*<input type="hidden" name="check" ` +
	    'value="([0-9a-f]{32})">');
	const m = re.exec(html);
	assert.ok(m, `an outcome form for claim ${index}`);
	return { part: 'claim_outcome', index: String(index), check: m[1] };
}

// The audit rows of case id: [{action, actor}].
function audit(id) {
	return JSON.parse(psql(`SELECT coalesce(json_agg(json_build_object('action', action,
	    'actor', actor_id) ORDER BY id), '[]') FROM core.audit
	    WHERE object_type = 'court_case' AND object_id = :'id';`, { id: String(id) }).trim());
}

describe('clerks edit court cases through the forms', () => {
	let clerk, admin, citizen, officialOf;
	let id, key, t;

	before(async () => {
		clerk = await signedInByForm('clerk');
		admin = await signedInByForm('admin');
		citizen = await registerByForm(c, 'kk');
		officialOf = await official(c, 1, 'head');
	});

	// The edit page as the clerk: {res, csrf}.
	async function editPage(query = '') {
		const res = await c.get(`/kk/courts/${id}/edit${query}`, { cookies: clerk.jar });
		assert.equal(res.status, 200, res.body.slice(0, 300));
		return { res, csrf: csrfOf(res.body) };
	}

	// Sends one edit form as the clerk with the page's csrf.
	async function send(form) {
		const { csrf } = await editPage();
		return c.post(`/kk/courts/${id}/edit`, { cookies: clerk.jar, form: { csrf, ...form } });
	}

	// Sends a form that must succeed: 303 back to the edit page, "Saved.".
	async function change(form) {
		const res = await send(form);
		assert.equal(res.status, 303, res.body.slice(0, 600));
		assert.equal(res.headers.location, `/kk/courts/${id}/edit?saved=1`);
		const page = await editPage('?saved=1');
		assert.match(page.res.body, new RegExp(trHtml('kk', 'Saved.')));
	}

	async function api() {
		const res = await c.get(`/api/v1/court-cases/${id}`);
		assert.equal(res.status, 200);
		return res.json;
	}

	test('nobody signed in is sent to sign in', async () => {
		const res = await c.get('/kk/courts/new');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/kk/account/login?next=%2Fkk%2Fcourts%2Fnew');
	});

	test('a clerk adds a case through the form: 303 to its page, which links to the edit page', async () => {
		t = tag();
		key = `form-case-${t}`.toLowerCase();
		const form = await c.get('/ru/courts/new', { cookies: clerk.jar });
		assert.equal(form.status, 200);
		assert.match(form.body, /<select id="case_type" name="case_type"/);
		const res = await c.post('/ru/courts/new', { cookies: clerk.jar,
		    form: { csrf: csrfOf(form.body), ...mainFields(key, t) } });
		assert.equal(res.status, 303, res.body.slice(0, 600));
		id = caseId(key);
		assert.ok(id, 'the case is in the database');
		assert.equal(res.headers.location, `/ru/courts/${id}`);
		const page = await c.get(`/ru/courts/${id}`, { cookies: clerk.jar });
		assert.equal(page.status, 200);
		assert.match(page.body, new RegExp(`Тестовое дело ${t}`));
		assert.match(page.body, new RegExp(`href="/ru/courts/${id}/edit">${trHtml('ru', 'Edit the case')}<`));
		const c1 = await api();
		assert.equal(c1.aarhus_applied, true);
		assert.equal(c1.indefinite_circle, null);
		assert.equal(c1.state_fee_exempt, false);
		assert.equal(c1.region, 'pavlodar');
		assert.equal(c1.summary.kk, null);
		assert.equal(c1.court_first_instance.kk, null);
		assert.deepEqual(audit(id), [{ action: 'court_case.create', actor: clerk.id }]);
	});

	test('a wrong new case: 400, each field\'s message beside it, the summary, what was typed kept', async () => {
		const t2 = tag();
		const badKey = `bad-${t2}`.toLowerCase();
		const form = await c.get('/kk/courts/new', { cookies: clerk.jar });
		const res = await c.post('/kk/courts/new', { cookies: clerk.jar, form: {
		    csrf: csrfOf(form.body), ...mainFields('Not A Key', t2), title_kk: '   ',
		    case_type: 'nope', summary_ru: `Сохранится ${t2}` } });
		assert.equal(res.status, 400, res.body.slice(0, 300));
		assert.match(res.body, new RegExp(trHtml('kk', 'Please correct the following:')));
		assert.match(res.body, new RegExp(`<span class="field-error" id="title_kk-error">${trHtml('kk', 'This field is required.')}</span>`));
		assert.match(res.body, /<span class="field-error" id="key-error">/);
		assert.match(res.body, new RegExp(`<span class="field-error" id="case_type-error">${trHtml('kk', 'This is not one of the allowed values.')}</span>`));
		assert.match(res.body, /<a href="#title_kk">/, 'the summary links to the field');
		assert.equal(inputValue(res.body, 'key'), 'Not A Key');
		assert.equal(inputValue(res.body, 'title_ru'), `Тестовое дело ${t2}`);
		assert.match(res.body, new RegExp(`>Сохранится ${t2}</textarea>`));
		assert.match(res.body, /<option value="waste" selected>/, 'the choice kept');
		assert.match(res.body, /<option value="yes" selected>/);
		assert.equal(caseId(badKey), null);
		assert.equal(psql(`SELECT count(*) FROM courts.cases WHERE title_ru = :'t';`,
		    { t: `Тестовое дело ${t2}` }).trim(), '0', 'nothing written');
	});

	test('the edit page shows the case; the main fields change', async () => {
		const { res } = await editPage();
		assert.equal(inputValue(res.body, 'title_ru'), `Тестовое дело ${t}`);
		assert.equal(inputValue(res.body, 'key'), key);
		assert.match(res.body, /<option value="pavlodar" selected>/);
		assert.doesNotMatch(res.body, new RegExp(trHtml('kk', 'Saved.')));
		await change({ part: 'case', ...mainFields(key, t), title_ru: `Изменённое дело ${t}`,
		    status: 'closed', indefinite_circle: 'yes' });
		const c1 = await api();
		assert.equal(c1.title.ru, `Изменённое дело ${t}`);
		assert.equal(c1.status, 'closed');
		assert.equal(c1.indefinite_circle, true);
	});

	test('a party, a claim, a year-only event, an amount, a court act and a request link are added', async () => {
		await change({ part: 'party', party_role: 'claimant', party_kind: 'ngo',
		    party_name_kk: `«Таза өзен» ҚБ ${t}`, party_name_ru: `ОО «Чистая река» ${t}` });
		await change({ part: 'claim', claim_text_kk: 'Ақпарат беруге міндеттеу',
		    claim_text_ru: 'Обязать предоставить информацию', claim_outcome: '' });
		await change({ part: 'event', event_date: '2019', event_instance: 'first',
		    event_type: 'decision', event_result: 'granted',
		    event_text_kk: 'Талап қанағаттандырылды', event_text_ru: 'Иск удовлетворён' });
		await change({ part: 'event', event_date: '', event_instance: 'appeal',
		    event_type: 'resolution', event_result: '',
		    event_text_kk: 'Апелляция', event_text_ru: 'Апелляция' });
		await change({ part: 'amount', amount_value: '215,88', amount_unit: 'MCI',
		    amount_what_kk: 'Айыппұл', amount_what_ru: 'Штраф' });
		await change({ part: 'act', act_instance: 'first', act_kind: 'decision',
		    act_date: '2019-05-16', act_language: 'ru', act_title: `Решение ${t}`,
		    act_body: 'Текст решения.\nВторой абзац.' });
		await change({ part: 'request', request_reg_no: `NOT-OURS-${t}` });
		const c1 = await api();
		assert.deepEqual(c1.parties, [{ role: 'claimant', kind: 'ngo',
		    name: { kk: `«Таза өзен» ҚБ ${t}`, ru: `ОО «Чистая река» ${t}` } }]);
		assert.deepEqual(c1.claims, [{ text: { kk: 'Ақпарат беруге міндеттеу',
		    ru: 'Обязать предоставить информацию' }, outcome: null }]);
		assert.deepEqual(c1.events.map((e) => [e.date, e.instance, e.result]),
		    [['2019', 'first', 'granted'], [null, 'appeal', null]]);
		assert.deepEqual(c1.amounts, [{ value: 215.88, unit: 'MCI',
		    what: { kk: 'Айыппұл', ru: 'Штраф' } }]);
		assert.equal(c1.documents.length, 1);
		assert.equal(c1.documents[0].date, '2019-05-16');
		assert.equal(c1.documents[0].title, `Решение ${t}`);
		assert.deepEqual(c1.requests.map((r) => r.reg_no), [`NOT-OURS-${t}`]);
		const page = await c.get(`/kk/courts/${id}`);
		assert.match(page.body, new RegExp(`Решение ${t}`), 'the court act is on the case page');
	});

	test('a claim\'s outcome changes; an event is removed; a stale removal is 409', async () => {
		const { res } = await editPage();
		const older = outcomeForm(res.body, 0);
		await change({ ...older, outcome: 'granted' });
		assert.equal((await api()).claims[0].outcome, 'granted');

		const page = (await editPage()).res.body;
		const first = removeForm(page, 'events', 0);
		const second = removeForm(page, 'events', 1);
		await change(first);
		const c1 = await api();
		assert.deepEqual(c1.events.map((e) => e.instance), ['appeal'], 'the first event is gone');

		// The same button again: index 0 is now another event.
		const stale = await send(first);
		assert.equal(stale.status, 409, stale.body.slice(0, 300));
		assert.match(stale.body, new RegExp(trHtml('kk', 'The case has changed since the page was shown: the entry is gone or no longer the same. Nothing was changed; here is the case as it is now.')));
		const gone = await send(second);
		assert.equal(gone.status, 409, 'index 1 is past the end now');
		assert.equal((await api()).events.length, 1, 'nothing else removed');
		const outcome = await send({ ...older, outcome: 'refused' });
		assert.equal(outcome.status, 409, 'the outcome form of the page before the change');
		assert.equal((await api()).claims[0].outcome, 'granted');
	});

	test('a wrong entry: 400, the message beside the form that was sent, what was typed kept', async () => {
		const res = await send({ part: 'event', event_date: '2019-13', event_instance: 'first',
		    event_type: 'hearing', event_result: '', event_text_kk: `Отырыс ${t}`,
		    event_text_ru: '' });
		assert.equal(res.status, 400, res.body.slice(0, 300));
		assert.match(res.body, new RegExp(`id="event_date-error">${trHtml('kk', 'This is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.')}<`));
		assert.match(res.body, new RegExp(`id="event_text_ru-error">${trHtml('kk', 'This field is required.')}<`));
		assert.match(res.body, new RegExp(`>Отырыс ${t}</textarea>`));
		assert.equal(inputValue(res.body, 'event_date'), '2019-13');
		assert.equal((await api()).events.length, 1, 'nothing added');
		const amount = await send({ part: 'amount', amount_value: '-5', amount_unit: 'KZT',
		    amount_what_kk: 'а', amount_what_ru: 'б' });
		assert.equal(amount.status, 400);
		assert.match(amount.body, new RegExp(`id="amount_value-error">${trHtml('kk', 'The amount must be a number not below zero.')}<`));
		const bogus = await send({ part: 'hearing' });
		assert.equal(bogus.status, 400, 'a part the page does not have');
		const badIndex = await send({ part: 'remove', list: 'events', index: 'x', check: 'y' });
		assert.equal(badIndex.status, 400);
	});

	test('every change is in the audit log with the clerk as actor', () => {
		const rows = audit(id);
		// create, main fields, 7 additions, outcome, removal.
		assert.equal(rows.length, 11, JSON.stringify(rows));
		assert.deepEqual(rows[0], { action: 'court_case.create', actor: clerk.id });
		for (const r of rows.slice(1))
			assert.deepEqual(r, { action: 'court_case.update', actor: clerk.id });
	});

	test('additions sent at the same moment are all kept (each is made under the case\'s lock)', async () => {
		const before = (await api()).events.length;
		const { csrf } = await editPage();
		const sent = await Promise.all([0, 1, 2, 3, 4, 5].map((i) =>
		    c.post(`/kk/courts/${id}/edit`, { cookies: clerk.jar, form: { csrf,
			part: 'event', event_date: `2021-0${i + 1}`, event_instance: 'cassation',
			event_type: 'ruling', event_result: '',
			event_text_kk: `Бір мезетте ${i}`, event_text_ru: `Одновременно ${i}` } })));
		for (const res of sent)
			assert.equal(res.status, 303, res.body.slice(0, 300));
		const texts = (await api()).events.map((e) => e.text.ru);
		assert.equal(texts.length, before + 6, 'none lost');
		for (let i = 0; i < 6; i++)
			assert.ok(texts.includes(`Одновременно ${i}`), `event ${i}`);
	});

	test('the case page shows every change: the document it reads is kept in step with the case', async () => {
		const page = await c.get(`/ru/courts/${id}`);
		assert.equal(page.status, 200);
		assert.match(page.body, new RegExp(`Изменённое дело ${t}`), 'the main fields');
		assert.match(page.body, new RegExp(`ОО «Чистая река» ${t}`), 'the party');
		for (let i = 0; i < 6; i++)
			assert.match(page.body, new RegExp(`Одновременно ${i}`), `event ${i} added at the same moment`);
		assert.doesNotMatch(page.body, /Иск удовлетворён/, 'the removed event');
		assert.match(page.body, new RegExp(`NOT-OURS-${t}`), 'the request link');
		assert.equal(staleCasePages(), 0, 'every case\'s kept document is the one its tables make');
	});

	test('a POST without the CSRF token is 403 and changes nothing', async () => {
		const audited = audit(id).length;
		const res = await c.post(`/kk/courts/${id}/edit`, { cookies: clerk.jar,
		    form: { part: 'request', request_reg_no: 'NO-CSRF' } });
		assert.equal(res.status, 403);
		const create = await c.post('/kk/courts/new', { cookies: clerk.jar,
		    form: mainFields(`no-csrf-${t}`.toLowerCase(), t) });
		assert.equal(create.status, 403);
		assert.equal((await api()).requests.length, 1);
		assert.equal(audit(id).length, audited);
	});

	test('individuals and officials are refused every route (403); an administrator is let in', async () => {
		const citizenCsrf = csrfOf((await c.get('/kk/courts', { cookies: citizen.jar })).body);
		assert.ok(citizenCsrf, 'the citizen has a csrf of their own');
		const officialCsrf = csrfOf((await c.get('/kk/courts', { bearer: officialOf.token })).body);
		const who = [
		    { cookies: citizen.jar, csrf: citizenCsrf },
		    { bearer: officialOf.token, csrf: officialCsrf },
		];
		for (const w of who) {
			const opts = w.cookies ? { cookies: w.cookies } : { bearer: w.bearer };
			assert.equal((await c.get('/kk/courts/new', opts)).status, 403);
			assert.equal((await c.get(`/kk/courts/${id}/edit`, opts)).status, 403);
			assert.equal((await c.post('/kk/courts/new', { ...opts,
			    form: { csrf: w.csrf, ...mainFields(`refused-${t}`.toLowerCase(), t) } })).status, 403);
			assert.equal((await c.post(`/kk/courts/${id}/edit`, { ...opts,
			    form: { csrf: w.csrf, part: 'request', request_reg_no: 'REFUSED' } })).status, 403);
		}
		assert.equal(caseId(`refused-${t}`.toLowerCase()), null);
		assert.equal((await api()).requests.length, 1);
		assert.equal((await c.get(`/kk/courts/${id}/edit`, { cookies: admin.jar })).status, 200);
		assert.equal((await c.get('/kk/courts/new', { cookies: admin.jar })).status, 200);
	});

	test('the Edit and Add links are shown to clerks and administrators only', async () => {
		const edit = `href="/kk/courts/${id}/edit"`;
		const add = 'href="/kk/courts/new"';
		for (const jar of [clerk.jar, admin.jar]) {
			assert.match((await c.get(`/kk/courts/${id}`, { cookies: jar })).body, new RegExp(edit));
			assert.match((await c.get('/kk/courts', { cookies: jar })).body, new RegExp(add));
		}
		for (const opts of [{}, { cookies: citizen.jar }, { bearer: officialOf.token }]) {
			const page = await c.get(`/kk/courts/${id}`, opts);
			assert.equal(page.status, 200);
			assert.doesNotMatch(page.body, new RegExp(edit));
			assert.doesNotMatch((await c.get('/kk/courts', opts)).body, new RegExp(add));
		}
	});
});
