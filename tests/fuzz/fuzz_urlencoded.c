/*
 * libFuzzer target for eco_urlencoded_parse().
 *
 * Whatever the input, the parser must not crash or read out of bounds, and
 * what it accepts must respect the limits and be valid text.  Accepted pairs,
 * percent-encoded again, must parse back to the same pairs: a difference
 * would mean two spellings that decode differently.
 */
#undef NDEBUG
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "params.h"
#include "urlencoded.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Small limits, so that the fuzzer reaches them. */
static const struct eco_limits limits = {
	.max_fields = 16,
	.max_name = 16,
	.max_value = 64,
	.max_file = 0,
};

static void
check_pairs(const struct eco_params *ps)
{
	size_t i;

	assert(ps->count <= limits.max_fields);
	for (i = 0; i < ps->count; i++) {
		const struct eco_param *p = &ps->items[i];
		size_t namelen = strlen(p->name);

		assert(namelen > 0 && namelen <= limits.max_name);
		assert(eco_text_valid(p->name, namelen, true));
		assert(p->value_len <= limits.max_value);
		assert(p->value[p->value_len] == '\0');
		assert(strlen(p->value) == p->value_len);
		assert(eco_text_valid(p->value, p->value_len, true));
		assert(p->filename == NULL && p->content_type == NULL);
	}
}

static void
check_round_trip(struct eco_arena *a, const struct eco_params *ps)
{
	struct eco_params again = { 0 };
	struct eco_buf b;
	size_t i;

	eco_buf_init(&b, a);
	for (i = 0; i < ps->count; i++) {
		const struct eco_param *p = &ps->items[i];

		if (i > 0)
			eco_buf_putc(&b, '&');
		eco_url_encode(&b, p->name, strlen(p->name));
		eco_buf_putc(&b, '=');
		eco_url_encode(&b, p->value, p->value_len);
	}
	assert(eco_urlencoded_parse(a, b.data, b.len, &limits, &again) ==
	    ECO_PARSE_OK);
	assert(again.count == ps->count);
	for (i = 0; i < ps->count; i++) {
		assert(strcmp(again.items[i].name, ps->items[i].name) == 0);
		assert(again.items[i].value_len == ps->items[i].value_len);
		assert(memcmp(again.items[i].value, ps->items[i].value,
		    ps->items[i].value_len) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct eco_arena *a;
	struct eco_params ps = { 0 };

	if (a == NULL)
		a = eco_arena_new();
	eco_arena_reset(a);
	if (eco_urlencoded_parse(a, (const char *)data, size, &limits, &ps) !=
	    ECO_PARSE_OK)
		return 0;
	check_pairs(&ps);
	check_round_trip(a, &ps);
	return 0;
}
