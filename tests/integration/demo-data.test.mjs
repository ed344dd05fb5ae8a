// The demo data (issue 4, item 11) and the benchmark's generator over the
// real stack: script/test has run "ecoctl demo load" when it prepared the
// database.  The demo has requests in every status, overdue ones, late
// answers and refusals, at several holders, with gapless registration
// numbers and the deadlines of the law; a second load changes nothing;
// every request's page and API answer renders; no requester's personal
// data reaches the public tracker; the holder's officials see it.
// "ecoctl requests generate" adds requests made the same way, marked as
// generated.
//
// Sign-ins from 127.0.0.26 (shared with holders-admin.test.mjs): one, a
// demo head.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { client, errorOf, login } from './lib/http.mjs';
import { ecoctl, env } from './lib/stack.mjs';
import { tr } from './lib/po.mjs';

const c = client('127.0.0.26');

const STATUSES = {
	registered: 'Registered', in_progress: 'In progress', extended: 'Extended',
	redirected: 'Redirected', answered: 'Answered', partially_answered: 'Partially answered',
	refused: 'Refused', not_considered: 'Not considered', withdrawn: 'Withdrawn',
};

function psql(sql) {
	return execFileSync(path.join(env.pgBin, 'psql'),
	    ['-X', '-q', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-d', env.ownerDsn, '-f', '-'],
	    { input: sql, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim();
}

function rows(sql) {
	const out = psql(sql);
	return out === '' ? [] : out.split('\n').map((l) => l.split('\t'));
}

// What the second load must leave as it was.
function snapshot() {
	return psql(`SELECT
	    (SELECT count(*) FROM requests.requests WHERE origin = 'demo'),
	    (SELECT coalesce(sum(id), 0) FROM requests.requests WHERE origin = 'demo'),
	    (SELECT count(*) FROM requests.events e JOIN requests.requests r ON r.id = e.request_id
	     WHERE r.origin = 'demo'),
	    (SELECT count(*) FROM requests.questions q JOIN requests.requests r ON r.id = q.request_id
	     WHERE r.origin = 'demo'),
	    (SELECT count(DISTINCT requester_id) FROM requests.requests WHERE origin = 'demo'),
	    (SELECT count(*) FROM core.users WHERE email LIKE '%@demo.ecogosfond.kz'),
	    (SELECT count(*) FROM core.audit WHERE action = 'demo.load');`);
}

// Per holder and year: the numbers 1..n, each once, and the counter at n.
function numbersGapless() {
	return psql(`SELECT count(*) FROM (
	    SELECT holder_id, reg_year, count(*) n, count(DISTINCT reg_seq) d,
	           min(reg_seq) lo, max(reg_seq) hi
	    FROM requests.requests GROUP BY 1, 2) s
	    LEFT JOIN requests.reg_counters k ON k.holder_id = s.holder_id AND k.year = s.reg_year
	    WHERE s.n <> s.d OR s.lo <> 1 OR s.hi <> s.n OR k.last IS DISTINCT FROM s.n;`);
}

let dueCache = new Map();
async function deadline(from, days) {
	const key = `${from}/${days}`;
	if (!dueCache.has(key)) {
		const res = await c.get(`/api/v1/deadline?from=${from}&days=${days}&unit=calendar`);
		assert.equal(res.status, 200, res.body);
		dueCache.set(key, res.json.due);
	}
	return dueCache.get(key);
}

let demo;	// [{id, status, public, holder_id}]

before(() => {
	demo = rows(`SELECT id, status, public, holder_id FROM requests.requests
	    WHERE origin = 'demo' ORDER BY id;`).map(([id, status, pub, holder]) =>
	    ({ id: Number(id), status, public: pub === 't', holder: Number(holder) }));
});

describe('ecoctl demo load', () => {
	test('a few hundred requests at several holders, in every status', () => {
		assert.ok(demo.length >= 300 && demo.length <= 500, `${demo.length} demo requests`);
		for (const s of Object.keys(STATUSES))
			assert.ok(demo.some((r) => r.status === s), `a ${s} request`);
		assert.ok(new Set(demo.map((r) => r.holder)).size >= 10, 'at several holders');
		assert.ok(demo.some((r) => !r.public) && demo.filter((r) => r.public).length > demo.length / 2,
		    'mostly public, some not');
		const [[overdue, late, refusedLate, orgShown, paper, redirects]] = rows(`SELECT
		    count(*) FILTER (WHERE status IN ('registered', 'in_progress', 'extended')
		        AND due_on < (now() AT TIME ZONE 'Asia/Almaty')::date),
		    count(*) FILTER (WHERE answered_on > due_on),
		    count(*) FILTER (WHERE refused_on > refusal_due_on),
		    count(*) FILTER (WHERE public_name IS NOT NULL),
		    count(*) FILTER (WHERE channel IN ('paper', 'oral')),
		    count(*) FILTER (WHERE channel = 'redirect')
		    FROM requests.requests WHERE origin = 'demo';`);
		assert.ok(Number(overdue) > 0, 'some are overdue');
		assert.ok(Number(late) > 0, 'some were answered late');
		assert.ok(Number(refusedLate) > 0, 'some were refused late');
		assert.ok(Number(orgShown) > 0, 'some organisations show their name');
		assert.ok(Number(paper) > 0, 'some came on paper or orally');
		assert.ok(Number(redirects) > 0, 'some came by a redirect');
	});

	test('the last twelve months, and nothing after today', () => {
		const [[first, last, after]] = rows(`SELECT min(received_on), max(received_on),
		    (SELECT count(*) FROM requests.events e JOIN requests.requests r ON r.id = e.request_id
		     WHERE r.origin = 'demo' AND e.on_date > (now() AT TIME ZONE 'Asia/Almaty')::date)
		    FROM requests.requests WHERE origin = 'demo';`);
		const today = new Date(Date.now() + 5 * 3600 * 1000).toISOString().slice(0, 10);
		const days = (a, b) => (Date.parse(b) - Date.parse(a)) / 86400000;
		assert.ok(days(first, today) <= 366 && days(first, today) > 300, `first ${first}`);
		assert.ok(days(last, today) >= 0 && days(last, today) < 15, `last ${last}`);
		assert.equal(after, '0', 'no event in the future');
	});

	test('registration numbers are gapless per holder and year', () => {
		assert.equal(numbersGapless(), '0');
	});

	test('a second load changes nothing', () => {
		const before = snapshot();
		const out = ecoctl('demo', 'load');
		assert.match(out, /0 demo accounts added/);
		assert.match(out, /demo requests are loaded already/);
		assert.equal(snapshot(), before);
	});

	test('every deadline an event names is the law\'s, and met when it was', async () => {
		let checked = 0, classified = 0, extended = 0;
		for (const r of demo.filter((x) => x.public).slice(0, 120)) {
			const res = await c.get(`/api/v1/requests/${r.id}`);
			assert.equal(res.status, 200);
			let due = null;
			for (const e of res.json.events) {
				if (e.deadline) {
					assert.equal(e.deadline.met, e.date <= e.deadline.due, `${r.id} ${e.type}`);
					checked++;
				}
				if (e.type === 'classify') {
					due = await deadline(res.json.received_on, e.complexity === 'complex' ? 30 : 15);
					assert.equal(e.due_on, due, `${r.id}: classified`);
					classified++;
				}
				if (e.type === 'extend') {
					assert.equal(e.deadline.due, due, `${r.id}: the due date before`);
					due = await deadline(due, e.days);
					assert.equal(e.due_on, due, `${r.id}: extended by ${e.days}`);
					extended++;
				}
				if (e.type === 'answer')
					assert.equal(e.deadline.due, due ?? res.json.due_on, `${r.id}: answered`);
			}
			if (due !== null)
				assert.equal(res.json.due_on, due, `${r.id}: due_on`);
		}
		assert.ok(checked > 50 && classified > 30 && extended > 0,
		    `${checked} deadlines, ${classified} classifications, ${extended} extensions`);
	});
});

describe('every demo request renders', () => {
	test('the page and the API of requests in each status, in each language', async () => {
		for (const [status, label] of Object.entries(STATUSES)) {
			const sample = demo.filter((r) => r.public && r.status === status).slice(0, 3);
			assert.ok(sample.length > 0, `a public ${status} request`);
			for (const r of sample) {
				const api = await c.get(`/api/v1/requests/${r.id}`);
				assert.equal(api.status, 200, api.body.slice(0, 300));
				assert.equal(api.json.status, status);
				for (const lang of ['kk', 'ru', 'en']) {
					const page = await c.get(`/${lang}/requests/${r.id}`);
					assert.equal(page.status, 200, `${lang} ${r.id}`);
					assert.ok(page.body.includes(tr(lang, label)), `${lang} ${r.id}: ${label}`);
				}
			}
			const list = await c.get(`/api/v1/requests?status=${status}`);
			assert.ok(list.json.total > 0, `the tracker finds ${status} requests`);
		}
	});

	test('the page of a request with each kind of event', async () => {
		const kinds = rows(`SELECT DISTINCT ON (e.type) e.type, r.id
		    FROM requests.events e JOIN requests.requests r ON r.id = e.request_id
		    WHERE r.origin = 'demo' AND r.public ORDER BY e.type, r.id;`);
		const types = kinds.map(([t]) => t);
		for (const t of ['registered', 'received_redirect', 'assign', 'classify', 'extend', 'notify',
		    'redirect', 'draft', 'answer', 'refuse', 'not_consider', 'withdraw'])
			assert.ok(types.includes(t), `a demo event of type ${t}`);
		for (const [type, id] of kinds) {
			const page = await c.get(`/ru/requests/${id}`);
			assert.equal(page.status, 200, `${type}: ${id}`);
			const api = await c.get(`/api/v1/requests/${id}`);
			if (type !== 'draft')
				assert.ok(api.json.events.some((e) => e.type === type), `${type} on ${id}`);
			else
				assert.ok(!api.json.events.some((e) => e.type === 'draft'), 'drafts stay the holder\'s');
		}
	});

	test('a request that is not public is not shown', async () => {
		const hidden = demo.find((r) => !r.public);
		assertNotFound(await c.get(`/api/v1/requests/${hidden.id}`));
		assert.equal((await c.get(`/ru/requests/${hidden.id}`)).status, 404);
	});
});

function assertNotFound(res) {
	assert.equal(res.status, 404);
	assert.equal(errorOf(res).code, 'not_found');
}

describe('privacy of the demo requesters', () => {
	let secrets;

	before(() => {
		secrets = new Set();
		for (const row of rows(`SELECT q.full_name, coalesce(q.iin, ''), coalesce(q.email, ''),
		    coalesce(q.phone, ''), coalesce(q.postal_address, '')
		    FROM requests.requesters q JOIN requests.requests r ON r.requester_id = q.id
		    WHERE r.origin = 'demo';`))
			for (const v of row)
				if (v.length >= 6)
					secrets.add(v);
	});

	function assertClean(text, where) {
		for (const s of secrets)
			assert.ok(!text.includes(s), `${where} shows ${s}`);
	}

	test('no name, IIN, e-mail, phone or address on the tracker, its pages and the API', async () => {
		assert.ok(secrets.size > 50, `${secrets.size} personal values`);
		for (let page = 1; page < 200; page++) {
			const res = await c.get(`/api/v1/requests?page=${page}`);
			assert.equal(res.status, 200);
			assertClean(res.body, `list page ${page}`);
			if (res.json.items.length === 0)
				break;
		}
		for (const lang of ['kk', 'ru'])
			for (let page = 1; page <= 5; page++)
				assertClean((await c.get(`/${lang}/requests?page=${page}`)).body, `tracker ${page}`);
		for (const r of demo.filter((x) => x.public)) {
			assertClean((await c.get(`/api/v1/requests/${r.id}`)).body, `request ${r.id}`);
			if (r.id % 5 === 0)
				assertClean((await c.get(`/ru/requests/${r.id}`)).body, `page ${r.id}`);
		}
	});

	test('a demo head sees the requester of the holder\'s requests', async () => {
		const [[email, id, name]] = rows(`SELECT u.email, r.id, q.full_name
		    FROM requests.requests r JOIN core.users u ON u.holder_id = r.holder_id
		    AND u.position = 'head' AND u.email LIKE 'head.%@demo.ecogosfond.kz'
		    JOIN requests.requesters q ON q.id = r.requester_id
		    WHERE r.origin = 'demo' AND NOT r.public ORDER BY r.id LIMIT 1;`);
		const token = await login(c, email, 'demo-password');
		const res = await c.get(`/api/v1/requests/${id}`, { bearer: token });
		assert.equal(res.status, 200);
		assert.equal(res.json.requester.full_name, name);
	});
});

describe('ecoctl requests generate', () => {
	test('N more requests made the same way, marked as generated, numbered gaplessly', async () => {
		const count = () => Number(psql(`SELECT count(*) FROM requests.requests
		    WHERE origin = 'generated';`));
		const before = count();
		const out = ecoctl('requests', 'generate', '40', '--seed', '11');
		assert.match(out, /^40 generated requests to \d+ holders, \d+ events, \d+ questions written in [\d.]+ s$/m);
		assert.equal(count(), before + 40);
		assert.equal(numbersGapless(), '0');
		const made = rows(`SELECT id FROM requests.requests WHERE origin = 'generated' AND public
		    ORDER BY id DESC LIMIT 10;`);
		for (const [id] of made) {
			assert.equal((await c.get(`/ru/requests/${id}`)).status, 200);
			assert.equal((await c.get(`/api/v1/requests/${id}`)).status, 200);
		}
		assert.ok(Number(psql(`SELECT count(*) FROM core.audit WHERE action = 'requests.generate'
		    AND details->>'seed' = '11' AND details->>'requests' = '40';`)) >= 1, 'audited');
	});

	test('bad arguments: a message, nothing written', () => {
		const count = `SELECT count(*) FROM requests.requests WHERE origin = 'generated';`;
		const before = psql(count);
		for (const args of [['0'], ['abc'], ['-5'], ['10', '--seed'], ['10', '--seed', '-1'],
		    ['10', '--seed', 'x'], ['10', '--size', '3'], []])
			assert.throws(() => ecoctl('requests', 'generate', ...args),
			    (e) => e.status !== 0 && /ecoctl: |usage:/.test(e.stderr), args.join(' '));
		assert.equal(psql(count), before);
	});
});
