// What the tests of eco-requests share: officials made with ecoctl, a
// filing and an official's step over the API, random words, and the
// database read through psql as the owner (the outbox, the follows, XML).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import path from 'node:path';

import { login, PASSWORD, uniqueEmail } from './http.mjs';
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

// An official of a holder, made with ecoctl and signed in (one sign-in
// from c's address).
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

// The mail queued for an address, oldest first: [{id, kind, subject, body}].
export function outbox(address) {
	const out = psql(`SELECT coalesce(json_agg(json_build_object('id', id,
	    'kind', kind, 'subject', subject, 'body', body) ORDER BY id), '[]')
	    FROM core.outbox WHERE to_addr = :'a';`, { a: address }).trim();
	return JSON.parse(out);
}
