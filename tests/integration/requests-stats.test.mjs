// The statistics of requests (issue 4, item 9) over HTTP: a holder of its
// own, made for this file (so that its numbers are exact while other
// files file requests elsewhere), gets requests in every situation —
// answered on time, answered late, refused, redirected late, extended,
// overdue, open, not public — and two complaints; then
// GET /api/v1/requests/statistics?holder_id= must give exactly those
// numbers, agree with what each request's own view says (on_time,
// overdue, due_soon), count the request that is not public, and name no
// requester.  The page renders in kk, ru and en with its SVG charts,
// accessible and escaped (the holder's name carries markup on purpose).
//
// Dates: a registrar or head registers a paper request with its real
// receipt date, which may lie in the past; "today" is the handlers' own
// (the statistics' as_of).  The counts are a worker's copy that follows a
// change within STATS_MIN_AGE (5 s), so reads after a change poll.
//
// Sign-ins from 127.0.0.25: the head of the holder, once.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { client, login, sleep, uniqueEmail, validIin, PASSWORD } from './lib/http.mjs';
import { trHtml } from './lib/po.mjs';
import { ecoctl, env } from './lib/stack.mjs';

const c = client('127.0.0.25');
const STATS = '/api/v1/requests/statistics';
const GROUNDS = ['unidentifiable', 'non_compliant', 'restricted_access',
    'analysis_in_progress', 'inspection_pending', 'decision_pending',
    'foreign_agreement_pending'];

// --- helpers ------------------------------------------------------------------

function psql(sql) {
	return execFileSync(path.join(env.pgBin, 'psql'),
	    ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', env.ownerDsn, '-f', '-'],
	    { input: sql, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;

function addDays(iso, n) {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

// The 12 months up to today's, oldest first, as "YYYY-MM".
function lastMonths(today) {
	const out = [];
	let y = Number(today.slice(0, 4)), m = Number(today.slice(5, 7));
	for (let i = 0; i < 12; i++) {
		out.unshift(`${y}-${String(m).padStart(2, '0')}`);
		if (--m === 0) {
			m = 12;
			y--;
		}
	}
	return out;
}

async function getJson(url, status = 200) {
	const res = await c.get(url);
	assert.equal(res.status, status, `${url}: ${res.body.slice(0, 300)}`);
	return res.json;
}

// How long a worker's copy of the counts may lag behind a change
// (STATS_MIN_AGE in handlers/requests/stats_db.h), and a margin.
const MIN_AGE_MS = 5000;
const MARGIN_MS = 1000;

// A holder of its own: a random code and a name with markup in it.
function makeHolder(tag, region) {
	const name = (lang) => `Тест ${lang} <b>"${tag}"</b> & 'Co'`;
	const id = psql(`INSERT INTO requests.holders (code, kind, region, name_kk, name_ru, name_en, sort)
	    VALUES (${lit(`stats_${tag}`)}, 'department', ${lit(region)}, ${lit(name('kk'))},
	    ${lit(name('ru'))}, ${lit(name('en'))}, 9000) RETURNING id;`).trim();
	return { id: Number(id), code: `stats_${tag}`, name };
}

function escapeHtml(s) {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
	    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// --- the world ------------------------------------------------------------------

let today, H, H2, head;
const filed = {};		// name -> the request as filed and stepped
const requesters = [];		// personal data that must appear nowhere

// A paper request to H received on day received, by the head.
async function paper(received, over = {}) {
	const requester = { kind: 'individual', full_name: `Статистикова ${randomBytes(4).toString('hex')}`,
	    iin: validIin(), postal_address: `Улытау, ${randomBytes(3).toString('hex')} көшесі, 7` };
	requesters.push(requester);
	const res = await c.post('/api/v1/requests', { bearer: head.token, json: {
		holder_id: H.id, subject: 'Мониторинг атмосферного воздуха',
		body: 'Прошу предоставить данные мониторинга.', language: 'ru',
		answer_form: 'electronic', public: true, channel: 'paper',
		received_on: received, requester, ...over,
	} });
	assert.equal(res.status, 201, res.body.slice(0, 400));
	return res.json;
}

async function step(id, body) {
	const res = await c.post(`/api/v1/requests/${id}/events`, { bearer: head.token, json: body });
	assert.equal(res.status, 200, `${body.type}: ${res.body.slice(0, 400)}`);
	return res.json;
}

before(async () => {
	const tag = randomBytes(5).toString('hex');
	H = makeHolder(tag, 'ulytau');
	H2 = makeHolder(`${tag}b`, 'ulytau');
	const email = uniqueEmail('stats-head');
	const out = ecoctl('user', 'add', '--email', email, '--password', PASSWORD,
	    '--name', 'Статистик Бас', '--role', 'official', '--holder', String(H.id),
	    '--position', 'head');
	head = { id: Number(/has id (\d+)/.exec(out)[1]), token: await login(c, email) };
	today = (await getJson(STATS)).as_of;
	assert.match(today, /^\d{4}-\d{2}-\d{2}$/);

	const assign = { type: 'assign', executor_id: head.id };
	// Answered the day it came: on time, 0 days.
	filed.onTime = await paper(today);
	await step(filed.onTime.id, assign);
	await step(filed.onTime.id, { type: 'answer', text: 'Данные прилагаются.', complete: true });
	// Received 40 days ago, answered in part today: late, 40 days.
	filed.late = await paper(addDays(today, -40));
	await step(filed.late.id, assign);
	await step(filed.late.id, { type: 'answer', text: 'Часть данных.', complete: false });
	// Refused within 5 working days of registration: on time.
	filed.refused = await paper(today);
	await step(filed.refused.id, assign);
	await step(filed.refused.id, { type: 'refuse', ground: 'restricted_access',
	    justification: 'Сведения ограниченного доступа.' });
	// Redirected 10 days after receipt: late (3 working days).
	filed.redirected = await paper(addDays(today, -10));
	await step(filed.redirected.id, { type: 'redirect', to_holder_id: H2.id,
	    justification: 'Вне компетенции.' });
	// Extended for an inspection: open, not overdue.
	filed.extended = await paper(today);
	await step(filed.extended.id, assign);
	await step(filed.extended.id, { type: 'extend', reason: 'inspection', days: 10,
	    justification: 'Выезд на объект.' });
	// Received 20 days ago and left alone: overdue.
	filed.overdue = await paper(addDays(today, -20));
	// Received today: open.
	filed.open = await paper(today);
	// Not public: counted all the same.
	filed.hidden = await paper(addDays(today, -2), { public: false });
	// Received 14 days ago: due in a day or two.
	filed.soon = await paper(addDays(today, -14));

	psql(`INSERT INTO requests.complaints (request_id, instance, learned_on, limit_on, filed_on, late, text, outcome)
	    VALUES (${filed.onTime.id}, 'court', ${lit(today)}, ${lit(addDays(today, 90))}, ${lit(today)}, false, 'Жалоба', 'upheld'),
	           (${filed.refused.id}, 'higher_body', ${lit(today)}, ${lit(addDays(today, 90))}, ${lit(today)}, true, 'Жалоба', 'pending');`);
	// Every worker's copy made before the last change is now too old to
	// be kept: what follows reads exact numbers from any worker.
	await sleep(MIN_AGE_MS + MARGIN_MS);
});

// --- the numbers ------------------------------------------------------------------

describe('GET /api/v1/requests/statistics?holder_id=', () => {
	test('one holder: exactly the requests filed, stepped and complained about', async () => {
		const s = await getJson(`${STATS}?holder_id=${H.id}`);
		assert.equal(s.as_of, today);
		assert.equal(s.holder_id, H.id);
		assert.equal(s.region, null);
		assert.deepEqual(s.holder, { id: H.id, code: H.code,
		    name: { kk: H.name('kk'), ru: H.name('ru'), en: H.name('en') }, region: 'ulytau' });
		assert.equal(s.holders, undefined, 'no table for one holder');
		const t = s.totals;
		assert.deepEqual(t.by_status, { registered: 4, in_progress: 0, extended: 1, redirected: 1,
		    answered: 1, partially_answered: 1, refused: 1, not_considered: 0, withdrawn: 0 });
		assert.equal(t.open, 5);
		assert.equal(t.overdue, 1, 'the request received 20 days ago');
		assert.deepEqual(t.on_time, { decided: 4, on_time: 2, late: 2, percent: 50,
		    answered_late: 1, refused_late: 0, redirected_late: 1 });
		assert.deepEqual(t.answers, { total: 2, median_days: 20 }, '0 and 40 days: 20');
		assert.deepEqual(t.refusals, { total: 1, by_ground: Object.fromEntries(
		    GROUNDS.map((g) => [g, g === 'restricted_access' ? 1 : 0])) });
		assert.deepEqual(t.redirects, { out: 1, in: 0 });
		assert.deepEqual(t.extensions, { requests: 1, inspection: 1, multiple_holders: 0 });
		assert.deepEqual(t.complaints, { total: 2, late: 1,
		    by_instance: { higher_body: 1, court: 1 },
		    by_outcome: { pending: 1, upheld: 1, partially_upheld: 0, dismissed: 0, withdrawn: 0 } });

		const months = lastMonths(today);
		const want = new Map(months.map((m) => [m, 0]));
		for (const r of Object.values(filed)) {
			const m = r.received_on.slice(0, 7);
			if (want.has(m))
				want.set(m, want.get(m) + 1);
		}
		assert.deepEqual(t.by_month, months.map((m) => ({ month: m, requests: want.get(m) })));
		assert.equal(t.by_month.reduce((a, m) => a + m.requests, 0), 9, 'every request within 12 months');
	});

	test('the same verdicts as each request says of itself (on_time, overdue, due_soon)', async () => {
		const s = await getJson(`${STATS}?holder_id=${H.id}`);
		let onTime = 0, late = 0, overdue = 0, soon = 0, open = 0;
		for (const r of Object.values(filed)) {
			const res = await c.get(`/api/v1/requests/${r.id}`, { bearer: head.token });
			assert.equal(res.status, 200, res.body.slice(0, 200));
			const v = res.json;
			if (v.on_time === true)
				onTime++;
			if (v.on_time === false)
				late++;
			overdue += v.overdue ? 1 : 0;
			soon += v.due_soon ? 1 : 0;
			open += v.days_left !== null ? 1 : 0;
		}
		assert.equal(s.totals.on_time.on_time, onTime, 'on time');
		assert.equal(s.totals.on_time.late, late, 'late');
		assert.equal(s.totals.overdue, overdue, 'overdue');
		assert.equal(s.totals.due_soon, soon, 'due soon');
		assert.equal(s.totals.open, open, 'open');
	});

	test('the redirect arrives as a request received by the other holder', async () => {
		const s = await getJson(`${STATS}?holder_id=${H2.id}`);
		assert.deepEqual(s.totals.redirects, { out: 0, in: 1 });
		assert.equal(s.totals.by_status.registered, 1);
		assert.equal(s.totals.on_time.percent, null, 'nothing decided: no percent');
		assert.equal(s.totals.answers.median_days, null, 'no answers: no median');
	});

	test('a request that is not public counts, but no requester is named anywhere', async () => {
		const s = await getJson(`${STATS}?holder_id=${H.id}`);
		const list = (await getJson(`/api/v1/requests?holder_id=${H.id}`));
		assert.equal(list.total, 8, 'the public tracker lists the 8 public ones');
		assert.equal(s.totals.requests, 9, 'the statistics count all 9');
		const pages = [JSON.stringify(s), JSON.stringify(await getJson(STATS)),
		    (await c.get(`/ru/requests/statistics?holder_id=${H.id}`)).body,
		    (await c.get('/kk/requests/statistics?region=ulytau')).body];
		for (const q of requesters)
			for (const p of pages) {
				assert.ok(!p.includes(q.iin), 'no IIN');
				assert.ok(!p.includes(q.full_name), 'no name');
				assert.ok(!p.includes(q.postal_address), 'no address');
			}
	});
});

describe('GET /api/v1/requests/statistics: every holder, a region', () => {
	test('the totals are the sum of the holders listed; the holder is among them', async () => {
		const s = await getJson(STATS);
		assert.equal(s.holder_id, null);
		assert.equal(s.region, null);
		const sum = (k) => s.holders.reduce((a, h) => a + h[k], 0);
		assert.equal(s.totals.requests, sum('requests'));
		assert.equal(s.totals.overdue, sum('overdue'));
		assert.equal(s.totals.refusals.total, sum('refusals'));
		assert.equal(s.totals.complaints.total, sum('complaints'));
		assert.equal(s.totals.redirects.out, sum('redirects'));
		assert.equal(s.totals.extensions.requests, sum('extensions'));
		const h = s.holders.find((x) => x.id === H.id);
		assert.deepEqual(h, { id: H.id, code: H.code,
		    name: { kk: H.name('kk'), ru: H.name('ru'), en: H.name('en') }, region: 'ulytau',
		    requests: 9, on_time_percent: 50, median_days_to_answer: 20, overdue: 1,
		    refusals: 1, redirects: 1, extensions: 1, complaints: 2 });
		assert.ok(s.holders.length >= 72, 'every reference holder is listed');
	});

	test('a region: only its holders, summed', async () => {
		const s = await getJson(`${STATS}?region=ulytau`);
		assert.equal(s.region, 'ulytau');
		assert.ok(s.holders.every((h) => h.region === 'ulytau'), 'only Ulytau');
		assert.ok(s.holders.some((h) => h.id === H2.id));
		assert.equal(s.totals.requests, s.holders.reduce((a, h) => a + h.requests, 0));
		assert.ok(s.totals.requests >= 10);
	});

	test('sorted by a column, either way; holders with nothing to show last', async () => {
		const desc = (await getJson(`${STATS}?sort=requests`)).holders.map((h) => h.requests);
		assert.deepEqual(desc, [...desc].sort((a, b) => b - a), 'most requests first by default');
		const asc = (await getJson(`${STATS}?sort=requests&dir=asc`)).holders.map((h) => h.requests);
		assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
		const med = (await getJson(`${STATS}?sort=median`)).holders.map((h) => h.median_days_to_answer);
		const known = med.filter((m) => m !== null);
		assert.deepEqual(med.slice(0, known.length), [...known].sort((a, b) => a - b),
		    'fastest first, the holders without answers after them');
		for (const dir of ['asc', 'desc']) {
			const p = (await getJson(`${STATS}?sort=on_time&dir=${dir}`)).holders.map((h) => h.on_time_percent);
			const n = p.filter((x) => x !== null).length;
			assert.ok(p.slice(n).every((x) => x === null), `${dir}: no percent last`);
		}
	});

	test('400 for a bad parameter, 404 for a holder that does not exist', async () => {
		for (const q of ['holder_id=abc', 'holder_id=-3', 'holder_id=0', 'region=atlantis',
		    'sort=name', 'dir=up', 'region=%3Cb%3E']) {
			const res = await c.get(`${STATS}?${q}`);
			assert.equal(res.status, 400, `${q}: ${res.body.slice(0, 200)}`);
			assert.equal(res.json.error.code, 'bad_request');
			const page = await c.get(`/en/requests/statistics?${q}`);
			assert.equal(page.status, 400, `page ${q}`);
		}
		const res = await c.get(`${STATS}?holder_id=999999999`);
		assert.equal(res.status, 404);
		assert.equal((await c.get('/ru/requests/statistics?holder_id=999999999')).status, 404);
	});
});

// --- the page -----------------------------------------------------------------------

describe('GET /{lang}/requests/statistics', () => {
	for (const lang of ['kk', 'ru', 'en']) {
		test(`${lang}: one holder, with its charts as accessible, escaped SVG and the numbers in tables`, async () => {
			const res = await c.get(`/${lang}/requests/statistics?holder_id=${H.id}`);
			assert.equal(res.status, 200, res.body.slice(0, 300));
			assert.match(res.headers['content-type'], /^text\/html/);
			const html = res.body;
			const name = escapeHtml(H.name(lang));
			assert.ok(!html.includes(H.name(lang)) && !html.includes('<b>"'), 'the name is never raw');
			assert.ok(html.includes(`<h1>${name}</h1>`), 'the holder as the title');
			const svgs = html.match(/<svg [^>]*>[\s\S]*?<\/svg>/g) ?? [];
			assert.equal(svgs.length, 3, 'on time, by month, by ground');
			for (const [svg, title] of [[svgs[0], 'Decisions on time and late'],
			    [svgs[1], 'Requests received by month'], [svgs[2], 'Refusals by ground']]) {
				const label = `${trHtml(lang, title)} — ${name}`;
				assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="chart [a-z-]+" role="img" /);
				assert.ok(svg.includes(`aria-label="${label}"`), `${title}: aria-label`);
				assert.ok(svg.includes(`<title>${label}</title>`), `${title}: <title>`);
				assert.ok(!/nan|infinity/i.test(svg), `${title}: no NaN`);
			}
			assert.ok(svgs[0].includes('>50%<'), 'the share on time');
			assert.ok(svgs[2].includes(`>${trHtml(lang, 'The information is restricted-access')}<`),
			    'the ground by name');
			// The same numbers without images: the tables.
			assert.ok(html.includes(`<th scope="row">${trHtml(lang, 'Answered late')}</th><td>1</td>`));
			assert.ok(html.includes(`<td>${trHtml(lang, 'The information is restricted-access')}</td><td>1</td>`));
			assert.ok(html.includes(`<dt>${trHtml(lang, 'Overdue now')}</dt><dd>1</dd>`));
			assert.ok(html.includes(`<dt>${trHtml(lang, 'Median days to answer')}</dt><dd>20</dd>`));
			assert.ok(html.includes(`href="/api/v1/requests/statistics?holder_id=${H.id}"`), 'the JSON');
		});
	}

	test('every holder: the table links each holder and sorts by its columns', async () => {
		const res = await c.get('/ru/requests/statistics?sort=overdue');
		assert.equal(res.status, 200);
		const html = res.body;
		assert.ok(html.includes(`<tr id="holder-${H.id}">`), 'a row to link to');
		assert.ok(html.includes(`href="/ru/requests/statistics?holder_id=${H.id}">${escapeHtml(H.name('ru'))}</a>`));
		assert.ok(html.includes('aria-sort="descending"><a href="/ru/requests/statistics?sort=overdue&amp;dir=asc#holders"'),
		    'the current column turns the order');
		assert.ok(html.includes('<a href="/ru/requests/statistics?sort=requests&amp;dir=desc#holders"'));
		assert.ok(html.includes(trHtml('ru', 'Statistics of requests')));
		assert.equal((html.match(/<svg /g) ?? []).length >= 2, true, 'charts of all');

		const region = await c.get('/en/requests/statistics?region=ulytau');
		assert.equal(region.status, 200);
		assert.ok(region.body.includes('<option value="ulytau" selected>'));
		assert.ok(region.body.includes('href="/api/v1/requests/statistics?region=ulytau"'));
		assert.ok(region.body.includes(`${trHtml('en', 'Requests received by month')} — ${trHtml('en', 'Ulytau Region')}`),
		    'the charts name the region');
	});

	test('the tracker and the home page link to the statistics', async () => {
		for (const lang of ['kk', 'ru', 'en']) {
			assert.ok((await c.get(`/${lang}/requests`)).body.includes(`href="/${lang}/requests/statistics"`));
			assert.ok((await c.get(`/${lang}/`)).body.includes(`href="/${lang}/requests/statistics"`));
		}
	});
});

describe('a change shows', () => {
	test('within STATS_MIN_AGE of the commit, on whichever worker answers', async () => {
		const copy = (await getJson(`/api/v1/requests?holder_id=${H2.id}`)).items[0];
		assert.ok(copy, 'the redirected request at the other holder');
		assert.equal((await getJson(`${STATS}?holder_id=${H2.id}`)).totals.complaints.total, 0);
		const t0 = Date.now();
		psql(`INSERT INTO requests.complaints (request_id, instance, learned_on, limit_on, filed_on, late, text)
		    VALUES (${copy.id}, 'court', ${lit(today)}, ${lit(addDays(today, 90))}, ${lit(today)}, false, 'Жалоба');`);
		let seen = 0;
		// Counted from then on: eight reads in a row.
		while (seen < 8) {
			const s = await getJson(`${STATS}?holder_id=${H2.id}`);
			seen = s.totals.complaints.total === 1 ? seen + 1 : 0;
			if (seen === 0)
				assert.ok(Date.now() - t0 < MIN_AGE_MS + MARGIN_MS,
				    `still not counted after ${Date.now() - t0} ms`);
			await sleep(50);
		}
	});
});
