/*
 * Unit tests of the parsers of outside input: urlencoded query strings and
 * forms, multipart/form-data, the Cookie header and JSON bodies.  Every
 * error kind, every limit at and one past its value, and the usual ways of
 * smuggling bytes past a validator.
 */
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "arena.h"
#include "buf.h"
#include "cookie.h"
#include "jsonbody.h"
#include "multipart.h"
#include "params.h"
#include "urlencoded.h"
#include "tap.h"

/* Small limits so that "at the limit" and "one past" are easy to write. */
static const struct eco_limits small = {
	.max_fields = 3,
	.max_name = 4,
	.max_value = 5,
	.max_file = 10,
};

static struct eco_arena *arena;
static struct eco_params ps;

/* A fresh, empty list in a fresh arena. */
static void
fresh(void)
{
	eco_arena_reset(arena);
	memset(&ps, 0, sizeof(ps));
}

static enum eco_parse_result
url(const char *s, const struct eco_limits *lim)
{
	fresh();
	return eco_urlencoded_parse(arena, s, strlen(s), lim, &ps);
}

static const char *
name_at(size_t i)
{
	return i < ps.count ? ps.items[i].name : NULL;
}

static const char *
value_at(size_t i)
{
	return i < ps.count ? ps.items[i].value : NULL;
}

static void
test_urlencoded_basic(void)
{
	static const char bytes[] = "a=1&b=2";

	is_int(url("a=1&b=x+y&c", NULL), ECO_PARSE_OK,
	    "urlencoded: simple form");
	is_int(ps.count, 3, "urlencoded: three pairs");
	is_str(name_at(0), "a", "urlencoded: first name in order");
	is_str(value_at(1), "x y", "urlencoded: '+' is a space");
	is_str(name_at(2), "c", "urlencoded: name without '='");
	ok(ps.count == 3 && ps.items[2].value_len == 0 &&
	    strcmp(ps.items[2].value, "") == 0,
	    "urlencoded: name without '=' has an empty value");
	ok(ps.count == 3 && ps.items[0].filename == NULL &&
	    ps.items[0].content_type == NULL,
	    "urlencoded: no filename or content type");

	is_int(url("&&a=1&&&", NULL), ECO_PARSE_OK, "urlencoded: empty pairs");
	is_int(ps.count, 1, "urlencoded: empty pairs are skipped");
	is_int(url("", NULL), ECO_PARSE_OK, "urlencoded: empty input");
	is_int(ps.count, 0, "urlencoded: empty input has no pairs");

	is_int(url("%41%62=%7a%7A", NULL), ECO_PARSE_OK,
	    "urlencoded: hex escapes of either case");
	is_str(name_at(0), "Ab", "urlencoded: decoded name");
	is_str(value_at(0), "zz", "urlencoded: decoded value");
	is_int(url("a=b=c", NULL), ECO_PARSE_OK, "urlencoded: '=' in a value");
	is_str(value_at(0), "b=c", "urlencoded: only the first '=' splits");
	is_int(url("a=1;b=2", NULL), ECO_PARSE_OK, "urlencoded: ';' is data");
	ok(ps.count == 1 && strcmp(value_at(0), "1;b=2") == 0,
	    "urlencoded: ';' does not separate pairs");
	is_int(url("a=%2B%26%3D", NULL), ECO_PARSE_OK,
	    "urlencoded: escaped specials");
	is_str(value_at(0), "+&=", "urlencoded: escaped + & = stay data");

	fresh();
	is_int(eco_urlencoded_parse(arena, bytes, 3, NULL, &ps), ECO_PARSE_OK,
	    "urlencoded: input need not be NUL-terminated");
	ok(ps.count == 1 && strcmp(value_at(0), "1") == 0,
	    "urlencoded: parsing stops at the given length");
	is_int(eco_urlencoded_parse(arena, bytes + 4, 3, NULL, &ps),
	    ECO_PARSE_OK, "urlencoded: second parse into the same list");
	is_int(ps.count, 2, "urlencoded: pairs are appended");
}

static void
test_urlencoded_errors(void)
{
	static const char rawnul[] = "a=x\0y";

	is_int(url("%", NULL), ECO_PARSE_MALFORMED, "urlencoded: lone '%'");
	is_int(url("a=%4", NULL), ECO_PARSE_MALFORMED,
	    "urlencoded: '%4' at end");
	is_int(url("a=%zz", NULL), ECO_PARSE_MALFORMED, "urlencoded: '%zz'");
	is_int(url("a=%4g&b=1", NULL), ECO_PARSE_MALFORMED,
	    "urlencoded: one bad hex digit");
	is_int(url("x%=1", NULL), ECO_PARSE_MALFORMED,
	    "urlencoded: bad escape in name");
	is_int(url("=x", NULL), ECO_PARSE_MALFORMED, "urlencoded: empty name");
	is_int(url("a=1&=", NULL), ECO_PARSE_MALFORMED, "urlencoded: lone '='");

	is_int(url("a=%00", NULL), ECO_PARSE_BAD_TEXT,
	    "urlencoded: %00 refused");
	is_int(url("a=%C0%80", NULL), ECO_PARSE_BAD_TEXT,
	    "urlencoded: overlong NUL %C0%80 refused");
	is_int(url("a=%C0%AF", NULL), ECO_PARSE_BAD_TEXT,
	    "urlencoded: overlong '/' refused");
	is_int(url("a=%ED%A0%80", NULL), ECO_PARSE_BAD_TEXT,
	    "urlencoded: surrogate refused");
	is_int(url("a=%FF", NULL), ECO_PARSE_BAD_TEXT,
	    "urlencoded: byte FF refused");
	is_int(url("a=%01", NULL), ECO_PARSE_BAD_TEXT,
	    "urlencoded: control refused");
	is_int(url("%00=1", NULL), ECO_PARSE_BAD_TEXT,
	    "urlencoded: NUL in a name");
	fresh();
	is_int(eco_urlencoded_parse(arena, rawnul, sizeof(rawnul) - 1, NULL,
	    &ps), ECO_PARSE_BAD_TEXT, "urlencoded: raw NUL byte refused");
	is_int(url("t=a%0D%0Ab%09c", NULL), ECO_PARSE_OK,
	    "urlencoded: CR LF and tab allowed in a value");
	is_str(value_at(0), "a\r\nb\tc", "urlencoded: multiline value decoded");
}

static void
test_urlencoded_text(void)
{
	is_int(url("q=%D2%9A%D0%B0%D0%B7%D0%B0%D2%9B%D1%81%D1%82%D0%B0%D0%BD",
	    NULL), ECO_PARSE_OK, "urlencoded: escaped Kazakh");
	is_str(value_at(0), "Қазақстан", "urlencoded: Kazakh decoded");
	is_int(url("город=Алматы+и+Астана", NULL), ECO_PARSE_OK,
	    "urlencoded: raw Russian UTF-8");
	is_str(eco_params_get(&ps, "город"), "Алматы и Астана",
	    "urlencoded: Russian name and value");
}

static void
test_urlencoded_limits(void)
{
	is_int(url("a=1&b=2&c=3", &small), ECO_PARSE_OK,
	    "urlencoded: max_fields pairs pass");
	is_int(url("a=1&b=2&c=3&d=4", &small), ECO_PARSE_TOO_MANY,
	    "urlencoded: max_fields + 1 pairs refused");
	is_int(url("a&&b&&c&&", &small), ECO_PARSE_OK,
	    "urlencoded: empty pairs do not count");
	is_int(url("abcd=1", &small), ECO_PARSE_OK,
	    "urlencoded: name at max_name");
	is_int(url("abcde=1", &small), ECO_PARSE_TOO_LONG,
	    "urlencoded: name one past max_name");
	is_int(url("a=12345", &small), ECO_PARSE_OK,
	    "urlencoded: value at max_value");
	is_int(url("a=123456", &small), ECO_PARSE_TOO_LONG,
	    "urlencoded: value one past max_value");
	is_int(url("a=%41%41%41%41%41", &small), ECO_PARSE_OK,
	    "urlencoded: limits count decoded bytes");
	is_int(url("a=%D0%B0%D0%B0%D0%B0", &small), ECO_PARSE_TOO_LONG,
	    "urlencoded: limits count bytes, not letters");
}

static void
cookies(const char *header, const struct eco_limits *lim)
{
	fresh();
	eco_cookies_parse(arena, header, lim, &ps);
}

static void
test_cookies(void)
{
	cookies("a=1; b=2", NULL);
	ok(ps.count == 2 && strcmp(name_at(1), "b") == 0 &&
	    strcmp(value_at(1), "2") == 0, "cookies: two pairs");
	cookies("a=1;b=2", NULL);
	is_int(ps.count, 2, "cookies: missing space tolerated");
	cookies("  a =  1 ;\tb=2  ", NULL);
	ok(ps.count == 2 && strcmp(name_at(0), "a") == 0 &&
	    strcmp(value_at(0), "1") == 0 && strcmp(value_at(1), "2") == 0,
	    "cookies: spaces around names and values trimmed");
	cookies("sid=\"abc\"; e=\"\"; q=\"; r=\"x", NULL);
	ok(ps.count == 4 && strcmp(value_at(0), "abc") == 0 &&
	    strcmp(value_at(1), "") == 0 && strcmp(value_at(2), "\"") == 0 &&
	    strcmp(value_at(3), "\"x") == 0,
	    "cookies: one pair of surrounding quotes stripped");
	cookies("t=a=b; p=%41", NULL);
	ok(ps.count == 2 && strcmp(value_at(0), "a=b") == 0 &&
	    strcmp(value_at(1), "%41") == 0,
	    "cookies: '=' in value kept, no percent-decoding");
	cookies("novalue; =x; a b=1; ok=1; bad\x01=1; ш=1; x(y)=1; good=2",
	    NULL);
	ok(ps.count == 2 && strcmp(name_at(0), "ok") == 0 &&
	    strcmp(name_at(1), "good") == 0, "cookies: invalid names skipped");
	cookies("v=\xff; w=\xc0\xaf; c=a\x01; ok=1", NULL);
	ok(ps.count == 1 && strcmp(name_at(0), "ok") == 0,
	    "cookies: invalid UTF-8 and control values skipped");
	cookies("lang=қаз; city=Алматы", NULL);
	ok(ps.count == 2 && strcmp(eco_params_get(&ps, "lang"), "қаз") == 0,
	    "cookies: UTF-8 values kept");
	cookies(NULL, NULL);
	is_int(ps.count, 0, "cookies: no header");
	cookies("", NULL);
	is_int(ps.count, 0, "cookies: empty header");
	cookies(";;; ; ", NULL);
	is_int(ps.count, 0, "cookies: only separators");
	cookies("a=1; a=2", NULL);
	ok(ps.count == 2 && strcmp(eco_params_get(&ps, "a"), "1") == 0,
	    "cookies: duplicates kept in order, first one found");
}

static void
test_cookie_limits(void)
{
	cookies("a=1; b=2; c=3", &small);
	is_int(ps.count, 3, "cookies: max_fields pairs kept");
	cookies("a=1; b=2; c=3; d=4", &small);
	ok(ps.count == 3 && eco_params_get(&ps, "d") == NULL,
	    "cookies: past max_fields ignored");
	cookies("x; a=1; y; b=2; z; c=3", &small);
	is_int(ps.count, 3, "cookies: skipped pairs do not count");
	cookies("abcd=1; abcde=2", &small);
	ok(ps.count == 1 && strcmp(name_at(0), "abcd") == 0,
	    "cookies: name at max_name kept, one past skipped");
	cookies("a=12345; b=123456; c=\"12345\"", &small);
	ok(ps.count == 2 && strcmp(name_at(0), "a") == 0 &&
	    strcmp(name_at(1), "c") == 0,
	    "cookies: value at max_value kept, one past skipped");
}

static json_t *
parse_json(const char *s, const char **why)
{
	return eco_json_parse_object(arena, s, strlen(s), why);
}

static int released;

static void
note_release(void *p)
{
	released++;
}

static void
test_json_parse(void)
{
	const char *why = NULL;
	json_t *o, *mine;
	struct eco_buf b;
	int i, printable;

	fresh();
	o = parse_json("{\"a\": \"x\", \"b\": true, \"n\": {\"c\": [1]}}",
	    &why);
	ok(o != NULL && json_is_object(o) && why == NULL,
	    "json: object parsed");
	ok(parse_json("{\"a\": 1, \"a\": 2}", &why) == NULL &&
	    why != NULL && strstr(why, "duplicate") != NULL,
	    "json: duplicate keys refused");
	ok(parse_json("[1, 2]", &why) == NULL &&
	    strcmp(why, "the JSON body must be an object") == 0,
	    "json: an array is not an object");
	ok(parse_json("\"x\"", &why) == NULL &&
	    strcmp(why, "the JSON body must be an object") == 0,
	    "json: a string is not an object");
	ok(parse_json("42", &why) == NULL && parse_json("null", &why) == NULL,
	    "json: scalars are not objects");
	ok(parse_json("{\"a\": ", &why) == NULL &&
	    strncmp(why, "invalid JSON at line 1, column ", 31) == 0,
	    "json: syntax error gives line and column");
	ok(parse_json("{\"a\": \"\xff\"}", &why) == NULL && why != NULL,
	    "json: invalid UTF-8 refused");
	ok(parse_json("{\"a\": \"\xc0\x80\"}", &why) == NULL,
	    "json: overlong NUL refused");
	ok(parse_json("{\"a\": \"x\\u0000y\"}", &why) == NULL,
	    "json: \\u0000 refused");
	ok(parse_json("{} {}", &why) == NULL, "json: trailing data refused");
	ok(parse_json("", &why) == NULL && why != NULL,
	    "json: empty body refused");
	ok(eco_json_parse_object(arena, NULL, 0, &why) == NULL && why != NULL,
	    "json: NULL body refused");
	ok(eco_json_parse_object(arena, "{\"a\":1} xyz", 7, NULL) != NULL,
	    "json: length respected, why may be NULL");

	/* The reason is shown to people: no raw bytes of the body in it. */
	parse_json("{\"a\": \x01\xff\x7f}", &why);
	printable = why != NULL;
	for (i = 0; why != NULL && why[i] != '\0'; i++)
		if (why[i] < 0x20 || why[i] >= 0x7f)
			printable = 0;
	ok(printable, "json: reason is printable ASCII");

	eco_buf_init(&b, arena);
	for (i = 0; i < 5000; i++)
		eco_buf_putc(&b, '[');
	ok(eco_json_parse_object(arena, b.data, b.len, &why) == NULL,
	    "json: very deep nesting refused without crashing");
	eco_buf_init(&b, arena);
	for (i = 0; i < 100; i++)
		eco_buf_puts(&b, "{\"a\":");
	eco_buf_putc(&b, '1');
	for (i = 0; i < 100; i++)
		eco_buf_putc(&b, '}');
	ok(eco_json_parse_object(arena, b.data, b.len, &why) != NULL,
	    "json: moderate nesting accepted");

	/* The arena releases what it owns. */
	mine = json_object();
	json_incref(mine);
	eco_json_own(arena, mine);
	eco_arena_defer(arena, note_release, NULL);
	ok(eco_json_own(arena, NULL) == NULL, "json: owning NULL is harmless");
	eco_arena_reset(arena);
	ok(mine->refcount == 1 && released == 1,
	    "json: arena reset drops its reference");
	json_decref(mine);
}

static void
test_json_fields(void)
{
	const char *why;
	bool bad = false;
	json_t *o;

	fresh();
	o = parse_json("{\"s\": \"Сәлем\", \"ml\": \"a\\tb\\r\\nc\", "
	    "\"n\": 5, \"ctl\": \"a\\u0001b\", \"c1\": \"\\u0085\", "
	    "\"z\": null, \"t\": true, \"f\": false, \"bs\": \"yes\"}", &why);
	ok(o != NULL, "json: field test object parsed");
	is_str(eco_json_string(o, "s", &bad), "Сәлем", "json: string field");
	is_str(eco_json_string(o, "ml", &bad), "a\tb\r\nc",
	    "json: tab and newlines allowed in a string");
	ok(!bad, "json: no type error on good fields");
	ok(eco_json_string(o, "missing", &bad) == NULL && !bad,
	    "json: missing string is NULL without a type error");
	ok(eco_json_string(o, "z", &bad) == NULL && !bad,
	    "json: null counts as missing");
	ok(eco_json_string(o, "n", &bad) == NULL && bad,
	    "json: number where a string is wanted is a type error");
	bad = false;
	ok(eco_json_string(o, "ctl", &bad) == NULL && bad,
	    "json: control character in a string is a type error");
	bad = false;
	ok(eco_json_string(o, "c1", &bad) == NULL && bad,
	    "json: C1 control in a string is a type error");
	ok(eco_json_string(o, "s", &bad) != NULL && bad,
	    "json: a type error is never cleared");
	ok(eco_json_string(o, "n", NULL) == NULL,
	    "json: type_error may be NULL");

	bad = false;
	ok(eco_json_bool(o, "t", false, &bad) &&
	    !eco_json_bool(o, "f", true, &bad) && !bad, "json: booleans read");
	ok(eco_json_bool(o, "missing", true, &bad) && !bad,
	    "json: missing boolean gives the default");
	ok(eco_json_bool(o, "bs", true, &bad) && bad,
	    "json: string where a boolean is wanted is a type error");
	ok(eco_json_string(NULL, "s", NULL) == NULL &&
	    !eco_json_bool(NULL, "t", false, NULL), "json: NULL object");
}

/* Parses a literal multipart body with the boundary "XyZ". */
#define MP(body, lim) \
	(fresh(), eco_multipart_parse(arena, (body), sizeof(body) - 1, "XyZ", \
	    (lim), &ps))

#define CD	"Content-Disposition: form-data; "

/* The boundary of "multipart/form-data; " followed by params. */
static const char *
boundary_of(const char *params)
{
	char ct[256];

	snprintf(ct, sizeof(ct), "multipart/form-data; %s", params);
	return eco_multipart_boundary(arena, ct);
}

static void
test_multipart_boundary(void)
{
	static const char b70[] =
	    "0123456789012345678901234567890123456789"
	    "012345678901234567890123456789";
	char ct[128];

	fresh();
	is_str(boundary_of("boundary=abc"), "abc", "boundary: token form");
	is_str(boundary_of("BOUNDARY=\"a b:c=d\""), "a b:c=d",
	    "boundary: quoted, name case-insensitive");
	is_str(boundary_of("charset=utf-8;boundary=----WebKitFormBoundary7MA"),
	    "----WebKitFormBoundary7MA",
	    "boundary: after another parameter, no space");
	is_str(boundary_of("foo=\"boundary=evil\"; boundary=real"), "real",
	    "boundary: not fooled by a quoted lookalike");
	is_str(eco_multipart_boundary(arena,
	    "multipart/mixed; boundary=----=_Part_1"), "----=_Part_1",
	    "boundary: mail-style bare boundary");
	ok(eco_multipart_boundary(arena, "multipart/form-data") == NULL,
	    "boundary: none");
	ok(eco_multipart_boundary(arena, NULL) == NULL,
	    "boundary: NULL header");
	ok(boundary_of("boundary=\"\"") == NULL, "boundary: empty refused");
	ok(boundary_of("boundary=a; boundary=b") == NULL,
	    "boundary: two boundaries refused");
	ok(boundary_of("boundary=\"abc") == NULL,
	    "boundary: unterminated quote refused");
	ok(boundary_of("boundary=\"ab \"") == NULL,
	    "boundary: trailing space refused");
	ok(boundary_of("boundary=\"a\\\"b\"") == NULL,
	    "boundary: quote character refused");
	ok(boundary_of("boundary=\"a\rb\"") == NULL,
	    "boundary: control character refused");
	ok(eco_multipart_boundary(arena, "garbage") == NULL,
	    "boundary: not a media type");

	snprintf(ct, sizeof(ct), "boundary=%s", b70);
	ok(boundary_of(ct) != NULL && strlen(boundary_of(ct)) == 70,
	    "boundary: 70 characters accepted");
	strcat(ct, "x");
	ok(boundary_of(ct) == NULL, "boundary: 71 characters refused");
}

static void
test_multipart_basic(void)
{
	static const char body[] =
	    "--XyZ\r\n"
	    CD "name=\"title\"\r\n"
	    "\r\n"
	    "Атмосфералық ауа\r\nсапасы\r\n"
	    "--XyZ\r\n"
	    CD "name=\"doc\"; filename=\"report.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n"
	    "\r\n"
	    "%PDF\0\r\n\r\n--Xy\r\n-XyZ\r--XyZ\n--XyZ\xff\r\n"
	    "--XyZ\r\n"
	    CD "name=\"empty\"\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ--\r\n";
	static const char binary[] =
	    "%PDF\0\r\n\r\n--Xy\r\n-XyZ\r--XyZ\n--XyZ\xff";
	const struct eco_param *p;

	is_int(MP(body, NULL), ECO_PARSE_OK, "multipart: text, file and empty");
	is_int(ps.count, 3, "multipart: three parts");
	is_str(eco_params_get(&ps, "title"), "Атмосфералық ауа\r\nсапасы",
	    "multipart: multiline Kazakh text");
	ok(ps.count == 3 && ps.items[0].filename == NULL &&
	    ps.items[0].content_type == NULL,
	    "multipart: text part has no filename or type");
	p = eco_params_find(&ps, "doc");
	ok(p != NULL && p->value_len == sizeof(binary) - 1 &&
	    memcmp(p->value, binary, sizeof(binary) - 1) == 0 &&
	    p->value[p->value_len] == '\0',
	    "multipart: binary file with CR LF and boundary prefixes intact");
	ok(p != NULL && p->filename != NULL &&
	    strcmp(p->filename, "report.pdf") == 0, "multipart: filename");
	ok(p != NULL && p->content_type != NULL &&
	    strcmp(p->content_type, "application/pdf") == 0,
	    "multipart: part content type");
	p = eco_params_find(&ps, "empty");
	ok(p != NULL && p->value_len == 0 && strcmp(p->value, "") == 0,
	    "multipart: a part with only headers has an empty value");
}

static void
test_multipart_forms(void)
{
	const char *b;
	static const char quoted[] =
	    "--a b:c\r\n" CD "name=\"x\"\r\n\r\n1\r\n--a b:c--";
	static const char preamble[] =
	    "A preamble --XyZ inside a line\r\n--Xy\r\n-XyZ\r\n"
	    "--XyZ\r\n" CD "name=\"x\"\r\n\r\n1\r\n--XyZ--";
	static const char epilogue[] =
	    "--XyZ\r\n" CD "name=\"x\"\r\n\r\n1\r\n--XyZ--"
	    "\r\nrest\r\n--XyZ\r\n!";
	static const char padding[] =
	    "--XyZ \t\r\n" CD "name=\"x\"\r\n\r\n1\r\n--XyZ  \r\n"
	    CD "name=\"y\"\r\n\r\n2\r\n--XyZ--";
	static const char casing[] =
	    "--XyZ\r\n"
	    "content-DISPOSITION: Form-Data; NAME=x; FileName=a.txt\r\n"
	    "X-Other: ignored\r\nContent-Transfer-Encoding: binary\r\n"
	    "\r\n1\r\n--XyZ--";
	static const char escaped[] =
	    "--XyZ\r\n" CD "name=\"a\\\"b\\\\c\"\r\n\r\n1\r\n--XyZ--";
	static const char paths[] =
	    "--XyZ\r\n"
	    CD "name=\"f\"; filename=\"C:\\Users\\Дос\\отчёт.pdf\"\r\n"
	    "\r\nx\r\n"
	    "--XyZ\r\n" CD "name=\"g\"; filename=\"../../etc/passwd\"\r\n"
	    "\r\ny\r\n"
	    "--XyZ\r\n" CD "name=\"h\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n\r\n--XyZ--";
	static const char none[] = "--XyZ--";

	fresh();
	b = eco_multipart_boundary(arena,
	    "multipart/form-data; boundary=\"a b:c\"");
	is_int(eco_multipart_parse(arena, quoted, sizeof(quoted) - 1, b, NULL,
	    &ps), ECO_PARSE_OK, "multipart: quoted boundary, space and colon");
	is_str(eco_params_get(&ps, "x"), "1",
	    "multipart: quoted boundary value");
	is_int(MP(preamble, NULL), ECO_PARSE_OK, "multipart: preamble skipped");
	ok(ps.count == 1 && strcmp(value_at(0), "1") == 0,
	    "multipart: preamble contributes nothing");
	is_int(MP(epilogue, NULL), ECO_PARSE_OK, "multipart: epilogue ignored");
	is_int(ps.count, 1,
	    "multipart: nothing read after the close delimiter");
	is_int(MP(padding, NULL), ECO_PARSE_OK, "multipart: transport padding");
	is_int(ps.count, 2, "multipart: padding between parts");
	is_int(MP(casing, NULL), ECO_PARSE_OK,
	    "multipart: header and parameter names case-insensitive");
	ok(ps.count == 1 && strcmp(name_at(0), "x") == 0 &&
	    ps.items[0].filename != NULL &&
	    strcmp(ps.items[0].filename, "a.txt") == 0,
	    "multipart: bare parameter values");
	is_int(MP(escaped, NULL), ECO_PARSE_OK, "multipart: backslash escapes");
	is_str(name_at(0), "a\"b\\c", "multipart: escaped quote and backslash");
	is_int(MP(paths, NULL), ECO_PARSE_OK,
	    "multipart: file names with paths");
	is_str(ps.count == 3 ? ps.items[0].filename : NULL, "отчёт.pdf",
	    "multipart: Windows path reduced to its last component");
	is_str(ps.count == 3 ? ps.items[1].filename : NULL, "passwd",
	    "multipart: relative path reduced to its last component");
	ok(ps.count == 3 && ps.items[2].filename != NULL &&
	    strcmp(ps.items[2].filename, "") == 0 && ps.items[2].value_len == 0,
	    "multipart: empty filename kept as an empty file");
	is_int(MP(none, NULL), ECO_PARSE_OK, "multipart: no parts at all");
	is_int(ps.count, 0, "multipart: zero parts");
}

static void
test_multipart_malformed(void)
{
	static const char unclosed[] =
	    "--XyZ\r\n" CD "name=\"x\"\r\n\r\n1\r\n";
	static const char unclosed2[] =
	    "--XyZ\r\n" CD "name=\"x\"\r\n\r\n1\r\n--XyZ\r\n";
	static const char noblank[] =
	    "--XyZ\r\n" CD "name=\"x\"\r\n--XyZ--";
	static const char nobody[] =
	    "--XyZ\r\n" CD "name=\"x\"\r\n\r\n--XyZ--";
	static const char nodisp[] =
	    "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--";
	static const char noheaders[] = "--XyZ\r\n\r\n1\r\n--XyZ--";
	static const char nocolon[] =
	    "--XyZ\r\n" CD "name=\"x\"\r\nGarbage\r\n\r\n1\r\n--XyZ--";
	static const char spacename[] =
	    "--XyZ\r\nContent-Disposition : form-data; name=x\r\n"
	    "\r\n1\r\n--XyZ--";
	static const char noname[] =
	    "--XyZ\r\n" CD "filename=\"a.txt\"\r\n\r\n1\r\n--XyZ--";
	static const char emptyname[] =
	    "--XyZ\r\n" CD "name=\"\"\r\n\r\n1\r\n--XyZ--";
	static const char attachment[] =
	    "--XyZ\r\nContent-Disposition: attachment; name=x\r\n"
	    "\r\n1\r\n--XyZ--";
	static const char twodisp[] =
	    "--XyZ\r\n" CD "name=a\r\n" CD "name=b\r\n\r\n1\r\n--XyZ--";
	static const char twonames[] =
	    "--XyZ\r\n" CD "name=a; name=b\r\n\r\n1\r\n--XyZ--";
	static const char barelf[] =
	    "--XyZ\n" CD "name=\"x\"\n\n1\n--XyZ--";
	static const char lfinheader[] =
	    "--XyZ\r\n" CD "name=\"x\"\nX: y\r\n\r\n1\r\n--XyZ--";
	static const char badquote[] =
	    "--XyZ\r\n" CD "name=\"x\r\n\r\n1\r\n--XyZ--";
	static const char longer[] =
	    "--XyZ\r\n" CD "name=x\r\n\r\n1\r\n--XyZW\r\n\r\n--XyZ--";
	static const char nodelim[] = "just some text\r\n";
	static const char noprefix[] =
	    "x--XyZ\r\n" CD "name=x\r\n\r\n1\r\n--XyZ--";

	is_int(MP(unclosed, NULL), ECO_PARSE_MALFORMED,
	    "multipart: no delimiter after the last value");
	is_int(MP(unclosed2, NULL), ECO_PARSE_MALFORMED,
	    "multipart: no close delimiter");
	is_int(MP(noblank, NULL), ECO_PARSE_MALFORMED,
	    "multipart: headers without a blank line");
	is_int(MP(nobody, NULL), ECO_PARSE_MALFORMED,
	    "multipart: blank line but no CRLF before the delimiter");
	is_int(MP(nodisp, NULL), ECO_PARSE_MALFORMED,
	    "multipart: missing Content-Disposition");
	is_int(MP(noheaders, NULL), ECO_PARSE_MALFORMED,
	    "multipart: part without headers");
	is_int(MP(nocolon, NULL), ECO_PARSE_MALFORMED,
	    "multipart: header without a colon");
	is_int(MP(spacename, NULL), ECO_PARSE_MALFORMED,
	    "multipart: space before the colon");
	is_int(MP(noname, NULL), ECO_PARSE_MALFORMED,
	    "multipart: missing name");
	is_int(MP(emptyname, NULL), ECO_PARSE_MALFORMED,
	    "multipart: empty name");
	is_int(MP(attachment, NULL), ECO_PARSE_MALFORMED,
	    "multipart: disposition other than form-data");
	is_int(MP(twodisp, NULL), ECO_PARSE_MALFORMED,
	    "multipart: two Content-Disposition headers");
	is_int(MP(twonames, NULL), ECO_PARSE_MALFORMED, "multipart: two names");
	is_int(MP(barelf, NULL), ECO_PARSE_MALFORMED,
	    "multipart: bare LF line endings");
	is_int(MP(lfinheader, NULL), ECO_PARSE_MALFORMED,
	    "multipart: bare LF inside the header block");
	is_int(MP(badquote, NULL), ECO_PARSE_MALFORMED,
	    "multipart: unterminated quoted string");
	is_int(MP(longer, NULL), ECO_PARSE_MALFORMED,
	    "multipart: delimiter followed by other characters");
	is_int(MP(nodelim, NULL), ECO_PARSE_MALFORMED,
	    "multipart: no delimiter");
	is_int(MP(noprefix, NULL), ECO_PARSE_OK,
	    "multipart: a delimiter not at a line start is preamble");
	is_int(ps.count, 0,
	    "multipart: ... so only the close delimiter counts");
	fresh();
	is_int(eco_multipart_parse(arena, noheaders, sizeof(noheaders) - 1,
	    NULL, NULL, &ps), ECO_PARSE_MALFORMED, "multipart: NULL boundary");
	is_int(eco_multipart_parse(arena, noheaders, sizeof(noheaders) - 1,
	    "a\r\nb", NULL, &ps), ECO_PARSE_MALFORMED,
	    "multipart: invalid boundary");
	is_int(eco_multipart_parse(arena, NULL, 0, "XyZ", NULL, &ps),
	    ECO_PARSE_MALFORMED, "multipart: empty body");
}

static void
test_multipart_text(void)
{
	static const char badutf8[] =
	    "--XyZ\r\n" CD "name=x\r\n\r\nab\xc0\xaf\r\n--XyZ--";
	static const char nul[] =
	    "--XyZ\r\n" CD "name=x\r\n\r\na\0b\r\n--XyZ--";
	static const char badname[] =
	    "--XyZ\r\n" CD "name=\"a\xff\"\r\n\r\n1\r\n--XyZ--";
	static const char ctlname[] =
	    "--XyZ\r\n" CD "name=\"a\x01\"\r\n\r\n1\r\n--XyZ--";
	static const char badfile[] =
	    "--XyZ\r\n" CD "name=f; filename=\"a\xd0.txt\"\r\n\r\n1\r\n--XyZ--";
	static const char badtype[] =
	    "--XyZ\r\n" CD "name=x\r\nContent-Type: \x01\r\n\r\n1\r\n--XyZ--";
	static const char binfile[] =
	    "--XyZ\r\n" CD "name=f; filename=a.bin\r\n"
	    "\r\n\xff\0\xc0\x80\r\n--XyZ--";

	is_int(MP(badutf8, NULL), ECO_PARSE_BAD_TEXT,
	    "multipart: overlong UTF-8 in a text part");
	is_int(MP(nul, NULL), ECO_PARSE_BAD_TEXT,
	    "multipart: NUL in a text part");
	is_int(MP(badname, NULL), ECO_PARSE_BAD_TEXT,
	    "multipart: invalid UTF-8 in a name");
	is_int(MP(ctlname, NULL), ECO_PARSE_BAD_TEXT,
	    "multipart: control character in a name");
	is_int(MP(badfile, NULL), ECO_PARSE_BAD_TEXT,
	    "multipart: invalid UTF-8 in a filename");
	is_int(MP(badtype, NULL), ECO_PARSE_BAD_TEXT,
	    "multipart: control character in a content type");
	is_int(MP(binfile, NULL), ECO_PARSE_OK,
	    "multipart: file parts are binary");
	is_int(ps.count == 1 ? ps.items[0].value_len : 0, 4,
	    "multipart: binary length counts NUL bytes");
}

static void
test_multipart_limits(void)
{
	static const char three[] =
	    "--XyZ\r\n" CD "name=a\r\n\r\n1\r\n"
	    "--XyZ\r\n" CD "name=b\r\n\r\n2\r\n"
	    "--XyZ\r\n" CD "name=c\r\n\r\n3\r\n--XyZ--";
	static const char four[] =
	    "--XyZ\r\n" CD "name=a\r\n\r\n1\r\n"
	    "--XyZ\r\n" CD "name=b\r\n\r\n2\r\n"
	    "--XyZ\r\n" CD "name=c\r\n\r\n3\r\n"
	    "--XyZ\r\n" CD "name=d\r\n\r\n4\r\n--XyZ--";
	static const char name4[] =
	    "--XyZ\r\n" CD "name=abcd\r\n\r\n1\r\n--XyZ--";
	static const char name5[] =
	    "--XyZ\r\n" CD "name=abcde\r\n\r\n1\r\n--XyZ--";
	static const char value5[] =
	    "--XyZ\r\n" CD "name=a\r\n\r\n12345\r\n--XyZ--";
	static const char value6[] =
	    "--XyZ\r\n" CD "name=a\r\n\r\n123456\r\n--XyZ--";
	static const char file10[] = "--XyZ\r\n" CD "name=a; filename=f\r\n\r\n"
	    "0123456789\r\n--XyZ--";
	static const char file11[] = "--XyZ\r\n" CD "name=a; filename=f\r\n\r\n"
	    "0123456789A\r\n--XyZ--";
	struct eco_buf b;
	size_t pad;

	is_int(MP(three, &small), ECO_PARSE_OK, "multipart: max_fields parts");
	is_int(MP(four, &small), ECO_PARSE_TOO_MANY,
	    "multipart: max_fields + 1 parts");
	is_int(MP(name4, &small), ECO_PARSE_OK, "multipart: name at max_name");
	is_int(MP(name5, &small), ECO_PARSE_TOO_LONG,
	    "multipart: name one past max_name");
	is_int(MP(value5, &small), ECO_PARSE_OK,
	    "multipart: value at max_value");
	is_int(MP(value6, &small), ECO_PARSE_TOO_LONG,
	    "multipart: value one past max_value");
	is_int(MP(file10, &small), ECO_PARSE_OK, "multipart: file at max_file");
	is_int(MP(file11, &small), ECO_PARSE_FILE_TOO_LARGE,
	    "multipart: file one past max_file");

	/* A header block of exactly 8 KiB, then one byte more. */
	for (pad = 0; pad < 2; pad++) {
		static const char head[] = "--XyZ\r\n" CD "name=a\r\nX: ";
		size_t fill = 8192 - (sizeof(CD "name=a\r\nX: ") - 1) - 4 + pad;

		fresh();
		eco_buf_init(&b, arena);
		eco_buf_puts(&b, head);
		while (fill-- > 0)
			eco_buf_putc(&b, 'h');
		eco_buf_puts(&b, "\r\n\r\n1\r\n--XyZ--");
		is_int(eco_multipart_parse(arena, b.data, b.len, "XyZ", NULL,
		    &ps), pad ? ECO_PARSE_MALFORMED : ECO_PARSE_OK, pad ?
		    "multipart: header block over 8 KiB refused" :
		    "multipart: header block of 8 KiB accepted");
	}
}

/* Hostile bodies that would take quadratic time in a naive parser. */
static void
test_multipart_hostile(void)
{
	struct eco_buf b;
	clock_t start = clock();
	enum eco_parse_result r1, r2, r3;
	int i;

	fresh();
	eco_buf_init(&b, arena);
	for (i = 0; i < 200000; i++)
		eco_buf_puts(&b, "\r\n--XyY");
	eco_buf_puts(&b, "\r\n--XyZ\r\n" CD "name=x\r\n\r\n1\r\n--XyZ--");
	r1 = eco_multipart_parse(arena, b.data, b.len, "XyZ", NULL, &ps);

	eco_buf_init(&b, arena);
	eco_buf_puts(&b, "--XyZ\r\n" CD "name=f; filename=f\r\n\r\n");
	for (i = 0; i < 200000; i++)
		eco_buf_puts(&b, "\r\n--Xy\r\n\r\n");
	eco_buf_puts(&b, "\r\n--XyZ--");
	r2 = eco_multipart_parse(arena, b.data, b.len, "XyZ", NULL, &ps);

	eco_buf_init(&b, arena);
	eco_buf_puts(&b, "--XyZ\r\n");
	for (i = 0; i < 500000; i++)
		eco_buf_puts(&b, "X: y\r\n");
	r3 = eco_multipart_parse(arena, b.data, b.len, "XyZ", NULL, &ps);

	is_int(r1, ECO_PARSE_OK,
	    "multipart: 1.4 MB preamble of near-delimiters");
	is_int(r2, ECO_PARSE_OK, "multipart: 2 MB file of boundary prefixes");
	is_int(r3, ECO_PARSE_MALFORMED, "multipart: endless header block");
	ok(clock() - start < 5 * CLOCKS_PER_SEC,
	    "multipart: hostile bodies fast");
}

int
main(void)
{
	arena = eco_arena_new();
	test_urlencoded_basic();
	test_urlencoded_errors();
	test_urlencoded_text();
	test_urlencoded_limits();
	test_cookies();
	test_cookie_limits();
	test_json_parse();
	test_json_fields();
	test_multipart_boundary();
	test_multipart_basic();
	test_multipart_forms();
	test_multipart_malformed();
	test_multipart_text();
	test_multipart_limits();
	test_multipart_hostile();
	eco_arena_free(arena);
	return tap_done();
}
