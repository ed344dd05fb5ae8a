// The court registry's statistics page, its Atom feed of new court acts
// and the CSV and JSON exports of a search (issue 5, items 5 and 7): the
// courts' official figures and the registry's own counts in each
// language, as SVG charts with their accessible names and as tables; an
// act a clerk adds heads the feed (of all, of its category); an export
// applies the search's filters, names its columns in the page's language
// and defuses what a spreadsheet would take for a formula.
//
// Other files add cases at the same time, so the registry's counts are
// compared with the database in a window where they did not change.
//
// Sign-ins from 127.0.0.30: a clerk, once.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

import { client } from './lib/http.mjs';
import { tr, trHtml } from './lib/po.mjs';
import { psql, tag } from './lib/requests.mjs';
import { parseCsv, parseFeed } from './lib/formats.mjs';
import { clerk, realCases } from './lib/courts.mjs';

const c = client('127.0.0.30');
const LANGS = ['kk', 'ru', 'en'];
const OFFICIAL = [[2017, 316, 250, 16], [2018, 245, 147, 4],
    [2019, 560, 274, 7], [2020, 432, 228, 1]];
const COLUMNS = ['ID', 'Key', 'Title in Kazakh', 'Title in Russian',
    'Category code', 'Category', 'Region code', 'Region', 'Status code',
    'Status', 'Date of the latest event', 'Page on the portal'];

// The registry's non-generated cases by category, as the database has them.
function categoriesInDb() {
	return JSON.parse(psql(`SELECT coalesce(json_object_agg(category, n), '{}')
	    FROM (SELECT category, count(*) AS n FROM courts.cases
	    WHERE NOT generated GROUP BY category) x;`).trim());
}

// The rows of the table with id on a page: [[header cell, cells...]].
function tableRows(html, id) {
	const m = new RegExp(`<table class="table" id="${id}">([\\s\\S]*?)</table>`).exec(html);
	assert.ok(m, `table ${id}`);
	const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(m[1])[1];
	return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
	    [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)]
	        .map((x) => x[1].replace(/<[^>]+>/g, '')));
}

// A new case by the clerk: a real one under a key of its own, with a
// court act; {id, doc, body}.
async function addCase(who, changes) {
	const real = structuredClone(realCases().find((x) => x.key === 'kimasar-river-2017'));
	const body = { ...real, ...changes };
	const res = await c.post('/api/v1/court-cases', { bearer: who.token, json: body });
	assert.equal(res.status, 201, res.body.slice(0, 400));
	const doc = Number(psql(`SELECT max(id) FROM courts.documents WHERE case_id = :'id';`,
	    { id: String(res.json.id) }).trim());
	return { id: res.json.id, doc, body, saved: res.json };
}

async function exportCsv(query, lang = 'ru') {
	const res = await c.get(`/${lang}/courts/export.csv?${query}`);
	assert.equal(res.status, 200, res.body.slice(0, 300));
	assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8; header=present');
	assert.match(res.headers['content-disposition'],
	    /^attachment; filename="court-cases-\d{4}-\d{2}-\d{2}\.csv"$/);
	assert.equal(res.headers['x-export-truncated'], undefined);
	assert.deepEqual([...res.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte order mark');
	const rows = parseCsv(res.body.slice(1));
	return { head: rows[0], rows: rows.slice(1) };
}

describe('court statistics, feed and exports', () => {
	let clerkOf;

	before(async () => {
		clerkOf = await clerk(c);
	});

	test('the statistics page in kk, ru and en: charts and tables', async () => {
		const demo = {};
		for (const r of realCases())
			demo[r.category] = (demo[r.category] ?? 0) + 1;
		for (const lang of LANGS) {
			let res, before, after;
			// The counts of a moment no other file added a case in.
			for (let i = 0; i < 5; i++) {
				before = categoriesInDb();
				res = await c.get(`/${lang}/courts/statistics`);
				after = categoriesInDb();
				if (JSON.stringify(before) === JSON.stringify(after))
					break;
			}
			assert.deepEqual(before, after, 'a quiet moment');
			assert.equal(res.status, 200, res.body.slice(0, 300));
			assert.match(res.headers['content-type'], /^text\/html/);
			const html = res.body;
			assert.ok(html.includes(trHtml(lang, 'Statistics of environmental court cases')), lang);
			assert.ok(html.includes('href="/api/v1/court-statistics"'), 'the JSON linked');
			assert.ok(html.includes(trHtml(lang, 'Source: court statistics of environmental claims decided by first-instance courts across the Republic, as given in the National Implementation Report of Kazakhstan on the Aarhus Convention (2021).')),
			    'the source named');

			// The official figures in the table, in the years' order.
			assert.deepEqual(tableRows(html, 'official-table'),
			    OFFICIAL.map((r) => r.map(String)));

			// Four charts, each an image named by its title.
			const svgs = [...html.matchAll(/<svg [^>]*role="img"[^>]*aria-label="([^"]*)"><title>([^<]*)<\/title>/g)];
			assert.equal(svgs.length, 4, 'four charts');
			for (const s of svgs)
				assert.equal(s[1], s[2], 'the accessible name is the title');
			assert.deepEqual(svgs.map((s) => s[2]), [
			    'Environmental cases in first-instance courts by year',
			    'Cases in the registry by year of the first court act',
			    'Cases in the registry by category',
			    'Cases in the registry by outcome of a claim'].map((m) => trHtml(lang, m)));
			const official = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
			for (const [year, ...figures] of OFFICIAL) {
				assert.ok(official.includes(`>${year}<`), `${year} in the chart`);
				for (const n of figures)
					assert.ok(official.includes(`>${n}<`), `${n} in the chart`);
			}
			for (const m of ['Cases received', 'Decided with a decision', 'Aarhus Convention norms applied'])
				assert.ok(official.includes(`>${trHtml(lang, m)}<`), `the legend: ${m}`);

			// The registry's cases by category: the database's count, the
			// twelve real cases among them; the category's name translated.
			const cats = tableRows(html, 'categories-table');
			assert.equal(cats.length, 8, 'every category, zeros included');
			let total = 0;
			for (const [label, n] of cats) {
				const code = [...html.matchAll(/<a href="\/[a-z]{2}\/courts\?category=([a-z_]+)">([^<]*)<\/a>/g)]
				    .find((m) => m[2] === label)[1];
				assert.equal(Number(n), before[code] ?? 0, `${code} as the database counts`);
				assert.ok(Number(n) >= (demo[code] ?? 0), `${code}: the real cases counted`);
				total += Number(n);
			}
			assert.ok(Number(cats.find((r) => r[0] === trHtml(lang, 'Access to information'))[1]) >= 6);
			assert.ok(total >= 12, 'the twelve real cases');
			const years = tableRows(html, 'years-table');
			assert.equal(years.reduce((a, r) => a + Number(r[1]), 0), total,
			    'each case in one year (or none)');
			assert.ok(years.some((r) => r[0] === '2017' && Number(r[1]) >= 3),
			    'kimasar, butakov and the cement plant in 2017');
			const outcomes = tableRows(html, 'outcomes-table');
			assert.equal(outcomes.length, 7, 'six outcomes and "not known"');
			assert.ok(Number(outcomes.find((r) => r[0] === trHtml(lang, 'Granted'))[1]) >= 3);
		}
	});

	test('the statistics as JSON, linked from the page', async () => {
		const res = await c.get('/api/v1/court-statistics');
		assert.equal(res.status, 200);
		assert.deepEqual(res.json.official, OFFICIAL.map(([year, received, decided, aarhus]) =>
		    ({ year, received, decided, aarhus_applied: aarhus })));
		assert.ok(res.json.registry.reduce((a, r) => a + r.cases, 0) >= 12);
	});

	test('the feed of new court acts: a clerk\'s act first, per category, 400 for no category', async () => {
		const t = tag();
		const title = `Решение <суда> & «${t}»`;
		const ours = await addCase(clerkOf, {
		    key: `feed-case-${t}`, category: 'waste',
		    title: { kk: `Қалдықтар ісі ${t}`, ru: `Дело об отходах ${t}` },
		    documents: [{ instance: 'first', kind: 'decision', date: '2021-03-04',
		        language: 'ru', title, body: `Текст ${t}` }] });

		for (const lang of LANGS) {
			const res = await c.get(`/${lang}/courts/feed.atom`);
			assert.equal(res.status, 200, res.body.slice(0, 300));
			assert.equal(res.headers['content-type'], 'application/atom+xml');
			const f = parseFeed(res.body);
			assert.ok(f, 'well-formed XML');
			assert.equal(f.feed.lang, lang);
			assert.equal(f.feed.title, tr(lang, 'New court acts'));
			assert.ok(f.feed.self.endsWith(`/${lang}/courts/feed.atom`));
			assert.ok(f.entries.length >= 1 && f.entries.length <= 50);
			const times = f.entries.map((e) => e.updated);
			assert.deepEqual([...times].sort().reverse(), times, 'newest first');
			const i = f.entries.findIndex((e) => e.id.endsWith(`:courts/acts/${ours.doc}`));
			assert.ok(i >= 0, 'the new act is there');
			// First, unless another file added an act since.
			for (const e of f.entries.slice(0, i))
				assert.ok(Number(e.id.split('/').pop()) > ours.doc, 'only newer acts before it');
			const e = f.entries[i];
			assert.equal(e.title, title, 'the act\'s title, escaped and read back');
			assert.ok(e.link.endsWith(`/${lang}/courts/${ours.id}/acts/${ours.doc}`), e.link);
			assert.ok(e.related.endsWith(`/${lang}/courts/${ours.id}`), e.related);
			assert.match(e.updated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
			assert.equal(e.summary, lang === 'kk' ? ours.body.title.kk : ours.body.title.ru);
			assert.equal(e.term, 'waste');
			assert.equal(e.label, tr(lang, 'Waste'));
		}

		const waste = parseFeed((await c.get('/ru/courts/feed.atom?category=waste')).body);
		assert.ok(waste.entries.some((e) => e.id.endsWith(`/acts/${ours.doc}`)));
		assert.ok(waste.entries.every((e) => e.term === 'waste'), 'only the category');
		assert.equal(waste.feed.title, `${tr('ru', 'New court acts')} — ${tr('ru', 'Waste')}`);
		assert.ok(waste.feed.self.endsWith('/ru/courts/feed.atom?category=waste'));
		const permits = parseFeed((await c.get('/ru/courts/feed.atom?category=permits')).body);
		assert.ok(permits, 'well-formed');
		assert.ok(!permits.entries.some((e) => e.id.endsWith(`/acts/${ours.doc}`)),
		    'not in another category');

		for (const bad of ['nope', 'waste%27', 'WASTE'])
			assert.equal((await c.get(`/ru/courts/feed.atom?category=${bad}`)).status, 400, bad);

		// The search page links the feed (of the category searched).
		const page = await c.get('/ru/courts?category=waste');
		assert.equal(page.status, 200);
		assert.ok(page.body.includes('<link rel="alternate" type="application/atom+xml"'));
		assert.ok(page.body.includes('href="/ru/courts/feed.atom?category=waste"'));
	});

	test('exports: the search\'s filters, headers per language, formulas defused', async () => {
		const t = tag();
		const word = `экспорт${t.replace(/[^0-9a-z]/gi, '')}`;
		const formula = await addCase(clerkOf, {
		    key: `export-formula-${t}`, category: 'waste',
		    title: { kk: `+SUM(A1) ${word}`, ru: `=HYPERLINK("http://x","${word}")` } });
		const plain = await addCase(clerkOf, {
		    key: `export-plain-${t}`, category: 'permits',
		    title: { kk: `Рұқсат ${word}`, ru: `Разрешение, ${word}` } });

		for (const lang of LANGS) {
			const { head, rows } = await exportCsv(`q=${encodeURIComponent(word)}`, lang);
			assert.deepEqual(head, COLUMNS.map((m) => tr(lang, m)), `${lang} headers`);
			assert.deepEqual(rows.map((r) => Number(r[0])).sort(),
			    [formula.id, plain.id].sort(), 'the two cases of the word');
		}
		const { rows } = await exportCsv(`q=${encodeURIComponent(word)}&category=waste`);
		assert.equal(rows.length, 1, 'the category filter');
		const r = rows[0];
		assert.equal(Number(r[0]), formula.id);
		assert.equal(r[1], formula.body.key);
		assert.equal(r[2], `'+SUM(A1) ${word}`, 'a formula in Kazakh: an apostrophe first');
		assert.equal(r[3], `'=HYPERLINK("http://x","${word}")`, 'a formula in Russian too');
		assert.equal(r[4], 'waste');
		assert.equal(r[5], tr('ru', 'Waste'));
		assert.equal(r[6], formula.saved.region);
		assert.equal(r[7], tr('ru', 'Almaty'));
		assert.equal(r[8], formula.body.status);
		assert.ok(r[11].endsWith(`/ru/courts/${formula.id}`));
		const none = await exportCsv(`q=${encodeURIComponent(word)}&category=damages`);
		assert.deepEqual(none.rows, [], 'nothing of another category');

		// A filter of the real cases: the same cases as the API's search.
		for (let i = 0; i < 5; i++) {
			const q = 'category=access_to_information&year=2017&aarhus=true';
			const api1 = await c.get(`/api/v1/court-cases?${q}`);
			const csv = await exportCsv(q);
			const api2 = await c.get(`/api/v1/court-cases?${q}`);
			if (api1.json.total !== api2.json.total)
				continue;
			assert.ok(api1.json.total <= 20);
			assert.deepEqual(csv.rows.map((x) => Number(x[0])),
			    api1.json.items.map((x) => x.id), 'the search\'s cases in its order');
			break;
		}

		const json = await c.get(`/en/courts/export.json?q=${encodeURIComponent(word)}&sort=relevance`);
		assert.equal(json.status, 200, json.body.slice(0, 300));
		assert.equal(json.headers['content-type'], 'application/json');
		assert.match(json.headers['content-disposition'],
		    /^attachment; filename="court-cases-\d{4}-\d{2}-\d{2}\.json"$/);
		assert.equal(json.json.count, 2);
		assert.equal(json.json.truncated, false);
		assert.equal(json.json.limit, 10000);
		const item = json.json.items.find((x) => x.id === plain.id);
		assert.deepEqual(Object.keys(item).sort(), ['acted_on', 'category',
		    'category_label', 'id', 'key', 'region', 'status', 'status_label',
		    'title', 'url'], 'no HTML headline');
		assert.deepEqual(item.title, plain.body.title);
		assert.equal(item.category_label, tr('en', 'Permits'));
		assert.ok(item.url.endsWith(`/en/courts/${plain.id}`));

		for (const bad of ['category=nope', 'year=abc', 'aarhus=maybe', 'page=0'])
			for (const ext of ['csv', 'json'])
				assert.equal((await c.get(`/ru/courts/export.${ext}?${bad}`)).status, 400, `${bad} ${ext}`);

		// The search page links both, with its filters.
		const page = await c.get(`/kk/courts?q=${encodeURIComponent(word)}`);
		const filters = `q=${encodeURIComponent(word)}`;
		assert.ok(page.body.includes(`href="/kk/courts/export.csv?${filters}"`), 'CSV linked');
		assert.ok(page.body.includes(`href="/kk/courts/export.json?${filters}"`), 'JSON linked');
	});
});
