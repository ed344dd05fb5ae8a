// GET /api/v1/deadline and the calculator page: due dates on the database's
// calendar (generated 2015-2036 by script/test's setup), with the steps of
// the count in the request's language, rules of law chosen by the date of
// the event, and 400 for every bad input.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { client } from './lib/http.mjs';

const c = client('127.0.0.18');

async function deadline(query, lang = 'en') {
	return c.get(`/api/v1/deadline?${query}`, { headers: { 'Accept-Language': lang } });
}

describe('the deadline API and calculator', () => {
	test('15 calendar days from 6 March 2026: the 15th day is Nauryz, due 26 March', async () => {
		const res = await deadline('from=2026-03-06&days=15&unit=calendar');
		assert.equal(res.status, 200, res.body);
		assert.equal(res.json.due, '2026-03-26');
		assert.equal(res.json.unit, 'calendar_days');
		assert.equal(res.json.period, 15);
		const texts = res.json.steps.map((s) => s.text);
		assert.equal(texts[0], 'Counted from the next day, 7 March 2026.');
		assert.ok(texts.some((t) => t.includes('21 March 2026') && t.includes('Nauryz')), texts.join(' | '));
		assert.equal(texts.at(-1), 'Due: 26 March 2026.');
		assert.equal(res.json.steps.at(-1).kind, 'due');
	});

	test('the steps speak the language asked for', async () => {
		const ru = await deadline('from=2026-03-06&days=15&unit=calendar', 'ru');
		assert.equal(ru.json.due, '2026-03-26');
		assert.ok(ru.json.steps[0].text.includes('марта 2026'), ru.json.steps[0].text);
		const kk = await deadline('from=2026-03-06&days=15&unit=calendar', 'kk');
		assert.ok(kk.json.steps.at(-1).text.includes('наурыз'), kk.json.steps.at(-1).text);
	});

	test('working days, months and rules', async () => {
		assert.equal((await deadline('from=2026-03-20&days=5&unit=working')).json.due, '2026-04-01');
		assert.equal((await deadline('from=2026-11-30&months=3')).json.due, '2027-03-01');
		assert.equal((await deadline('from=2026-01-30&months=1')).json.due, '2026-03-02');
		const simple = await deadline('rule=answer_simple&from=2026-03-06');
		assert.equal(simple.status, 200, simple.body);
		assert.equal(simple.json.due, '2026-03-26');
		assert.equal(simple.json.rule.code, 'answer_simple');
		assert.match(simple.json.rule.law, /Access to Information Law/);
		assert.equal((await deadline('rule=refuse&from=2026-03-20')).json.due, '2026-04-01');
		assert.equal((await deadline('rule=complain&from=2026-11-30')).json.due, '2027-03-01');
		// A date before the hearing: 3 working days before 30 March 2026 skip Nauryz.
		const remarks = await deadline('rule=hearing_remarks&from=2026-03-30');
		assert.equal(remarks.json.due, '2026-03-20');
		assert.equal(remarks.json.direction, 'before');
		// N = 0 on a day off rolls forward.
		assert.equal((await deadline('from=2026-03-22&days=0&unit=calendar')).json.due, '2026-03-26');
	});

	test('bad input is 400 with a JSON error', async () => {
		for (const q of ['', 'from=2026-02-30&days=1&unit=calendar', 'from=2026-03-01&days=-1&unit=calendar',
		    'from=2026-03-01&days=1', 'from=2026-03-01&days=1&unit=weeks', 'from=2026-03-01&days=1e3&unit=calendar',
		    'from=2026-03-01&days=99999&unit=calendar', 'from=2026-03-01&months=121', 'from=2026-03-01&days=1&months=1&unit=calendar',
		    'rule=no_such_rule&from=2026-03-01', 'from=2036-12-30&days=30&unit=calendar', 'from=1999-01-01&days=1&unit=calendar',
		    'from=%FF&days=1&unit=calendar']) {
			const res = await deadline(q);
			assert.equal(res.status, 400, `${q}: ${res.body}`);
			assert.ok(res.json?.error?.message, q);
		}
	});

	test('the calculator page: the form, then the due date with its explanation', async () => {
		const form = await c.get('/ru/deadline');
		assert.equal(form.status, 200);
		assert.match(form.body, /<select id="rule" name="rule">/);
		assert.ok(form.body.includes('value="answer_simple"'));
		const res = await c.get('/ru/deadline?from=2026-03-06&rule=answer_simple&days=&unit=calendar');
		assert.equal(res.status, 200, res.body.slice(0, 500));
		assert.ok(res.body.includes('datetime="2026-03-26"'));
		assert.ok(res.body.includes('26 марта 2026'));
		assert.match(res.body, /<ol class="steps">\s*<li>/);
		assert.ok(res.body.includes('value="answer_simple" selected'));
		const bad = await c.get('/kk/deadline?from=2026-13-01&days=5&unit=calendar');
		assert.equal(bad.status, 400);
		assert.ok(bad.body.includes('class="alert error"'));
		assert.ok(bad.body.includes('value="2026-13-01"'), 'the form keeps what was typed');
	});
});
