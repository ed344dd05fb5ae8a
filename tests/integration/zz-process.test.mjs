// The process model of a handler (eco-account), on the running stack: a
// worker killed is replaced, SIGHUP reopens the log, a PostgreSQL restart
// is survived without restarting anything, and SIGTERM lets the request in
// hand finish before the handler exits and removes its socket.
//
// These tests disturb the stack, so script/test runs zz-* files on their
// own after all the others.  The last one stops eco-account and starts it
// again with the same command line and environment; script/test adopts it
// through its pid file and stops it at the end.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
	existsSync, openSync, closeSync, readFileSync, readdirSync, readlinkSync, renameSync,
} from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

import { client, createAccount, individual, login, sleep, PASSWORD } from './lib/http.mjs';
import { env } from './lib/stack.mjs';

const c = client('127.0.0.16');
const NAME = 'eco-account';
const pidFile = () => path.join(env.run, `${NAME}.pid`);
const socketPath = () => path.join(env.run, `${NAME}.sock`);
const logFile = () => path.join(env.log, `${NAME}.log`);
let account, token;
let saved;	// {argv, env, cwd} of the master, to start it again

function masterPid() {
	const pid = Number(readFileSync(pidFile(), 'utf8').trim());
	assert.ok(pid > 1, `pid file ${pidFile()}`);
	return pid;
}

// Alive and not a zombie.
function alive(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
}

function workersOf(pid) {
	try {
		return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
		    .trim().split('\n').filter(Boolean).map(Number).sort((a, b) => a - b);
	} catch {
		return [];
	}
}

// How many descriptors a process has open (an accepted request adds one).
function fdCount(pid) {
	try {
		return readdirSync(`/proc/${pid}/fd`).length;
	} catch {
		return -1;
	}
}

async function waitFor(what, fn, ms = 5000, step = 50) {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v)
			return v;
		if (Date.now() > end)
			assert.fail(`timed out after ${ms} ms waiting for ${what}`);
		await sleep(step);
	}
}

async function healthy() {
	const res = await c.get('/healthz/account').catch(() => ({ status: 0 }));
	return res.status === 200;
}

// The command line, environment and directory of the running master.
function readMaster(pid) {
	const split = (f) => readFileSync(`/proc/${pid}/${f}`).toString('utf8')
	    .split('\0').filter(Boolean);
	const environ = {};
	for (const kv of split('environ')) {
		const i = kv.indexOf('=');
		environ[kv.slice(0, i)] = kv.slice(i + 1);
	}
	return { argv: split('cmdline'), env: environ, cwd: readlinkSync(`/proc/${pid}/cwd`) };
}

// Starts the handler as script/test did: its own session, output to its log.
function startHandler() {
	const out = openSync(logFile(), 'a');
	const child = spawn(saved.argv[0], saved.argv.slice(1), {
		env: saved.env, cwd: saved.cwd, detached: true, stdio: ['ignore', out, out],
	});
	child.unref();
	closeSync(out);
	return child.pid;
}

describe('process model of eco-account', () => {
	before(async () => {
		assert.ok(await healthy(), 'eco-account answers before the tests');
		saved = readMaster(masterPid());
		assert.ok(saved.argv.includes('--listen'), saved.argv.join(' '));
		account = await createAccount(c, individual());
		token = await login(c, account.email);
	});

	// Whatever happened above, leave eco-account running for what comes next.
	after(async () => {
		let pid = 0;
		try {
			pid = masterPid();
		} catch {
			pid = 0;
		}
		if (pid && alive(pid))
			return;
		startHandler();
		await waitFor('eco-account to come back', healthy, 15000, 100);
	});

	test('the master runs its workers: the pid file names it, pgrep -P finds them', () => {
		const pid = masterPid();
		assert.ok(alive(pid));
		assert.equal(readFileSync(`/proc/${pid}/comm`, 'utf8').trim(), NAME);
		const workers = workersOf(pid);
		const n = Number(saved.argv[saved.argv.indexOf('--workers') + 1] || 4);
		assert.equal(workers.length, n, `workers ${workers}`);
		for (const w of workers)
			assert.equal(readFileSync(`/proc/${w}/comm`, 'utf8').trim(), NAME);
		assert.ok(existsSync(socketPath()));
	});

	test('kill -9 of a worker: the master starts another, requests keep succeeding', async () => {
		const pid = masterPid();
		const before_ = workersOf(pid);
		const victim = before_[0];
		process.kill(victim, 'SIGKILL');
		const after_ = await waitFor('a new worker', () => {
			const now = workersOf(pid);
			return now.length === before_.length && !now.includes(victim) ? now : null;
		});
		assert.equal(after_.filter((w) => !before_.includes(w)).length, 1, 'exactly one new worker');
		assert.equal(masterPid(), pid, 'the same master');
		for (let i = 0; i < 12; i++) {
			assert.equal((await c.get('/healthz/account')).status, 200, `request ${i}`);
			assert.equal((await c.get('/api/v1/me', { bearer: token })).status, 200, `me ${i}`);
		}
		assert.match(readFileSync(logFile(), 'utf8'),
		    new RegExp(`worker ${victim} killed by signal 9; starting another`));
	});

	test('SIGHUP reopens the log: a renamed log is followed by a new file', async () => {
		const pid = masterPid();
		const old = `${logFile()}.hup-${Date.now()}`;
		renameSync(logFile(), old);
		process.kill(pid, 'SIGHUP');
		await waitFor('a new log file', () => existsSync(logFile()));
		// Every worker takes the signal in accept(); give them a moment.
		await sleep(300);
		const tag = randomBytes(4).toString('hex');
		const paths = Array.from({ length: 8 }, (_, i) => `/kk/account/hup-${tag}-${i}`);
		for (const p of paths)
			assert.equal((await c.get(p)).status, 404);
		const fresh = readFileSync(logFile(), 'utf8');
		const stale = readFileSync(old, 'utf8');
		for (const p of paths) {
			assert.match(fresh, new RegExp(` GET ${p} 404 \\d+us\\n`), `${p} in the new log`);
			assert.ok(!stale.includes(p), `${p} not in the renamed log`);
		}
		assert.equal(workersOf(pid).length, saved.argv.includes('--workers') ?
		    Number(saved.argv[saved.argv.indexOf('--workers') + 1]) : 4, 'no worker lost');
	});

	test('a PostgreSQL restart: the handlers reconnect by themselves', async () => {
		const pid = masterPid();
		const workers = workersOf(pid);
		assert.equal((await c.get('/api/v1/me', { bearer: token })).status, 200);

		const pgctl = [path.join(env.pgBin, 'pg_ctl'), '-D', env.pgdata, 'restart', '-m', 'fast',
		    '-w', '-t', '60'];
		const [cmd, args] = process.getuid() === 0 ?
		    ['runuser', ['-u', env.pgUser, '--', ...pgctl]] : [pgctl[0], pgctl.slice(1)];
		// The new server keeps pg_ctl's output: a file, never a pipe we would wait on.
		const out = openSync(env.pgLog || '/dev/null', 'a');
		try {
			execFileSync(cmd, args, { cwd: '/', stdio: ['ignore', out, out], timeout: 90000 });
		} finally {
			closeSync(out);
		}

		// During the restart itself a 503 is fair; then it must be 200.
		const seen = [];
		await waitFor('/api/v1/me to answer 200', async () => {
			const res = await c.get('/api/v1/me', { bearer: token });
			seen.push(res.status);
			assert.ok([200, 503].includes(res.status), `status ${res.status}`);
			return res.status === 200;
		}, 15000, 200);
		for (let i = 0; i < 12; i++) {
			const res = await c.get('/api/v1/me', { bearer: token });
			assert.equal(res.status, 200, `request ${i} after the restart (before: ${seen})`);
			assert.equal(res.json.id, account.id);
		}
		for (let i = 0; i < 8; i++)
			assert.equal((await c.get('/healthz/portal')).status, 200, 'eco-portal too');
		assert.equal(masterPid(), pid, 'the handler was not restarted');
		assert.deepEqual(workersOf(pid), workers, 'nor any of its workers');
		// Writes work again too: a registration.
		assert.equal((await c.post('/api/v1/accounts', { json: individual() })).status, 201);
	});

	test('SIGTERM during a sign-in: the request gets its full 200, then the handler exits', async () => {
		const pid = masterPid();
		saved = readMaster(pid);
		const workers = workersOf(pid);
		const base = new Map(workers.map((w) => [w, fdCount(w)]));

		const inFlight = c.post('/api/v1/session',
		    { json: { email: account.email, password: PASSWORD } });
		// The moment a worker has accepted the connection (one descriptor
		// more), the request is in its hands: now stop the handler.
		const end = Date.now() + 5000;
		let busy;
		while (!busy && Date.now() < end) {
			busy = workers.find((w) => fdCount(w) > base.get(w));
			if (!busy)
				await new Promise((r) => setImmediate(r));
		}
		assert.ok(busy, 'a worker accepted the sign-in');
		process.kill(pid, 'SIGTERM');

		const res = await inFlight;
		assert.equal(res.status, 200, res.body);
		assert.ok(res.json.token, 'a whole answer with its token');
		assert.equal(res.json.user.email, account.email);

		await waitFor('the master to exit', () => !alive(pid), 25000, 100);
		for (const w of workers)
			assert.ok(!alive(w), `worker ${w} exited`);
		assert.ok(!existsSync(socketPath()), 'the socket is removed');
		assert.ok(!existsSync(pidFile()), 'the pid file is removed');
		assert.match(readFileSync(logFile(), 'utf8'), new RegExp(`${NAME}\\[${pid}\\] stopped\\n`));

		// nginx finds nobody: 502, its own page; the portal is untouched.
		const down = await c.get('/healthz/account');
		assert.equal(down.status, 502);
		assert.equal((await c.get('/healthz/portal')).status, 200);

		// Started again as before, the session opened during the stop is valid.
		const child = startHandler();
		await waitFor('eco-account to answer again', healthy, 15000, 100);
		assert.equal(masterPid(), child, 'the new master wrote its pid file');
		const me = await c.get('/api/v1/me', { bearer: res.json.token });
		assert.equal(me.status, 200, 'the sign-in finished during the stop was committed');
		assert.equal((await c.get('/api/v1/me', { bearer: token })).status, 200);
	});
});
