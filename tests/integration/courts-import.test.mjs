// ecoctl courts import (issue 5): the real file of twelve cases imported
// twice stays twelve cases with the same ids and children; a copy under
// keys of its own is added, then updated by key when a title changes; a
// file with one bad record among good ones imports nothing and names the
// record's key and the field; the search texts and their words are
// written with the case.  The demo (script/test's stack) loaded the real
// file already, so its import only updates.
//
// No sign-ins; HTTP from 127.0.0.27 (the cases read back over the API).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { client } from './lib/http.mjs';
import { psql, tag } from './lib/requests.mjs';
import {
	CASES_FILE, caseId, copiedCases, importCases, realCases, staleCasePages,
} from './lib/courts.mjs';

const c = client('127.0.0.27');

// Ids, event and party counts of the cases whose keys are given.
function snapshot(keys) {
	return psql(`SELECT json_agg(json_build_object('key', k.key, 'id', k.id,
	    'events', (SELECT count(*) FROM courts.events e WHERE e.case_id = k.id),
	    'parties', (SELECT count(*) FROM courts.parties p WHERE p.case_id = k.id),
	    'claims', (SELECT count(*) FROM courts.claims l WHERE l.case_id = k.id))
	    ORDER BY k.key) FROM courts.cases k WHERE k.key = ANY (:'keys'::text[]);`,
	    { keys: `{${keys.join(',')}}` }).trim();
}

describe('ecoctl courts import', () => {
	test('the real file twice: twelve cases, same ids, no child twice', () => {
		const keys = realCases().map((r) => r.key);
		const first = importCases(CASES_FILE);
		assert.equal(first.status, 0, first.stderr);
		assert.match(first.stdout, /^12 court cases: 0 added, 12 updated$/m);
		const before = JSON.parse(snapshot(keys));
		assert.equal(before.length, 12);
		const second = importCases(CASES_FILE);
		assert.equal(second.status, 0, second.stderr);
		assert.match(second.stdout, /^12 court cases: 0 added, 12 updated$/m);
		assert.deepEqual(JSON.parse(snapshot(keys)), before);
		const real = realCases();
		for (const row of before) {
			const r = real.find((x) => x.key === row.key);
			assert.equal(row.events, r.events.length, row.key);
			assert.equal(row.parties, r.parties.length, row.key);
			assert.equal(row.claims, r.claims.length, row.key);
		}
	});

	test('a copy is added, then updated by key: a changed title, the same id', async () => {
		const t = tag();
		const cases = copiedCases(t);
		const added = importCases(cases);
		assert.equal(added.status, 0, added.stderr);
		assert.match(added.stdout, /^12 court cases: 12 added, 0 updated$/m);
		const key = `kimasar-river-2017-${t}`;
		const id = caseId(key);
		assert.ok(id > 0);

		cases[0].title.ru = `Изменённое название ${t}`;
		cases[0].events.pop();
		const updated = importCases(cases);
		assert.equal(updated.status, 0, updated.stderr);
		assert.match(updated.stdout, /^12 court cases: 0 added, 12 updated$/m);
		assert.equal(caseId(key), id, 'the id stays');
		assert.equal(psql(`SELECT count(*) FROM courts.cases WHERE key LIKE :'p';`,
		    { p: `%-${t}` }).trim(), '12', '12 cases, not 24');
		const res = await c.get(`/api/v1/court-cases/${id}`);
		assert.equal(res.status, 200);
		assert.equal(res.json.title.ru, `Изменённое название ${t}`);
		assert.equal(res.json.events.length, 2, 'the events replaced, not added to');
		const page = await c.get(`/ru/courts/${id}`);
		assert.match(page.body, new RegExp(`Изменённое название ${t}`), 'the page reads the case as updated');
		assert.equal(staleCasePages(`%-${t}`), 0, 'each page\'s document kept in step with the import');
		// Each write is in the audit log, by nobody (the console).
		assert.equal(psql(`SELECT string_agg(action, ' ' ORDER BY id)
		    FROM core.audit WHERE object_type = 'court_case'
		    AND object_id = :'id' AND actor_id IS NULL;`, { id: String(id) }).trim(),
		    'court_case.import_create court_case.import_update');
	});

	test('one bad record among good ones: nothing imported, key and field named', () => {
		const t = tag();
		const cases = copiedCases(t);
		cases[5].events[3].date = '2019-02-30';
		cases[2].category = 'Waste';
		delete cases[7].title.kk;
		const res = importCases(cases);
		assert.notEqual(res.status, 0);
		assert.match(res.stderr,
		    new RegExp(`^fortebank-densaulyk-square-2019-${t}: events\\[3\\]\\.date: `, 'm'));
		assert.match(res.stderr, new RegExp(`^butakov-gorge-2017-${t}: category: `, 'm'));
		assert.match(res.stderr,
		    new RegExp(`^almaty-inaccurate-land-info-2019-${t}: title\\.kk: `, 'm'));
		assert.match(res.stderr, /nothing imported/);
		assert.equal(res.stdout, '');
		assert.equal(psql(`SELECT count(*) FROM courts.cases WHERE key LIKE :'p';`,
		    { p: `%-${t}` }).trim(), '0', 'not one case of the file');
	});

	test('a key twice in a file, a file that is not JSON or not a list: refused', () => {
		const t = tag();
		const cases = copiedCases(t);
		cases[3].key = cases[1].key;
		const twice = importCases(cases);
		assert.notEqual(twice.status, 0);
		assert.match(twice.stderr, new RegExp(`^${cases[1].key}: key: `, 'm'));
		assert.equal(psql(`SELECT count(*) FROM courts.cases WHERE key LIKE :'p';`,
		    { p: `%-${t}` }).trim(), '0');
		assert.notEqual(importCases({ key: 'x' }).status, 0, 'an object');
		const missing = importCases('/nonexistent/cases.json');
		assert.notEqual(missing.status, 0, 'no file');
	});

	test('the search texts and their words are written with the case', () => {
		const id = caseId('kimasar-river-2017');
		const row = psql(`SELECT search_kk LIKE '%Кимасар өзенінің%',
		    search_ru LIKE '%Зеленое спасение%', search_kk LIKE '%Суд вынес%',
		    tsv @@ to_tsquery('russian', 'реки')
		    FROM courts.cases WHERE id = :'id';`, { id: String(id) }).trim();
		assert.equal(row, 't|t|f|t');
		assert.equal(psql(`SELECT count(*) FROM courts.words
		    WHERE word IN ('кимасар', 'өзенінің', 'спасение');`).trim(), '3');
	});
});
