// What the tests of information requests share: accounts of citizens and
// officials, a filing and an official's step over the API, random words to
// find requests by, multipart bodies, and the database through psql as its
// owner (the outbox, the follows, XML, a decision taken months ago).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';

import { CookieJar, csrfOf, login, uniqueEmail, PASSWORD } from './http.mjs';
import { ecoctl, env } from './stack.mjs';

// A word of ten random Latin letters: a request's own search key.
export function tag() {
	let s = '';
	for (let i = 0; i < 10; i++)
		s += String.fromCharCode(97 + randomInt(26));
	return s;
}

// Random Cyrillic letters, for names and addresses nobody else has.
export function cyr(n) {
	const abc = 'абвгдежзиклмнопрстуфхшәғқңөұүі';
	let s = '';
	for (let i = 0; i < n; i++)
		s += abc[randomInt(abc.length)];
	return s;
}

// YYYY-MM-DD plus n calendar days.
export function addDays(iso, n) {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

// Signs up through the HTML form of client c (which signs in without a
// sign-in request): the registration with its id and bearer token.
export async function signUp(c, reg) {
	const jar = new CookieJar();
	const form = await c.get('/ru/account/register', { cookies: jar });
	if (form.status !== 200)
		throw new Error(`the registration form: ${form.status}`);
	const res = await c.post('/ru/account/register', {
		cookies: jar,
		form: {
			csrf: csrfOf(form.body), kind: reg.kind, email: reg.email,
			full_name: reg.full_name, iin: reg.iin ?? '', bin: reg.bin ?? '',
			org_name: reg.org_name ?? '', password: reg.password,
			password_confirm: reg.password, consent: 'yes',
		},
	});
	if (res.status !== 303 || !jar.get('eco_session'))
		throw new Error(`registration failed: ${res.status} ${res.body.slice(0, 300)}`);
	const me = await c.get('/api/v1/me', { bearer: jar.get('eco_session') });
	if (me.status !== 200)
		throw new Error(`/api/v1/me: ${me.status}`);
	return { ...reg, id: me.json.id, token: jar.get('eco_session') };
}

// An official of a holder, made with ecoctl and signed in by client c
// (one sign-in).
export async function official(c, holder, position) {
	const email = uniqueEmail(position);
	const out = ecoctl('user', 'add', '--email', email, '--password', PASSWORD,
	    '--name', `Тест ${position} ${cyr(5)}`, '--role', 'official',
	    '--holder', String(holder), '--position', position);
	const id = Number(/has id (\d+)/.exec(out)[1]);
	return { id, email, holder, position, token: await login(c, email) };
}

// Files body as who (a registration or an official): the request.
export async function file(c, who, body, status = 201) {
	const res = await c.post('/api/v1/requests', { bearer: who.token, json: body });
	assert.equal(res.status, status, res.body.slice(0, 400));
	return res.json;
}

// An official's step that must succeed: the request afterwards.
export async function step(c, who, id, body) {
	const res = await c.post(`/api/v1/requests/${id}/events`,
	    { bearer: who.token, json: body });
	assert.equal(res.status, 200, `${body.type}: ${res.body.slice(0, 400)}`);
	return res.json;
}

// Runs sql as the owner; vars become psql variables (:'name' in sql,
// quoted as a literal by psql).  The output, unaligned.
export function psql(sql, vars = {}) {
	const args = ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1'];
	for (const [k, v] of Object.entries(vars))
		args.push('-v', `${k}=${v}`);
	args.push('-d', env.ownerDsn, '-f', '-');
	return execFileSync(path.join(env.pgBin, 'psql'), args,
	    { input: sql, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/*
 * How many requests are read from another document than their tables now
 * make (requests.request_pages, kept by triggers, migrations 014 and
 * 015): kept documents that differ, and requests with a timeline but no
 * kept document (one without events, inserted by hand, is made at each
 * read).  Counted in one statement so that what other tests commit
 * meanwhile cannot tell it apart.  Throws if no request was compared.
 */
export function staleRequestPages() {
	const [made, stale] = psql(`SELECT count(*), count(*) FILTER (WHERE
	    m.doc IS DISTINCT FROM p.doc)
	    FROM requests.request_pages_made(ARRAY(SELECT id FROM requests.requests)) m
	    LEFT JOIN requests.request_pages p ON p.request_id = m.request_id
	    WHERE p.request_id IS NOT NULL OR EXISTS (SELECT 1
	        FROM requests.events e WHERE e.request_id = m.request_id);`)
	    .trim().split('|').map(Number);
	if (!(made > 0))
		throw new Error('no request was compared');
	return stale;
}

/*
 * A multipart/form-data body from [name, value] pairs; a value
 * {filename, type, data (Buffer or string)} is a file.  Returns {body,
 * contentType}.
 */
export function multipart(fields) {
	const boundary = `----eco${randomBytes(12).toString('hex')}`;
	const parts = [];
	for (const [name, v] of fields) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"`;
		let data;
		if (v !== null && typeof v === 'object' && 'filename' in v) {
			head += `; filename="${v.filename}"\r\nContent-Type: ${v.type ?? 'application/octet-stream'}`;
			data = Buffer.isBuffer(v.data) ? v.data : Buffer.from(v.data);
		} else {
			data = Buffer.from(String(v));
		}
		parts.push(Buffer.from(`${head}\r\n\r\n`), data, Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

// The mail queued for an address, oldest first: [{id, kind, subject, body}].
export function outbox(address) {
	const out = psql(`SELECT coalesce(json_agg(json_build_object('id', id,
	    'kind', kind, 'subject', subject, 'body', body) ORDER BY id), '[]')
	    FROM core.outbox WHERE to_addr = :'a';`, { a: address }).trim();
	return JSON.parse(out);
}
