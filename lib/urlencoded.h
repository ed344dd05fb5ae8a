/*
 * Query strings and application/x-www-form-urlencoded bodies.
 *
 * "a=1&b=x+y&c" gives a="1", b="x y", c="".  Empty pairs ("&&") are
 * skipped.  A bad percent escape is ECO_PARSE_MALFORMED; a decoded name or
 * value that is not eco_text_valid(multiline: true) is ECO_PARSE_BAD_TEXT.
 */
#ifndef ECO_URLENCODED_H
#define ECO_URLENCODED_H

#include <stddef.h>

#include "params.h"

struct eco_arena;

enum eco_parse_result eco_urlencoded_parse(struct eco_arena *, const char *,
	    size_t, const struct eco_limits *, struct eco_params *);

#endif
