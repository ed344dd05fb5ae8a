// What the tests of the court case registry share: the real cases of the
// seed report (sql/demo/court_cases.json), copies of them under keys of
// their own, ecoctl courts import on a file, and a clerk's account.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { login, uniqueEmail, PASSWORD } from './http.mjs';
import { cyr, psql } from './requests.mjs';
import { ecoctl, env } from './stack.mjs';

const REPO = process.env.ECO_SHARE_DIR || '.';
export const CASES_FILE = path.join(REPO, 'sql/demo/court_cases.json');

// The twelve cases as the file has them (a fresh copy each call).
export function realCases() {
	return JSON.parse(readFileSync(CASES_FILE, 'utf8'));
}

// The real cases under keys ending in -suffix: cases of the test's own.
export function copiedCases(suffix) {
	return realCases().map((c) => ({ ...c, key: `${c.key}-${suffix}` }));
}

// ecoctl courts import on records written to a file (or on a path):
// {status, stdout, stderr}, never throwing.
export function importCases(records) {
	let file = records;
	if (typeof records !== 'string') {
		file = path.join(mkdtempSync(path.join(os.tmpdir(), 'eco-courts-')),
		    'cases.json');
		writeFileSync(file, JSON.stringify(records));
	}
	try {
		const stdout = execFileSync(env.ecoctl, ['courts', 'import', file], {
			env: { ...process.env, ECO_DSN: env.ownerDsn },
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		return { status: 0, stdout, stderr: '' };
	} catch (e) {
		return { status: e.status, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
	}
}

// The id of the case with key, or null.
export function caseId(key) {
	const out = psql(`SELECT id FROM courts.cases WHERE key = :'k';`, { k: key }).trim();
	return out === '' ? null : Number(out);
}

// A clerk of the court registry, made with ecoctl and signed in by client
// c (one sign-in).
export async function clerk(c) {
	const email = uniqueEmail('clerk');
	const out = ecoctl('user', 'add', '--email', email, '--password', PASSWORD,
	    '--name', `Хатшы ${cyr(6)}`, '--role', 'clerk');
	const id = Number(/has id (\d+)/.exec(out)[1]);
	return { id, email, token: await login(c, email) };
}

// How many cases (of those whose key matches the LIKE pattern) have a kept
// page document (courts.case_pages, migration 013) other than the one
// their tables make now, or none.
export function staleCasePages(keys = '%') {
	return Number(psql(`SELECT count(*) FROM courts.cases c
	    LEFT JOIN courts.case_pages p ON p.case_id = c.id WHERE c.key LIKE :'keys'
	    AND p.doc IS DISTINCT FROM courts.case_json(c.id, true);`, { keys }).trim());
}
