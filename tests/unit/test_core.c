/* Unit tests of the arena, strings, escaping and UTF-8 validation. */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "log.h"
#include "params.h"
#include "utf8.h"
#include "tap.h"

static int cleaned;

static void
count_cleanup(void *p)
{
	cleaned += *(int *)p;
}

static void
test_arena(void)
{
	struct eco_arena *a = eco_arena_new();
	static int one = 1, ten = 10;
	char *big, *s;
	int i, round;

	s = eco_sprintf(a, "%s-%d", "x", 42);
	is_str(s, "x-42", "eco_sprintf formats into the arena");
	ok(((unsigned long)eco_alloc(a, 3) % 16) == 0, "allocations are aligned");
	big = eco_alloc(a, 1 << 20);
	memset(big, 'a', 1 << 20);
	for (i = 0; i < 10000; i++)
		eco_alloc(a, 100);
	ok(eco_arena_used(a) > (1 << 20), "arena counts what it handed out");
	eco_arena_defer(a, count_cleanup, &one);
	eco_arena_defer(a, count_cleanup, &ten);
	eco_arena_reset(a);
	is_int(cleaned, 11, "reset runs every deferred cleanup");
	is_int(eco_arena_used(a), 0, "reset empties the arena");
	s = eco_strdup(a, "after reset");
	is_str(s, "after reset", "arena is usable after reset");
	is_str(eco_strndup(a, "abcdef", 3), "abc", "eco_strndup stops at n");
	/* Standard blocks come back after a reset (spares), whole and
	 * separate: a second round of the same allocations neither overlaps
	 * nor loses what it wrote. */
	for (round = 0; round < 2; round++) {
		char *p[40];

		eco_arena_reset(a);
		for (i = 0; i < 40; i++) {
			p[i] = eco_alloc(a, 10000);
			memset(p[i], 'a' + i % 26, 10000);
		}
		for (i = 0; i < 40; i++)
			if (p[i][0] != 'a' + i % 26 || p[i][9999] != 'a' + i % 26)
				break;
		is_int(i, 40, round == 0 ? "400 KB over fresh blocks" :
		    "400 KB again over the spare blocks");
		is_int(eco_arena_used(a), 400000, "counted once");
	}
	eco_arena_free(a);
}

static void
test_buf(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_buf b;
	int i;

	eco_buf_init(&b, a);
	for (i = 0; i < 1000; i++)
		eco_buf_printf(&b, "%d,", i % 10);
	is_int(b.len, 2000, "buffer grows past its first capacity");
	ok(b.data[b.len] == '\0', "buffer stays NUL-terminated");
	eco_buf_clear(&b);
	eco_buf_puts(&b, "a");
	eco_buf_putc(&b, 'b');
	is_str(b.data, "ab", "clear then append");
	eco_buf_clear(&b);
	eco_buf_put_int(&b, 0);
	eco_buf_putc(&b, ' ');
	eco_buf_put_int(&b, -2026);
	eco_buf_putc(&b, ' ');
	eco_buf_put_int(&b, -9223372036854775807LL - 1);
	is_str(b.data, "0 -2026 -9223372036854775808",
	    "integers in decimal, the smallest too");
	eco_arena_free(a);
}

static void
test_html(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_buf b;

	eco_buf_init(&b, a);
	eco_html_escape_str(&b, "<a href=\"x\">'&'</a>");
	is_str(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
	    "every HTML special character is escaped");
	eco_buf_clear(&b);
	eco_url_encode(&b, "a b/ж?", strlen("a b/ж?"));
	is_str(b.data, "a%20b%2F%D0%B6%3F", "URL encoding of reserved and non-ASCII");
	eco_arena_free(a);
}

static void
test_utf8(void)
{
	ok(eco_utf8_valid("Қазақстан", strlen("Қазақстан")), "Kazakh text is valid");
	ok(!eco_utf8_valid("\xc0\xaf", 2), "overlong '/' is refused");
	ok(!eco_utf8_valid("\xe0\x80\xaf", 3), "three-byte overlong is refused");
	ok(!eco_utf8_valid("\xed\xa0\x80", 3), "surrogate is refused");
	ok(!eco_utf8_valid("\xf4\x90\x80\x80", 4), "above U+10FFFF is refused");
	ok(!eco_utf8_valid("\xd0", 1), "truncated sequence is refused");
	ok(!eco_utf8_valid("\x80", 1), "lone continuation byte is refused");
	ok(eco_utf8_valid("\xf0\x9f\x8c\xb3", 4), "four-byte emoji is valid");
	ok(eco_text_valid("a\tb", 3, false), "tab is allowed in text");
	ok(!eco_text_valid("a\nb", 3, false), "newline refused on one line");
	ok(eco_text_valid("a\r\nb", 4, true), "CRLF allowed in multiline text");
	ok(!eco_text_valid("a\0b", 3, true), "NUL is refused");
	ok(!eco_text_valid("\xc2\x85", 2, true), "C1 control is refused");
	is_int(eco_utf8_length("Қаз", strlen("Қаз")), 3, "length counts code points");
}

static void
test_params(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_params ps = { 0 };
	struct eco_param p = { 0 };
	char name[16];
	int i;

	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		p.name = eco_strdup(a, name);
		p.value = eco_sprintf(a, "v%d", i);
		eco_params_add(a, &ps, &p);
	}
	is_int(ps.count, 20, "params grow");
	is_str(eco_params_get(&ps, "n17"), "v17", "find by name");
	ok(eco_params_get(&ps, "missing") == NULL, "missing name is NULL");
	eco_arena_free(a);
}

static void
test_log_path(void)
{
	char out[64], tiny[8];

	eco_log_path("/kk/requests/follow/0123456789abcdef0123456789abcdef",
	    out, sizeof(out));
	is_str(out, "/kk/requests/follow/-", "a token in the path is not logged");
	eco_log_path("/ru/requests/unfollow/ABCDEF0123456789/x", out, sizeof(out));
	is_str(out, "/ru/requests/unfollow/-/x", "16 hex digits are a token too");
	eco_log_path("/ru/requests/123456789012345", out, sizeof(out));
	is_str(out, "/ru/requests/123456789012345", "an id of 15 digits stays");
	eco_log_path("/kk/requests/deadbeefdeadbeefx", out, sizeof(out));
	is_str(out, "/kk/requests/deadbeefdeadbeefx", "not all hex: stays");
	eco_log_path("//a//", out, sizeof(out));
	is_str(out, "//a//", "empty segments");
	eco_log_path("/abcdefghij", tiny, sizeof(tiny));
	is_str(tiny, "/abcdef", "cut to the room there is");
	out[0] = 'Z';
	eco_log_path("/x", out, 0);
	ok(out[0] == 'Z', "no room at all: nothing written");
}

int
main(void)
{
	test_arena();
	test_buf();
	test_html();
	test_utf8();
	test_params();
	test_log_path();
	return tap_done();
}
