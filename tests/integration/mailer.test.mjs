// eco-mailer against the test database: core.outbox rows become .eml
// files (the dev run) or SMTP transactions to a sink written here with
// node:net; the outbox keeps its rows while no mailer runs and a mailer
// stopped mid-batch loses and duplicates nothing; 4xx is retried, 5xx
// fails for good; the log names no address and no subject.
//
// The test starts its own mailers (ECO_MAILER, the binary) with the owner's
// DSN.  They deliver every due row of the shared database, other tests'
// included, so every assertion looks only at this file's rows: kind
// 'test_mailer', addresses @mailer-test.invalid, their ids.  The SMTP sink
// accepts every other recipient.  No HTTP: no source address is needed.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { env } from './lib/stack.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const KIND = 'test_mailer';
const FROM = 'mailer-test-sender@ecogosfond.kz';

function mailerBin() {
	const bin = process.env.ECO_MAILER;
	if (!bin)
		throw new Error('ECO_MAILER is not set (build/default/mailer/eco-mailer)');
	return bin;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, ms = 10000) {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v)
			return v;
		if (Date.now() > end)
			assert.fail(`timed out waiting for ${what}`);
		await sleep(100);
	}
}

// --- the database, through psql as the owner -----------------------------------

function psql(sql) {
	return execFileSync(path.join(env.pgBin, 'psql'),
	    ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', env.ownerDsn, '-f', '-'],
	    { input: sql, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;

// Queues rows [{to, subject, body}]; returns their ids in order.
function queue(rows) {
	const values = rows.map((r) => `(${lit(r.to)}, ${lit(r.subject)}, ${lit(r.body)}, '${KIND}')`);
	return psql(`INSERT INTO core.outbox (to_addr, subject, body, kind) VALUES ${values.join(', ')}
	    RETURNING id;`).trim().split('\n').map(Number);
}

// id -> {attempts, sent, failed (next attempt 'infinity'), lastError, wait (s)}
function rowsOf(ids) {
	const out = new Map();
	const res = psql(`SELECT json_agg(json_build_object('id', id, 'attempts', attempts,
	    'sent', sent_at IS NOT NULL, 'failed', next_attempt_at = 'infinity',
	    'lastError', last_error,
	    'wait', CASE WHEN next_attempt_at = 'infinity' THEN -1
	        ELSE extract(epoch FROM next_attempt_at - now()) END))
	    FROM core.outbox WHERE id IN (${ids.join(', ')});`).trim();
	for (const r of JSON.parse(res))
		out.set(r.id, r);
	return out;
}

const unique = (tag) => `${tag}-${randomBytes(6).toString('hex')}@mailer-test.invalid`;

// --- the mailer ---------------------------------------------------------------------

const logs = [];	// every mailer's standard error, for the privacy test
const children = [];	// every mailer started here

// Starts eco-mailer; returns {child, exited (a promise of the exit code), stderr()}.
function startMailer(args, extra) {
	const e = { ...process.env };
	for (const k of ['ECO_MAIL_DIR', 'ECO_SMTP_HOST', 'ECO_SMTP_PORT', 'ECO_MAIL_FROM'])
		delete e[k];
	Object.assign(e, {
		ECO_DSN: env.ownerDsn,
		ECO_SHARE_DIR: process.env.ECO_SHARE_DIR || REPO,
		ECO_MAILER_INTERVAL: '1',
		ECO_MAIL_FROM: FROM,
	}, extra);
	const child = spawn(mailerBin(), args, { env: e, stdio: ['ignore', 'ignore', 'pipe'] });
	children.push(child);
	const log = { text: '' };
	logs.push(log);
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (d) => { log.text += d; });
	// 'close', not 'exit': the end of its standard error is read by then.
	const exited = new Promise((resolve) => child.on('close', (code, sig) => resolve(sig ?? code)));
	return { child, exited, stderr: () => log.text };
}

async function runOnce(extra) {
	const m = startMailer(['--once'], extra);
	const code = await m.exited;
	assert.equal(code, 0, `eco-mailer --once exited with ${code}: ${m.stderr()}`);
	return m.stderr();
}

// --- messages ---------------------------------------------------------------------

// Checks the wire form (CRLF only, short lines) and parses a message into
// {headers (lower-case names, unfolded), subject (decoded), body (decoded, LF)}.
function parseMessage(raw) {
	assert.doesNotMatch(raw, /\r(?!\n)|(?<!\r)\n/, 'CRLF line ends only');
	const sep = raw.indexOf('\r\n\r\n');
	assert.ok(sep > 0, 'a blank line ends the header');
	const head = raw.slice(0, sep);
	for (const line of raw.split('\r\n'))
		assert.ok(line.length <= 78, `line within 78 characters: ${line.length}`);
	const headers = {};
	for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
		const i = line.indexOf(': ');
		headers[line.slice(0, i).toLowerCase()] = line.slice(i + 2);
	}
	const words = headers.subject.split(' ');
	let subject = headers.subject;
	if (words.every((w) => /^=\?UTF-8\?B\?[A-Za-z0-9+/=]*\?=$/.test(w))) {
		for (const w of words)
			assert.ok(w.length <= 75, `encoded-word within 75 characters: ${w}`);
		subject = Buffer.concat(words.map((w) => Buffer.from(w.slice(10, -2), 'base64')))
		    .toString('utf8');
	}
	const b64 = raw.slice(sep + 4);
	for (const line of b64.split('\r\n'))
		assert.ok(line.length <= 76, 'base64 lines within 76');
	const body = Buffer.from(b64.replace(/\r\n/g, ''), 'base64').toString('utf8')
	    .replace(/\r\n/g, '\n');
	return { headers, subject, body };
}

const outboxId = (headers) => Number(/^<outbox\.(\d+)\.\d+@ecogosfond\.kz>$/
    .exec(headers['message-id'])?.[1]);

// --- an SMTP sink ---------------------------------------------------------------------

// Listens on 127.0.0.1; answers each RCPT TO with policy(address): a reply
// line, or null to never answer.  Records every accepted transaction as
// {helo, from, to, raw (as sent, dot-stuffed), data (unstuffed)}.
function smtpSink({ policy = () => '250 2.1.5 OK', dataDelay = 0 } = {}) {
	const sink = { messages: [], policy, dataDelay, sockets: new Set() };
	sink.server = net.createServer((sock) => {
		sink.sockets.add(sock);
		sock.on('close', () => sink.sockets.delete(sock));
		sock.on('error', () => {});
		let buf = '', inData = false, t = { to: [] };
		const reply = (s) => { if (!sock.destroyed) sock.write(`${s}\r\n`); };
		reply('220 sink.test ESMTP');
		sock.setEncoding('latin1');
		sock.on('data', async (d) => {
			buf += d;
			for (;;) {
				if (inData) {
					// The data ends with CRLF . CRLF (or . CRLF at once).
					const probe = `\r\n${buf}`;
					const end = probe.indexOf('\r\n.\r\n');
					if (end < 0)
						return;
					const raw = probe.slice(2, end + 2);
					buf = probe.slice(end + 5);
					inData = false;
					t.raw = raw;
					t.data = Buffer.from(raw.split('\r\n').map((l) => (l.startsWith('.') ? l.slice(1) : l))
					    .join('\r\n'), 'latin1').toString('utf8');
					sink.messages.push(t);
					t = { to: [], helo: t.helo };
					if (sink.dataDelay)
						await sleep(sink.dataDelay);
					reply('250 2.0.0 queued');
					continue;
				}
				const eol = buf.indexOf('\r\n');
				if (eol < 0)
					return;
				const line = buf.slice(0, eol);
				buf = buf.slice(eol + 2);
				let m;
				if ((m = /^EHLO (.+)$/i.exec(line))) {
					t.helo = m[1];
					reply('250-sink.test\r\n250-PIPELINING\r\n250 8BITMIME');
				} else if ((m = /^HELO (.+)$/i.exec(line))) {
					t.helo = m[1];
					reply('250 sink.test');
				} else if ((m = /^MAIL FROM:<(.*)>$/i.exec(line))) {
					t.from = m[1];
					reply('250 2.1.0 OK');
				} else if ((m = /^RCPT TO:<(.*)>$/i.exec(line))) {
					const r = sink.policy(m[1]);
					if (r === null)
						continue;
					if (r.startsWith('2'))
						t.to.push(m[1]);
					reply(r);
				} else if (/^DATA$/i.test(line)) {
					if (t.to.length === 0) {
						reply('554 5.5.1 no valid recipients');
						continue;
					}
					inData = true;
					reply('354 go ahead');
				} else if (/^QUIT$/i.test(line)) {
					reply('221 2.0.0 bye');
					sock.end();
					return;
				} else {
					reply('500 5.5.2 what?');
				}
			}
		});
	});
	return new Promise((resolve) => sink.server.listen(0, '127.0.0.1', () => {
		sink.port = sink.server.address().port;
		sink.env = { ECO_SMTP_HOST: '127.0.0.1', ECO_SMTP_PORT: String(sink.port), ECO_SMTP_TIMEOUT: '2' };
		sink.close = () => new Promise((r) => {
			for (const s of sink.sockets)
				s.destroy();
			sink.server.close(() => r());
		});
		resolve(sink);
	}));
}

// The sink's messages for one of our rows, parsed.
function received(sink, id) {
	return sink.messages.map((t) => ({ ...t, msg: parseMessage(t.data) }))
	    .filter((t) => outboxId(t.msg.headers) === id);
}

// --- the tests ------------------------------------------------------------------------

const KK_SUBJECT = 'Сұрау №ЭА-2026/17: жауап беру мерзіміне 3 күн қалды — Экология министрлігі';
const KK_BODY = 'Құрметті пайдаланушы!\n\nСіздің сұрауыңыз тіркелді: ЭА-2026/17.\n' +
    '.Нүктеден басталатын жол\n.\nҚұрметпен, Экологиялық ақпарат қоры';
const RU_SUBJECT = 'Запрос № ЭА-2026/18: до срока ответа осталось 3 дня — Минэкологии РК';
const RU_BODY = 'Уважаемый пользователь!\n\nСрок ответа на запрос: 21 ноября 2026 г.\n' +
    '.строка с точкой\n';

const secrets = [];	// addresses, subjects and bodies: never in a log
function row(tag, subject, body) {
	const r = { to: unique(tag), subject, body };
	secrets.push(r.to, r.subject);
	return r;
}

const dirs = [];
function mailDir() {
	const d = mkdtempSync(path.join(tmpdir(), 'eco-mail-'));
	dirs.push(d);
	return d;
}
after(() => {
	for (const c of children)
		if (c.exitCode === null && c.signalCode === null)
			c.kill('SIGKILL');
	for (const d of dirs)
		rmSync(d, { recursive: true, force: true });
});

function readEml(dir, id) {
	return parseMessage(readFileSync(path.join(dir, `${id}.eml`), 'utf8'));
}

// Pids of eco-mailer processes this file did not start that use the test
// database's server (the same host= in ECO_DSN): one would take this
// file's rows.
function foreignMailers() {
	const ours = new Set(children.map((c) => c.pid));
	const host = /host=(\S+)/.exec(env.ownerDsn)?.[1];
	return readdirSync('/proc').filter((p) => /^\d+$/.test(p) && !ours.has(Number(p)))
	    .filter((p) => {
		try {
			if (readFileSync(`/proc/${p}/comm`, 'utf8').trim() !== 'eco-mailer')
				return false;
			const dsn = readFileSync(`/proc/${p}/environ`, 'utf8').split('\0')
			    .find((v) => v.startsWith('ECO_DSN=')) ?? '';
			return host === undefined || dsn.includes(`host=${host}`);
		} catch {
			return false;
		}
	    });
}

describe('eco-mailer', () => {
	before(() => {
		mailerBin();
		const others = foreignMailers();
		assert.deepEqual(others, [], 'no other eco-mailer may run on the test database ' +
		    '(it would deliver this file\'s rows): script/test must not start one');
	});

	test('refuses to start with nowhere to deliver', async () => {
		const m = startMailer(['--once'], {});
		assert.equal(await m.exited, 1);
		assert.match(m.stderr(), /ECO_MAIL_DIR.*ECO_SMTP_HOST/);
	});

	test('rows become .eml files: Kazakh and Russian subjects and bodies decode back', async () => {
		const dir = mailDir();
		const rows = [row('kk', KK_SUBJECT, KK_BODY), row('ru', RU_SUBJECT, RU_BODY)];
		const ids = queue(rows);
		await runOnce({ ECO_MAIL_DIR: dir });
		rows.forEach((r, i) => {
			const m = readEml(dir, ids[i]);
			assert.equal(m.subject, r.subject);
			assert.equal(m.body, r.body);
			assert.equal(m.headers.to, r.to);
			assert.equal(m.headers.from, FROM);
			assert.equal(m.headers['content-type'], 'text/plain; charset=UTF-8');
			assert.equal(m.headers['content-transfer-encoding'], 'base64');
			assert.equal(m.headers['mime-version'], '1.0');
			assert.match(m.headers.date, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0500$/);
			assert.equal(outboxId(m.headers), ids[i]);
		});
		const db = rowsOf(ids);
		for (const id of ids)
			assert.deepEqual([db.get(id).sent, db.get(id).attempts, db.get(id).lastError], [true, 1, null]);
		assert.deepEqual(readdirSync(dir).filter((f) => !/^\d+\.eml$/.test(f)), [],
		    'no temporary file is left');
	});

	test('the outbox keeps rows while no mailer runs; a started mailer delivers each once', async () => {
		const dir = mailDir();
		const rows = [1, 2, 3, 4, 5].map((n) => row(`down${n}`, `${RU_SUBJECT} (${n})`, `${KK_BODY}\n${n}`));
		const ids = queue(rows);
		await sleep(1500);
		for (const r of rowsOf(ids).values())
			assert.deepEqual([r.sent, r.attempts], [false, 0], 'nothing delivers while the mailer is down');
		const m = startMailer([], { ECO_MAIL_DIR: dir });
		try {
			await waitFor('every row sent', () => [...rowsOf(ids).values()].every((r) => r.sent));
		} finally {
			m.child.kill('SIGTERM');
		}
		assert.equal(await m.exited, 0, 'SIGTERM: exit 0');
		assert.match(m.stderr(), /stopped/);
		rows.forEach((r, i) => {
			const e = readEml(dir, ids[i]);
			assert.deepEqual([e.subject, e.body], [r.subject, r.body]);
		});
		for (const r of rowsOf(ids).values())
			assert.equal(r.attempts, 1, 'delivered once');
	});

	test('SIGTERM while delivering: nothing lost, nothing twice, the rest after a restart', async () => {
		// A slow sink (100 ms per message) so that the signal lands mid-batch.
		const sink = await smtpSink({ dataDelay: 100 });
		try {
			const rows = Array.from({ length: 30 }, (_, n) => row(`term${n}`, `${KK_SUBJECT} ${n}`, RU_BODY));
			const ids = queue(rows);
			const m = startMailer([], sink.env);
			await waitFor('a few deliveries', () => ids.filter((id) => received(sink, id).length > 0).length >= 5);
			m.child.kill('SIGTERM');
			assert.equal(await m.exited, 0, 'SIGTERM: exit 0');
			const first = rowsOf(ids);
			const sentBefore = ids.filter((id) => first.get(id).sent);
			assert.ok(sentBefore.length < ids.length, 'the mailer stopped before the end');
			for (const id of ids)
				assert.equal(received(sink, id).length, first.get(id).sent ? 1 : 0,
				    `row ${id}: received exactly when recorded as sent`);
			await runOnce(sink.env);
			const second = rowsOf(ids);
			for (const [i, id] of ids.entries()) {
				assert.ok(second.get(id).sent, `row ${id} sent after the restart`);
				const got = received(sink, id);
				assert.equal(got.length, 1, `row ${id} received exactly once`);
				assert.equal(got[0].msg.subject, rows[i].subject);
			}
		} finally {
			await sink.close();
		}
	});

	test('SMTP: envelope, headers and a dot-stuffed body', async () => {
		const sink = await smtpSink();
		try {
			const r = row('smtp', KK_SUBJECT, KK_BODY);
			const [id] = queue([r]);
			await runOnce(sink.env);
			const got = received(sink, id);
			assert.equal(got.length, 1);
			assert.equal(got[0].from, FROM, 'MAIL FROM');
			assert.deepEqual(got[0].to, [r.to], 'RCPT TO');
			assert.ok(got[0].helo, 'EHLO with a name');
			// No line of the data may be a lone dot, and every line that
			// starts with one is stuffed (base64 and headers never do).
			for (const line of got[0].raw.split('\r\n'))
				assert.ok(!line.startsWith('.') || line.startsWith('..'), 'dot-stuffed');
			assert.equal(got[0].msg.subject, r.subject);
			assert.equal(got[0].msg.body, r.body, 'the lines starting with a dot arrive intact');
			assert.equal(got[0].msg.headers.to, r.to);
			assert.equal(rowsOf([id]).get(id).sent, true);
		} finally {
			await sink.close();
		}
	});

	test('SMTP 451: the row stays queued with attempts and last_error; a later cycle delivers it', async () => {
		let refuse = true;
		const sink = await smtpSink({
			policy: (to) => (refuse && to.startsWith('tempfail-') ? '451 4.7.1 greylisted, try again later' : '250 2.1.5 OK'),
		});
		try {
			const r = row('tempfail', RU_SUBJECT, RU_BODY);
			const [id, last] = queue([r, row('tempfail', KK_SUBJECT, KK_BODY)]);
			// The second has failed nine times already: the tenth gives up.
			psql(`UPDATE core.outbox SET attempts = 9 WHERE id = ${last};`);
			await runOnce(sink.env);
			let db = rowsOf([id]).get(id);
			assert.deepEqual([db.sent, db.failed, db.attempts], [false, false, 1]);
			assert.match(db.lastError, /RCPT TO: 451 4\.7\.1 greylisted/);
			assert.ok(db.wait > 50 && db.wait <= 60, `next attempt in a minute (${db.wait} s)`);
			const gaveUp = rowsOf([last]).get(last);
			assert.deepEqual([gaveUp.sent, gaveUp.failed, gaveUp.attempts], [false, true, 10]);
			assert.match(gaveUp.lastError, /^gave up after 10 attempts: RCPT TO: 451/);
			await runOnce(sink.env);
			assert.equal(rowsOf([id]).get(id).attempts, 1, 'not tried again before its time');
			// A minute later, as far as the row knows: the sink accepts now.
			refuse = false;
			psql(`UPDATE core.outbox SET next_attempt_at = now() WHERE id = ${id};`);
			await runOnce(sink.env);
			db = rowsOf([id]).get(id);
			assert.deepEqual([db.sent, db.attempts, db.lastError], [true, 2, null]);
			assert.equal(received(sink, id).length, 1);
			assert.equal(received(sink, last).length, 0, 'a row given up stays so');
		} finally {
			await sink.close();
		}
	});

	test('SMTP 550: the row fails for good and is not retried', async () => {
		const sink = await smtpSink({
			policy: (to) => (to.startsWith('reject-') ? '550 5.1.1 no such user' : '250 2.1.5 OK'),
		});
		try {
			const [id] = queue([row('reject', KK_SUBJECT, KK_BODY)]);
			await runOnce(sink.env);
			let db = rowsOf([id]).get(id);
			assert.deepEqual([db.sent, db.failed, db.attempts], [false, true, 1]);
			assert.match(db.lastError, /RCPT TO: 550 5\.1\.1/);
			await runOnce(sink.env);
			db = rowsOf([id]).get(id);
			assert.deepEqual([db.sent, db.attempts], [false, 1], 'a failed row stays failed');
			assert.equal(received(sink, id).length, 0);
		} finally {
			await sink.close();
		}
	});

	test('SMTP: a server that stops answering times out and the row is deferred', async () => {
		const sink = await smtpSink({
			policy: (to) => (to.startsWith('stall-') ? null : '250 2.1.5 OK'),
		});
		try {
			const [id] = queue([row('stall', RU_SUBJECT, RU_BODY)]);
			const t0 = Date.now();
			await runOnce({ ...sink.env, ECO_SMTP_TIMEOUT: '1' });
			assert.ok(Date.now() - t0 < 8000, 'the timeout holds');
			const db = rowsOf([id]).get(id);
			assert.deepEqual([db.sent, db.failed, db.attempts], [false, false, 1]);
			assert.match(db.lastError, /RCPT TO: timeout/);
		} finally {
			await sink.close();
		}
	});

	test('an address or subject that could inject a header fails for good, nothing written', async () => {
		const dir = mailDir();
		const ids = queue([
			row('inject', 'Hello\r\nBcc: victim@mailer-test.invalid', 'x'),
			{ to: `${unique('inject')}\nBcc: victim@mailer-test.invalid`, subject: 'Hello', body: 'x' },
		]);
		await runOnce({ ECO_MAIL_DIR: dir });
		const db = rowsOf(ids);
		assert.match(db.get(ids[0]).lastError, /invalid subject/);
		assert.match(db.get(ids[1]).lastError, /invalid to/);
		for (const id of ids) {
			assert.deepEqual([db.get(id).sent, db.get(id).failed], [false, true]);
			assert.equal(existsSync(path.join(dir, `${id}.eml`)), false);
		}
	});

	test('the log holds counts and ids, never an address, a subject or a body', () => {
		const all = logs.map((l) => l.text).join('');
		assert.match(all, /cycle: \d+ reminders queued, \d+ sent, \d+ deferred, \d+ failed/);
		assert.doesNotMatch(all, /@mailer-test\.invalid/);
		assert.doesNotMatch(all, /victim/);
		for (const s of secrets)
			assert.ok(!all.includes(s), 'no address or subject in the log');
		for (const s of [KK_BODY.slice(0, 20), RU_BODY.slice(0, 20), 'Сұрау', 'Запрос', 'greylisted', 'no such user'])
			assert.ok(!all.includes(s), `no message text in the log: ${s}`);
	});
});
