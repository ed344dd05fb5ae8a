/*
 * JSON request bodies (jansson) and small accessors for reading them.
 *
 * The parsed value is owned by the arena and released with it.  Duplicate
 * keys, invalid UTF-8 and \u0000 are refused.
 */
#ifndef ECO_JSONBODY_H
#define ECO_JSONBODY_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

struct eco_arena;

/* The parsed object, or NULL with a short English reason in *why. */
json_t	*eco_json_parse_object(struct eco_arena *, const char *, size_t,
	    const char **why);
/* Hands a jansson value to the arena: json_decref at reset.  Returns v. */
json_t	*eco_json_own(struct eco_arena *, json_t *v);

/*
 * Field readers.  A missing key gives the default (NULL / false); a key of
 * the wrong type also gives NULL and sets *type_error when that is non-NULL.
 */
const char *eco_json_string(json_t *obj, const char *key, bool *type_error);
bool	eco_json_bool(json_t *obj, const char *key, bool dflt, bool *type_error);
long long eco_json_int(json_t *obj, const char *key, long long dflt,
	    bool *type_error);

#endif
