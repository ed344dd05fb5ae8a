// Session tokens: any change to a token makes it worthless; tokens forged
// with the real keyring behave exactly like the server's own (which proves
// the forging right), so an expired one is refused for its expiry alone;
// and a key rotation keeps old sessions while new ones use the new key.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import {
	client, createAccount, errorOf, individual, login, registerByForm,
	parseSetCookies, sleep,
} from './lib/http.mjs';
import {
	b64url, cryptoAuth, decodeToken, ecoctl, forgeToken, readKeyring, signingKey,
} from './lib/stack.mjs';

const c = client('127.0.0.4');
let account, token, other;

async function me(t) {
	return c.get('/api/v1/me', { bearer: t });
}

// Replaces the character at i with another one of the base64url alphabet.
function flip(s, i) {
	const alt = s[i] === 'A' ? 'B' : 'A';
	return s.slice(0, i) + alt + s.slice(i + 1);
}

describe('session tokens and keys', () => {
	before(async () => {
		account = await createAccount(c, individual());
		token = await login(c, account.email);
		other = (await registerByForm(c)).token;
	});

	test('the token from sign-in works, and so does one from form registration', async () => {
		assert.equal((await me(token)).status, 200);
		assert.equal((await me(other)).status, 200);
	});

	test('the payload of a token holds v1, session id, user, role, times and key id', () => {
		const t = decodeToken(token);
		assert.equal(t.version, 'v1');
		assert.match(t.sid, /^[0-9a-f]{32}$/);
		assert.equal(t.uid, account.id);
		assert.equal(t.role, 1, 'individual is role bit 1');
		assert.ok(Math.abs(t.iat - Date.now() / 1000) < 120, `iat ${t.iat}`);
		assert.equal(t.exp - t.iat, 12 * 3600);
		assert.equal(t.kid, signingKey().id);
	});

	test('a character flipped in the payload: 401', async () => {
		const dot = token.indexOf('.');
		for (const i of [0, 5, Math.floor(dot / 2), dot - 2]) {
			const res = await me(flip(token, i));
			assert.equal(res.status, 401, `payload position ${i}`);
			assert.equal(errorOf(res).code, 'unauthorized');
		}
	});

	test('a character flipped in the MAC: 401', async () => {
		const dot = token.indexOf('.');
		for (const i of [dot + 1, dot + 20, token.length - 2]) {
			const res = await me(flip(token, i));
			assert.equal(res.status, 401, `MAC position ${i}`);
		}
	});

	test('a truncated or padded token: 401', async () => {
		for (const t of [token.slice(0, -1), token.slice(0, token.indexOf('.')),
		    token.slice(0, token.indexOf('.') + 1), token.slice(1), `${token}=`,
		    `${token}.x`, `${token}A`, token.replace('.', '..')]) {
			assert.equal((await me(t)).status, 401, t);
		}
	});

	test('the MAC of another token: 401 both ways', async () => {
		const [p1, m1] = token.split('.');
		const [p2, m2] = other.split('.');
		assert.equal((await me(`${p1}.${m2}`)).status, 401);
		assert.equal((await me(`${p2}.${m1}`)).status, 401);
	});

	test('a tampered cookie: 401, and the cookie is cleared', async () => {
		const res = await c.get('/api/v1/me', { cookies: { eco_session: flip(token, 3) } });
		assert.equal(res.status, 401);
		const cleared = parseSetCookies(res).eco_session;
		assert.ok(cleared, 'Set-Cookie eco_session');
		assert.equal(cleared.value, '');
		assert.equal(cleared.attrs['max-age'], '0');
	});

	test('a forged token for a real session, not expired: 200 (the forging is right)', async () => {
		const claims = decodeToken(token);
		const now = Math.floor(Date.now() / 1000);
		const forged = forgeToken({ ...claims, iat: now - 10, exp: now + 600 });
		assert.notEqual(forged, token);
		const res = await me(forged);
		assert.equal(res.status, 200, res.body);
		assert.equal(res.json.id, account.id);
		// And the same claims give back the server's own token, byte for byte.
		const same = forgeToken(claims, readKeyring().find((k) => k.id === claims.kid));
		assert.equal(same, token);
	});

	test('the same token, expired: 401', async () => {
		const claims = decodeToken(token);
		const now = Math.floor(Date.now() / 1000);
		assert.equal((await me(forgeToken({ ...claims, iat: now - 7200, exp: now - 3600 }))).status, 401);
		assert.equal((await me(forgeToken({ ...claims, iat: now - 7200, exp: now - 1 }))).status, 401);
		const cookie = await c.get('/api/v1/me',
		    { cookies: { eco_session: forgeToken({ ...claims, iat: now - 60, exp: now }) } });
		assert.equal(cookie.status, 401);
	});

	test('a forged token for a session that does not exist: 401', async () => {
		const claims = decodeToken(token);
		const now = Math.floor(Date.now() / 1000);
		const sid = randomBytes(16).toString('hex');
		assert.equal((await me(forgeToken({ ...claims, sid, iat: now, exp: now + 600 }))).status, 401);
		// Someone else's user id on this session id.
		assert.equal((await me(forgeToken({ ...claims, uid: claims.uid + 1, iat: now,
		    exp: now + 600 }))).status, 401);
	});

	test('the role in a token grants nothing: the database has the last word', async () => {
		const claims = decodeToken(token);
		const now = Math.floor(Date.now() / 1000);
		const admin = forgeToken({ ...claims, role: 16, iat: now, exp: now + 600 });
		const res = await c.get('/api/v1/accounts', { bearer: admin });
		assert.equal(res.status, 403, res.body);
		assert.equal(errorOf(res).code, 'forbidden');
	});

	test('a token signed with an unknown key or a wrong key id: 401', async () => {
		const claims = decodeToken(token);
		const now = Math.floor(Date.now() / 1000);
		const stranger = { id: signingKey().id, key: randomBytes(32) };
		assert.equal((await me(forgeToken({ ...claims, iat: now, exp: now + 600 }, stranger))).status, 401);
		const unknownId = { id: 999999, key: signingKey().key };
		assert.equal((await me(forgeToken({ ...claims, iat: now, exp: now + 600 }, unknownId))).status, 401);
	});

	test('malformed payloads correctly signed: 401', async () => {
		const key = signingKey();
		const now = Math.floor(Date.now() / 1000);
		const { sid, uid } = decodeToken(token);
		const sign = (payload) => {
			const enc = b64url(payload);
			return `${enc}.${b64url(cryptoAuth(key.key, enc))}`;
		};
		for (const p of [
			`v2:${sid}:${uid}:1:${now}:${now + 600}:${key.id}`,	// version
			`v1:${sid.toUpperCase()}:${uid}:1:${now}:${now + 600}:${key.id}`,
			`v1:${sid}:${uid}:3:${now}:${now + 600}:${key.id}`,	// two roles
			`v1:${sid}:${uid}:0:${now}:${now + 600}:${key.id}`,	// no role
			`v1:${sid}:0${uid}:1:${now}:${now + 600}:${key.id}`,	// leading zero
			`v1:${sid}:${uid}:1:${now + 600}:${now}:${key.id}`,	// exp before iat
			`v1:${sid}:${uid}:1:${now}:${now + 600}:${key.id}:x`,	// extra field
			`v1:${sid}:-${uid}:1:${now}:${now + 600}:${key.id}`,
		])
			assert.equal((await me(sign(p))).status, 401, p);
		// The well-formed one, to show the others failed for their defect.
		assert.equal((await me(sign(`v1:${sid}:${uid}:1:${now}:${now + 600}:${key.id}`))).status, 200);
	});

	test('key rotation: old tokens still work, new sign-ins use the new key', async () => {
		const before_ = signingKey().id;
		ecoctl('key', 'rotate');
		const ids = readKeyring().map((k) => k.id);
		assert.ok(ids.includes(before_), 'the old key is kept');
		assert.equal(Math.max(...ids), before_ + 1);

		// The handlers look at the file at most once a second.
		await sleep(1100);
		assert.equal((await me(token)).status, 200, 'a token of the old key');
		let kid = 0;
		for (let tries = 0; tries < 3 && kid !== before_ + 1; tries++) {
			if (tries > 0)
				await sleep(1000);
			kid = decodeToken(await login(c, account.email)).kid;
		}
		assert.equal(kid, before_ + 1, 'a new sign-in is signed with the new key');
		// A token forged with the old key is as good as before.
		const claims = decodeToken(token);
		const now = Math.floor(Date.now() / 1000);
		const old = readKeyring().find((k) => k.id === before_);
		assert.equal((await me(forgeToken({ ...claims, iat: now, exp: now + 600 }, old))).status, 200);
	});
});
