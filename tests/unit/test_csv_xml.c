/*
 * Unit tests of what exports and feeds write: CSV cells and rows (RFC 4180
 * quoting, the guard against spreadsheet formulas) and XML text and dates
 * for Atom (escaping, characters XML cannot carry, RFC 3339 instants).
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "csv.h"
#include "tap.h"
#include "xml.h"

static struct eco_arena *arena;

static const char *
cell(const char *s)
{
	struct eco_buf b;

	eco_buf_init(&b, arena);
	eco_csv_cell(&b, s);
	return b.data;
}

static const char *
xml(const char *s)
{
	struct eco_buf b;

	eco_buf_init(&b, arena);
	eco_xml_escape(&b, s);
	return b.data;
}

static const char *
xml_time(long long t)
{
	char *out = eco_alloc(arena, ECO_XML_TIME_SIZE);

	eco_xml_time(t, out);
	return out;
}

static void
test_csv_quoting(void)
{
	const char *row[] = { "1", "a,b", NULL, "", "он сказал \"нет\"",
	    "две\nстроки" };
	struct eco_buf b;

	is_str(cell("MEPR-2026-00017"), "MEPR-2026-00017", "plain text as it is");
	is_str(cell("Қалдықтар полигоны"), "Қалдықтар полигоны",
	    "Cyrillic as it is (UTF-8 bytes untouched)");
	is_str(cell(NULL), "", "NULL is an empty cell");
	is_str(cell(""), "", "\"\" is an empty cell");
	is_str(cell("a,b"), "\"a,b\"", "a comma is quoted");
	is_str(cell("say \"hi\""), "\"say \"\"hi\"\"\"",
	    "quotes are quoted and doubled");
	is_str(cell("\""), "\"\"\"\"", "a lone quote");
	is_str(cell("line\nbreak"), "\"line\nbreak\"", "LF is quoted");
	is_str(cell("cr\rhere"), "\"cr\rhere\"", "CR inside is quoted");
	is_str(cell("semi;colon"), "semi;colon",
	    "a semicolon needs no quotes in RFC 4180");
	is_str(cell(" leading space"), " leading space", "spaces are kept");

	eco_buf_init(&b, arena);
	eco_csv_row(&b, row, sizeof(row) / sizeof(row[0]));
	is_str(b.data, "1,\"a,b\",,,\"он сказал \"\"нет\"\"\",\"две\nстроки\"\r\n",
	    "a row: cells by commas, empty cells empty, CRLF at the end");
	eco_buf_init(&b, arena);
	eco_csv_row(&b, row, 0);
	is_str(b.data, "\r\n", "a row of no cells is a line end");
}

static void
test_csv_formulas(void)
{
	is_str(cell("=1+2"), "'=1+2", "= gets an apostrophe");
	is_str(cell("+7 701 000 00 00"), "'+7 701 000 00 00", "+ too");
	is_str(cell("-2+3"), "'-2+3", "- too");
	is_str(cell("@SUM(A1)"), "'@SUM(A1)", "@ too");
	is_str(cell("\tTAB"), "'\tTAB", "a leading TAB too");
	is_str(cell("\r=1"), "\"'\r=1\"", "a leading CR too, and it is quoted");
	is_str(cell("=HYPERLINK(\"http://x\",\"y\")"),
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
	    "a formula with quotes: apostrophe inside the quotes");
	is_str(cell("=a,b"), "\"'=a,b\"", "a formula with a comma");
	is_str(cell("a=1"), "a=1", "= later in the text is harmless");
	is_str(cell("2026-03-07"), "2026-03-07", "an ISO date is left alone");
	is_str(cell(" =1"), " =1",
	    "a space first is text for every spreadsheet");
}

static void
test_xml_escape(void)
{
	is_str(xml("a & b < c > d \"e\" 'f'"),
	    "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;",
	    "the five special characters");
	is_str(xml("]]>"), "]]&gt;", "]]> cannot end a CDATA it is not in");
	is_str(xml("Экология — 100%"), "Экология — 100%", "UTF-8 as it is");
	is_str(xml("tab\tLF\nCR\r"), "tab\tLF\nCR\r",
	    "TAB, LF and CR are XML characters");
	is_str(xml("a\x01z"), "a\xef\xbf\xbdz", "C0 control -> U+FFFD");
	is_str(xml("\x1f"), "\xef\xbf\xbd", "U+001F -> U+FFFD");
	is_str(xml("a\xefz"), "a\xef\xbf\xbdz", "a cut sequence -> U+FFFD");
	is_str(xml("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd",
	    "an overlong '/' -> two U+FFFD, one a byte");
	is_str(xml("\xed\xa0\x80"),
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "a surrogate -> U+FFFD");
	is_str(xml("\xef\xbf\xbe|\xef\xbf\xbf"),
	    "\xef\xbf\xbd|\xef\xbf\xbd", "U+FFFE and U+FFFF -> U+FFFD");
	is_str(xml("\xf0\x9f\x8c\xb3"), "\xf0\x9f\x8c\xb3",
	    "a character above U+FFFF as it is");
	is_str(xml("\xc2\x85"), "\xc2\x85",
	    "a C1 control is an XML 1.0 character");
	is_str(xml("<&\xff"), "&lt;&amp;\xef\xbf\xbd",
	    "escapes and a bad byte together");
	is_str(xml(NULL), "", "NULL is nothing");
}

static void
test_xml_time(void)
{
	is_str(xml_time(0), "1970-01-01T00:00:00Z", "the epoch");
	is_str(xml_time(1772859843LL), "2026-03-07T05:04:03Z", "an instant");
	is_str(xml_time(951782400LL), "2000-02-29T00:00:00Z", "a leap day");
	is_str(xml_time(1709251199LL), "2024-02-29T23:59:59Z",
	    "the last second of a leap day");
	is_str(xml_time(-1), "1969-12-31T23:59:59Z",
	    "before the epoch: the day before, not -1 seconds");
	is_str(xml_time(-86400), "1969-12-31T00:00:00Z", "a whole day before");
	is_str(xml_time(253402300799LL), "9999-12-31T23:59:59Z",
	    "the last instant of four digits");
	is_str(xml_time(253402300800LL), "9999-12-31T23:59:59Z",
	    "after it: clamped");
	is_str(xml_time(-62167219200LL), "0000-01-01T00:00:00Z",
	    "the first instant of four digits");
	is_str(xml_time(-9223372036854775807LL - 1), "0000-01-01T00:00:00Z",
	    "the smallest long long: clamped, no overflow");
	is_str(xml_time(9223372036854775807LL), "9999-12-31T23:59:59Z",
	    "the largest: clamped");
	is_int(strlen(xml_time(1772859843LL)), ECO_XML_TIME_SIZE - 1,
	    "ECO_XML_TIME_SIZE holds it with its NUL");
}

int
main(void)
{
	arena = eco_arena_new();
	test_csv_quoting();
	test_csv_formulas();
	test_xml_escape();
	test_xml_time();
	eco_arena_free(arena);
	return tap_done();
}
