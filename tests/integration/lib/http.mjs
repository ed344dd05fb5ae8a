// The integration tests' HTTP client, on node:http alone.
//
// Every request goes out on a fresh connection (no keep-alive pool) from a
// chosen loopback source address: nginx rate-limits sign-ins per client
// address, so each test file talks from its own 127.0.0.N and stays out of
// the others' way.  Redirects are never followed: the tests check them.
import http from 'node:http';
import { randomBytes, randomInt } from 'node:crypto';

export const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:18080';
const base = new URL(BASE_URL);

// A small cookie jar: name -> value, fed from Set-Cookie headers.  Path,
// domain and expiry are ignored except for deletion (Max-Age=0 or an empty
// value), which is all one site on one host needs.
export class CookieJar {
	constructor(init = {}) {
		this.cookies = new Map(Object.entries(init));
	}

	get(name) {
		return this.cookies.get(name);
	}

	set(name, value) {
		this.cookies.set(name, value);
	}

	delete(name) {
		this.cookies.delete(name);
	}

	// Takes the Set-Cookie lines of a response.
	update(setCookie) {
		for (const line of setCookie || []) {
			const [pair, ...attrs] = line.split(';');
			const eq = pair.indexOf('=');
			if (eq < 1)
				continue;
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const gone = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
			if (gone || value === '')
				this.cookies.delete(name);
			else
				this.cookies.set(name, value);
		}
	}

	header() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	clone() {
		return new CookieJar(Object.fromEntries(this.cookies));
	}
}

// Parses the Set-Cookie lines of a response into {name: {value, attrs}},
// attribute names lower-cased ("httponly": true, "max-age": "43200").
export function parseSetCookies(res) {
	const out = {};
	for (const line of res.headers['set-cookie'] || []) {
		const [pair, ...attrs] = line.split(';');
		const eq = pair.indexOf('=');
		const name = pair.slice(0, eq).trim();
		const a = {};
		for (const attr of attrs) {
			const i = attr.indexOf('=');
			if (i < 0)
				a[attr.trim().toLowerCase()] = true;
			else
				a[attr.slice(0, i).trim().toLowerCase()] = attr.slice(i + 1).trim();
		}
		out[name] = { value: pair.slice(eq + 1).trim(), attrs: a, line };
	}
	return out;
}

// application/x-www-form-urlencoded from an object (or [name, value] pairs);
// undefined values are left out.
export function formEncode(fields) {
	const pairs = (Array.isArray(fields) ? fields : Object.entries(fields))
	    .filter(([, v]) => v !== undefined);
	return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
	    .join('&').replace(/%20/g, '+');
}

/*
 * request(method, path, opts) -> {status, headers, rawHeaders, body, raw, json}
 *
 * opts: headers; body (string or Buffer, sent as is); json (an object,
 * sent as application/json); form (an object, sent urlencoded); cookies (a
 * CookieJar, sent and updated from the answer, or a plain object, only
 * sent); bearer (a token for Authorization); localAddress (the source
 * address); timeout (ms, default 30 s).  json in the result is the parsed
 * body when it is JSON, else undefined.  Never follows a redirect.
 */
export function request(method, path, opts = {}) {
	const headers = { ...(opts.headers || {}) };
	let body = opts.body;

	if (opts.json !== undefined) {
		body = JSON.stringify(opts.json);
		headers['Content-Type'] ??= 'application/json';
	} else if (opts.form !== undefined) {
		body = formEncode(opts.form);
		headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
	}
	if (opts.cookies) {
		const c = opts.cookies instanceof CookieJar ? opts.cookies.header() :
		    Object.entries(opts.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
		if (c)
			headers.Cookie = c;
	}
	if (opts.bearer)
		headers.Authorization = `Bearer ${opts.bearer}`;
	if (body !== undefined && headers['Content-Length'] === undefined)
		headers['Content-Length'] = Buffer.byteLength(body);

	return new Promise((resolve, reject) => {
		let answered = false;
		const req = http.request({
			host: base.hostname,
			port: base.port,
			method,
			path,
			headers,
			agent: false,
			localAddress: opts.localAddress,
			timeout: opts.timeout ?? 30000,
		}, (res) => {
			answered = true;
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('error', reject);
			res.on('end', () => {
				const raw = Buffer.concat(chunks);
				const text = raw.toString('utf8');
				let json;
				if (/json/.test(res.headers['content-type'] || '')) {
					try {
						json = JSON.parse(text);
					} catch {
						json = undefined;
					}
				}
				if (opts.cookies instanceof CookieJar)
					opts.cookies.update(res.headers['set-cookie']);
				resolve({ status: res.statusCode, headers: res.headers,
				    rawHeaders: res.rawHeaders, body: text, raw, json });
			});
		});
		req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
		// nginx may answer 413 and close before a huge body is written:
		// once an answer came, a write error is no failure.
		req.on('error', (err) => {
			if (!answered)
				reject(err);
		});
		if (body !== undefined)
			req.end(body);
		else
			req.end();
	});
}

// A client bound to one source address: client('127.0.0.7').get('/kk/').
export function client(localAddress) {
	const r = (method, path, opts = {}) =>
	    request(method, path, { localAddress, ...opts });
	return {
		localAddress,
		request: r,
		get: (path, opts) => r('GET', path, opts),
		post: (path, opts) => r('POST', path, opts),
		del: (path, opts) => r('DELETE', path, opts),
	};
}

// --- test data ------------------------------------------------------------

// The check digit of the first 11 digits of an IIN or a BIN, or -1 when
// no check digit is possible (both weightings give 10).
export function checkDigit(digits11) {
	const d = [...digits11].map(Number);
	const w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
	const w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
	let check = d.reduce((s, x, i) => s + x * w1[i], 0) % 11;
	if (check === 10) {
		check = d.reduce((s, x, i) => s + x * w2[i], 0) % 11;
		if (check === 10)
			return -1;
	}
	return check;
}

function randomDigits(n) {
	let s = '';
	for (let i = 0; i < n; i++)
		s += String(randomInt(10));
	return s;
}

// A valid 12-digit identifier whose first digits are prefix.
function validId(prefix) {
	for (;;) {
		const head = prefix + randomDigits(11 - prefix.length);
		const c = checkDigit(head);
		if (c >= 0)
			return head + c;
	}
}

// An IIN: born yymmdd, then the century/sex digit and the serial.
export function validIin() {
	const yy = String(randomInt(50, 100)).padStart(2, '0');
	const mm = String(randomInt(1, 13)).padStart(2, '0');
	const dd = String(randomInt(1, 29)).padStart(2, '0');
	return validId(yy + mm + dd + String(randomInt(3, 5)));
}

// A BIN: registered yymm, then the kind digit (4: a legal entity).
export function validBin() {
	const yy = String(randomInt(0, 24)).padStart(2, '0');
	const mm = String(randomInt(1, 13)).padStart(2, '0');
	return validId(yy + mm + '4');
}

// The same number with a wrong check digit.
export function invalidId(valid) {
	return valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
}

export function uniqueEmail(tag = 'user') {
	return `${tag}.${randomBytes(6).toString('hex')}@test.ecogosfond.kz`;
}

export const PASSWORD = 'correct-horse-battery';

// An individual's registration for POST /api/v1/accounts.
export function individual(overrides = {}) {
	return {
		kind: 'individual',
		email: uniqueEmail('person'),
		password: PASSWORD,
		full_name: 'Айгерім Сапарова',
		iin: validIin(),
		lang: 'kk',
		...overrides,
	};
}

export function organisation(overrides = {}) {
	return {
		kind: 'organisation',
		email: uniqueEmail('org'),
		password: PASSWORD,
		full_name: 'Данияр Ахметов',
		bin: validBin(),
		org_name: 'ҚҚ «Таза өзен»',
		lang: 'ru',
		...overrides,
	};
}

// --- pages ----------------------------------------------------------------

// The value of the hidden csrf field of the first form on a page.
export function csrfOf(html) {
	const m = /<input type="hidden" name="csrf" value="([^"]*)">/.exec(html);
	return m ? m[1] : undefined;
}

// The value attribute of the input named name, or undefined.
export function inputValue(html, name) {
	const re = new RegExp(`<input[^>]*name="${name}"[^>]*>`);
	const tag = re.exec(html);
	if (!tag)
		return undefined;
	const v = /value="([^"]*)"/.exec(tag[0]);
	return v ? v[1] : undefined;
}

export function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

// --- accounts and sessions ---------------------------------------------------

// Registers over the API; returns the registration with the answer's id.
export async function createAccount(c, reg = individual()) {
	const res = await c.post('/api/v1/accounts', { json: reg });
	if (res.status !== 201)
		throw new Error(`registration failed: ${res.status} ${res.body}`);
	return { ...reg, id: res.json.id };
}

// Signs in over the API (one rate-limited request); returns the token.
export async function login(c, email, password = PASSWORD) {
	const res = await c.post('/api/v1/session', { json: { email, password } });
	if (res.status !== 200)
		throw new Error(`sign-in failed: ${res.status} ${res.body}`);
	return res.json.token;
}

/*
 * Registers through the HTML form (an individual, or an organisation with
 * bin and org_name), which signs in too without counting against the
 * sign-in rate limit.  Returns {reg, jar, token}: the jar holds
 * eco_session (token) and eco_pre.
 */
export async function registerByForm(c, lang = 'kk', reg = individual()) {
	const jar = new CookieJar();
	const form = await c.get(`/${lang}/account/register`, { cookies: jar });
	if (form.status !== 200)
		throw new Error(`register form: ${form.status}`);
	const res = await c.post(`/${lang}/account/register`, {
		cookies: jar,
		form: {
			csrf: csrfOf(form.body), kind: reg.kind, email: reg.email,
			full_name: reg.full_name, iin: reg.iin ?? '', bin: reg.bin ?? '',
			org_name: reg.org_name ?? '', password: reg.password,
			password_confirm: reg.password, consent: 'yes',
		},
	});
	if (res.status !== 303 || !jar.get('eco_session'))
		throw new Error(`form registration failed: ${res.status} ${res.body.slice(0, 300)}`);
	return { reg, jar, token: jar.get('eco_session'), res };
}

// --- assertions ---------------------------------------------------------------

// The JSON error shape: {"error":{"code","message"}} with a message.
export function errorOf(res) {
	const e = res.json && res.json.error;
	if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' ||
	    e.message.length === 0 || Object.keys(res.json).length !== 1)
		throw new Error(`not a JSON error body: ${res.status} ${res.body.slice(0, 300)}`);
	return e;
}
