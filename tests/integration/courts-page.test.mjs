// The court case page (issue 5): a real case in kk, ru and en — its own
// texts in Kazakh on Kazakh pages and in Russian (marked lang="ru") on
// the others, the parties by role, the claims with their outcomes, one
// timeline in order with dates as precise as known ("2019", "date not
// known"), the amounts grouped by thousands; a court act's page (the text
// escaped, its paragraphs kept); the 404s; and a request a case grew from:
// the case on the request's page and in its API, the request with its
// status on the case's page, and nothing of the requester's person there.
//
// Sign-ins from 127.0.0.29: a clerk, once.  The citizen registers through
// the HTML form (no sign-in request).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

import { client, individual, registerByForm } from './lib/http.mjs';
import { file, psql, tag } from './lib/requests.mjs';
import { tr, trHtml } from './lib/po.mjs';
import { caseId, clerk, realCases } from './lib/courts.mjs';

const c = client('127.0.0.29');

function esc(s) {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
	    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const real = (key) => realCases().find((x) => x.key === key);

async function page(path, status = 200) {
	const res = await c.get(path);
	assert.equal(res.status, status, `${path}: ${res.body.slice(0, 300)}`);
	assert.match(res.headers['content-type'], /^text\/html/);
	return res.body;
}

// The part of the page between two markers (a section of the article).
function section(html, from, to = '</ol>') {
	const i = html.indexOf(from);
	assert.ok(i >= 0, `${from} on the page`);
	return html.slice(i, html.indexOf(to, i));
}

// Where each text is on the page, in the order given; -1 if absent.
function positions(html, texts) {
	return texts.map((t) => html.indexOf(esc(t)));
}

describe('the court case page', () => {
	let clerkOf, citizen, request, linked, withAct;
	const t = tag();

	before(async () => {
		clerkOf = await clerk(c);
		const reg = individual();
		const { token } = await registerByForm(c, 'ru', reg);
		citizen = { ...reg, token };
		const holders = (await c.get('/api/v1/holders')).json.items;
		request = await file(c, citizen, {
			holder_id: holders[0].id, subject: `Сот ісі ${t}`,
			body: 'Прошу предоставить сведения о вырубке деревьев в сквере.',
			language: 'ru', answer_form: 'electronic', public: true,
		});
		// A case that grew from the request, with a court act.
		const r = structuredClone(real('kimasar-river-2017'));
		const res = await c.post('/api/v1/court-cases', { bearer: clerkOf.token,
		    json: { ...r, key: `page-${t}`.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
		        title: { kk: `Сквер ісі ${t}`, ru: `Дело о сквере ${t}` },
		        requests: [request.reg_no],
		        documents: [{ instance: 'first', kind: 'decision', date: '2017-12-20',
		            language: 'ru', title: 'Решение СМЭС г. Алматы',
		            body: `Первый абзац ${t}.\n\n<script>alert(1)</script> & второй абзац.\nТретий.` }] } });
		assert.equal(res.status, 201, res.body.slice(0, 400));
		linked = res.json.id;
		withAct = res.json.id;
	});

	test('a real case in Kazakh: its Kazakh texts, timeline in order', async () => {
		const r = real('fortebank-densaulyk-square-2019');
		const id = caseId(r.key);
		const html = await page(`/kk/courts/${id}`);
		assert.ok(html.includes(`<h1 lang="kk">${esc(r.title.kk)}</h1>`), 'the Kazakh title');
		assert.ok(!html.includes(esc(r.title.ru)), 'not the Russian one');
		for (const p of r.parties)
			assert.ok(html.includes(esc(p.name.kk)), p.name.kk);
		for (const role of ['Claimant', 'Defendant', 'Third party'])
			assert.ok(html.includes(trHtml('kk', role)), role);
		assert.ok(html.includes(trHtml('kk', 'Public association')), 'a party\'s kind');
		const tl = section(html, '<ol class="timeline">');
		const at = positions(tl, r.events.map((e) => e.text.kk));
		assert.ok(at.every((x) => x >= 0), 'every event on the timeline');
		assert.deepEqual([...at].sort((a, b) => a - b), at, 'in the source\'s order');
		assert.ok(tl.includes('<time datetime="2019">2019 ж.</time>'), 'a year alone');
		assert.ok(tl.includes(trHtml('kk', 'date not known')), 'an unknown date');
		assert.ok(tl.includes('<time datetime="2019-05-16">2019 жылғы 16 мамыр</time>'), 'a day');
		assert.ok(html.includes(trHtml('kk', 'Court hearing')), 'the type of an event');
	});

	test('in Russian and English: the Russian texts, marked so', async () => {
		const r = real('fortebank-densaulyk-square-2019');
		const id = caseId(r.key);
		for (const lang of ['ru', 'en']) {
			const html = await page(`/${lang}/courts/${id}`);
			assert.ok(html.includes(`<h1 lang="ru">${esc(r.title.ru)}</h1>`), `${lang}: the title`);
			assert.ok(html.includes(`<div class="text" lang="ru"><p>${esc(r.summary.ru)}</p>`),
			    `${lang}: the story`);
			assert.equal(r.court_first_instance, null);
			assert.ok(!html.includes(`<dt>${trHtml(lang, 'Court of first instance')}</dt>`),
			    `${lang}: no court the source does not name`);
			for (const p of r.parties)
				assert.ok(html.includes(esc(p.name.ru)), `${lang}: ${p.name.ru}`);
			for (const cl of r.claims)
				assert.ok(html.includes(`<span lang="ru">${esc(cl.text.ru)}</span> — <strong>${trHtml(lang, 'Not known')}</strong>`),
				    `${lang}: a claim without a known outcome`);
			const tl = section(html, '<ol class="timeline">');
			const at = positions(tl, r.events.map((e) => e.text.ru));
			assert.ok(at.every((x) => x >= 0), `${lang}: every event`);
			assert.deepEqual([...at].sort((a, b) => a - b), at, `${lang}: in order`);
			assert.ok(tl.includes(trHtml(lang, 'date not known')), `${lang}: unknown date`);
			assert.ok(tl.includes(`<time datetime="2019">${lang === 'en' ? '2019' : '2019 г.'}</time>`),
			    `${lang}: the year alone`);
			assert.ok(html.includes(`<dt>${trHtml(lang, 'Region')}</dt><dd>${trHtml(lang, 'Pavlodar Region')}</dd>`),
			    `${lang}: the region`);
			assert.ok(html.includes(`<dt>${trHtml(lang, 'Aarhus Convention norms applied')}</dt>`), `${lang}: a flag`);
		}
		const en = await page(`/en/courts/${id}`);
		assert.ok(en.includes('<time datetime="2019-05-16">16 May 2019</time>'), 'a day in English');
	});

	test('the kimasar case: outcomes, the unknown date first, the notes', async () => {
		const r = real('kimasar-river-2017');
		const html = await page(`/en/courts/${caseId(r.key)}`);
		assert.ok(html.includes(`<div class="text" lang="ru"><p>${esc(r.summary.ru)}</p></div>`),
		    'the story in Russian');
		assert.ok(html.includes(`<dt>${trHtml('en', 'Court of first instance')}</dt><dd lang="ru">${esc(r.court_first_instance.ru)}</dd>`),
		    'the court');
		const kk = await page(`/kk/courts/${caseId(r.key)}`);
		assert.ok(kk.includes(`<div class="text" lang="kk"><p>${esc(r.summary.kk)}</p></div>`),
		    'the story in Kazakh');
		const claims = section(html, '<ol class="claims">');
		assert.equal(claims.split(`<strong>${trHtml('en', 'Granted')}</strong>`).length - 1, 2,
		    'both claims granted');
		const tl = section(html, '<ol class="timeline">');
		const unknown = tl.indexOf(trHtml('en', 'date not known'));
		const filed = tl.indexOf('<time datetime="2017-11-02">2 November 2017</time>');
		const decided = tl.indexOf('<time datetime="2017-12-20">20 December 2017</time>');
		assert.ok(unknown >= 0 && unknown < filed && filed < decided, 'request, claim, decision');
		assert.ok(tl.includes(`<strong>${trHtml('en', 'Court decision')}</strong> · ${trHtml('en', 'Granted')}`),
		    'the decision with its result');
		assert.ok(tl.includes(trHtml('en', 'Pre-trial')), 'the pre-trial instance');
		assert.ok(html.includes(trHtml('en', 'Notes of the registry')));
		assert.ok(html.includes(`<p lang="en">${esc(r.notes)}</p>`), 'the notes');
		assert.ok(html.includes(`<dd>${trHtml('en', 'Yes')}</dd>`), 'indefinite circle: yes');
	});

	test('amounts with their units, grouped by thousands', async () => {
		const id = caseId('road-construction-emissions-2020');
		const en = await page(`/en/courts/${id}`);
		assert.ok(en.includes(`<strong>189,000,000 ${trHtml('en', 'tenge')}</strong>`), 'tenge in English');
		assert.ok(en.includes(`<strong>215.88 ${trHtml('en', 'tonnes')}</strong>`), 'tonnes');
		const ru = await page(`/ru/courts/${id}`);
		assert.ok(ru.includes(`<strong>189\u00a0000\u00a0000 ${trHtml('ru', 'tenge')}</strong>`), 'in Russian');
		assert.ok(ru.includes(`<strong>215,88 ${trHtml('ru', 'tonnes')}</strong>`), 'a decimal comma');
		const kk = await page(`/kk/courts/${caseId('oil-waste-landfill-2019')}`);
		assert.ok(kk.includes(`<strong>30 ${trHtml('kk', 'MCI')}</strong>`), 'MCI');
	});

	test('a court act: listed on the case, its text on its own page', async () => {
		const html = await page(`/en/courts/${withAct}`);
		const m = new RegExp(`<a href="(/en/courts/${withAct}/acts/(\\d+))" lang="ru">Решение СМЭС г. Алматы</a>`)
		    .exec(html);
		assert.ok(m, 'the act linked from the case');
		assert.ok(html.includes(trHtml('en', 'Court acts')));
		const act = await page(m[1]);
		assert.ok(act.includes('<h1 lang="ru">Решение СМЭС г. Алматы</h1>'));
		assert.ok(act.includes(`<div class="text" lang="ru"><p>Первый абзац ${t}.</p>` +
		    '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; второй абзац.</p><p>Третий.</p></div>'),
		    'escaped, one paragraph a line');
		assert.ok(!act.includes('<script>alert'), 'nothing of it runs');
		assert.ok(act.includes('<time datetime="2017-12-20">20 December 2017</time>'));
		assert.ok(act.includes(`${trHtml('en', 'Court decision')} · ${trHtml('en', 'First instance')}`));
		assert.ok(act.includes(`<a href="/en/courts/${withAct}" lang="ru">Дело о сквере ${t}</a>`),
		    'back to the case');
		const kk = await page(m[1].replace('/en/', '/kk/'));
		assert.ok(kk.includes(`<a href="/kk/courts/${withAct}" lang="kk">Сквер ісі ${t}</a>`));
		// Another case's address for the act: none.
		const other = caseId('kimasar-river-2017');
		const wrong = await page(`/en/courts/${other}/acts/${m[2]}`, 404);
		assert.ok(wrong.includes(trHtml('en', 'There is no such court act.')));
		await page(`/en/courts/${withAct}/acts/999999999`, 404);
		await page(`/en/courts/${withAct}/acts/x1`, 404);
	});

	test('no such case: a translated 404', async () => {
		for (const [lang, path] of [['ru', '/ru/courts/999999999'], ['en', '/en/courts/abc'],
		    ['kk', '/kk/courts/0'], ['en', '/en/courts/01'], ['en', '/en/courts/-1']]) {
			const html = await page(path, 404);
			assert.ok(html.includes(trHtml(lang, 'There is no such court case.')), path);
		}
	});

	test('a case written without its page\'s document is shown from its tables, and kept again at its next write', async () => {
		psql('DELETE FROM courts.case_pages WHERE case_id = :\'id\';', { id: String(linked) });
		const html = await page(`/ru/courts/${linked}`);
		assert.ok(html.includes(esc(`Дело о сквере ${t}`)), 'the title');
		assert.ok(html.includes(esc('Решение СМЭС г. Алматы')), 'the court act');
		const c1 = (await c.get(`/api/v1/court-cases/${linked}`)).json;
		const res = await c.request('PUT', `/api/v1/court-cases/${linked}`, { bearer: clerkOf.token,
		    json: { ...c1, id: undefined, requests: c1.requests.map((x) => x.reg_no) } });
		assert.equal(res.status, 200, res.body.slice(0, 400));
		assert.equal(psql('SELECT count(*) FROM courts.case_pages WHERE case_id = :\'id\';',
		    { id: String(linked) }).trim(), '1', 'kept again');
	});

	test('a request the case grew from: on both pages and in the API', async () => {
		const html = await page(`/en/courts/${linked}`);
		const list = section(html, '<ul class="requests">', '</ul>');
		assert.ok(list.includes(`<a href="/en/requests/${request.id}">${esc(request.reg_no)}</a> — ${trHtml('en', 'Registered')}`),
		    'the request with its status');
		// Nothing of the requester's person on the case's page.
		for (const v of [citizen.full_name, citizen.iin, citizen.email])
			for (const lang of ['kk', 'ru', 'en'])
				assert.ok(!(await page(`/${lang}/courts/${linked}`)).includes(esc(v)), `${lang}: ${v}`);

		const ru = await page(`/ru/requests/${request.id}`);
		assert.ok(ru.includes(trHtml('ru', 'Court cases the request led to')));
		assert.ok(ru.includes(`<a href="/ru/courts/${linked}" lang="ru">Дело о сквере ${t}</a>`), 'ru');
		const kk = await page(`/kk/requests/${request.id}`);
		assert.ok(kk.includes(`<a href="/kk/courts/${linked}" lang="kk">Сквер ісі ${t}</a>`), 'kk');
		const en = await page(`/en/requests/${request.id}`);
		assert.ok(en.includes(`<a href="/en/courts/${linked}" lang="ru">Дело о сквере ${t}</a>`), 'en');

		const api = await c.get(`/api/v1/requests/${request.id}`);
		assert.equal(api.status, 200);
		const key = `page-${t}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
		assert.deepEqual(api.json.court_cases, [{ id: linked, key }]);
	});

	test('a request without a case: no list, nothing in the API', async () => {
		const holders = (await c.get('/api/v1/holders')).json.items;
		const other = await file(c, citizen, {
			holder_id: holders[0].id, subject: `Басқа ${t}`,
			body: 'Прошу предоставить сведения о качестве воздуха.',
			language: 'ru', answer_form: 'electronic', public: true,
		});
		const html = await page(`/en/requests/${other.id}`);
		assert.ok(!html.includes(trHtml('en', 'Court cases the request led to')));
		const api = await c.get(`/api/v1/requests/${other.id}`);
		assert.equal(api.status, 200);
		assert.equal(api.json.court_cases, undefined);
	});
});
