/*
 * libFuzzer target for eco_json_parse_object() and the field readers.
 *
 * A refused body must come with a printable reason; an accepted one must be
 * an object whose string fields the readers hand out only as valid text,
 * and which survives being dumped and parsed again unchanged.
 */
#undef NDEBUG
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "jsonbody.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_reason(const char *why)
{
	size_t i;

	assert(why != NULL && why[0] != '\0');
	for (i = 0; why[i] != '\0'; i++)
		assert(why[i] >= 0x20 && why[i] < 0x7f);
}

static void
check_fields(json_t *o)
{
	const char *key, *s;
	json_t *v;
	bool bad;

	json_object_foreach(o, key, v) {
		bad = false;
		s = eco_json_string(o, key, &bad);
		if (s != NULL) {
			assert(json_is_string(v) && !bad);
			assert(strlen(s) == json_string_length(v));
			assert(eco_text_valid(s, strlen(s), true));
		} else
			assert(bad == !json_is_null(v));
		bad = false;
		(void)eco_json_bool(o, key, false, &bad);
		assert(bad == !(json_is_boolean(v) || json_is_null(v)));
	}
}

static void
check_round_trip(struct eco_arena *a, json_t *o)
{
	const char *why = NULL;
	char *dump = json_dumps(o, JSON_COMPACT);
	json_t *again;

	assert(dump != NULL);
	again = eco_json_parse_object(a, dump, strlen(dump), &why);
	assert(again != NULL && why == NULL);
	assert(json_equal(o, again));
	free(dump);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct eco_arena *a;
	const char *why = NULL;
	json_t *o;

	if (a == NULL)
		a = eco_arena_new();
	eco_arena_reset(a);
	o = eco_json_parse_object(a, (const char *)data, size, &why);
	if (o == NULL) {
		check_reason(why);
		return 0;
	}
	assert(why == NULL && json_is_object(o));
	check_fields(o);
	check_round_trip(a, o);
	return 0;
}
