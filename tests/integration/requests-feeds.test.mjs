// The Atom feeds of public requests' events (all, per holder, per
// request) and the CSV and JSON exports of the tracker's search (issue 4,
// item 8).  Feeds are parsed by PostgreSQL's XML parser (libxml2), the
// CSV by an RFC 4180 reader written here.  Privacy: an individual's name,
// IIN, e-mail, phone and postal address, filed on the portal and on
// paper, appear in no feed and no export.
//
// Sign-ins from 127.0.0.24: the head of holder H, once.  The citizen and
// the organisation register through the HTML form.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	BASE_URL, client, individual, organisation, registerByForm, uniqueEmail,
	validIin,
} from './lib/http.mjs';
import { tr } from './lib/po.mjs';
import { cyr, file, official, psql, step, tag } from './lib/requests.mjs';
import { parseCsv, parseFeed } from './lib/formats.mjs';

const c = client('127.0.0.24');

let H, G, head, citizen, ngo, today;
let key;			// in every subject filed here: the search
let plain, tricky, paper, hidden, shown, other;
const personal = [];		// what must appear nowhere

// Signs up through the HTML form: the registration with its token.
async function signUp(reg) {
	const { token } = await registerByForm(c, 'ru', reg);
	return { ...reg, token };
}

function filing(holder, over = {}) {
	return {
		holder_id: holder.id, subject: `Ластану ${key} ${tag()}`,
		body: 'Прошу предоставить данные о сбросах в реку.',
		language: 'ru', answer_form: 'electronic', public: true, ...over,
	};
}

async function feed(path, status = 200) {
	const res = await c.get(path);
	assert.equal(res.status, status, `${path}: ${res.body.slice(0, 300)}`);
	if (status !== 200)
		return res;
	assert.equal(res.headers['content-type'], 'application/atom+xml');
	const parsed = parseFeed(res.body);
	assert.ok(parsed, `${path} is well-formed XML`);
	return { res, ...parsed };
}

async function exportCsv(query, lang = 'ru') {
	const res = await c.get(`/${lang}/requests/export.csv?${query}`);
	assert.equal(res.status, 200, res.body.slice(0, 300));
	assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8; header=present');
	assert.equal(res.headers['content-disposition'], `attachment; filename="requests-${today}.csv"`);
	assert.deepEqual([...res.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte order mark');
	const rows = parseCsv(res.body.slice(1));
	return { res, head: rows[0], rows: rows.slice(1) };
}

async function exportJson(query) {
	const res = await c.get(`/kk/requests/export.json?${query}`);
	assert.equal(res.status, 200, res.body.slice(0, 300));
	assert.match(res.headers['content-type'], /^application\/json/);
	assert.equal(res.headers['content-disposition'], `attachment; filename="requests-${today}.json"`);
	return res;
}

function assertNoPersonalData(text, where) {
	for (const p of personal)
		assert.ok(!text.includes(p), `${JSON.stringify(p)} in ${where}`);
}

before(async () => {
	const res = await c.get('/api/v1/holders');
	assert.equal(res.status, 200);
	const holders = res.json.items;
	H = holders.at(-4);
	G = holders.at(-5);
	key = tag();
	head = await official(c, H.id, 'head');
	citizen = await signUp(individual({
		full_name: `Құпиябаева ${cyr(8)} Гүлнар`, email: uniqueEmail('feeds'),
	}));
	ngo = await signUp(organisation({ org_name: `ҚБ «Мөлдір су ${cyr(6)}»`,
	    full_name: `Байланысова ${cyr(7)} Ая` }));

	plain = await file(c, citizen, filing(H));
	today = plain.received_on;
	// Text that XML, CSV and spreadsheets must all survive.
	tricky = await file(c, citizen, filing(H, {
		subject: `=HYPERLINK("http://evil.example/?${key}","нажми") <b>&amp; «${key}», 'x'`,
	}));
	const address = `Семей, ${cyr(9)} көшесі, 12, пәтер 3`;
	const phone = '+7 705 123 45 67';
	const paperIin = validIin();
	const paperName = `Қағазбаев ${cyr(8)} Ерлан`;
	const paperEmail = uniqueEmail('paper');
	paper = await file(c, head, {
		...filing(H), channel: 'paper', received_on: today, answer_form: 'paper',
		requester: { kind: 'individual', full_name: paperName, iin: paperIin,
		    email: paperEmail, phone, postal_address: address },
	});
	hidden = await file(c, citizen, filing(H, { public: false }));
	shown = await file(c, ngo, { ...filing(H), show_name: true });
	other = await file(c, citizen, filing(G));
	personal.push(citizen.full_name, citizen.iin, citizen.email, paperIin,
	    paperName, paperEmail, address, phone, ngo.bin, ngo.email, ngo.full_name);

	await step(c, head, plain.id, { type: 'classify', complexity: 'simple' });
	await step(c, head, plain.id, { type: 'answer', text: 'Данные приложены.', complete: false });
	// A draft is the holder's business: it must stay out of every feed.
	await step(c, head, tricky.id, { type: 'classify', complexity: 'complex' });
	await step(c, head, tricky.id, { type: 'assign', executor_id: head.id });
	await step(c, head, tricky.id, { type: 'draft', of: 'answer', text: 'Черновик ответа', complete: true });
	const events = psql(`SELECT string_agg(type, ',' ORDER BY id) FROM requests.events
	    WHERE request_id = ${tricky.id};`).trim();
	assert.equal(events, 'registered,classify,assign,draft', 'the draft is in the timeline');
});

describe('Atom feeds', () => {
	test('a request\'s feed: well-formed, its events newest first, in the page\'s language', async () => {
		const f = await feed(`/ru/requests/${plain.id}/feed.atom`);
		assert.equal(f.feed.lang, 'ru');
		assert.equal(f.feed.id, `tag:ecogosfond.kz,2026:requests/feeds/ru/requests/${plain.id}`);
		assert.equal(f.feed.title, `${plain.reg_no} — ${plain.subject}`);
		assert.equal(f.feed.self, `${BASE_URL}/ru/requests/${plain.id}/feed.atom`);
		assert.equal(f.feed.alternate, `${BASE_URL}/ru/requests/${plain.id}`);
		assert.equal(f.feed.author, tr('ru', 'ecogosfond'));
		assert.deepEqual(f.entries.map((e) => e.term), ['answer', 'assign', 'classify', 'registered'],
		    'the head who answers takes the request on first');
		for (const e of f.entries) {
			assert.match(e.id, new RegExp(`^tag:ecogosfond\\.kz,2026:requests/${plain.id}/events/\\d+$`));
			assert.equal(e.link, `${BASE_URL}/ru/requests/${plain.id}`);
			assert.match(e.updated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
			assert.equal(e.published, e.updated);
			assert.ok(e.summary.includes(H.name.ru), e.summary);
		}
		const answer = f.entries[0];
		assert.equal(answer.label, tr('ru', 'Answer issued'));
		assert.equal(answer.title, `${plain.reg_no} — ${tr('ru', 'Answer issued')}: ${plain.subject}`);
		assert.ok(answer.summary.includes(tr('ru', 'Partial answer')), answer.summary);
		assert.ok(answer.summary.includes(tr('ru', 'Within the deadline')), answer.summary);
		assert.equal(f.feed.updated, answer.updated, 'the feed is as new as its newest entry');
		assertNoPersonalData(f.res.body, 'the request feed');
	});

	test('XML escaping: the tricky subject comes back exactly, the document well-formed', async () => {
		const f = await feed(`/kk/requests/${tricky.id}/feed.atom`);
		assert.equal(f.feed.title, `${tricky.reg_no} — ${tricky.subject}`);
		assert.deepEqual(f.entries.map((e) => e.term), ['assign', 'classify', 'registered'],
		    'no draft in a public feed');
		assert.equal(f.entries[2].title, `${tricky.reg_no} — ${tr('kk', 'Request registered')}: ${tricky.subject}`);
		assert.ok(f.entries[1].summary.includes(tr('kk', 'Complex: other bodies or a site inspection, 30 calendar days')),
		    f.entries[0].summary);
		assert.ok(!f.res.body.includes('<b>'), 'no raw markup from a subject');
	});

	test('a holder\'s feed has its public requests\' events and no other holder\'s', async () => {
		const f = await feed(`/kk/requests/feed.atom?holder_id=${H.id}`);
		assert.equal(f.feed.id, `tag:ecogosfond.kz,2026:requests/feeds/kk/holders/${H.id}`);
		assert.equal(f.feed.title, `${H.name.kk} — ${tr('kk', 'Requests to state bodies')}`);
		assert.equal(f.feed.self, `${BASE_URL}/kk/requests/feed.atom?holder_id=${H.id}`);
		assert.equal(f.feed.alternate, `${BASE_URL}/kk/requests?holder_id=${H.id}`);
		const links = new Set(f.entries.map((e) => e.link));
		for (const r of [plain, tricky, paper, shown])
			assert.ok(links.has(`${BASE_URL}/kk/requests/${r.id}`), `${r.reg_no} in the feed`);
		assert.ok(!links.has(`${BASE_URL}/kk/requests/${hidden.id}`), 'not the one that is not public');
		assert.ok(!links.has(`${BASE_URL}/kk/requests/${other.id}`), 'not another holder\'s');
		assert.ok(f.entries.length <= 50);
		const times = f.entries.map((e) => e.updated);
		assert.deepEqual([...times].sort().reverse(), times, 'newest first');
		assertNoPersonalData(f.res.body, 'the holder feed');
	});

	test('the feed of all public requests: at most 50, newest first', async () => {
		const f = await feed('/en/requests/feed.atom');
		assert.equal(f.feed.id, 'tag:ecogosfond.kz,2026:requests/feeds/en/all');
		assert.equal(f.feed.alternate, `${BASE_URL}/en/requests`);
		assert.ok(f.entries.length > 0 && f.entries.length <= 50);
		const times = f.entries.map((e) => e.updated);
		assert.deepEqual([...times].sort().reverse(), times, 'newest first');
		const g = await feed(`/en/requests/${other.id}/feed.atom`);
		assert.equal(g.entries.length, 1);
		assertNoPersonalData(f.res.body, 'the feed of all');
	});

	test('what has no feed: 404, 400', async () => {
		await feed(`/ru/requests/${hidden.id}/feed.atom`, 404);
		await feed('/ru/requests/999999999/feed.atom', 404);
		await feed('/ru/requests/feed.atom?holder_id=999999999', 404);
		await feed('/ru/requests/feed.atom?holder_id=abc', 400);
		const owner = await c.get(`/ru/requests/${hidden.id}/feed.atom`, { bearer: citizen.token });
		assert.equal(owner.status, 404, 'not even for its requester: feeds are public');
	});

	test('the tracker and the request page link their feeds in <head>', async () => {
		const t = await c.get(`/ru/requests?holder_id=${H.id}`);
		assert.ok(t.body.includes(`<link rel="alternate" type="application/atom+xml" title="${tr('ru', 'Atom feed')}" href="/ru/requests/feed.atom?holder_id=${H.id}">`));
		const all = await c.get('/ru/requests');
		assert.ok(all.body.includes('href="/ru/requests/feed.atom">'));
	});
});

describe('CSV and JSON exports', () => {
	test('the tracker links the exports with its current filters', async () => {
		const t = await c.get(`/ru/requests?holder_id=${H.id}&q=${key}&status=registered`);
		assert.equal(t.status, 200);
		const filters = `holder_id=${H.id}&amp;status=registered&amp;q=${key}`;
		assert.ok(t.body.includes(`href="/ru/requests/export.csv?${filters}"`), 'CSV');
		assert.ok(t.body.includes(`href="/ru/requests/export.json?${filters}"`), 'JSON');
	});

	test('CSV: every match of the filters, headers in the language, quoting, the formula guard', async () => {
		const { head: cols, rows, res } = await exportCsv(`holder_id=${H.id}&q=${key}`);
		assert.deepEqual(cols, ['ID', 'Number', 'Received', 'State body', 'Code of the state body',
		    'Region', 'Subject', 'Status code', 'Status', 'Due', 'Date of the answer',
		    'Date of the refusal', 'Overdue', 'On time', 'Requester', 'Page on the portal']
		    .map((m) => tr('ru', m)));
		const byId = new Map(rows.map((r) => [Number(r[0]), r]));
		assert.deepEqual([...byId.keys()].sort((a, b) => a - b),
		    [plain.id, tricky.id, paper.id, shown.id].sort((a, b) => a - b),
		    'exactly the public requests of H with the key');
		const p = byId.get(plain.id);
		assert.equal(p[1], plain.reg_no);
		assert.equal(p[2], today);
		assert.equal(p[3], H.name.ru);
		assert.equal(p[4], H.code);
		assert.equal(p[7], 'partially_answered');
		assert.equal(p[8], tr('ru', 'Partially answered'));
		assert.equal(p[10], today);
		assert.equal(p[11], '');
		assert.equal(p[12], 'false');
		assert.equal(p[13], 'true');
		assert.equal(p[14], tr('ru', 'A citizen (the name is not published)'));
		assert.equal(p[15], `${BASE_URL}/ru/requests/${plain.id}`);
		assert.equal(byId.get(tricky.id)[6], `'${tricky.subject}`, 'a formula gets an apostrophe');
		assert.ok(res.body.includes(`"'=HYPERLINK(""http://evil.example/`), 'quotes doubled in a quoted cell');
		assert.equal(byId.get(shown.id)[14], ngo.org_name, 'an organisation that shows its name');
		assert.equal(byId.get(paper.id)[14], tr('ru', 'A citizen (the name is not published)'));
		assertNoPersonalData(res.body, 'the CSV');
	});

	test('CSV filters: status, words, dates; a bad filter is 400', async () => {
		let e = await exportCsv(`holder_id=${H.id}&q=${key}&status=partially_answered`, 'kk');
		assert.deepEqual(e.rows.map((r) => Number(r[0])), [plain.id]);
		assert.equal(e.head[1], tr('kk', 'Number'));
		e = await exportCsv(`q=${key}&to=2000-01-01`);
		assert.deepEqual(e.rows, []);
		e = await exportCsv(`q=${key}&from=${today}&holder_id=${G.id}`);
		assert.deepEqual(e.rows.map((r) => Number(r[0])), [other.id]);
		for (const bad of ['status=bogus', 'holder_id=x', 'from=yesterday', 'overdue=maybe'])
			assert.equal((await c.get(`/ru/requests/export.csv?${bad}`)).status, 400, bad);
	});

	test('JSON: the API\'s items with the status\'s name and the page, the same set as the API', async () => {
		const q = `holder_id=${H.id}&q=${key}`;
		const res = await exportJson(q);
		const j = JSON.parse(res.body);
		assert.equal(j.truncated, false);
		assert.equal(j.limit, 10000);
		assert.equal(j.count, j.items.length);
		const api = await c.get(`/api/v1/requests?${q}`);
		assert.equal(api.status, 200);
		assert.deepEqual(j.items.map((i) => i.id), api.json.items.map((i) => i.id), 'the API\'s order');
		assert.equal(j.items.length, api.json.total);
		const p = j.items.find((i) => i.id === plain.id);
		const a = api.json.items.find((i) => i.id === plain.id);
		assert.deepEqual({ ...p, status_label: undefined, url: undefined },
		    { ...a, status_label: undefined, url: undefined }, 'the API\'s item');
		assert.equal(p.status_label, tr('kk', 'Partially answered'));
		assert.equal(p.url, `${BASE_URL}/kk/requests/${plain.id}`);
		assert.equal(j.items.find((i) => i.id === tricky.id).subject, tricky.subject, 'JSON needs no guard');
		assertNoPersonalData(res.body, 'the JSON');
	});

	test('more than 10,000 matches: the first 10,000, and the file says it is cut', async () => {
		// 10,001 public requests of 2001 to a holder of their own, made in
		// the database and removed afterwards: old enough to stay off the
		// tracker's first pages while they exist.
		const cap = tag();
		const I = (await c.get('/api/v1/holders')).json.items.at(-6);
		psql(`WITH q AS (INSERT INTO requests.requesters (kind, full_name, iin)
		    VALUES ('individual', 'Көпбаев Тест', '900101300017') RETURNING id)
		    INSERT INTO requests.requests (holder_id, reg_year, reg_seq, reg_no,
		        requester_id, requester_kind, channel, subject, body, language,
		        answer_form, public, status, received_on, registered_on, due_on,
		        refusal_due_on, redirect_due_on)
		    SELECT ${I.id}, 2001, g, 'CAP-' || :'cap' || '-' || g, q.id,
		        'individual', 'paper', 'Көп ' || :'cap', 'Мәтін', 'kk',
		        'electronic', true, 'registered', '2001-03-02', '2001-03-02',
		        '2001-03-19', '2001-03-09', '2001-03-07'
		    FROM q, generate_series(1, 10001) g;`, { cap });
		try {
			const q = `holder_id=${I.id}&q=${cap}`;
			const csv = await c.get(`/ru/requests/export.csv?${q}`);
			assert.equal(csv.status, 200);
			assert.equal(csv.headers['x-export-truncated'], '10000');
			assert.equal(csv.headers['content-disposition'],
			    `attachment; filename="requests-${today}-first-10000.csv"`);
			const rows = parseCsv(csv.body.slice(1)).slice(1);
			assert.equal(rows.length, 10000);
			assert.equal(new Set(rows.map((r) => r[0])).size, 10000, 'no row twice');
			const json = await c.get(`/ru/requests/export.json?${q}`);
			assert.equal(json.headers['x-export-truncated'], '10000');
			const j = JSON.parse(json.body);
			assert.equal(j.truncated, true);
			assert.equal(j.count, 10000);
			assert.equal(j.items.length, 10000);
			assert.deepEqual(j.items.slice(0, 3).map((i) => i.id),
			    rows.slice(0, 3).map((r) => Number(r[0])), 'the same order');
		} finally {
			psql(`WITH r AS (DELETE FROM requests.requests
			        WHERE reg_no LIKE 'CAP-' || :'cap' || '-%' RETURNING requester_id)
			    DELETE FROM requests.requesters WHERE id IN (SELECT requester_id FROM r);`,
			    { cap });
		}
	});

	test('JSON: a bad filter is 400, no match is an empty list', async () => {
		assert.equal((await c.get('/kk/requests/export.json?status=bogus')).status, 400);
		const j = JSON.parse((await exportJson(`q=${key}&status=withdrawn`)).body);
		assert.deepEqual(j.items, []);
		assert.equal(j.count, 0);
	});
});
