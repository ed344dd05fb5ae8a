// Languages: "/" picks one (cookie, then Accept-Language, then Kazakh),
// the path says it for pages and remembers it in a cookie, every page is
// in its language with a switch that keeps the rest of the path, and API
// messages follow Accept-Language.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { client, errorOf, parseSetCookies } from './lib/http.mjs';
import { tr, trHtml } from './lib/po.mjs';

const c = client('127.0.0.11');

async function rootWith(headers) {
	const res = await c.get('/', { headers });
	assert.equal(res.status, 303);
	return res.headers.location;
}

describe('languages', () => {
	test('/ redirects (303) to /kk/ by default', async () => {
		const res = await c.get('/');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/kk/');
		assert.equal(res.body, '');
		assert.match(res.headers.vary, /Accept-Language/);
		assert.match(res.headers.vary, /Cookie/);
	});

	test('/ follows Accept-Language', async () => {
		assert.equal(await rootWith({ 'Accept-Language': 'ru-RU,ru;q=0.9' }), '/ru/');
		assert.equal(await rootWith({ 'Accept-Language': 'en-GB' }), '/en/');
		assert.equal(await rootWith({ 'Accept-Language': 'en-US,en;q=0.9,ru;q=0.8' }), '/en/');
		assert.equal(await rootWith({ 'Accept-Language': 'kk-KZ, ru;q=0.5' }), '/kk/');
		assert.equal(await rootWith({ 'Accept-Language': 'en;q=0.3, ru;q=0.7' }), '/ru/');
		assert.equal(await rootWith({ 'Accept-Language': 'de-DE,fr;q=0.9' }), '/kk/');
		assert.equal(await rootWith({ 'Accept-Language': 'ru;q=0, en;q=0' }), '/kk/');
	});

	test('the eco_lang cookie beats Accept-Language', async () => {
		assert.equal(await rootWith({ Cookie: 'eco_lang=en', 'Accept-Language': 'ru' }), '/en/');
		assert.equal(await rootWith({ Cookie: 'eco_lang=kk', 'Accept-Language': 'en-GB' }), '/kk/');
		// A cookie that names no language is ignored.
		assert.equal(await rootWith({ Cookie: 'eco_lang=de', 'Accept-Language': 'ru' }), '/ru/');
	});

	test('/en (without the slash) goes to /en/', async () => {
		const res = await c.get('/en');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/en/');
	});

	test('visiting /ru/ sets eco_lang=ru for a year, once', async () => {
		const res = await c.get('/ru/');
		assert.equal(res.status, 200);
		const cookie = parseSetCookies(res).eco_lang;
		assert.ok(cookie, 'Set-Cookie eco_lang');
		assert.equal(cookie.value, 'ru');
		assert.equal(cookie.attrs.path, '/');
		assert.equal(cookie.attrs['max-age'], String(365 * 24 * 3600));
		assert.equal(cookie.attrs.samesite, 'Lax');
		const again = await c.get('/ru/', { cookies: { eco_lang: 'ru' } });
		assert.equal(parseSetCookies(again).eco_lang, undefined, 'not set again');
		const other = await c.get('/en/', { cookies: { eco_lang: 'ru' } });
		assert.equal(parseSetCookies(other).eco_lang.value, 'en');
		// And then / follows it.
		assert.equal(await rootWith({ Cookie: 'eco_lang=ru' }), '/ru/');
	});

	const SIGN_IN = { kk: 'Кіру', ru: 'Войти', en: 'Sign in' };

	for (const lang of ['kk', 'ru', 'en']) {
		test(`/${lang}/ is in ${lang}: <html lang>, the sign-in link, the title`, async () => {
			const res = await c.get(`/${lang}/`);
			assert.equal(res.status, 200);
			assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
			assert.match(res.body, new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`));
			assert.equal(tr(lang, 'Sign in'), SIGN_IN[lang]);
			assert.ok(res.body.includes(`<a href="/${lang}/account/login">${SIGN_IN[lang]}</a>`),
			    'the sign-in link');
			assert.ok(res.body.includes(trHtml(lang, 'State Environmental Information Fund')));
			for (const other of Object.keys(SIGN_IN).filter((l) => l !== lang))
				assert.ok(!res.body.includes(`>${SIGN_IN[other]}</a>`), `no ${other} sign-in link`);
			// The sections link within the language.
			assert.match(res.body, new RegExp(`href="/${lang}/requests"`));
		});
	}

	test('the language switch keeps the rest of the path', async () => {
		const res = await c.get('/ru/account/login');
		assert.equal(res.status, 200);
		assert.match(res.body, /<a href="\/kk\/account\/login" lang="kk" hreflang="kk">/);
		assert.match(res.body, /<a href="\/en\/account\/login" lang="en" hreflang="en">/);
		assert.match(res.body, /<a href="\/ru\/account\/login" lang="ru" hreflang="ru" aria-current="true">/);
		const home = await c.get('/en/');
		assert.match(home.body, /<a href="\/kk\/" lang="kk"/);
		assert.match(home.body, /<a href="\/ru\/" lang="ru"/);
	});

	test('the switch does not carry the query string', async () => {
		const res = await c.get('/kk/account/login?next=%2Fkk%2Faccount');
		assert.match(res.body, /<a href="\/ru\/account\/login" lang="ru"/);
	});

	test('the form pages are translated too', async () => {
		for (const lang of ['kk', 'ru', 'en']) {
			const res = await c.get(`/${lang}/account/register`);
			assert.ok(res.body.includes(trHtml(lang, 'Create an account')), lang);
			assert.ok(res.body.includes(trHtml(lang, 'Repeat the password')), lang);
		}
	});

	test('API error messages follow Accept-Language', async () => {
		const msgid = 'Please sign in to continue.';
		for (const [al, lang] of [['ru', 'ru'], ['ru-RU,ru;q=0.9', 'ru'], ['en-GB', 'en'],
		    ['kk', 'kk'], [undefined, 'kk']]) {
			const res = await c.get('/api/v1/me', { headers: al ? { 'Accept-Language': al } : {} });
			assert.equal(res.status, 401);
			assert.equal(errorOf(res).message, tr(lang, msgid), `Accept-Language ${al}`);
		}
		assert.equal(tr('ru', msgid), 'Чтобы продолжить, войдите в систему.');
		assert.notEqual(tr('kk', msgid), msgid);
	});

	test('the error code stays the same in every language', async () => {
		const codes = new Set();
		for (const al of ['kk', 'ru', 'en'])
			codes.add(errorOf(await c.get('/api/v1/me', { headers: { 'Accept-Language': al } })).code);
		assert.deepEqual([...codes], ['unauthorized']);
	});

	test('error pages are in the language of the path', async () => {
		const res = await c.post('/ru/account/register', { form: { email: 'x' } });
		assert.equal(res.status, 403);
		assert.match(res.body, /<html lang="ru">/);
		assert.ok(res.body.includes(trHtml('ru', 'Go to the home page')));
	});
});
