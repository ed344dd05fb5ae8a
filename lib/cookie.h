/*
 * The Cookie request header.
 *
 * Pairs that are not valid (no '=', bad characters, invalid UTF-8) are
 * skipped rather than refused: other applications on the same host may set
 * cookies we do not control, and a citizen must not be locked out by them.
 * Limits still apply: past max_fields the rest is ignored.
 */
#ifndef ECO_COOKIE_H
#define ECO_COOKIE_H

#include "params.h"

struct eco_arena;

void	eco_cookies_parse(struct eco_arena *, const char *header,
	    const struct eco_limits *, struct eco_params *);

#endif
