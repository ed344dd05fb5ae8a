// The calendar on the web: the public year page, GET /api/v1/calendar, and
// the administrators' page; a change made with ecoctl reaches the running
// handlers within ECO_CALENDAR_RECHECK (30 s) without a restart.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	client, createAccount, csrfOf, individual, login, sleep, uniqueEmail,
} from './lib/http.mjs';
import { ecoctl } from './lib/stack.mjs';

const c = client('127.0.0.17');
let adminToken, personToken;

async function calendar2026() {
	const res = await c.get('/api/v1/calendar?year=2026');
	assert.equal(res.status, 200, res.body);
	return res.json.days;
}

describe('the calendar pages and API', () => {
	before(async () => {
		const admin = { email: uniqueEmail('caladmin'), password: 'admin-password-1' };
		ecoctl('user', 'add', '--email', admin.email, '--password', admin.password,
		    '--name', 'Calendar Administrator', '--role', 'admin');
		adminToken = await login(c, admin.email, admin.password);
		const person = await createAccount(c, individual());
		personToken = await login(c, person.email);
	});

	test('GET /api/v1/calendar?year=2026: Nauryz and its moved days off, in three languages', async () => {
		const days = await calendar2026();
		const nauryz = days.find((d) => d.date === '2026-03-21');
		assert.ok(nauryz, 'Nauryz 21 March');
		assert.equal(nauryz.working, false);
		assert.equal(nauryz.kind, 'holiday');
		assert.equal(nauryz.name.kk, 'Наурыз мейрамы');
		assert.ok(nauryz.name.ru && nauryz.name.en);
		for (const moved of ['2026-03-24', '2026-03-25', '2026-03-09'])
			assert.equal(days.find((d) => d.date === moved)?.kind, 'transferred_off', moved);
		assert.ok(days.find((d) => d.date === '2026-01-07')?.kind === 'religious');
		const dates = days.map((d) => d.date);
		assert.deepEqual(dates, [...dates].sort(), 'in date order');
	});

	test('a bad year is 400', async () => {
		for (const y of ['2014', '2037', 'abc', '20261', ''])
			assert.equal((await c.get(`/api/v1/calendar?year=${y}`)).status, 400, y);
	});

	test('the public page lists the days in the language of the page', async () => {
		const res = await c.get('/ru/calendar?year=2026');
		assert.equal(res.status, 200);
		assert.match(res.body, /<html lang="ru">/);
		assert.ok(res.body.includes('Наурыз мейрамы'));
		assert.ok(res.body.includes('datetime="2026-03-24"'));
		assert.ok(res.body.includes('href="/ru/calendar?year=2025"'));
		assert.equal((await c.get('/kk/calendar?year=1999')).status, 400);
	});

	test('the administrators\' page: 303 to sign in, 403 for others, and it saves a day', async () => {
		assert.equal((await c.get('/kk/admin/calendar')).status, 303);
		assert.equal((await c.get('/kk/admin/calendar',
		    { cookies: { eco_session: personToken } })).status, 403);
		const jar = { eco_session: adminToken };
		const page = await c.get('/kk/admin/calendar?year=2027', { cookies: jar });
		assert.equal(page.status, 200, page.body.slice(0, 300));
		const csrf = csrfOf(page.body);
		const bad = await c.post('/kk/admin/calendar', { cookies: jar,
		    form: { csrf, date: '2027-02-30', kind: 'religious', name_kk: 'x', name_ru: 'x', name_en: 'x' } });
		assert.equal(bad.status, 400);
		const noname = await c.post('/kk/admin/calendar', { cookies: jar,
		    form: { csrf, date: '2027-05-16', kind: 'religious', name_kk: '', name_ru: 'x', name_en: 'x' } });
		assert.equal(noname.status, 400);
		const ok = await c.post('/kk/admin/calendar', { cookies: jar,
		    form: { csrf, date: '2027-05-16', kind: 'religious', name_kk: 'Құрбан айт',
		    name_ru: 'Курбан айт', name_en: 'Kurban Ait' } });
		assert.equal(ok.status, 303, ok.body.slice(0, 300));
		assert.equal(ok.headers.location, '/kk/admin/calendar?year=2027&saved=1');
		const nocsrf = await c.post('/kk/admin/calendar', { cookies: jar,
		    form: { date: '2027-05-17', kind: 'religious', name_kk: 'a', name_ru: 'a', name_en: 'a' } });
		assert.equal(nocsrf.status, 403);
		const gone = await c.post('/kk/admin/calendar', { cookies: jar,
		    form: { csrf, date: '2027-05-16', action: 'clear' } });
		assert.equal(gone.status, 303);
	});

	test('a change made with ecoctl reaches the running handlers without a restart', async () => {
		ecoctl('calendar', 'set', '2026-04-04', 'work', '--name', 'Жұмыс күні',
		    '--name-ru', 'Рабочий день', '--name-en', 'Working day', '--source', 'government');
		try {
			const started = Date.now();
			let seen = false;
			while (!seen && Date.now() - started < 40000) {
				seen = (await calendar2026()).some((d) => d.date === '2026-04-04' && d.working);
				if (!seen)
					await sleep(1000);
			}
			assert.ok(seen, 'the new working day within 40 s');
		} finally {
			ecoctl('calendar', 'clear', '2026-04-04');
		}
	});
});
