// What the integration tests need from the running stack besides HTTP:
// the environment script/test exports, ecoctl, the session keyring (to
// forge tokens exactly as lib/token.c signs them) and the handlers' logs.
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

function need(name) {
	const v = process.env[name];
	if (!v)
		throw new Error(`${name} is not set: run these tests with script/test integration`);
	return v;
}

export const env = {
	get keys() { return need('ECO_KEYS'); },
	get log() { return need('ECO_LOG'); },
	get ecoctl() { return need('ECOCTL'); },
	get ownerDsn() { return need('ECO_OWNER_DSN'); },
	get run() { return need('ECO_RUN'); },
	get pgdata() { return need('ECO_PGDATA'); },
	get pgBin() { return need('ECO_PG_BIN'); },
	get pgUser() { return process.env.ECO_PG_USER || 'postgres'; },
	get pgLog() { return process.env.ECO_PG_LOG; },
};

// Runs ecoctl as the owner role on the test database; returns its output.
export function ecoctl(...args) {
	return execFileSync(env.ecoctl, args, {
		env: { ...process.env, ECO_DSN: env.ownerDsn },
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

// --- tokens -------------------------------------------------------------------

export function b64url(buf) {
	return Buffer.from(buf).toString('base64url');
}

// The keyring file: [{id, key}] in file order.
export function readKeyring() {
	const keys = [];
	for (const line of readFileSync(env.keys, 'utf8').split('\n')) {
		const m = /^\s*(\d+)\s+([0-9a-f]{64})\s*$/i.exec(line);
		if (m)
			keys.push({ id: Number(m[1]), key: Buffer.from(m[2], 'hex') });
	}
	return keys;
}

// The signing key: the highest id.
export function signingKey() {
	const keys = readKeyring();
	if (keys.length === 0)
		throw new Error(`no key in ${env.keys}`);
	return keys.reduce((a, b) => (b.id > a.id ? b : a));
}

// crypto_auth: HMAC-SHA-512 truncated to 32 bytes.
export function cryptoAuth(key, message) {
	return createHmac('sha512', key).update(message).digest().subarray(0, 32);
}

// The claims of a token, read without checking it.
export function decodeToken(token) {
	const [p] = token.split('.');
	const f = Buffer.from(p, 'base64url').toString('utf8').split(':');
	return { version: f[0], sid: f[1], uid: Number(f[2]), role: Number(f[3]),
	    iat: Number(f[4]), exp: Number(f[5]), kid: Number(f[6]) };
}

// A token as eco_token_sign makes it, from claims, with key {id, key}.
export function forgeToken({ sid, uid, role, iat, exp }, key = signingKey()) {
	const payload = `v1:${sid}:${uid}:${role}:${iat}:${exp}:${key.id}`;
	const enc = b64url(payload);
	return `${enc}.${b64url(cryptoAuth(key.key, enc))}`;
}

// --- logs -----------------------------------------------------------------------

// The handlers' log files: eco-*.log in ECO_LOG.
export function handlerLogs() {
	return readdirSync(env.log).filter((f) => /^eco-.*\.log$/.test(f))
	    .map((f) => path.join(env.log, f));
}

export function readLog(file) {
	return readFileSync(file, 'utf8');
}
