// The court case API (issue 5) over HTTP: a real case read back in the
// import file's shape with its dates as precise as they came and its
// events in timeline order; clerks (and administrators) add and change
// cases, every change in the audit log under their name; a wrong enum
// value, date or a missing title is a 400 naming the field in the
// request's language; a taken key 409; anyone else 403, nobody 401; the
// statistics beside the courts' own figures.
//
// Sign-ins from 127.0.0.28: a clerk and an official, once each.  The
// citizen registers through the HTML form (no sign-in request).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

import { client, errorOf, registerByForm } from './lib/http.mjs';
import { official, psql, tag } from './lib/requests.mjs';
import { tr } from './lib/po.mjs';
import { caseId, clerk, realCases } from './lib/courts.mjs';

const c = client('127.0.0.28');

const put = (path, opts) => c.request('PUT', path, opts);

function assertError(res, status, code) {
	assert.equal(res.status, status, res.body.slice(0, 400));
	assert.equal(errorOf(res).code, code);
	return res.json.error;
}

// A new record: a real case under a key of its own.
function record(key, changes = {}) {
	const r = structuredClone(realCases().find((x) => x.key === 'kimasar-river-2017'));
	return { ...r, key, ...changes };
}

const MEMBERS = ['id', 'key', 'source_lines', 'title', 'summary', 'region',
    'court_first_instance', 'case_type', 'category', 'aarhus_applied',
    'indefinite_circle', 'state_fee_exempt', 'parties', 'claims', 'events',
    'amounts', 'status', 'notes', 'requests', 'documents'].sort();

describe('court cases over the API', () => {
	let clerkOf, officialOf, citizen;

	before(async () => {
		clerkOf = await clerk(c);
		officialOf = await official(c, 1, 'head');
		citizen = await registerByForm(c, 'kk');
	});

	test('a real case: the file\'s shape, partial dates kept, events in order', async () => {
		const real = realCases().find((x) => x.key === 'fortebank-densaulyk-square-2019');
		const id = caseId(real.key);
		const res = await c.get(`/api/v1/court-cases/${id}`);
		assert.equal(res.status, 200, res.body.slice(0, 300));
		assert.match(res.headers['content-type'], /^application\/json/);
		const got = res.json;
		assert.deepEqual(Object.keys(got).sort(), MEMBERS);
		assert.equal(got.id, id);
		assert.deepEqual(got.events.map((e) => e.date),
		    ['2019-05-16', '2019-05-23', '2019', null, '2019-07-22']);
		assert.equal(got.region, 'pavlodar', 'the source\'s "Pavlodar" as its code');
		assert.deepEqual(got.requests, []);
		assert.deepEqual(got.documents, []);
		assert.equal(got.state_fee_exempt, null);
		for (const m of ['key', 'title', 'summary', 'court_first_instance',
		    'case_type', 'category', 'aarhus_applied', 'indefinite_circle',
		    'parties', 'claims', 'events', 'amounts', 'status', 'notes',
		    'source_lines'])
			assert.deepEqual(got[m], real[m], m);

		// A month among days and unknown dates, in the source's order.
		const butakov = await c.get(`/api/v1/court-cases/${caseId('butakov-gorge-2017')}`);
		assert.deepEqual(butakov.json.events.map((e) => e.date),
		    [null, '2017-07-14', '2017-10-05', null, '2018-03', '2018-05-28', null]);
		const road = await c.get(`/api/v1/court-cases/${caseId('road-construction-emissions-2020')}`);
		assert.deepEqual(road.json.amounts.map((a) => [a.value, a.unit]),
		    [[189000000, 'KZT'], [215.88, 't']]);
	});

	test('unknown cases: 404', async () => {
		assertError(await c.get('/api/v1/court-cases/999999999'), 404, 'not_found');
		assertError(await c.get('/api/v1/court-cases/abc'), 404, 'not_found');
		assertError(await c.get('/api/v1/court-cases/0'), 404, 'not_found');
	});

	test('a clerk adds a case (201, its requests linked), changes it (200): both audited', async () => {
		const t = tag();
		const ours = psql(`SELECT reg_no || '|' || id || '|' || status
		    FROM requests.requests ORDER BY id LIMIT 1;`).trim().split('|');
		const body = record(`clerk-case-${t}`, {
		    requests: [ours[0], `NOT-OURS-${t}`],
		    state_fee_exempt: true,
		    documents: [{ instance: 'first', kind: 'decision', date: '2017-12-20',
		        language: 'ru', title: 'Решение СМЭС г. Алматы',
		        body: `Текст решения ${t}` }],
		    events: [
		        { date: '2017-12', instance: 'first', type: 'decision', result: 'granted',
		          text: { kk: 'Шешім', ru: 'Решение' } },
		        { date: null, instance: 'pre_trial', type: 'request', result: null,
		          text: { kk: 'Сұрау', ru: 'Запрос' } },
		        { date: '2017-11-02', instance: 'first', type: 'claim_filed', result: null,
		          text: { kk: 'Талап', ru: 'Иск' } },
		    ] });
		const res = await c.post('/api/v1/court-cases', { bearer: clerkOf.token, json: body });
		assert.equal(res.status, 201, res.body.slice(0, 400));
		const id = res.json.id;
		assert.ok(id > 0);
		assert.equal(res.json.key, body.key);
		assert.equal(res.json.state_fee_exempt, true);
		assert.deepEqual(res.json.requests.sort((a, b) => a.reg_no.localeCompare(b.reg_no)),
		    [{ id: Number(ours[1]), reg_no: ours[0], status: ours[2] },
		     { id: null, reg_no: `NOT-OURS-${t}`, status: null }]
		        .sort((a, b) => a.reg_no.localeCompare(b.reg_no)));
		assert.deepEqual(res.json.documents, body.documents);
		// December (by its 1st) after the claim of 2 November, and the
		// unknown date where the clerk put it: after December.
		assert.deepEqual(res.json.events.map((e) => e.date), ['2017-11-02', '2017-12', null]);
		assert.deepEqual((await c.get(`/api/v1/court-cases/${id}`)).json, res.json);

		const docs = () => psql(`SELECT string_agg(id || ':' || title, ',' ORDER BY id)
		    FROM courts.documents WHERE case_id = :'id';`, { id: String(id) }).trim();
		const docsBefore = docs();
		assert.match(docsBefore, /^\d+:Решение СМЭС г\. Алматы$/);
		const changed = { ...body, title: { kk: `Жаңа атау ${t}`, ru: `Новое название ${t}` },
		    requests: [] };
		const upd = await put(`/api/v1/court-cases/${id}`, { bearer: clerkOf.token, json: changed });
		assert.equal(upd.status, 200, upd.body.slice(0, 400));
		assert.equal(upd.json.id, id);
		assert.equal(upd.json.title.ru, `Новое название ${t}`);
		assert.deepEqual(upd.json.requests, []);
		assert.equal(docs(), docsBefore, 'a court act kept is the same row (the feed)');
		const second = { instance: 'appeal', kind: 'resolution', date: null,
		    language: 'kk', title: 'Қаулы', body: 'Мәтін' };
		const more = await put(`/api/v1/court-cases/${id}`, { bearer: clerkOf.token,
		    json: { ...changed, documents: [second] } });
		assert.equal(more.status, 200, more.body.slice(0, 400));
		assert.deepEqual(more.json.documents, [second]);
		assert.doesNotMatch(docs(), /СМЭС/, 'a court act the record lost is gone');
		assert.equal((await put(`/api/v1/court-cases/${id}`, { bearer: clerkOf.token,
		    json: changed })).status, 200);

		const audit = JSON.parse(psql(`SELECT json_agg(json_build_object('action', action,
		    'actor', actor_id, 'before', details->'before'->'title'->>'ru',
		    'after', details->'after'->'title'->>'ru') ORDER BY id)
		    FROM core.audit WHERE object_type = 'court_case' AND object_id = :'id';`,
		    { id: String(id) }).trim());
		assert.deepEqual(audit, [
		    { action: 'court_case.create', actor: clerkOf.id, before: null,
		      after: body.title.ru },
		    { action: 'court_case.update', actor: clerkOf.id, before: body.title.ru,
		      after: `Новое название ${t}` },
		    { action: 'court_case.update', actor: clerkOf.id, before: `Новое название ${t}`,
		      after: `Новое название ${t}` },
		    { action: 'court_case.update', actor: clerkOf.id, before: `Новое название ${t}`,
		      after: `Новое название ${t}` }]);
	});

	test('a taken key: 409 on POST and on a PUT that renames', async () => {
		const t = tag();
		const taken = await c.post('/api/v1/court-cases',
		    { bearer: clerkOf.token, json: record('kimasar-river-2017') });
		const e = assertError(taken, 409, 'key_taken');
		assert.ok(e.fields.key);
		const mine = await c.post('/api/v1/court-cases',
		    { bearer: clerkOf.token, json: record(`rename-${t}`) });
		assert.equal(mine.status, 201);
		assertError(await put(`/api/v1/court-cases/${mine.json.id}`,
		    { bearer: clerkOf.token, json: record('kimasar-river-2017') }), 409, 'key_taken');
		assert.equal(caseId(`rename-${t}`), mine.json.id, 'unchanged');
		assertError(await put('/api/v1/court-cases/999999999',
		    { bearer: clerkOf.token, json: record(`ghost-${t}`) }), 404, 'not_found');
		assert.equal(caseId(`ghost-${t}`), null);
	});

	test('400 for a wrong enum value, date or a missing title, in the request\'s language', async () => {
		const t = tag();
		const post = (json, lang = 'ru') => c.post('/api/v1/court-cases',
		    { bearer: clerkOf.token, json, headers: { 'Accept-Language': lang } });
		let e = assertError(await post(record(`bad-${t}`, { category: 'Waste' })),
		    400, 'invalid_value');
		assert.deepEqual(e.fields, { category: tr('ru', 'This is not one of the allowed values.') });
		const ev = record(`bad-${t}`);
		ev.events[1].date = '2019-13';
		e = assertError(await post(ev, 'kk'), 400, 'invalid_date');
		assert.deepEqual(e.fields, { 'events[1].date':
		    tr('kk', 'This is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.') });
		const untitled = record(`bad-${t}`);
		delete untitled.title;
		e = assertError(await post(untitled, 'en'), 400, 'required');
		assert.deepEqual(e.fields, { title: 'This field is required.' });
		const several = record(`bad-${t}`, { status: 'won', aarhus_applied: 'yes' });
		several.parties[0].kind = 'person';
		e = assertError(await post(several), 400, 'invalid_value');
		assert.deepEqual(Object.keys(e.fields).sort(),
		    ['aarhus_applied', 'parties[0].kind', 'status']);
		assertError(await c.post('/api/v1/court-cases', { bearer: clerkOf.token,
		    body: 'not json', headers: { 'Content-Type': 'application/json' } }),
		    400, 'bad_request');
		assert.equal(caseId(`bad-${t}`), null, 'nothing written');
	});

	test('hostile bodies: 400, 413 or 415, never a 500, nothing written', async () => {
		const t = tag();
		const send = (opts) => c.post('/api/v1/court-cases', { bearer: clerkOf.token, ...opts });
		assertError(await send({ json: [record(`hostile-${t}`)] }), 400, 'bad_request');
		assertError(await send({ body: 'key=x', headers: {
		    'Content-Type': 'application/x-www-form-urlencoded' } }), 415,
		    'unsupported_media_type');
		assertError(await send({ json: record(`hostile-${t}`,
		    { notes: 'ә'.repeat(3 * 1024 * 1024) }) }), 413, 'payload_too_large');
		const many = record(`hostile-${t}`);
		many.events = Array.from({ length: 501 }, () => many.events[1]);
		const e = assertError(await send({ json: many }), 400, 'too_many');
		assert.deepEqual(Object.keys(e.fields), ['events']);
		const deep = record(`hostile-${t}`, { parties: [{ role: 'claimant', kind: 'ngo',
		    name: { kk: { kk: 'А' }, ru: ['А'] } }], amounts: [{ value: 1e400, unit: 't',
		    what: { kk: 'А', ru: 'А' } }] });
		assert.equal((await send({ json: deep })).status, 400);
		assert.equal(caseId(`hostile-${t}`), null);
	});

	test('anyone but a clerk or an administrator: 403; nobody signed in: 401', async () => {
		const t = tag();
		const id = caseId('kimasar-river-2017');
		const body = record(`refused-${t}`);
		assertError(await c.post('/api/v1/court-cases', { json: body }), 401, 'unauthorized');
		assertError(await put(`/api/v1/court-cases/${id}`, { json: body }), 401, 'unauthorized');
		for (const who of [officialOf, citizen]) {
			assertError(await c.post('/api/v1/court-cases', { bearer: who.token, json: body }),
			    403, 'forbidden');
			assertError(await put(`/api/v1/court-cases/${id}`, { bearer: who.token, json: body }),
			    403, 'forbidden');
		}
		assert.equal(caseId(`refused-${t}`), null);
		assert.equal((await c.get(`/api/v1/court-cases/${id}`)).json.key, 'kimasar-river-2017');
	});

	test('statistics: the courts\' figures and the registry\'s counts by year', async () => {
		const res = await c.get('/api/v1/court-statistics');
		assert.equal(res.status, 200);
		assert.deepEqual(res.json.official, [
		    { year: 2017, received: 316, decided: 250, aarhus_applied: 16 },
		    { year: 2018, received: 245, decided: 147, aarhus_applied: 4 },
		    { year: 2019, received: 560, decided: 274, aarhus_applied: 7 },
		    { year: 2020, received: 432, decided: 228, aarhus_applied: 1 }]);
		// The real cases' share: each by the year of its first court act.
		const expect = JSON.parse(psql(`SELECT json_object_agg(y, n) FROM (
		    SELECT y, count(*) AS n FROM (SELECT (SELECT extract(year FROM min(e.day_on))::int
		    FROM courts.events e WHERE e.case_id = k.id
		    AND e.instance IN ('first', 'appeal', 'cassation')) AS y
		    FROM courts.cases k WHERE NOT k.generated) x WHERE y IS NOT NULL GROUP BY y) z;`).trim());
		for (const row of res.json.registry) {
			assert.deepEqual(Object.keys(row).sort(), ['by_category', 'by_outcome', 'cases', 'year']);
			if (row.year !== null)
				assert.equal(row.cases, expect[row.year], `year ${row.year}`);
			const cats = Object.values(row.by_category).reduce((a, b) => a + b, 0);
			assert.equal(cats, row.cases, 'each case in one category');
		}
		const y2017 = res.json.registry.find((r) => r.year === 2017);
		assert.ok(y2017.by_category.access_to_information >= 3, 'kimasar, butakov, cement');
		assert.ok(y2017.by_outcome.granted >= 3);
	});
});
