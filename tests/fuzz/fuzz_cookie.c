/*
 * libFuzzer target for eco_cookies_parse().
 *
 * The parser never fails, so the checks are on what it keeps: token names,
 * single-line text values, the limits, and no ';' anywhere (a kept pair
 * never spans two cookies).
 */
#undef NDEBUG
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "cookie.h"
#include "params.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct eco_limits limits = {
	.max_fields = 8,
	.max_name = 16,
	.max_value = 32,
	.max_file = 0,
};

static void
check_name(const char *s)
{
	size_t i, n = strlen(s);

	assert(n > 0 && n <= limits.max_name);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		assert(c > 0x20 && c < 0x7f);
		assert(strchr("()<>@,;:\\\"/[]?={}", c) == NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct eco_arena *a;
	struct eco_params ps = { 0 };
	const char *header;
	size_t i;

	if (a == NULL)
		a = eco_arena_new();
	eco_arena_reset(a);
	/* A header is a C string: the input up to its first NUL. */
	header = eco_strndup(a, (const char *)data, size);
	eco_cookies_parse(a, header, &limits, &ps);
	assert(ps.count <= limits.max_fields);
	for (i = 0; i < ps.count; i++) {
		const struct eco_param *p = &ps.items[i];

		check_name(p->name);
		assert(p->value_len <= limits.max_value);
		assert(strlen(p->value) == p->value_len);
		assert(eco_text_valid(p->value, p->value_len, false));
		assert(strchr(p->value, ';') == NULL);
		assert(p->filename == NULL && p->content_type == NULL);
	}
	return 0;
}
