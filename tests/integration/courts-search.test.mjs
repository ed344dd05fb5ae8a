// The court registry's search (issue 5) over HTTP, the API and the page:
// words in Kazakh and Russian found in their suffixed and inflected forms,
// a misspelt word corrected from the registry's words, every filter alone
// and together, by relevance, highlighted matches, and hostile input.
//
// The cases searched here are the test's own: three records made from a
// real one, sharing a made-up root word nobody else has, so every count is
// exact whatever other files add.  No sign-in (127.0.0.31).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

import { client, errorOf } from './lib/http.mjs';
import { cyr, psql } from './lib/requests.mjs';
import { ecoctl } from './lib/stack.mjs';
import { importCases, realCases, staleCasePages } from './lib/courts.mjs';
import { trHtml } from './lib/po.mjs';

const c = client('127.0.0.31');

// A root no other case has (Kazakh letters only, so it is one word).
const ROOT = `ұшқар${cyr(7)}`;
const KEY = `search-${Date.now().toString(36)}`;

function event(date, instance, type, result, kk, ru) {
	return { date, instance, type, result, text: { kk, ru } };
}

function party(role, kind, kk, ru) {
	return { role, kind, name: { kk, ru } };
}

// Three cases made from a real one, each differing in what a filter sees.
function records() {
	const base = realCases().find((x) => x.key === 'kimasar-river-2017');
	const claim = (outcome) => [{ outcome, text: { kk: `${ROOT} талабы`, ru: `Требование по ${ROOT}` } }];
	return [
		{
			...structuredClone(base), key: `${KEY}-a`,
			title: { kk: `${ROOT}тың зауыты қалдықтары`, ru: `Отходы завода ${ROOT}` },
			summary: { kk: 'Қалдықтар полигонына қатысты дау.', ru: 'Спор о размещении отходов на полигоне у посёлка.' },
			category: 'waste', region: 'pavlodar', aarhus_applied: true, indefinite_circle: false,
			parties: [party('claimant', 'ngo', '«Э» ҚБ', 'ОО «Э»'), party('defendant', 'state_body', 'Басқарма', 'Управление')],
			claims: claim('granted'),
			events: [event('2019-05-16', 'first', 'decision', 'granted', 'Шешім шығарылды.', 'Вынесено решение.')],
		},
		{
			...structuredClone(base), key: `${KEY}-b`,
			title: { kk: `${ROOT} туралы рұқсат`, ru: `Разрешение по ${ROOT}` },
			summary: { kk: 'Рұқсатқа шағым.', ru: 'Обжалование разрешения.' },
			category: 'permits', region: 'almaty_city', aarhus_applied: null, indefinite_circle: null,
			parties: [party('claimant', 'company', '«Қ» ЖШС', 'ТОО «Қ»'), party('defendant', 'state_body', 'Департамент', 'Департамент')],
			claims: claim('refused'),
			events: [event('2020-02-03', 'appeal', 'resolution', 'upheld', 'Қаулы.', 'Постановление.')],
		},
		{
			...structuredClone(base), key: `${KEY}-c`,
			title: { kk: `Өзен арнасы`, ru: `Русло реки` },
			summary: { kk: `${ROOT} ауылы маңындағы қалдықтар.`, ru: `Отходы у села ${ROOT}.` },
			category: 'waste', region: null, aarhus_applied: false, indefinite_circle: true,
			parties: [party('claimant', 'ngo', '«Ж» ҚБ', 'ОО «Ж»')],
			claims: claim('pending'),
			events: [event('2018', 'first', 'ruling', null, 'Ұйғарым.', 'Определение.')],
		},
	];
}

// The keys the API finds for query (all on one page), sorted.
async function keys(query) {
	const res = await c.get(`/api/v1/court-cases?${query}`);
	assert.equal(res.status, 200, `${query}: ${res.body.slice(0, 300)}`);
	assert.equal(res.json.total, res.json.items.length, 'one page holds them');
	return res.json.items.map((i) => i.key.slice(KEY.length + 1)).sort();
}

const q = (s) => `q=${encodeURIComponent(s)}`;

describe('the court registry\'s search', () => {
	before(() => {
		const r = importCases(records());
		assert.equal(r.status, 0, r.stderr);
	});

	test('a word finds its suffixed forms (Kazakh) and the list has the API\'s shape', async () => {
		assert.deepEqual(await keys(q(ROOT)), ['a', 'b', 'c']);
		const res = await c.get(`/api/v1/court-cases?${q(ROOT)}&category=permits`);
		const [it] = res.json.items;
		for (const k of ['id', 'key', 'title', 'category', 'region', 'status'])
			assert.ok(k in it, k);
		assert.deepEqual(Object.keys(it.title).sort(), ['kk', 'ru']);
		assert.equal(it.category, 'permits');
		assert.equal(it.region, 'almaty_city');
		assert.equal(typeof it.id, 'number');
	});

	test('a Russian word finds its inflected forms: полигона finds полигоне and полигонына', async () => {
		assert.deepEqual(await keys(q(`полигона ${ROOT}`)), ['a']);
		assert.deepEqual(await keys(q(`ПОЛИГОН ${ROOT}`)), ['a'], 'in capitals too');
	});

	test('a misspelt word is corrected from the registry\'s words', async () => {
		const typo = ROOT.slice(0, 5) + ROOT.slice(6);	// one letter dropped
		const res = await c.get(`/api/v1/court-cases?${q(typo)}`);
		assert.equal(res.status, 200);
		assert.deepEqual(res.json.corrected, [ROOT]);
		assert.equal(res.json.total, 3);
		const exact = await c.get(`/api/v1/court-cases?${q(ROOT)}`);
		assert.equal(exact.json.corrected, undefined, 'a word the registry has is not corrected');
	});

	test('every filter alone', async () => {
		const w = q(ROOT);
		assert.deepEqual(await keys(`${w}&year=2019`), ['a']);
		assert.deepEqual(await keys(`${w}&year=2018`), ['c'], 'a date known to the year only');
		assert.deepEqual(await keys(`${w}&year=2020`), ['b'], 'an appeal is a court act too');
		assert.deepEqual(await keys(`${w}&category=waste`), ['a', 'c']);
		assert.deepEqual(await keys(`${w}&region=pavlodar`), ['a']);
		assert.deepEqual(await keys(`${w}&level=appeal`), ['b']);
		assert.deepEqual(await keys(`${w}&level=first`), ['a', 'c']);
		assert.deepEqual(await keys(`${w}&outcome=refused`), ['b']);
		assert.deepEqual(await keys(`${w}&outcome=pending`), ['c']);
		assert.deepEqual(await keys(`${w}&party_kind=company`), ['b']);
		assert.deepEqual(await keys(`${w}&party_kind=ngo`), ['a', 'c']);
		assert.deepEqual(await keys(`${w}&aarhus=true`), ['a']);
		assert.deepEqual(await keys(`${w}&aarhus=false`), ['c'], 'not known is neither');
		assert.deepEqual(await keys(`${w}&indefinite=true`), ['c']);
	});

	test('filters together, and a word with two filters', async () => {
		const w = q(ROOT);
		assert.deepEqual(await keys(`${w}&category=waste&year=2018`), ['c']);
		assert.deepEqual(await keys(`${w}&category=waste&region=pavlodar&outcome=granted`), ['a']);
		assert.deepEqual(await keys(`${w}&category=permits&party_kind=ngo`), []);
	});

	test('by date the latest first; by relevance a title match before a summary match', async () => {
		assert.deepEqual((await c.get(`/api/v1/court-cases?${q(ROOT)}`)).json.items
		    .map((i) => i.key.slice(-1)), ['b', 'a', 'c'], '2020, 2019, 2018');
		const rel = (await c.get(`/api/v1/court-cases?${q(ROOT)}&sort=relevance`)).json.items
		    .map((i) => i.key.slice(-1));
		assert.equal(rel.at(-1), 'c', 'c has the word in its summary only');
	});

	test('the page: the form without JavaScript, the matches marked, in each language', async () => {
		const kk = await c.get(`/kk/courts?${q(ROOT)}`);
		assert.equal(kk.status, 200);
		assert.ok(kk.body.includes('<form method="get" action="/kk/courts"'), 'a GET form');
		assert.ok(kk.body.includes(`<mark>${ROOT}тың</mark>`), 'the suffixed word marked in the title');
		assert.equal((kk.body.match(/<li>/g) || []).length >= 3, true);
		const ru = await c.get(`/ru/courts?${q(ROOT)}&category=waste`);
		assert.ok(ru.body.includes(`Отходы завода <mark>${ROOT}</mark>`), 'the Russian title on a Russian page');
		assert.ok(ru.body.includes('<option value="waste" selected>'), 'the filter kept in the form');
		const en = await c.get(`/en/courts?${q(ROOT.slice(0, 5) + ROOT.slice(6))}`);
		assert.ok(en.body.includes(trHtml('en', 'Showing results for:')), 'the correction said');
		assert.ok(en.body.includes(`<strong>${ROOT}</strong>`));
	});

	test('what a visitor typed is escaped, never markup', async () => {
		const res = await c.get(`/ru/courts?q=${encodeURIComponent('<script>x</script>')}`);
		assert.equal(res.status, 200);
		assert.ok(!res.body.includes('<script>x'), 'not echoed raw');
		assert.ok(res.body.includes('&lt;script&gt;x&lt;/script&gt;'));
	});

	test('hostile and bad input: 400 with a message in the language, never 500', async () => {
		for (const bad of ['year=1800', 'year=abc', 'category=nope', 'region=mars',
		    'level=supreme', 'outcome=maybe', 'party_kind=alien', 'aarhus=yes',
		    'sort=random', 'page=0', 'page=10001', q('ж'.repeat(201)), 'q=a%01b']) {
			const res = await c.get(`/api/v1/court-cases?${bad}`);
			assert.equal(res.status, 400, bad);
			assert.equal(errorOf(res).code, 'bad_request', bad);
			const page = await c.get(`/kk/courts?${bad}`);
			assert.equal(page.status, 400, `page ${bad}`);
			// A control character is refused by the framework before the
			// page (its error page); every other value by the form.
			assert.ok(page.body.includes(bad === 'q=a%01b' ? 'class="status-code">400' :
			    'role="alert"'), `the message on the page ${bad}`);
		}
		for (const odd of [q("a & | ! :* ( ) ' \\"), 'q=%20%20', q('и'), q('—'), q('ж'.repeat(200))]) {
			const res = await c.get(`/api/v1/court-cases?${odd}`);
			assert.equal(res.status, 200, `${odd}: ${res.body.slice(0, 200)}`);
		}
	});

	test('ecoctl courts generate: the benchmark\'s cases, marked generated, searchable, out of the statistics', async () => {
		const count = () => Number(psql('SELECT count(*) FROM courts.cases WHERE generated;').trim());
		const stats = (await c.get('/api/v1/court-statistics')).json.registry;
		const before = count();
		assert.match(ecoctl('courts', 'generate', '25'), /25 court cases generated/);
		assert.equal(count(), before + 25);
		const gaps = psql(`SELECT count(*) FROM courts.cases c WHERE c.generated AND (
		    c.acted_on IS NULL OR c.search_ru = '' OR c.search_kk = ''
		    OR NOT EXISTS (SELECT 1 FROM courts.parties p WHERE p.case_id = c.id)
		    OR NOT EXISTS (SELECT 1 FROM courts.claims x WHERE x.case_id = c.id));`).trim();
		assert.equal(gaps, '0', 'each has parties, claims, events and search texts');
		assert.equal(staleCasePages('gen-%'), 0, 'and its page\'s document');
		const res = await c.get(`/api/v1/court-cases?${q('генерированное')}`);
		assert.equal(res.status, 200);
		assert.ok(res.json.total >= 25, 'the Russian word found in its inflected form');
		assert.deepEqual((await c.get('/api/v1/court-statistics')).json.registry, stats,
		    'the registry\'s statistics leave them out');
		assert.throws(() => ecoctl('courts', 'generate', '0'), /N must be/);
	});
});
