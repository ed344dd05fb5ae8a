/*
 * Unit tests of languages and translations: language codes,
 * Accept-Language negotiation, the .po reader and its errors, plural forms
 * and dates in words with the real catalogs of po/.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "i18n.h"
#include "tap.h"

/* Parses text as lang's catalog into a fresh set; NULL on error (in err). */
static struct eco_catalogs *
parse(enum eco_lang lang, const char *text, char *err, size_t errlen)
{
	struct eco_catalogs *c = eco_catalogs_new();

	err[0] = '\0';
	if (eco_catalogs_add_po(c, lang, text, strlen(text), err, errlen) == -1) {
		eco_catalogs_free(c);
		return NULL;
	}
	return c;
}

/* The error message text fails with, "" when it parses. */
static const char *
po_error_of(const char *text)
{
	static char err[256];
	struct eco_catalogs *c = parse(ECO_LANG_RU, text, err, sizeof(err));

	eco_catalogs_free(c);
	return err;
}

static void
test_lang_codes(void)
{
	enum eco_lang l = ECO_LANG_EN;

	is_str(eco_lang_code(ECO_LANG_KK), "kk", "code of Kazakh");
	is_str(eco_lang_code(ECO_LANG_RU), "ru", "code of Russian");
	is_str(eco_lang_code(ECO_LANG_EN), "en", "code of English");
	ok(eco_lang_parse("ru", &l) == 0 && l == ECO_LANG_RU, "parse ru");
	ok(eco_lang_parse("kk", &l) == 0 && l == ECO_LANG_KK, "parse kk");
	ok(eco_lang_parse("en", &l) == 0 && l == ECO_LANG_EN, "parse en");
	ok(eco_lang_parse("KK", &l) == -1 && eco_lang_parse("kz", &l) == -1 &&
	    eco_lang_parse("", &l) == -1 && eco_lang_parse("kkk", &l) == -1 &&
	    eco_lang_parse(NULL, &l) == -1,
	    "path codes are exact: KK, kz, empty, kkk and NULL are refused");
}

static void
test_accept_language(void)
{
	char huge[4096];
	size_t i;

#define ACCEPT(h, fb, want, name) \
	is_str(eco_lang_code(eco_lang_from_accept((h), (fb))), (want), (name))
	ACCEPT("ru-RU,ru;q=0.9,en;q=0.8", ECO_LANG_KK, "ru", "browser default");
	ACCEPT("kk-KZ", ECO_LANG_EN, "kk", "kk-KZ");
	ACCEPT("KK", ECO_LANG_EN, "kk", "upper-case primary subtag");
	ACCEPT("kz", ECO_LANG_EN, "kk", "kz is taken for Kazakh");
	ACCEPT("en-GB", ECO_LANG_KK, "en", "en-GB");
	ACCEPT("de-DE,ru;q=0.5", ECO_LANG_KK, "ru",
	    "an unknown first choice gives way to a known one");
	ACCEPT("en;q=0.5, ru;q=0.7 ,kk;q=0.6", ECO_LANG_KK, "ru",
	    "the highest q wins, wherever it is");
	ACCEPT("en;q=0.8,ru;q=0.8", ECO_LANG_KK, "en", "a tie goes to the earlier");
	ACCEPT("ru;q=0.8,en", ECO_LANG_KK, "en", "no q means 1");
	ACCEPT("en;q=0.001,ru;q=0", ECO_LANG_KK, "en", "q=0 is not acceptable");
	ACCEPT("ru;q=0", ECO_LANG_EN, "en", "only q=0: fallback");
	ACCEPT(" \t ru ; q=0.5 \t, en;Q=0.6", ECO_LANG_KK, "en",
	    "blanks around elements and parameters, Q in capitals");
	ACCEPT("ru;q=1.000,en;q=1", ECO_LANG_KK, "ru", "q=1.000 equals q=1");
	ACCEPT("en;q=1.5,ru;q=0.1", ECO_LANG_KK, "ru", "q above 1 is malformed");
	ACCEPT("en;q=0.5555,ru;q=0.1", ECO_LANG_KK, "ru",
	    "more than three decimals is malformed");
	ACCEPT("en;q=,ru;q=.5,kk;q=0.2", ECO_LANG_EN, "kk",
	    "empty and dotless q values are skipped");
	ACCEPT("en;level=1,ru;q=0.2", ECO_LANG_KK, "ru",
	    "a parameter other than q is malformed");
	ACCEPT("e n,r@u,toolongsubtag,en-toolongsub,kk", ECO_LANG_RU, "kk",
	    "malformed ranges are skipped");
	ACCEPT(",,, ,ru", ECO_LANG_KK, "ru", "empty elements are allowed");
	ACCEPT("*", ECO_LANG_RU, "ru", "only *: fallback");
	ACCEPT("*,en;q=0.1", ECO_LANG_RU, "en", "* is ignored, not matched");
	ACCEPT("", ECO_LANG_EN, "en", "empty header: fallback");
	ACCEPT(NULL, ECO_LANG_RU, "ru", "no header: fallback");
	ACCEPT("de, fr;q=0.9, zh-Hant-TW", ECO_LANG_KK, "kk",
	    "nothing usable: fallback");
	ACCEPT("ru\xd0\xb6,en;q=0.1", ECO_LANG_KK, "en", "non-ASCII is malformed");
	ACCEPT("kkz,rus,e", ECO_LANG_EN, "en",
	    "three-letter and one-letter tags are not ours");

	/* Only the first 1024 bytes count; an element cut there is dropped. */
	memset(huge, 'x', sizeof(huge) - 1);
	huge[sizeof(huge) - 1] = '\0';
	memcpy(huge, "x,", 2);
	memcpy(huge + 1021, ",ru", 3);
	ACCEPT(huge, ECO_LANG_EN, "en",
	    "huge header: an element cut at the bound is dropped");
	memcpy(huge + 1010, ",ru;q=0.3,", 10);
	ACCEPT(huge, ECO_LANG_EN, "ru", "huge header: elements before it count");
	memcpy(huge + 2000, ",kk,", 4);
	ACCEPT(huge, ECO_LANG_EN, "ru", "huge header: nothing after the bound");
	memcpy(huge + 1021, ",kk,", 4);
	ACCEPT(huge, ECO_LANG_EN, "kk",
	    "huge header: an element ending right at the bound counts");

	/* At most 32 elements are looked at. */
	huge[0] = '\0';
	for (i = 0; i < 40; i++)
		strcat(huge, "de,");
	strcat(huge, "ru");
	ACCEPT(huge, ECO_LANG_KK, "kk", "at most 32 elements");
#undef ACCEPT
}

static void
test_po_parsing(void)
{
	struct eco_catalogs *c;
	char err[256];
	const char *text =
	    "# A translator's comment\n"
	    "msgid \"\"\n"
	    "msgstr \"\"\n"
	    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	    "\"Plural-Forms: nplurals=3; plural=(n%10==1 ? 0 : 1);\\n\"\n"
	    "\n"
	    "msgid \"Tab\\there\"\n"
	    "msgstr \"Таб\\tздесь \\\"в кавычках\\\" \\\\ и\\nстрока\"\n"
	    "\n"
	    "#: templates/portal/home.html:3\n"
	    "msgid \"\"\n"
	    "\"Long \"\n"
	    "\"message\"\n"
	    "msgstr \"\"\n"
	    "\"Длинное \"\r\n"
	    "\"сообщение\"\n"
	    "msgctxt \"menu\"\n"
	    "msgid \"Open\"\n"
	    "msgstr \"Открыть (меню)\"\n"
	    "msgid \"Open\"\n"
	    "msgstr \"Открыть\"\n"
	    "#, c-format, fuzzy\n"
	    "msgid \"Fuzzy\"\n"
	    "msgstr \"Неточно\"\n"
	    "msgid \"Empty\"\n"
	    "msgstr \"\"\n"
	    "#~ msgid \"Old\"\n"
	    "#~ msgstr \"Старое\"\n"
	    "msgid \"%d file\"\n"
	    "msgid_plural \"%d files\"\n"
	    "msgstr[0] \"%d файл\"\n"
	    "msgstr[1] \"%d файла\"\n"
	    "msgstr[2] \"%d файлов\"\n"
	    "msgid \"%d page\"\n"
	    "msgid_plural \"%d pages\"\n"
	    "msgstr[0] \"%d страница\"\n"
	    "msgstr[1] \"\"\n"
	    "msgstr[2] \"%d страниц\"\n";

	c = parse(ECO_LANG_RU, text, err, sizeof(err));
	ok(c != NULL, "a catalog with every construct parses");
	if (c == NULL) {
		printf("# %s\n", err);
		c = eco_catalogs_new();
	}
	is_str(eco_gettext(c, ECO_LANG_RU, NULL, "Tab\there"),
	    "Таб\tздесь \"в кавычках\" \\ и\nстрока", "escapes are decoded");
	is_str(eco_gettext(c, ECO_LANG_RU, NULL, "Long message"),
	    "Длинное сообщение", "multi-line strings are joined (CRLF too)");
	is_str(eco_gettext(c, ECO_LANG_RU, "menu", "Open"), "Открыть (меню)",
	    "a message with a context");
	is_str(eco_gettext(c, ECO_LANG_RU, NULL, "Open"), "Открыть",
	    "the same msgid without a context is another message");
	is_str(eco_gettext(c, ECO_LANG_RU, "", "Open"), "Open",
	    "an empty context is not the same as none");
	is_str(eco_gettext(c, ECO_LANG_RU, NULL, "Fuzzy"), "Fuzzy",
	    "a fuzzy entry is not used");
	is_str(eco_gettext(c, ECO_LANG_RU, NULL, "Empty"), "Empty",
	    "an empty msgstr falls back to the msgid");
	is_str(eco_gettext(c, ECO_LANG_RU, NULL, "Old"), "Old",
	    "obsolete #~ entries are comments");
	is_str(eco_gettext(c, ECO_LANG_RU, NULL, "Missing"), "Missing",
	    "a missing message falls back to the msgid");
	is_str(eco_gettext(c, ECO_LANG_KK, NULL, "Open"), "Open",
	    "other languages are separate catalogs");
	is_str(eco_gettext(c, ECO_LANG_RU, NULL, ""), "",
	    "the header is not a message");
	is_str(eco_gettext(NULL, ECO_LANG_RU, NULL, "x"), "x",
	    "no catalogs: the msgid");
	is_str(eco_gettext(c, ECO_LANG_COUNT, NULL, "Open"), "Open",
	    "a language out of range: the msgid");
	is_str(eco_gettext(c, ECO_LANG_RU, NULL, NULL), "", "NULL msgid: \"\"");
	is_str(eco_ngettext(c, ECO_LANG_RU, "%d file", "%d files", 3),
	    "%d файла", "plural forms are read");
	is_str(eco_ngettext(c, ECO_LANG_RU, "%d page", "%d pages", 3),
	    "%d pages", "an empty plural form falls back to msgid_plural");
	is_str(eco_ngettext(c, ECO_LANG_RU, "%d page", "%d pages", 5),
	    "%d страниц", "the other forms of that message are used");
	is_str(eco_ngettext(c, ECO_LANG_RU, "Open", "Opens", 1), "Open",
	    "ngettext ignores a singular entry of the same msgid");
	eco_catalogs_free(c);
}

static void
test_po_errors(void)
{
	is_str(po_error_of("msgid \"a\"\nmsgstr \"b\nmsgid \"c\"\n"),
	    "<ru>:2: unterminated string", "unterminated string");
	is_str(po_error_of("msgid \"a\"\nmsgstr \"b\\\"\n"),
	    "<ru>:2: unterminated string", "a quote escaped at the end");
	is_str(po_error_of("\nmsgid \"a\\q\"\nmsgstr \"b\"\n"),
	    "<ru>:2: unknown escape sequence in string", "unknown escape");
	is_str(po_error_of("msgid \"a\" x\nmsgstr \"b\"\n"),
	    "<ru>:1: text after the closing quote", "text after the string");
	is_str(po_error_of("msgid a\nmsgstr \"b\"\n"),
	    "<ru>:1: expected a quoted string", "unquoted string");
	is_str(po_error_of("msgid \"a\"\nmsgstr \"b\"\nmsgfoo \"c\"\n"),
	    "<ru>:3: unknown keyword", "unknown keyword");
	is_str(po_error_of("\"orphan\"\n"),
	    "<ru>:1: string without a keyword", "continuation without keyword");
	is_str(po_error_of("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"c\"\n"),
	    "<ru>:3: missing msgstr", "msgid after msgid");
	is_str(po_error_of("msgstr \"b\"\n"),
	    "<ru>:1: msgstr without msgid", "msgstr first");
	is_str(po_error_of("msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n"),
	    "<ru>:3: a second msgstr", "two msgstr");
	is_str(po_error_of("msgctxt \"x\"\nmsgctxt \"y\"\n"),
	    "<ru>:2: msgctxt without msgid", "two msgctxt");
	is_str(po_error_of("msgid \"a\"\nmsgstr \"b\"\nmsgid \"c\"\n"),
	    "<ru>:3: missing msgstr at the end", "msgid at end of file");
	is_str(po_error_of("msgid \"a\"\n# note\nmsgstr \"b\"\n"),
	    "<ru>:2: comment inside an entry", "comment inside an entry");
	is_str(po_error_of("msgid \"a\"\nmsgid_plural \"b\"\nmsgstr \"c\"\n"),
	    "<ru>:3: msgstr in a plural message (use msgstr[N])",
	    "plain msgstr in a plural message");
	is_str(po_error_of("msgid \"a\"\nmsgstr[0] \"c\"\n"),
	    "<ru>:2: msgstr[N] without msgid_plural", "msgstr[0] in a singular");
	is_str(po_error_of("msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[1] \"c\"\n"),
	    "<ru>:3: msgstr[N] out of order", "plural forms out of order");
	is_str(po_error_of("msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[x] \"c\"\n"),
	    "<ru>:3: malformed msgstr[N]", "malformed index");
	is_str(po_error_of("msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"0\"\n"
	    "msgstr[1] \"1\"\nmsgstr[2] \"2\"\nmsgstr[3] \"3\"\n"
	    "msgstr[4] \"4\"\nmsgstr[5] \"5\"\nmsgstr[6] \"6\"\n"),
	    "<ru>:9: too many plural forms", "too many plural forms");
	is_str(po_error_of("msgid \"a\"\nmsgstr \"b\"\nmsgid_plural \"c\"\n"),
	    "<ru>:3: msgid_plural must follow msgid", "msgid_plural late");
	is_str(po_error_of("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n"),
	    "<ru>:4: duplicate of the message at line 1", "duplicate message");
	is_str(po_error_of("msgctxt \"m\"\nmsgid \"\"\nmsgstr \"b\"\n"),
	    "<ru>:1: empty msgid with a msgctxt", "empty msgid with a context");
	is_str(po_error_of("msgid \"a\"\nmsgstr \"\xd0\"\n"),
	    "<ru>:2: invalid UTF-8", "invalid UTF-8");
	is_str(po_error_of("msgid \"\"\nmsgstr \"Content-Type: text/plain; "
	    "charset=KOI8-R\\n\"\n"),
	    "<ru>:1: the charset is not UTF-8", "a charset other than UTF-8");
	is_str(po_error_of("msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; "
	    "plural=(n != 1);\\n\"\n"),
	    "<ru>:1: Plural-Forms nplurals differs from the language's rule",
	    "a plural rule other than the language's");
	is_str(po_error_of("#, fuzzy\nmsgid \"\"\nmsgstr \"Plural-Forms: "
	    "nplurals=INTEGER; plural=EXPRESSION;\\n\"\n"),
	    "", "a fuzzy header (a template's) is not checked");
	is_str(po_error_of("msgid \"\"\nmsgstr \"\"\n\nmsgid \"\"\nmsgstr \"\"\n"),
	    "<ru>:4: a second header entry", "two headers");
	is_str(po_error_of("msgid \"a\"\nmsgstr \"b\"\n#, fuzzy\n"), "",
	    "a trailing comment is harmless");
	is_str(po_error_of(""), "", "an empty file is an empty catalog");
	{
		static const char nul[] = "msgid \"a\"\nmsgstr \"b\0\"\n";
		struct eco_catalogs *c = eco_catalogs_new();
		char err[128];

		err[0] = '\0';
		eco_catalogs_add_po(c, ECO_LANG_KK, nul, sizeof(nul) - 1, err,
		    sizeof(err));
		is_str(err, "<kk>:2: NUL byte", "a NUL byte");
		eco_catalogs_free(c);
	}
}

static void
test_plurals(const struct eco_catalogs *c)
{
	static const struct {
		unsigned long	n;
		const char	*want;
	} ru[] = {
		{ 0, "дней" }, { 1, "день" }, { 2, "дня" }, { 4, "дня" },
		{ 5, "дней" }, { 11, "дней" }, { 12, "дней" }, { 14, "дней" },
		{ 21, "день" }, { 22, "дня" }, { 25, "дней" }, { 101, "день" },
		{ 111, "дней" }, { 112, "дней" }, { 122, "дня" },
		{ 1000001, "день" }
	};
	struct eco_catalogs *p = eco_catalogs_new();
	const char *kk = "msgid \"day\"\nmsgid_plural \"days\"\n"
	    "msgstr[0] \"күн\"\nmsgstr[1] \"күндер\"\n";
	const char *rutext = "msgid \"day\"\nmsgid_plural \"days\"\n"
	    "msgstr[0] \"день\"\nmsgstr[1] \"дня\"\nmsgstr[2] \"дней\"\n";
	char err[128], name[64];
	size_t i;

	ok(eco_catalogs_add_po(p, ECO_LANG_RU, rutext, strlen(rutext), err,
	    sizeof(err)) == 0 &&
	    eco_catalogs_add_po(p, ECO_LANG_KK, kk, strlen(kk), err,
	    sizeof(err)) == 0, "plural catalogs parse");
	for (i = 0; i < sizeof(ru) / sizeof(ru[0]); i++) {
		snprintf(name, sizeof(name), "ru plural for %lu", ru[i].n);
		is_str(eco_ngettext(p, ECO_LANG_RU, "day", "days", ru[i].n),
		    ru[i].want, name);
	}
	is_str(eco_ngettext(p, ECO_LANG_KK, "day", "days", 1), "күн", "kk 1");
	is_str(eco_ngettext(p, ECO_LANG_KK, "day", "days", 2), "күндер", "kk 2");
	is_str(eco_ngettext(p, ECO_LANG_KK, "day", "days", 0), "күндер", "kk 0");
	is_str(eco_ngettext(p, ECO_LANG_EN, "day", "days", 1), "day",
	    "en without an entry: msgid for 1");
	is_str(eco_ngettext(p, ECO_LANG_EN, "day", "days", 0), "days",
	    "en without an entry: msgid_plural for 0");
	is_str(eco_ngettext(p, ECO_LANG_EN, "day", "days", 21), "days",
	    "en without an entry: msgid_plural for 21");
	is_str(eco_ngettext(p, ECO_LANG_RU, "week", "weeks", 21), "weeks",
	    "ru without an entry falls back by n != 1, not by ru's rule");
	is_str(eco_ngettext(c, ECO_LANG_RU, "week", "weeks", 1), "week",
	    "ru without an entry: msgid for 1");
	is_str(eco_ngettext(NULL, ECO_LANG_RU, NULL, NULL, 2), "",
	    "NULL everything: \"\"");
	eco_catalogs_free(p);
}

static void
test_dates(const struct eco_catalogs *c)
{
	static const struct {
		enum eco_lang	 lang;
		int		 y, m, d;
		const char	*want;
	} dates[] = {
		{ ECO_LANG_KK, 2026, 11, 21, "2026 жылғы 21 қараша" },
		{ ECO_LANG_RU, 2026, 11, 21, "21 ноября 2026 г." },
		{ ECO_LANG_EN, 2026, 11, 21, "21 November 2026" },
		{ ECO_LANG_KK, 2025, 1, 1, "2025 жылғы 1 қаңтар" },
		{ ECO_LANG_RU, 2025, 1, 1, "1 января 2025 г." },
		{ ECO_LANG_EN, 2025, 1, 1, "1 January 2025" },
		{ ECO_LANG_KK, 2024, 2, 29, "2024 жылғы 29 ақпан" },
		{ ECO_LANG_RU, 2024, 5, 9, "9 мая 2024 г." },
		{ ECO_LANG_EN, 2024, 5, 9, "9 May 2024" },
		{ ECO_LANG_KK, 2027, 9, 5, "2027 жылғы 5 қыркүйек" },
		{ ECO_LANG_RU, 1999, 12, 31, "31 декабря 1999 г." },
		{ ECO_LANG_EN, 2030, 8, 15, "15 August 2030" },
		{ ECO_LANG_RU, 2026, 13, 1, "2026-13-01" },
		{ ECO_LANG_EN, 2026, 0, 10, "2026-00-10" },
		{ ECO_LANG_KK, 2026, 3, 0, "2026-03-00" },
	};
	struct eco_arena *a = eco_arena_new();
	struct eco_buf b;
	char name[80];
	size_t i;

	eco_buf_init(&b, a);
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		eco_buf_clear(&b);
		eco_format_date(c, dates[i].lang, dates[i].y, dates[i].m,
		    dates[i].d, &b);
		snprintf(name, sizeof(name), "date %s %04d-%02d-%02d",
		    eco_lang_code(dates[i].lang), dates[i].y, dates[i].m,
		    dates[i].d);
		is_str(b.data, dates[i].want, name);
	}
	eco_buf_clear(&b);
	eco_format_date(NULL, ECO_LANG_RU, 2026, 11, 21, &b);
	is_str(b.data, "21 November 2026", "no catalogs: the English pattern");
	eco_arena_free(a);
}

static void
test_real_catalogs(const struct eco_catalogs *c)
{
	is_str(eco_gettext(c, ECO_LANG_RU, "month", "March"), "Март",
	    "ru nominative month");
	is_str(eco_gettext(c, ECO_LANG_KK, "month", "September"), "Қыркүйек",
	    "kk nominative month");
	is_str(eco_gettext(c, ECO_LANG_EN, "month", "May"), "May",
	    "en nominative month");
	is_str(eco_gettext(c, ECO_LANG_RU, "weekday", "Sunday"), "воскресенье",
	    "ru weekday in lower case");
	is_str(eco_gettext(c, ECO_LANG_KK, "weekday", "Wednesday"), "сәрсенбі",
	    "kk weekday");
	is_str(eco_gettext(c, ECO_LANG_EN, "weekday", "Friday"), "Friday",
	    "en weekday");
	is_str(eco_gettext(c, ECO_LANG_RU, "month genitive", "March"), "марта",
	    "ru genitive month");
}

static void
test_load_errors(void)
{
	char err[512];

	ok(eco_catalogs_load("/nonexistent/po", err, sizeof(err)) == NULL &&
	    strcmp(err, "/nonexistent/po/kk.po: No such file or directory") == 0,
	    "a missing directory names the file");
	if (strncmp(err, "/nonexistent", 12) != 0)
		printf("# %s\n", err);
	ok(eco_catalogs_load("/nonexistent/po", NULL, 0) == NULL,
	    "no room for the message is fine");
}

int
main(void)
{
	struct eco_catalogs *c;
	const char *share = getenv("ECO_SHARE_DIR");
	char dir[4096], err[512];

	if (share == NULL || *share == '\0')
		share = ".";
	snprintf(dir, sizeof(dir), "%s/po", share);
	test_lang_codes();
	test_accept_language();
	test_po_parsing();
	test_po_errors();
	test_load_errors();
	c = eco_catalogs_load(dir, err, sizeof(err));
	if (!ok(c != NULL, "the real catalogs load"))
		printf("# %s\n", err);
	test_plurals(c);
	test_dates(c);
	test_real_catalogs(c);
	eco_catalogs_free(c);
	return tap_done();
}
