// The translations the handlers use, read from po/<lang>.po, so that tests
// name a message by its English msgid and expect what each language shows.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const catalogs = new Map();

function unquote(s) {
	return JSON.parse(s);
}

// msgid -> msgstr of one catalog (contexts and plurals are skipped).
function load(lang) {
	const dir = path.join(process.env.ECO_SHARE_DIR || '.', 'po');
	const text = readFileSync(path.join(dir, `${lang}.po`), 'utf8');
	const map = new Map();
	for (const block of text.split(/\n\s*\n/)) {
		let key = null, cur = null, ctx = false;
		const parts = { msgid: '', msgstr: '' };
		for (const line of block.split('\n')) {
			const m = /^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*")\s*$/.exec(line);
			if (m) {
				key = m[1];
				if (key === 'msgctxt')
					ctx = true;
				cur = key === 'msgid' || key === 'msgstr' ? key : null;
				if (cur)
					parts[cur] = unquote(m[2]);
			} else if (/^".*"$/.test(line) && cur) {
				parts[cur] += unquote(line);
			}
		}
		if (!ctx && parts.msgid && parts.msgstr)
			map.set(parts.msgid, parts.msgstr);
	}
	return map;
}

// The text of msgid in lang; the msgid itself when the catalog lacks it.
export function tr(lang, msgid) {
	if (!catalogs.has(lang))
		catalogs.set(lang, load(lang));
	return catalogs.get(lang).get(msgid) ?? msgid;
}

// The text as it appears in HTML (the templates escape by default).
export function trHtml(lang, msgid) {
	return tr(lang, msgid).replace(/&/g, '&amp;').replace(/</g, '&lt;')
	    .replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
