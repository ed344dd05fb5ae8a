/*
 * eco_dbjson_parse against jansson's own reader: the same values for the
 * documents PostgreSQL makes and for random ones, NULL for everything
 * malformed.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dbjson.h"
#include "tap.h"

/* True when ours and jansson's reading of text are equal values. */
static bool
same_as_jansson(const char *text)
{
	json_t *ours = eco_dbjson_parse(text);
	json_t *theirs = json_loads(text, JSON_DECODE_ANY, NULL);
	bool same = ours != NULL && theirs != NULL && json_equal(ours, theirs);

	json_decref(ours);
	json_decref(theirs);
	return same;
}

static void
test_documents(void)
{
	/* As PostgreSQL writes them: json_build_object's spacing, and a
	 * court case's shape (courts.case_json, migration 013). */
	static const char court_case[] =
	    "{\"id\" : 82254, \"key\" : \"gen-82089\", \"source_lines\" : null, "
	    "\"title\" : {\"kk\" : \"Зауыт: экологиялық ақпаратты ұсынбау "
	    "(Шымкент)\", \"ru\" : \"Завод: непредоставление экологической "
	    "информации\"}, \"aarhus_applied\" : true, \"state_fee_exempt\" : "
	    "false, \"parties\" : [{\"role\" : \"claimant\", \"kind\" : \"ngo\", "
	    "\"name\" : {\"kk\" : \"«Таза өзен» ҚБ\", \"ru\" : \"ОО \\\"Чистая "
	    "река\\\"\"}}], \"amounts\" : [{\"value\" : 215.88, \"unit\" : "
	    "\"MCI\"}, {\"value\" : 1500000, \"unit\" : \"KZT\"}], "
	    "\"documents\" : []}";
	static const char timeline[] =
	    "[{\"type\" : \"received_redirect\", \"date\" : \"2026-02-12\", "
	    "\"deadline_code\" : null, \"met\" : null, \"data\" : {\"from_reg_no\":"
	    " \"MEPR-2026-01454\", \"from_request_id\": 447}}, {\"type\" : "
	    "\"answer\", \"met\" : true, \"data\" : {\"complete\": false}}]";
	static const char numbers[] =
	    "  [ 0, -0, 1, -1, 9223372036854775807, -9223372036854775808, "
	    "1.5, -2.25e3, 1E-2, 0.0 ]  ";
	static const char *docs[] = {
	    court_case, timeline, numbers,
	    "\"line one\\nline two\\ttab \\\\ \\/ \\b\\f\\r\"",
	    "\"\\u00e9\\u0416\\u20ac\\ud83d\\ude00 \\u001f\"",
	    "{\"a\":1,\"a\":2}",
	    "{\"\":\"\", \"\\u043a\\u043b\\u044e\\u0447\": [[], {}, [[]]]}",
	    "true", "false", "null", "\"\"", "[]", "{}",
	};
	size_t i;
	json_t *v;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		ok(same_as_jansson(docs[i]), docs[i]);
	v = eco_dbjson_parse("[18446744073709551616, 1e308]");
	ok(v != NULL && json_is_real(json_array_get(v, 0)) &&
	    json_real_value(json_array_get(v, 0)) > 1.8e19,
	    "an integer beyond 64 bits is read as a real (jansson refuses it)");
	json_decref(v);
	v = eco_dbjson_parse("{\"k\":\"Ә\"}");
	is_str(json_string_value(json_object_get(v, "k")), "Ә",
	    "a key and its value");
	json_decref(v);
}

static void
test_malformed(void)
{
	static const char *bad[] = {
	    "", " ", "{", "}", "[", "[1,]", "[,1]", "[1 2]", "{\"a\"}",
	    "{\"a\" 1}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "{\"a\":1",
	    "\"open", "\"\\u0000\"", "\"\\ud800\"", "\"\\ud800\\u0041\"",
	    "\"\\udc00\"", "\"\\u12\"", "\"\\uzzzz\"", "\"\\x\"", "\"\\",
	    "\"tab\there\"", "\"\xc3\x28\"", "\"\xed\xa0\x80\"", "\"\xff\"",
	    "\"\xd0\"", "\"\xc0\xaf\"", "\"\xe2\x82", "\"\xf0\x9f\x98",
	    "\"a\\n\xff\"", "\"\xd0\xb0\\t\xd0\"", "\"\\n\ttab\"",
	    "01", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "1e400",
	    "-1e400", "NaN", "Infinity", "tru", "nul", "falsey", "[1] x",
	    "{} {}", "[\"a\"]]", "'a'",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *v = eco_dbjson_parse(bad[i]);

		ok(v == NULL, bad[i]);
		json_decref(v);
	}
	ok(eco_dbjson_parse(NULL) == NULL, "NULL is no JSON");
}

static void
test_depth(void)
{
	char deep[2 * 66 + 1];
	json_t *v;
	int n;

	for (n = 64; n <= 65; n++) {
		memset(deep, '[', (size_t)n);
		memset(deep + n, ']', (size_t)n);
		deep[2 * n] = '\0';
		v = eco_dbjson_parse(deep);
		ok(n == 64 ? v != NULL : v == NULL, n == 64 ?
		    "64 levels are read" : "65 levels are refused");
		json_decref(v);
	}
}

/* --- random values ---------------------------------------------------- */

static uint64_t rng = 88172645463325252ULL;

static unsigned
below(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* A random valid UTF-8 string: ASCII, controls, Cyrillic, Kazakh, astral. */
static json_t *
random_string(void)
{
	static const char *pieces[] = { "a", "Z", " ", "\"", "\\", "/", "\n",
	    "\t", "\x01", "\x1f", "ә", "Ғ", "қ", "ж", "€", "😀", "\xc2\x80",
	    "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf", "{", "]", ":", "," };
	char buf[256];
	size_t len = 0, n = below(12), i, k;

	for (i = 0; i < n; i++) {
		const char *p = pieces[below(sizeof(pieces) / sizeof(pieces[0]))];

		k = strlen(p);
		memcpy(buf + len, p, k);
		len += k;
	}
	return json_stringn(buf, len);
}

static json_t *
random_value(int depth)
{
	json_t *v;
	unsigned i, n;

	switch (depth > 4 ? below(5) : below(7)) {
	case 0:
		return random_string();
	case 1:
		return json_integer((json_int_t)(rng >> below(64)) *
		    (below(2) ? 1 : -1));
	case 2:
		return json_real((double)(int)below(1000000) / 64.0 *
		    (below(2) ? 1e-5 : 1e12));
	case 3:
		return below(2) ? json_true() : json_false();
	case 4:
		return json_null();
	case 5:
		v = json_array();
		for (i = 0, n = below(5); i < n; i++)
			json_array_append_new(v, random_value(depth + 1));
		return v;
	default:
		v = json_object();
		for (i = 0, n = below(5); i < n; i++) {
			json_t *key = random_string();

			json_object_set_new(v, json_string_value(key),
			    random_value(depth + 1));
			json_decref(key);
		}
		return v;
	}
}

static void
test_random(void)
{
	int i, same = 0, n = 2000;

	for (i = 0; i < n; i++) {
		json_t *v = random_value(0), *back;
		/* Both the UTF-8 and the \u spelling of every string. */
		char *text = json_dumps(v, JSON_ENCODE_ANY |
		    (i % 2 ? JSON_ENSURE_ASCII : 0) | (i % 3 ? JSON_INDENT(1) : 0));

		back = eco_dbjson_parse(text);
		if (back != NULL && json_equal(back, v) && same_as_jansson(text))
			same++;
		else
			printf("# differs: %s\n", text);
		json_decref(back);
		json_decref(v);
		free(text);
	}
	is_int(same, n, "2000 random values read back as they were written");
}

int
main(void)
{
	test_documents();
	test_malformed();
	test_depth();
	test_random();
	return tap_done();
}
