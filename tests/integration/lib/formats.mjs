// Files the portal writes, read back for the tests: Atom feeds (by
// PostgreSQL's XML parser, libxml2) and CSV (an RFC 4180 reader written
// here).
import assert from 'node:assert/strict';

import { psql } from './requests.mjs';

const ATOM = 'http://www.w3.org/2005/Atom';

// The entries of an Atom document, read by PostgreSQL: NULL when it is
// not well-formed XML.
export function parseFeed(doc) {
	const ns = `XMLNAMESPACES('${ATOM}' AS a)`;
	const out = psql(`SELECT CASE WHEN xml_is_well_formed_document(:'doc') THEN
	    json_build_object(
	      'feed', (SELECT row_to_json(f) FROM XMLTABLE(${ns}, '/a:feed'
	        PASSING (:'doc'::xml)
	        COLUMNS id text PATH 'a:id', title text PATH 'a:title',
	        updated text PATH 'a:updated', lang text PATH '@xml:lang',
	        self text PATH 'a:link[@rel="self"]/@href',
	        alternate text PATH 'a:link[@rel="alternate"]/@href',
	        author text PATH 'a:author/a:name') f),
	      'entries', (SELECT coalesce(json_agg(e), '[]') FROM XMLTABLE(${ns},
	        '/a:feed/a:entry' PASSING (:'doc'::xml)
	        COLUMNS id text PATH 'a:id', title text PATH 'a:title',
	        link text PATH 'a:link[@rel="alternate"]/@href',
	        related text PATH 'a:link[@rel="related"]/@href',
	        published text PATH 'a:published', updated text PATH 'a:updated',
	        term text PATH 'a:category/@term', label text PATH 'a:category/@label',
	        summary text PATH 'a:summary') e))::text END;`,
	    { doc }).trim();
	return out === '' ? null : JSON.parse(out);
}

// RFC 4180: rows of cells; quoted cells may hold commas, quotes, CR, LF.
export function parseCsv(text) {
	const rows = [];
	let row = [], cell = '', i = 0, quoted = false;
	while (i < text.length) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i += 2;
			} else if (ch === '"') {
				quoted = false;
				i++;
			} else {
				cell += ch;
				i++;
			}
		} else if (ch === '"' && cell === '') {
			quoted = true;
			i++;
		} else if (ch === ',') {
			row.push(cell);
			cell = '';
			i++;
		} else if (ch === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i += 2;
		} else {
			assert.ok(ch !== '"' && ch !== '\n' && ch !== '\r', `a bare ${JSON.stringify(ch)} at ${i}`);
			cell += ch;
			i++;
		}
	}
	assert.ok(!quoted && cell === '' && row.length === 0, 'the last row ends with CRLF');
	return rows;
}
