/*
 * JSON request bodies, parsed by jansson and owned by the request arena.
 *
 * jansson already refuses invalid UTF-8 and, unless asked otherwise,
 * \u0000; we also refuse duplicate keys, because two readers of the same
 * body (a proxy, a log tool, this code) could each pick a different one.
 */
#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "arena.h"
#include "buf.h"
#include "jsonbody.h"
#include "utf8.h"

static void
release_json(void *p)
{
	json_decref(p);
}

json_t *
eco_json_own(struct eco_arena *a, json_t *v)
{
	if (v != NULL)
		eco_arena_defer(a, release_json, v);
	return v;
}

/*
 * jansson's message may quote bytes of the body ("near 'xyz'"), which can be
 * anything.  The reason ends up in logs, HTML and JSON replies, so it is
 * reduced to printable ASCII here once.
 */
static const char *
clean_reason(struct eco_arena *a, const json_error_t *err)
{
	struct eco_buf b;
	size_t i;

	eco_buf_init(&b, a);
	if (err->line > 0 && err->column > 0)
		eco_buf_printf(&b, "invalid JSON at line %d, column %d: ",
		    err->line, err->column);
	else
		eco_buf_puts(&b, "invalid JSON: ");
	/* jansson's own wording names one of its flags; say it plainly. */
	if (json_error_code(err) == json_error_null_character) {
		eco_buf_puts(&b, "\\u0000 is not allowed in a string");
		return b.data;
	}
	for (i = 0; i < sizeof(err->text) && err->text[i] != '\0'; i++) {
		char c = err->text[i];

		eco_buf_putc(&b, c >= 0x20 && c < 0x7f ? c : '?');
	}
	return b.data;
}

/*
 * Parses a whole body that must be one JSON object.  Other top-level values
 * are accepted by jansson (JSON_DECODE_ANY) only so that "[1]" and "42" get
 * the clearer reason below rather than a syntax message.
 */
json_t *
eco_json_parse_object(struct eco_arena *a, const char *text, size_t len,
    const char **why)
{
	json_error_t err;
	json_t *v;
	const char *dummy;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	/* json_loadb() refuses a NULL buffer even when it is empty. */
	if (text == NULL)
		text = "";
	v = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &err);
	if (v == NULL) {
		*why = clean_reason(a, &err);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		*why = "the JSON body must be an object";
		return NULL;
	}
	return eco_json_own(a, v);
}

/*
 * JSON null counts as a missing key: clients commonly send it for an
 * optional field they leave empty.  *type_error is only ever set, never
 * cleared, so a caller can read several fields and check once.
 */
static json_t *
field(json_t *obj, const char *key)
{
	json_t *v;

	if (obj == NULL || !json_is_object(obj) || key == NULL)
		return NULL;
	v = json_object_get(obj, key);
	return json_is_null(v) ? NULL : v;
}

const char *
eco_json_string(json_t *obj, const char *key, bool *type_error)
{
	json_t *v = field(obj, key);
	const char *s;

	if (v == NULL)
		return NULL;
	if (json_is_string(v)) {
		/* The length, not strlen(): it also counts any embedded NUL. */
		s = json_string_value(v);
		if (eco_text_valid(s, json_string_length(v), true))
			return s;
	}
	if (type_error != NULL)
		*type_error = true;
	return NULL;
}

bool
eco_json_bool(json_t *obj, const char *key, bool dflt, bool *type_error)
{
	json_t *v = field(obj, key);

	if (v == NULL)
		return dflt;
	if (json_is_boolean(v))
		return json_is_true(v);
	if (type_error != NULL)
		*type_error = true;
	return dflt;
}

long long
eco_json_int(json_t *obj, const char *key, long long dflt, bool *type_error)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL || json_is_null(v))
		return dflt;
	if (!json_is_integer(v)) {
		if (type_error != NULL)
			*type_error = true;
		return dflt;
	}
	return (long long)json_integer_value(v);
}
