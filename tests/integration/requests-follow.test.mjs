// Following a public request or a holder by e-mail, without an account
// (issue 4, item 8): the form on the request page and the holder's
// tracker, the confirmation mail in core.outbox, the link whose GET only
// shows a button (a mail scanner confirms nothing), the POST that
// confirms, the mail every later event sends to the follower with its
// stop link, the stop, and the bounds of a form that can mail any
// address: no second confirmation within a day, a daily cap per address,
// the same answer whatever happened, nothing for requests that are not
// public.  The follower's address appears on no page and in no log.
//
// Sign-ins from 127.0.0.23: the head of holder A, once.  The citizen
// registers through the HTML form, which signs in without a sign-in
// request.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import {
	BASE_URL, client, CookieJar, csrfOf, individual, registerByForm,
	uniqueEmail,
} from './lib/http.mjs';
import { tr, trHtml } from './lib/po.mjs';
import { cyr, file, official, outbox, psql, step, tag } from './lib/requests.mjs';
import { env, handlerLogs, readLog } from './lib/stack.mjs';

const c = client('127.0.0.23');

let holders, A, B, head, citizen, pub, secret;
const followers = [];		// every address the tests typed

// A new follower's address, remembered for the privacy checks.
function follower(what) {
	const a = uniqueEmail(`follow-${what}`);
	followers.push(a);
	return a;
}

// A public request of the citizen to holder (A), its subject with a key.
async function filePublic(holder = A, over = {}) {
	return file(c, citizen, {
		holder_id: holder.id, subject: `Шу деңгейі ${tag()}`,
		body: 'Прошу предоставить результаты замеров шума у автодороги.',
		language: 'kk', answer_form: 'electronic', public: true, ...over,
	});
}

// The page of path with its csrf and the jar that goes with it.
async function page(path, jar = new CookieJar()) {
	const res = await c.get(path, { cookies: jar });
	return { res, jar, csrf: csrfOf(res.body) };
}

// Submits the follow form on the page at from, which has no form token
// (its route is open, ECO_ROUTE_OPEN_FORM): the answer.
async function follow(from, fields, lang = 'kk') {
	const p = await page(from);
	assert.ok(p.res.body.includes(`action="/${lang}/requests/follow"`), `the form on ${from}`);
	assert.equal(p.csrf, undefined, `no form token on ${from}`);
	return c.post(`/${lang}/requests/follow`, { cookies: p.jar, form: fields });
}

// The token of the latest confirmation link mailed to address.
function confirmToken(address, lang = 'kk') {
	const mail = outbox(address).filter((m) => m.kind === 'follow_confirm').at(-1);
	assert.ok(mail, `a confirmation mail to ${address}`);
	const m = new RegExp(`${BASE_URL}/${lang}/requests/follow/([0-9a-f]{32})\\n`).exec(mail.body);
	assert.ok(m, `the link in: ${mail.body}`);
	return m[1];
}

function followRow(address) {
	const out = psql(`SELECT json_agg(json_build_object('confirmed',
	    confirmed_at IS NOT NULL, 'request_id', request_id,
	    'holder_id', holder_id, 'lang', lang)) FROM requests.follows
	    WHERE email = :'a';`, { a: address }).trim();
	return out ? JSON.parse(out) : null;
}

// Opens the link's page (or from, when the link's page has no button any
// more) and presses the button: the POST's answer.
async function press(path, from = path) {
	const p = await page(from);
	assert.equal(p.res.status, 200, p.res.body.slice(0, 300));
	assert.equal(p.csrf, undefined, 'the link is the authority: no form token');
	return c.post(path, { cookies: p.jar, form: {} });
}

const mails = (address, kind) => outbox(address).filter((m) => m.kind === kind);

before(async () => {
	const res = await c.get('/api/v1/holders');
	assert.equal(res.status, 200, res.body);
	holders = res.json.items;
	// Holders the other files leave alone, so the mail counted here is
	// this file's own.
	A = holders.at(-2);
	B = holders.at(-3);
	head = await official(c, A.id, 'head');
	const reg = individual({ full_name: `Жасырынова ${cyr(8)} Әсел`,
	    email: uniqueEmail('citizen') });
	const { token } = await registerByForm(c, 'kk', reg);
	citizen = { ...reg, token };
	pub = await filePublic();
	secret = await filePublic(A, { public: false });
});

describe('the follow form', () => {
	test('a public request\'s page has the form, its feed and the holder\'s', async () => {
		const res = await c.get(`/kk/requests/${pub.id}`);
		assert.equal(res.status, 200);
		assert.ok(res.body.includes(`action="/kk/requests/follow"`), 'the form');
		assert.ok(res.body.includes(`name="request_id" value="${pub.id}"`));
		assert.ok(res.body.includes(trHtml('kk', 'Follow by e-mail')));
		assert.ok(res.body.includes(`href="/kk/requests/follow?holder_id=${A.id}"`),
		    'a link to follow the holder');
		assert.ok(res.body.includes(`<link rel="alternate" type="application/atom+xml" title="${trHtml('kk', 'Atom feed')}" href="/kk/requests/${pub.id}/feed.atom">`),
		    'the feed in <head>');
	});

	test('the requester\'s own request that is not public has no form', async () => {
		const res = await c.get(`/kk/requests/${secret.id}`, { bearer: citizen.token });
		assert.equal(res.status, 200);
		assert.ok(!res.body.includes('action="/kk/requests/follow"'));
		assert.ok(!res.body.includes('application/atom+xml'));
	});

	test('the tracker of one holder has the holder\'s form; the whole tracker has none', async () => {
		const one = await c.get(`/ru/requests?holder_id=${A.id}`);
		assert.equal(one.status, 200);
		assert.ok(one.body.includes(`name="holder_id" value="${A.id}"`), 'the form');
		assert.equal(csrfOf(one.body), undefined, 'with no form token');
		assert.equal(one.headers['set-cookie']?.some((h) => h.startsWith('eco_pre=')) ?? false, false,
		    'and no pre-session cookie: the page can be kept');
		assert.ok(one.body.includes(`href="/ru/requests/feed.atom?holder_id=${A.id}"`));
		const all = await c.get('/ru/requests');
		assert.ok(!all.body.includes('action="/ru/requests/follow"'));
		const unknown = await c.get('/ru/requests?holder_id=999999999');
		assert.ok(!unknown.body.includes('action="/ru/requests/follow"'),
		    'no form for a holder that does not exist');
	});

	test('the follow page of a holder and of a request', async () => {
		const h = await c.get(`/en/requests/follow?holder_id=${A.id}`);
		assert.equal(h.status, 200);
		assert.ok(h.body.includes(A.name.en.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')));
		const r = await c.get(`/en/requests/follow?request_id=${pub.id}`);
		assert.equal(r.status, 200);
		assert.ok(r.body.includes(pub.reg_no));
	});

	test('what cannot be followed: 400 or 404, and nothing written', async () => {
		const address = follower('refused');
		for (const [fields, status] of [
			[{ request_id: secret.id }, 404],
			[{ request_id: 999999999 }, 404],
			[{ holder_id: 999999999 }, 404],
			[{ request_id: 'abc' }, 400],
			[{}, 400],
			[{ request_id: pub.id, holder_id: A.id }, 400],
		]) {
			const res = await follow(`/kk/requests/${pub.id}`, { ...fields, email: address });
			assert.equal(res.status, status, `${JSON.stringify(fields)}: ${res.body.slice(0, 200)}`);
		}
		assert.equal((await c.get(`/kk/requests/follow?request_id=${secret.id}`)).status, 404,
		    'the page of a request that is not public');
		assert.deepEqual(outbox(address), []);
		assert.equal(followRow(address), null);
	});

	test('a bad address: 400, the form says so, nothing written', async () => {
		for (const bad of ['', 'not-an-address', 'a@b', `x@y.kz\r\nBcc: ${follower('bcc')}`]) {
			const res = await follow(`/kk/requests/${pub.id}`, { request_id: pub.id, email: bad });
			assert.equal(res.status, 400, JSON.stringify(bad));
			assert.ok(res.body.includes('class="field-error"'), 'the field says why');
			assert.ok(res.body.includes(`name="request_id" value="${pub.id}"`), 'the form again');
			if (bad !== '')
				assert.ok(!res.body.includes(bad.split('\r')[0].replace(/&/g, '&amp;')),
				    'what was typed is not shown again');
		}
		assert.deepEqual(outbox(followers.at(-1)), []);
	});

	test('a request page sets no cookie for a form token, and the form needs none', async () => {
		const page = await c.get(`/ru/requests/${pub.id}`);
		assert.equal(page.status, 200);
		assert.equal(csrfOf(page.body), undefined, 'no form token for a visitor not signed in');
		assert.ok(!(page.headers['set-cookie'] ?? []).some((h) => h.startsWith('eco_pre=')),
		    'no pre-session cookie');
		// A follow carries nobody's authority (the address must still be
		// confirmed from its own mailbox), so a form from anywhere only
		// asks for a confirmation mail.
		const address = follower('open');
		const res = await c.post('/kk/requests/follow',
		    { form: { request_id: pub.id, email: address } });
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.equal(mails(address, 'follow_confirm').length, 1);
		assert.equal(followRow(address)[0].confirmed, false, 'and nothing is confirmed');
	});

	test('a signed-in visitor\'s request page still carries the form token of its other forms', async () => {
		const page = await c.get(`/kk/requests/${pub.id}`, { bearer: citizen.token });
		assert.equal(page.status, 200);
		assert.ok(csrfOf(page.body), 'the token for withdrawing and complaining');
	});
});

describe('a request\'s follower, from the form to the stop', () => {
	let address, token;

	test('the form answers 303 to "a mail is on its way" and queues one confirmation in kk', async () => {
		address = follower('request');
		const res = await follow(`/kk/requests/${pub.id}`,
		    { request_id: pub.id, email: address.toUpperCase() });
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.equal(res.headers.location, `/kk/requests/follow?request_id=${pub.id}&sent=1`);
		const sent = await c.get(res.headers.location);
		assert.equal(sent.status, 200);
		assert.ok(sent.body.includes(trHtml('kk', 'Thank you. If the address is right, a mail with a link to confirm it is on its way. Nothing is sent before you confirm. If no mail comes, look in the spam folder: the form sends the same address at most one such mail a day.')));
		assert.ok(!sent.body.includes(address), 'the address is on no page');

		const m = mails(address, 'follow_confirm');
		assert.equal(m.length, 1, 'one confirmation, to the lower-cased address');
		assert.ok(m[0].subject.includes(pub.reg_no), m[0].subject);
		assert.ok(m[0].body.includes(tr('kk', 'To confirm, open this link and press the button on the page. The link is valid for 7 days.')));
		assert.ok(!m[0].body.includes(pub.subject),
		    'the confirmation carries no text a requester typed');
		token = confirmToken(address);
		assert.deepEqual(followRow(address), [{ confirmed: false, request_id: pub.id, holder_id: null, lang: 'kk' }]);
	});

	test('the same form again: the same answer and no second mail', async () => {
		const res = await follow(`/ru/requests/${pub.id}`, { request_id: pub.id, email: address }, 'ru');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `/ru/requests/follow?request_id=${pub.id}&sent=1`);
		assert.equal(mails(address, 'follow_confirm').length, 1);
		assert.equal(followRow(address).length, 1);
	});

	test('GET of the link shows a button and confirms nothing; an event then mails nobody', async () => {
		const scanner = await c.get(`/kk/requests/follow/${token}`);
		assert.equal(scanner.status, 200);
		assert.ok(scanner.body.includes(`action="/kk/requests/follow/${token}"`));
		assert.ok(scanner.body.includes(trHtml('kk', 'Confirm')));
		assert.ok(scanner.body.includes(pub.reg_no));
		assert.equal(followRow(address)[0].confirmed, false);
		await step(c, head, pub.id, { type: 'classify', complexity: 'simple' });
		assert.deepEqual(mails(address, 'follow'), [], 'an unconfirmed follower gets nothing');
	});

	test('links that are not a follow: 404', async () => {
		for (const t of ['zzz', '0'.repeat(32), randomBytes(16).toString('hex'), token.toUpperCase(), `${token}0`])
			assert.equal((await c.get(`/kk/requests/follow/${t}`)).status, 404, t);
		assert.equal((await c.post(`/kk/requests/follow/${'0'.repeat(32)}`, { form: {} })).status, 404,
		    'a POST of a link that is no follow');
		assert.equal((await c.post(`/kk/requests/unfollow/${'0'.repeat(32)}`, { form: {} })).status, 404);
	});

	test('the button confirms: 303 back to the link, which says so', async () => {
		const res = await press(`/kk/requests/follow/${token}`);
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.equal(res.headers.location, `/kk/requests/follow/${token}`);
		assert.equal(followRow(address)[0].confirmed, true);
		const again = await c.get(res.headers.location);
		assert.equal(again.status, 200);
		assert.ok(again.body.includes(trHtml('kk', 'Confirmed. You will get an e-mail whenever something happens here; every mail has a link to stop.')));
		assert.ok(!again.body.includes(`action="/kk/requests/follow/${token}"`), 'no second button');
		assert.equal((await press(`/kk/requests/follow/${token}`,
		    `/kk/requests/${pub.id}`)).status, 303, 'confirming twice is fine');
	});

	test('the next events mail the follower in kk, with the stop link and no personal data', async () => {
		// The head extends a request nobody was assigned: two events on
		// the timeline, the assignment first, and one mail, for the step
		// the head took.
		const done = await step(c, head, pub.id, { type: 'extend', reason: 'inspection', days: 10,
		    justification: 'Выезд на место для замеров' });
		assert.deepEqual(done.events.slice(-2).map((e) => e.type), ['assign', 'extend']);
		const m = mails(address, 'follow');
		const events = [tr('kk', 'Period extended')];
		assert.deepEqual(m.map((x) => x.subject), events.map((e) => `${pub.reg_no}: ${e}`));
		for (const [i, x] of m.entries()) {
			assert.ok(x.body.startsWith(`${events[i]} — `), x.body);
			assert.ok(x.body.includes(pub.subject));
			assert.ok(x.body.includes(`${BASE_URL}/kk/requests/${pub.id}\n`), 'the request page');
			assert.ok(x.body.endsWith(`${BASE_URL}/kk/requests/unfollow/${token}\n`), x.body);
			for (const secretValue of [citizen.iin, citizen.email, citizen.full_name])
				assert.ok(!x.body.includes(secretValue) && !x.subject.includes(secretValue),
				    'nothing about the requester');
		}
	});

	test('the stop link: GET shows a button, POST deletes the follow; later events mail nothing', async () => {
		const shown = await c.get(`/kk/requests/unfollow/${token}`);
		assert.equal(shown.status, 200);
		assert.ok(shown.body.includes(`action="/kk/requests/unfollow/${token}"`));
		assert.equal(followRow(address).length, 1, 'a GET stops nothing');
		const res = await press(`/kk/requests/unfollow/${token}`);
		assert.equal(res.status, 200);
		assert.ok(res.body.includes(trHtml('kk', 'Done. The follow is deleted together with its address; no more e-mail is sent about this.')));
		assert.equal(followRow(address), null, 'the address is gone');
		assert.equal((await c.get(`/kk/requests/unfollow/${token}`)).status, 404);
		const before = mails(address, 'follow').length;
		await step(c, head, pub.id, { type: 'answer', text: 'Замеры приложены.', complete: true });
		assert.equal(mails(address, 'follow').length, before, 'no mail after the stop');
		// Whoever reads the logs cannot use the links: the token is
		// logged by neither nginx nor the handler.
		for (const f of [...handlerLogs(), path.join(env.log, 'nginx-access.log')])
			assert.ok(!readLog(f).includes(token), `${path.basename(f)} holds no follow token`);
		assert.match(readLog(path.join(env.log, 'nginx-access.log')), /"POST \/kk\/requests\/unfollow\/-"/);
	});
});

describe('a holder\'s follower', () => {
	test('mail about a new request to the holder, none about another holder\'s', async () => {
		const address = follower('holder');
		const res = await follow(`/ru/requests?holder_id=${B.id}`,
		    { holder_id: B.id, email: address }, 'ru');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `/ru/requests/follow?holder_id=${B.id}&sent=1`);
		const m = mails(address, 'follow_confirm');
		assert.equal(m.length, 1);
		assert.ok(m[0].body.includes(B.name.ru), 'the mail names the holder');
		const token = confirmToken(address, 'ru');
		assert.equal((await press(`/ru/requests/follow/${token}`)).status, 303);

		const mine = await filePublic(B);
		const other = await filePublic(A);
		const hidden = await filePublic(B, { public: false });
		const got = mails(address, 'follow');
		const about = (r) => got.filter((x) => x.subject.startsWith(`${r.reg_no}: `));
		assert.equal(about(mine).length, 1, 'the new public request to B');
		assert.equal(about(mine)[0].subject, `${mine.reg_no}: ${tr('ru', 'Request registered')}`);
		assert.ok(about(mine)[0].body.includes(`${BASE_URL}/ru/requests/unfollow/${token}\n`));
		assert.equal(about(other).length, 0, 'nothing about holder A');
		assert.equal(about(hidden).length, 0, 'nothing about a request that is not public');
	});
});

describe('the bounds of the form', () => {
	test('one address gets at most five confirmations a day, whatever it is asked to follow', async () => {
		const address = follower('cap');
		const targets = holders.slice(0, 7);
		for (const h of targets) {
			const res = await follow(`/kk/requests?holder_id=${h.id}`, { holder_id: h.id, email: address });
			assert.equal(res.status, 303, 'the same answer every time');
			assert.equal(res.headers.location, `/kk/requests/follow?holder_id=${h.id}&sent=1`);
		}
		assert.equal(mails(address, 'follow_confirm').length, 5);
	});

	test('a day later the same link is mailed once more; a week later it is dead', async () => {
		const address = follower('again');
		await follow(`/kk/requests/${pub.id}`, { request_id: pub.id, email: address });
		const token = confirmToken(address);
		psql(`UPDATE requests.follows SET mailed_at = now() - interval '25 hours' WHERE email = :'a';`,
		    { a: address });
		await follow(`/en/requests/${pub.id}`, { request_id: pub.id, email: address }, 'en');
		assert.equal(mails(address, 'follow_confirm').length, 2, 'mailed again');
		assert.equal(confirmToken(address, 'en'), token, 'the same link, now in English');

		psql(`UPDATE requests.follows SET mailed_at = now() - interval '8 days' WHERE email = :'a';`,
		    { a: address });
		assert.equal((await c.get(`/en/requests/follow/${token}`)).status, 404, 'expired');
		const post = await c.post(`/en/requests/follow/${token}`, { form: {} });
		assert.equal(post.status, 404, 'and cannot be confirmed');
		assert.equal(followRow(address)[0].confirmed, false);
	});
});

describe('privacy', () => {
	test('no follower address in the handlers\' logs', () => {
		for (const f of handlerLogs()) {
			const text = readLog(f);
			for (const a of followers)
				assert.ok(!text.includes(a), `${a} in ${f}`);
		}
	});
});
